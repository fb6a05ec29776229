"""Amazon's request verification rules, each bad case failing with its own code; no network."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from skill.cert_chains import CertChainCache, check_cert_url
from skill.errors import AlexaVerificationError
from skill.verification import RequestVerifier
from tests.skill.alexa_kit import (
    BAD_CASES,
    CERT_URL,
    OTHER_URLS,
    SKILL_ID,
    Case,
    SigningAuthority,
    load_envelope,
    signed,
)


@pytest.mark.parametrize(
    ("case", "code"), [c[1:] for c in BAD_CASES], ids=[c[0] for c in BAD_CASES]
)
def test_bad_request_fails_with_its_code(authority: SigningAuthority, case: Case, code: str):
    verifier = authority.verifier(**OTHER_URLS)
    headers, body = case(authority, load_envelope("intent_search.json"))

    with pytest.raises(AlexaVerificationError) as caught:
        verifier.verify(headers, body)

    assert caught.value.code == code


def test_valid_request_passes_and_returns_the_envelope(authority: SigningAuthority):
    envelope = load_envelope("intent_search.json")
    headers, body = signed(authority, envelope)

    parsed = authority.verifier().verify(headers, body)

    assert parsed["request"]["requestId"] == envelope["request"]["requestId"]


@pytest.mark.parametrize("offset_s", [-150, 150, -1, 0])
def test_timestamps_within_150_s_pass(authority: SigningAuthority, offset_s: int):
    envelope = load_envelope("launch.json")
    stamp = datetime.now(UTC).replace(microsecond=0)
    envelope["request"]["timestamp"] = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    headers, body = signed(authority, envelope)

    authority.verifier().verify(headers, body, now=stamp + timedelta(seconds=-offset_s))


def test_header_names_are_case_insensitive(authority: SigningAuthority):
    headers, body = signed(authority, load_envelope("launch.json"))
    lowered = {key.lower(): value for key, value in headers.items()}

    authority.verifier().verify(lowered, body)


@pytest.mark.parametrize(
    "url",
    [
        "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem",
        "https://S3.AmazonAWS.com/echo.api/echo-api-cert-12.pem",
        "HTTPS://s3.amazonaws.com:443/echo.api/echo-api-cert-12.pem",
    ],
)
def test_allowed_cert_urls(url: str):
    assert check_cert_url(url) == url


def test_chain_is_downloaded_once_then_cached(authority: SigningAuthority):
    fetched: list[tuple[str, float]] = []

    def fetcher(url: str, timeout_s: float) -> bytes:
        fetched.append((url, timeout_s))
        return authority.chains["good"]

    verifier = RequestVerifier(
        SKILL_ID, cache=CertChainCache(fetcher, timeout_s=2.5), roots=[authority.root]
    )
    for _ in range(3):
        headers, body = signed(authority, load_envelope("launch.json"))
        verifier.verify(headers, body)

    assert fetched == [(CERT_URL, 2.5)]


def test_cache_is_bounded_and_expires(authority: SigningAuthority):
    now = [0.0]
    cache = CertChainCache(
        lambda url, t: authority.chains["good"], max_entries=2, ttl_s=10, clock=lambda: now[0]
    )
    for name in ("a", "b", "c"):
        cache.get(f"https://s3.amazonaws.com/echo.api/{name}.pem")
    assert len(cache) == 2

    calls: list[str] = []
    cache._fetcher = lambda url, t: calls.append(url) or authority.chains["good"]
    now[0] = 11.0
    cache.get("https://s3.amazonaws.com/echo.api/c.pem")
    assert calls == ["https://s3.amazonaws.com/echo.api/c.pem"]


def test_garbage_pem_is_a_coded_error():
    cache = CertChainCache(lambda url, t: b"-----BEGIN NOTHING-----")

    with pytest.raises(AlexaVerificationError) as caught:
        cache.get(CERT_URL)

    assert caught.value.code == "cert_parse_failed"
