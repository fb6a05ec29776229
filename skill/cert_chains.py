"""Amazon's signing certificate chains: URL rules, download with timeout, LRU/TTL cache."""

from __future__ import annotations

import ssl
import threading
import time
import urllib.request
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

import certifi
from cryptography import x509

from skill.errors import AlexaVerificationError

CERT_URL_SCHEME = "https"
CERT_URL_HOST = "s3.amazonaws.com"
CERT_URL_PORT = 443
CERT_URL_PATH_PREFIX = "/echo.api/"
MAX_CHAIN_BYTES = 64 * 1024
"""Amazon's chains are a few KiB; anything bigger is not one."""

CertFetcher = Callable[[str, float], bytes]
"""Downloads the PEM chain at a URL within a timeout (seconds); raises on any failure."""


def check_cert_url(url: str) -> str:
    """Apply Amazon's `SignatureCertChainUrl` rules; returns the URL to fetch.

    https only; host `s3.amazonaws.com` (case-insensitive); port 443 if given; no user info;
    the path starts with `/echo.api/` (case-sensitive) and has no `.`/`..` segments, also when
    percent-encoded, so nothing can traverse out of the prefix.
    """
    if any(ch.isspace() or ch == "\\" or ord(ch) < 32 for ch in url):
        raise AlexaVerificationError("cert_url_invalid", "certificate URL has forbidden characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as err:
        raise AlexaVerificationError(
            "cert_url_invalid", "certificate URL cannot be parsed"
        ) from err
    if parts.scheme.lower() != CERT_URL_SCHEME:
        raise AlexaVerificationError("cert_url_scheme", "certificate URL must use https")
    if "@" in parts.netloc:
        raise AlexaVerificationError(
            "cert_url_userinfo", "certificate URL must not carry user info"
        )
    if (parts.hostname or "").lower() != CERT_URL_HOST:
        raise AlexaVerificationError("cert_url_host", f"certificate host must be {CERT_URL_HOST}")
    if port is not None and port != CERT_URL_PORT:
        raise AlexaVerificationError(
            "cert_url_port", f"certificate URL port must be {CERT_URL_PORT}"
        )
    path = unquote(parts.path)
    segments = path.split("/")[1:]
    if not path.startswith(CERT_URL_PATH_PREFIX) or any(s in (".", "..") for s in segments):
        raise AlexaVerificationError(
            "cert_url_path", f"certificate path must start with {CERT_URL_PATH_PREFIX}"
        )
    return url


def fetch_pem(url: str, timeout_s: float) -> bytes:
    """Default `CertFetcher`: HTTPS GET with certifi's roots, at most `MAX_CHAIN_BYTES`."""
    context = ssl.create_default_context(cafile=certifi.where())
    with urllib.request.urlopen(url, timeout=timeout_s, context=context) as response:  # noqa: S310
        data: bytes = response.read(MAX_CHAIN_BYTES + 1)
    if len(data) > MAX_CHAIN_BYTES:
        raise ValueError("certificate chain too large")
    return data


def parse_chain(pem: bytes) -> list[x509.Certificate]:
    """PEM bundle to certificates, leaf first."""
    try:
        chain = x509.load_pem_x509_certificates(pem)
    except ValueError as err:
        raise AlexaVerificationError("cert_parse_failed", "certificate chain is not PEM") from err
    if not chain:
        raise AlexaVerificationError("cert_parse_failed", "certificate chain is empty")
    return chain


class CertChainCache:
    """Parsed chains by URL; least recently used entries are dropped, entries expire after a TTL.

    Thread-safe: verification runs in worker threads.
    """

    def __init__(
        self,
        fetcher: CertFetcher = fetch_pem,
        *,
        timeout_s: float = 3.0,
        max_entries: int = 16,
        ttl_s: float = 6 * 3600,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetcher = fetcher
        self._timeout_s = timeout_s
        self._max_entries = max_entries
        self._ttl_s = ttl_s
        self._clock = clock
        self._entries: OrderedDict[str, tuple[float, list[x509.Certificate]]] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, url: str, pem: bytes) -> list[x509.Certificate]:
        """Store a chain and return it parsed (tests pre-fill the cache this way; no network)."""
        chain = parse_chain(pem)
        with self._lock:
            self._entries[url] = (self._clock() + self._ttl_s, chain)
            self._entries.move_to_end(url)
            while len(self._entries) > self._max_entries:
                self._entries.popitem(last=False)
        return chain

    def get(self, url: str) -> list[x509.Certificate]:
        """The chain at a URL already checked by `check_cert_url`, from cache or downloaded."""
        with self._lock:
            entry = self._entries.get(url)
            if entry is not None and entry[0] > self._clock():
                self._entries.move_to_end(url)
                return entry[1]
            self._entries.pop(url, None)
        try:
            pem = self._fetcher(url, self._timeout_s)
        except Exception as err:  # any network or HTTP failure is a verification failure
            raise AlexaVerificationError(
                "cert_fetch_failed", "could not download the signing certificate chain"
            ) from err
        return self.put(url, pem)

    def __len__(self) -> int:
        return len(self._entries)
