"""Is an address this machine? The HTTP API and Wyoming trust loopback callers, nobody else."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def is_loopback_address(address: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and ::ffff:127.x; False for anything else, unparsable or missing."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def is_loopback_host(host: str) -> bool:
    """A bind host that only this machine can reach. `0.0.0.0`, `::` and names other than localhost are not."""
    host = host.strip().strip("[]").lower()
    return host == "localhost" or is_loopback_address(host)


def is_loopback_uri(uri: str) -> bool:
    """A Wyoming URI only this machine can reach: tcp:// on a loopback host, unix:// or stdio://."""
    parts = urlsplit(uri)
    if parts.scheme in ("unix", "stdio"):
        return True
    return is_loopback_host(parts.hostname or "")
