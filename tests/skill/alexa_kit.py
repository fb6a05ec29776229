"""Helpers of the Alexa tests: a private CA that signs like Amazon, request envelopes, fakes.

Imported as `tests.skill.alexa_kit`; the session-wide private CA is the `authority` fixture.
"""

from __future__ import annotations

import asyncio
import base64
import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from fulfillment.domain.turns import TurnRequest, TurnResult
from skill.accounts import InMemoryAlexaAccounts
from skill.cert_chains import CertChainCache
from skill.config import AlexaConfig
from skill.verification import RequestVerifier
from skill.web import setup_alexa

DATA = Path(__file__).parents[1] / "data" / "alexa"
SKILL_ID = "amzn1.ask.skill.0a1b2c3d-0000-4000-8000-000000000001"
CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem"


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _ca(common: str, key: rsa.RSAPrivateKey) -> x509.Certificate:
    now = datetime.now(UTC)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    return (
        x509.CertificateBuilder()
        .subject_name(_name(common))
        .issuer_name(_name(common))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=30))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .sign(key, hashes.SHA256())
    )


def _leaf(
    ca: x509.Certificate,
    ca_key: rsa.RSAPrivateKey,
    key: rsa.RSAPrivateKey,
    *,
    san: str | None = "echo-api.amazon.com",
    not_before: timedelta = timedelta(days=-1),
    not_after: timedelta = timedelta(days=90),
) -> x509.Certificate:
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name("echo-api.amazon.com"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + not_before)
        .not_valid_after(now + not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
    )
    if san is not None:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(san)]), critical=False
        )
    return builder.sign(ca_key, hashes.SHA256())


def _pem(*certs: x509.Certificate) -> bytes:
    return b"".join(cert.public_bytes(serialization.Encoding.PEM) for cert in certs)


@dataclass
class SigningAuthority:
    """A private Amazon look-alike: a trusted root, and leaves that sign request bodies."""

    root: x509.Certificate
    root_key: rsa.RSAPrivateKey
    leaf_key: rsa.RSAPrivateKey
    chains: dict[str, bytes] = field(default_factory=dict)
    """PEM chain per kind: good, no_san, expired, untrusted."""

    def sign(self, body: bytes) -> str:
        return base64.b64encode(
            self.leaf_key.sign(body, padding.PKCS1v15(), hashes.SHA256())
        ).decode()

    def sign_sha1(self, body: bytes) -> str:
        return base64.b64encode(
            self.leaf_key.sign(body, padding.PKCS1v15(), hashes.SHA1())
        ).decode()

    def headers(self, body: bytes, url: str = CERT_URL) -> dict[str, str]:
        return {
            "SignatureCertChainUrl": url,
            "Signature-256": self.sign(body),
            "Content-Type": "application/json",
        }

    def cache(self, **urls: str) -> CertChainCache:
        """A cache pre-filled with the good chain at CERT_URL and `kind=url` extras; no network."""

        def offline(url: str, timeout_s: float) -> bytes:
            raise OSError(f"no network in tests: {url}")

        cache = CertChainCache(offline)
        cache.put(CERT_URL, self.chains["good"])
        for kind, url in urls.items():
            cache.put(url, self.chains[kind])
        return cache

    def verifier(self, **urls: str) -> RequestVerifier:
        return RequestVerifier(SKILL_ID, cache=self.cache(**urls), roots=[self.root])


def make_authority() -> SigningAuthority:
    root_key, leaf_key, other_key = _key(), _key(), _key()
    root = _ca("Emma Test Root CA", root_key)
    other_root = _ca("Untrusted Root CA", other_key)
    chains = {
        "good": _pem(_leaf(root, root_key, leaf_key)),
        "no_san": _pem(_leaf(root, root_key, leaf_key, san="shop.example.com")),
        "expired": _pem(
            _leaf(
                root,
                root_key,
                leaf_key,
                not_before=timedelta(days=-60),
                not_after=timedelta(days=-1),
            )
        ),
        "untrusted": _pem(_leaf(other_root, other_key, leaf_key)),
    }
    return SigningAuthority(root=root, root_key=root_key, leaf_key=leaf_key, chains=chains)


