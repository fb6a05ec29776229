"""Where `emma serve --wyoming` may listen. The Wyoming protocol has no authentication at all."""

from __future__ import annotations

from urllib.parse import urlsplit

from fulfillment.apps.loopback import is_loopback_uri
from fulfillment.domain.errors import BadInput

DEFAULT_URI = "tcp://127.0.0.1:10300"
"""A bare `--wyoming`: this machine only (Home Assistant on the same host)."""


def check_uri(uri: str) -> str | None:
    """Refuses a URI the server could not bind; returns a warning when other machines can reach it."""
    parts = urlsplit(uri)
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme not in ("tcp", "unix", "stdio") or (parts.scheme == "tcp" and (not parts.hostname or not port)):
        raise BadInput(f"--wyoming takes tcp://HOST:PORT, unix:///PATH or stdio://, not '{uri}'.",
                       code="bad_wyoming_uri")
    if is_loopback_uri(uri):
        return None
    return (f"Wyoming has no authentication: anyone who can reach {uri} can use Emma's speech recognition "
            f"and synthesis. Serve it on {DEFAULT_URI} (a bare --wyoming) unless a firewall keeps others out.")
