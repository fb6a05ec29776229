"""Verify that a request really comes from Alexa, for this skill, right now.

Implements Amazon's rules for skills hosted as web services, on `cryptography` (the SDK's own
`ask-sdk-webservice-support` depends on oscrypto, which fails to import on OpenSSL >= 3.0.10):

1. `SignatureCertChainUrl` points into `https://s3.amazonaws.com/echo.api/`;
2. the chain it names is valid now, chains to a trusted root, and the leaf's SAN has
   `echo-api.amazon.com`;
3. `Signature-256` is a base64 RSA PKCS#1 v1.5 SHA-256 signature of the raw body by that leaf
   (the legacy SHA-1 `Signature` header alone is not accepted);
4. `request.timestamp` is within the tolerance (150 s) of now, in both directions;
5. the application id in the envelope is this skill's (`check_skill_id`, which the endpoint also
   applies when verification is off).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import warnings
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import certifi
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from skill.cert_chains import CertChainCache, check_cert_url
from skill.errors import AlexaRequestError, AlexaVerificationError

CERT_URL_HEADER = "signaturecertchainurl"
SIGNATURE_256_HEADER = "signature-256"
LEGACY_SIGNATURE_HEADER = "signature"
ECHO_API_SAN = "echo-api.amazon.com"
_PEM_BLOCK = re.compile(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.DOTALL)


def load_certifi_roots() -> list[x509.Certificate]:
    """Mozilla's trusted roots as shipped by certifi; roots `cryptography` rejects are skipped.

    (Some roots have non-positive serial numbers, which `cryptography` deprecates: loading the
    bundle in one call would fail as a whole once that becomes an error.)
    """
    with open(certifi.where(), "rb") as bundle:
        blocks = _PEM_BLOCK.findall(bundle.read())
    roots = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CryptographyDeprecationWarning)
        for block in blocks:
            try:
                roots.append(x509.load_pem_x509_certificate(block))
            except ValueError:
                continue
    return roots


def parse_envelope(body: bytes) -> dict[str, Any]:
    """The JSON request envelope, or `AlexaRequestError("body_not_json")`."""
    try:
        envelope = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as err:  # RecursionError: arrays nested 3,000 deep
        raise AlexaRequestError("body_not_json", "request body is not JSON") from err
    if not isinstance(envelope, dict) or not isinstance(envelope.get("request"), dict):
        raise AlexaRequestError(
            "body_not_envelope", "request body is not an Alexa request envelope"
        )
    return envelope


class RequestVerifier:
    """Checks headers and raw body of one Alexa request; thread-safe, meant for a worker thread."""

    def __init__(
        self,
        skill_id: str,
        *,
        tolerance_s: float = 150,
        cache: CertChainCache | None = None,
        roots: Sequence[x509.Certificate] | None = None,
    ) -> None:
        if not skill_id:
            raise ValueError("skill_id is required")
        self.skill_id = skill_id
        self.tolerance_s = tolerance_s
        self.cache = cache if cache is not None else CertChainCache()
        """Certificate chains by URL; tests pre-fill it with `cache.put(url, pem)`."""
        self._store = Store(list(roots) if roots is not None else load_certifi_roots())

    def verify(
        self, headers: Mapping[str, str], body: bytes, now: datetime | None = None
    ) -> dict[str, Any]:
        """Run every check; returns the parsed envelope or raises `AlexaVerificationError`."""
        now = now or datetime.now(UTC)
        lowered = {key.lower(): value for key, value in headers.items()}
        cert_url = lowered.get(CERT_URL_HEADER)
        signature = lowered.get(SIGNATURE_256_HEADER)
        if not cert_url:
            raise AlexaVerificationError("missing_cert_url", "SignatureCertChainUrl header missing")
        if not signature:
            if lowered.get(LEGACY_SIGNATURE_HEADER):
                raise AlexaVerificationError(
                    "legacy_signature_only",
                    "only the SHA-1 Signature header was sent; Signature-256 is required",
                )
            raise AlexaVerificationError("missing_signature", "Signature-256 header missing")

        chain = self.cache.get(check_cert_url(cert_url))
        leaf = self._check_chain(chain, now)
        self._check_signature(leaf, signature, body)
        try:
            envelope = parse_envelope(body)
        except AlexaRequestError as err:
            raise AlexaVerificationError(err.code, err.message) from err
        self._check_timestamp(envelope, now)
        check_skill_id(envelope, self.skill_id)
        return envelope

    def _check_chain(self, chain: list[x509.Certificate], now: datetime) -> x509.Certificate:
        leaf, intermediates = chain[0], chain[1:]
        if now < leaf.not_valid_before_utc:
            raise AlexaVerificationError("cert_not_yet_valid", "signing certificate not valid yet")
        if now > leaf.not_valid_after_utc:
            raise AlexaVerificationError("cert_expired", "signing certificate expired")
        try:
            san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName)
            names = san.value.get_values_for_type(x509.DNSName)
        except x509.ExtensionNotFound:
            names = []
        if ECHO_API_SAN not in names:
            raise AlexaVerificationError(
                "cert_san_missing", f"signing certificate is not issued to {ECHO_API_SAN}"
            )
        verifier = (
            PolicyBuilder()
            .store(self._store)
            .time(now)
            .build_server_verifier(x509.DNSName(ECHO_API_SAN))
        )
        try:
            verifier.verify(leaf, intermediates)
        except VerificationError as err:
            raise AlexaVerificationError(
                "cert_untrusted", "signing certificate does not chain to a trusted root"
            ) from err
        return leaf

    @staticmethod
    def _check_signature(leaf: x509.Certificate, signature: str, body: bytes) -> None:
        try:
            raw = base64.b64decode(signature.strip(), validate=True)
        except (binascii.Error, ValueError) as err:
            raise AlexaVerificationError(
                "signature_encoding", "Signature-256 is not base64"
            ) from err
        key = leaf.public_key()
        if not isinstance(key, rsa.RSAPublicKey):
            raise AlexaVerificationError("cert_key_unsupported", "signing key is not RSA")
        try:
            key.verify(raw, body, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature as err:
            raise AlexaVerificationError(
                "signature_mismatch", "Signature-256 does not match the request body"
            ) from err

    def _check_timestamp(self, envelope: dict[str, Any], now: datetime) -> None:
        raw = envelope["request"].get("timestamp")
        try:
            stamp = datetime.fromisoformat(str(raw))
        except ValueError as err:
            raise AlexaVerificationError("timestamp_invalid", "request timestamp missing") from err
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=UTC)
        if abs((now - stamp).total_seconds()) > self.tolerance_s:
            raise AlexaVerificationError(
                "timestamp_out_of_range",
                f"request timestamp is more than {self.tolerance_s:g} s from now",
            )



def check_skill_id(envelope: dict[str, Any], skill_id: str) -> None:
    """Every application id in the envelope is `skill_id` (and there is one), as the ASK SDK
    checks whether or not signatures are verified."""
    ids = [
        _dig(envelope, "session", "application", "applicationId"),
        _dig(envelope, "context", "System", "application", "applicationId"),
    ]
    present = [value for value in ids if value is not None]
    if not present or any(value != skill_id for value in present):
        raise AlexaVerificationError("skill_id_mismatch", "request is not for this skill")


def _dig(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data