def load_envelope(name: str, **request_fields: Any) -> dict[str, Any]:
    """A fixture envelope with a fresh timestamp (and request fields overridden)."""
    envelope = json.loads((DATA / name).read_text())
    envelope = copy.deepcopy(envelope)
    envelope["request"]["timestamp"] = iso_now()
    envelope["request"].update(request_fields)
    return envelope


def iso_now(offset_s: float = 0) -> str:
    stamp = datetime.now(UTC) + timedelta(seconds=offset_s)
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def body_of(envelope: dict[str, Any]) -> bytes:
    return json.dumps(envelope, indent=1).encode()


def turn_result(action: str, reply: str, **fields: Any) -> TurnResult:
    return TurnResult(
        session_id="s",
        turn_id="t1",
        transcript="",
        intent={"name": action, "confidence": 1.0},
        entities=[],
        action=action,
        reply=reply,
        **fields,
    )


class FakeTurns:
    """A `TurnHandler` answering from a script: one result per call (the last one repeats)."""

    def __init__(self, *results: TurnResult, delay_s: float = 0.0) -> None:
        self.results = list(results) or [turn_result("answer", "Okay.")]
        self.delay_s = delay_s
        self.requests: list[TurnRequest] = []

    async def handle(self, request: TurnRequest) -> TurnResult:
        self.requests.append(request)
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        index = min(len(self.requests), len(self.results)) - 1
        return self.results[index]


class RecordingProgressive:
    """A `ProgressiveSender` that records directives instead of POSTing them."""

    def __init__(self) -> None:
        self.sent: list[Any] = []

    async def send(self, directive: Any) -> None:
        self.sent.append(directive)


@dataclass
class SkillRig:
    """The skill wired to fakes, called like the aiohttp view calls it (in a worker thread)."""

    endpoint: Any
    turns: Any
    progressive: RecordingProgressive
    config: Any
    transcripts: list[Any] = field(default_factory=list)

    async def ask(self, envelope: dict[str, Any]) -> dict[str, Any]:
        return await asyncio.to_thread(
            self.endpoint.verify_request_and_dispatch, {}, body_of(envelope)
        )


async def make_rig(
    tmp_path: Path,
    turns: Any,
    *,
    accounts: Any = None,
    **config_fields: Any,
) -> SkillRig:
    """`turns` is any `TurnHandler`: a `FakeTurns`, or the real conversation core."""
    from skill.accounts import InMemoryAlexaAccounts
    from skill.config import AlexaConfig
    from skill.conversation import AlexaConversation
    from skill.dispatch import AlexaEndpoint
    from skill.handlers import build_skill
    from skill.turn_runner import TurnRunner

    loop = asyncio.get_running_loop()
    config = AlexaConfig(
        skill_id=SKILL_ID, verify=False, **config_fields
    )
    accounts = accounts or InMemoryAlexaAccounts()
    progressive = RecordingProgressive()
    conversation = AlexaConversation(
        runner=TurnRunner(turns, loop, progressive),
        accounts=accounts,
        config=config,
    )
    transcripts: list[Any] = []
    skill = build_skill(conversation, transcripts.append)
    endpoint = AlexaEndpoint(skill, config, None)
    return SkillRig(endpoint, turns, progressive, config, transcripts)


def intent_envelope(name: str, slots: dict[str, str] | None = None, **session_attributes: Any):
    """intent_search.json turned into another intent (fresh requestId and timestamp)."""
    import uuid

    envelope = load_envelope("intent_search.json")
    envelope["request"]["requestId"] = f"amzn1.echo-api.request.{uuid.uuid4()}"
    envelope["request"]["intent"] = {"name": name, "confirmationStatus": "NONE"}
    if slots is not None:
        envelope["request"]["intent"]["slots"] = {
            slot: {"name": slot, "value": value, "confirmationStatus": "NONE"}
            for slot, value in slots.items()
        }
    envelope["session"]["attributes"] = dict(session_attributes)
    return envelope


# Forged requests: each must fail verification with its own code.

OTHER_URLS = {
    "no_san": "https://s3.amazonaws.com/echo.api/no-san.pem",
    "expired": "https://s3.amazonaws.com/echo.api/expired.pem",
    "untrusted": "https://s3.amazonaws.com/echo.api/untrusted.pem",
}

