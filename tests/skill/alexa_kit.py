"""Helpers of the Alexa tests: a private CA that signs like Amazon, request envelopes, fakes.

Imported by name (`from alexa_kit import ...`); `conftest.py` puts this folder on `sys.path`.
"""

from __future__ import annotations

import asyncio
import base64
import copy
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from fulfillment.turns import TurnRequest, TurnResult
from skill.cert_chains import CertChainCache
from skill.verification import RequestVerifier

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
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False,
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
            _leaf(root, root_key, leaf_key, not_before=timedelta(days=-60),
                  not_after=timedelta(days=-1))
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
        session_id="s", turn_id="t1", transcript="", intent={"name": action, "confidence": 1.0},
        entities=[], action=action, reply=reply, **fields,
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
