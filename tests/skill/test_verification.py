"""Amazon's request verification rules, each bad case failing with its own code; no network."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from alexa_kit import CERT_URL, SKILL_ID, SigningAuthority, body_of, iso_now, load_envelope

from skill.cert_chains import CertChainCache, check_cert_url
from skill.errors import AlexaVerificationError
from skill.verification import RequestVerifier

OTHER_URLS = {
    "no_san": "https://s3.amazonaws.com/echo.api/no-san.pem",
    "expired": "https://s3.amazonaws.com/echo.api/expired.pem",
    "untrusted": "https://s3.amazonaws.com/echo.api/untrusted.pem",
}

Case = Callable[[SigningAuthority, dict[str, Any]], tuple[dict[str, str], bytes]]


def _signed(authority: SigningAuthority, envelope: dict[str, Any], url: str = CERT_URL):
    body = body_of(envelope)
    return authority.headers(body, url), body


def _legacy_only(authority, envelope):
    body = body_of(envelope)
    return {"SignatureCertChainUrl": CERT_URL, "Signature": authority.sign_sha1(body)}, body


def _one_byte_changed(authority, envelope):
    headers, body = _signed(authority, envelope)
    index = body.index(b"IntentRequest")
    return headers, body[:index] + b"i" + body[index + 1 :]


def _url(url: str) -> Case:
    return lambda authority, envelope: _signed(authority, envelope, url)


def _timestamp(offset_s: float) -> Case:
    def case(authority, envelope):
        envelope["request"]["timestamp"] = iso_now(offset_s)
        return _signed(authority, envelope)

    return case


def _skill_id(authority, envelope):
    envelope["session"]["application"]["applicationId"] = "amzn1.ask.skill.someone-else"
    return _signed(authority, envelope)


def _context_skill_id(authority, envelope):
    envelope["context"]["System"]["application"]["applicationId"] = "amzn1.ask.skill.other"
    return _signed(authority, envelope)


def _bad_base64(authority, envelope):
    headers, body = _signed(authority, envelope)
    headers["Signature-256"] = "not base64 at all!"
    return headers, body


def _no_headers(authority, envelope):
    return {}, body_of(envelope)


def _no_signature(authority, envelope):
    headers, body = _signed(authority, envelope)
    del headers["Signature-256"]
    return headers, body


def _not_json(authority, envelope):
    body = b"{not json"
    return authority.headers(body), body


BAD_CASES: list[tuple[str, Case, str]] = [
    ("legacy Signature header only", _legacy_only, "legacy_signature_only"),
    ("body changed by one byte", _one_byte_changed, "signature_mismatch"),
    ("untrusted chain", _url(OTHER_URLS["untrusted"]), "cert_untrusted"),
    ("leaf without echo-api SAN", _url(OTHER_URLS["no_san"]), "cert_san_missing"),
    ("expired leaf", _url(OTHER_URLS["expired"]), "cert_expired"),
    ("http scheme", _url("http://s3.amazonaws.com/echo.api/echo-api-cert-12.pem"),
     "cert_url_scheme"),
    ("other host", _url("https://notamazon.com/echo.api/echo-api-cert-12.pem"), "cert_url_host"),
    ("port 563", _url("https://s3.amazonaws.com:563/echo.api/echo-api-cert-12.pem"),
     "cert_url_port"),
    ("path case", _url("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert-12.pem"), "cert_url_path"),
    ("path traversal", _url("https://s3.amazonaws.com/echo.api/../x"), "cert_url_path"),
    ("encoded traversal", _url("https://s3.amazonaws.com/echo.api/%2e%2e/x"), "cert_url_path"),
    ("no prefix", _url("https://s3.amazonaws.com/cert.pem"), "cert_url_path"),
    ("userinfo host trick", _url("https://s3.amazonaws.com@evil.com/echo.api/"),
     "cert_url_userinfo"),
    ("userinfo before real host", _url("https://evil@s3.amazonaws.com/echo.api/c.pem"),
     "cert_url_userinfo"),
    ("backslash trick", _url("https://evil.com\\@s3.amazonaws.com/echo.api/c.pem"),
     "cert_url_invalid"),
    ("uncached chain, offline", _url("https://s3.amazonaws.com/echo.api/unknown.pem"),
     "cert_fetch_failed"),
    ("timestamp 151 s old", _timestamp(-151), "timestamp_out_of_range"),
    ("timestamp 151 s ahead", _timestamp(151), "timestamp_out_of_range"),
    ("wrong skill id", _skill_id, "skill_id_mismatch"),
    ("wrong skill id in context", _context_skill_id, "skill_id_mismatch"),
    ("signature not base64", _bad_base64, "signature_encoding"),
    ("no headers", _no_headers, "missing_cert_url"),
    ("no signature header", _no_signature, "missing_signature"),
    ("signed body not JSON", _not_json, "body_not_json"),
]


@pytest.mark.parametrize(("case", "code"), [c[1:] for c in BAD_CASES], ids=[c[0] for c in BAD_CASES])
def test_bad_request_fails_with_its_code(authority: SigningAuthority, case: Case, code: str):
    verifier = authority.verifier(**OTHER_URLS)
    headers, body = case(authority, load_envelope("intent_search.json"))

    with pytest.raises(AlexaVerificationError) as caught:
        verifier.verify(headers, body)

    assert caught.value.code == code


def test_valid_request_passes_and_returns_the_envelope(authority: SigningAuthority):
    envelope = load_envelope("intent_search.json")
    headers, body = _signed(authority, envelope)

    parsed = authority.verifier().verify(headers, body)

    assert parsed["request"]["requestId"] == envelope["request"]["requestId"]


@pytest.mark.parametrize("offset_s", [-150, 150, -1, 0])
def test_timestamps_within_150_s_pass(authority: SigningAuthority, offset_s: int):
    envelope = load_envelope("launch.json")
    stamp = datetime.now(UTC).replace(microsecond=0)
    envelope["request"]["timestamp"] = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    headers, body = _signed(authority, envelope)

    authority.verifier().verify(headers, body, now=stamp + timedelta(seconds=-offset_s))


def test_header_names_are_case_insensitive(authority: SigningAuthority):
    headers, body = _signed(authority, load_envelope("launch.json"))
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
        headers, body = _signed(authority, load_envelope("launch.json"))
        verifier.verify(headers, body)

    assert fetched == [(CERT_URL, 2.5)]


def test_cache_is_bounded_and_expires(authority: SigningAuthority):
    now = [0.0]
    cache = CertChainCache(lambda url, t: authority.chains["good"], max_entries=2, ttl_s=10,
                           clock=lambda: now[0])
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
