"""Which addresses are this machine."""

from __future__ import annotations

import pytest

from fulfillment.apps.loopback import is_loopback_address, is_loopback_host, is_loopback_uri


@pytest.mark.parametrize(("address", "loopback"), [
    ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("::ffff:127.0.0.1", True),
    ("10.0.0.2", False), ("192.168.1.20", False), ("::ffff:10.0.0.2", False), ("fe80::1%eth0", False),
    ("", False), (None, False), ("localhost", False), ("not an address", False),
])
def test_loopback_addresses(address, loopback):
    assert is_loopback_address(address) is loopback


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("localhost", True), ("LOCALHOST", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("::", False), ("", False), ("192.168.1.20", False), ("emma.example.com", False),
])
def test_loopback_bind_hosts(host, loopback):
    assert is_loopback_host(host) is loopback


@pytest.mark.parametrize(("uri", "loopback"), [
    ("tcp://127.0.0.1:10300", True), ("tcp://localhost:10300", True), ("tcp://[::1]:10300", True),
    ("unix:///run/emma.sock", True), ("stdio://", True),
    ("tcp://0.0.0.0:10300", False), ("tcp://[::]:10300", False), ("tcp://192.168.1.20:10300", False),
])
def test_loopback_wyoming_uris(uri, loopback):
    assert is_loopback_uri(uri) is loopback
