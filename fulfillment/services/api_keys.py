"""API keys: made and shown once here, checked on every API request, stored only as a hash."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime

from fulfillment.adapters.sqlite.api_keys import ApiKey, ApiKeyRepository
from fulfillment.domain.errors import BadInput, EmmaError, NotFound

SCOPES = ("turns", "catalog", "orders")
"""turns: POST /api/v1/turn and its reply audio; catalog: GET /api/v1/products; orders: GET /api/v1/orders/{id}."""

KEY_START = "emma_"
"""Every key starts so: secret scanners and people can tell what a leaked string is."""
PREFIX_CHARS = len(KEY_START) + 8
"""Characters of a key shown in listings; the remaining 35 keep more than 200 random bits secret."""
_NAME = re.compile(r"[A-Za-z0-9._-]{1,64}")


class NotAuthenticated(EmmaError):
    """No key, or a key that is wrong or revoked."""

    code = "unauthorized"
    status = 401


class NotAllowed(EmmaError):
    """A valid key asking for something it may not do."""

    code = "forbidden"
    status = 403


def new_key() -> str:
    return KEY_START + secrets.token_urlsafe(32)


def key_hash(key: str) -> str:
    """SHA-256 is enough: keys are 32 random bytes, nobody can guess one from its hash."""
    return hashlib.sha256(key.encode()).hexdigest()


def parse_scopes(values: Iterable[str] | None) -> frozenset[str]:
    """`["turns", "catalog,orders"]` -> those scopes; none given means all."""
    scopes = frozenset(s.strip() for v in values or () for s in v.split(",") if s.strip())
    unknown = sorted(scopes - set(SCOPES))
    if unknown:
        raise BadInput(f"Unknown scope '{unknown[0]}'; scopes are {', '.join(SCOPES)}.", code="bad_scope")
    return scopes or frozenset(SCOPES)


def acting_customer(key: ApiKey | None, named: str | None) -> str | None:
    """The customer a request acts for. A key bound to a customer acts for that one only, named or not."""
    if key is None or key.customer_id is None:
        return named
    if named is not None and named != key.customer_id:
        raise NotAllowed("This API key may not act for that customer.")
    return key.customer_id


class ApiKeys:
    def __init__(self, repository: ApiKeyRepository) -> None:
        self.repository = repository

    def add(self, name: str, customer_id: str | None = None, scopes: Iterable[str] | None = None) -> tuple[ApiKey, str]:
        """The new key's record and the key itself, which is never stored and cannot be shown again."""
        if not _NAME.fullmatch(name):
            raise BadInput("A key name is 1 to 64 letters, digits or . _ -", code="bad_key_name")
        if customer_id is not None and not self.repository.customer_exists(customer_id):
            raise BadInput(f"Unknown customer '{customer_id}'.", code="customer_not_found")
        key = new_key()
        record = ApiKey(name, key[:PREFIX_CHARS], customer_id, parse_scopes(scopes), _now())
        if not self.repository.add(record, key_hash(key)):
            raise BadInput(f"A key named '{name}' exists; revoke it first.", code="key_name_taken")
        return record, key

    def verify(self, presented: str) -> ApiKey | None:
        """The active key `presented` is, or None for a wrong, revoked or malformed one."""
        if not presented.startswith(KEY_START) or len(presented) > 128:
            return None
        digest = key_hash(presented)
        found = None
        for record, stored in self.repository.active_with_prefix(presented[:PREFIX_CHARS]):
            if hmac.compare_digest(stored, digest):
                found = record
        return found

    def all(self) -> list[ApiKey]:
        return self.repository.all()

    def revoke(self, name: str) -> None:
        if not self.repository.revoke(name, _now()):
            raise NotFound(f"No active key named '{name}'.", code="key_not_found")

    def active_count(self) -> int:
        return self.repository.active_count()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