Case = Callable[[SigningAuthority, dict[str, Any]], tuple[dict[str, str], bytes]]


def signed(authority: SigningAuthority, envelope: dict[str, Any], url: str = CERT_URL):
    body = body_of(envelope)
    return authority.headers(body, url), body


def _legacy_only(authority, envelope):
    body = body_of(envelope)
    return {"SignatureCertChainUrl": CERT_URL, "Signature": authority.sign_sha1(body)}, body


def _one_byte_changed(authority, envelope):
    headers, body = signed(authority, envelope)
    index = body.index(b"IntentRequest")
    return headers, body[:index] + b"i" + body[index + 1 :]


def _url(url: str) -> Case:
    return lambda authority, envelope: signed(authority, envelope, url)


def _timestamp(offset_s: float) -> Case:
    def case(authority, envelope):
        envelope["request"]["timestamp"] = iso_now(offset_s)
        return signed(authority, envelope)

    return case


def _skill_id(authority, envelope):
    envelope["session"]["application"]["applicationId"] = "amzn1.ask.skill.someone-else"
    return signed(authority, envelope)


def _context_skill_id(authority, envelope):
    envelope["context"]["System"]["application"]["applicationId"] = "amzn1.ask.skill.other"
    return signed(authority, envelope)


def _bad_base64(authority, envelope):
    headers, body = signed(authority, envelope)
    headers["Signature-256"] = "not base64 at all!"
    return headers, body


def _no_headers(authority, envelope):
    return {}, body_of(envelope)


def _no_signature(authority, envelope):
    headers, body = signed(authority, envelope)
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
    (
        "http scheme",
        _url("http://s3.amazonaws.com/echo.api/echo-api-cert-12.pem"),
        "cert_url_scheme",
    ),
    ("other host", _url("https://notamazon.com/echo.api/echo-api-cert-12.pem"), "cert_url_host"),
    (
        "port 563",
        _url("https://s3.amazonaws.com:563/echo.api/echo-api-cert-12.pem"),
        "cert_url_port",
    ),
    ("path case", _url("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert-12.pem"), "cert_url_path"),
    ("path traversal", _url("https://s3.amazonaws.com/echo.api/../x"), "cert_url_path"),
    ("encoded traversal", _url("https://s3.amazonaws.com/echo.api/%2e%2e/x"), "cert_url_path"),
    ("no prefix", _url("https://s3.amazonaws.com/cert.pem"), "cert_url_path"),
    (
        "userinfo host trick",
        _url("https://s3.amazonaws.com@evil.com/echo.api/"),
        "cert_url_userinfo",
    ),
    (
        "userinfo before real host",
        _url("https://evil@s3.amazonaws.com/echo.api/c.pem"),
        "cert_url_userinfo",
    ),
    (
        "backslash trick",
        _url("https://evil.com\\@s3.amazonaws.com/echo.api/c.pem"),
        "cert_url_invalid",
    ),
    (
        "uncached chain, offline",
        _url("https://s3.amazonaws.com/echo.api/unknown.pem"),
        "cert_fetch_failed",
    ),
    ("timestamp 151 s old", _timestamp(-151), "timestamp_out_of_range"),
    ("timestamp 151 s ahead", _timestamp(151), "timestamp_out_of_range"),
    ("wrong skill id", _skill_id, "skill_id_mismatch"),
    ("wrong skill id in context", _context_skill_id, "skill_id_mismatch"),
    ("signature not base64", _bad_base64, "signature_encoding"),
    ("no headers", _no_headers, "missing_cert_url"),
    ("no signature header", _no_signature, "missing_signature"),
    ("signed body not JSON", _not_json, "body_not_json"),
]


def alexa_app(turns: FakeTurns, config: AlexaConfig, verifier: RequestVerifier | None = None) -> web.Application:
    """An aiohttp app serving only `POST /alexa`, with test doubles for accounts and progress."""
    app = web.Application()
    setup_alexa(app, turns, InMemoryAlexaAccounts(), config, verifier,
                progressive=RecordingProgressive())
    return app
