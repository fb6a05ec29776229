"""A shopper's rights: access (everything held on them, as JSON) and erasure (orders stay, pseudonymous)."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fulfillment.adapters.ports import ShopDatabase
from fulfillment.adapters.sqlite.privacy import PrivacyStore
from fulfillment.domain.errors import CustomerNotFound
from fulfillment.services.privacy import recordings
from fulfillment.services.privacy.audit import record_access


def pseudonym(customer_id: str, home: Path) -> str:
    """The stable reference an erased customer's orders keep: the same customer always gets the same one.

    Keyed with this home's secret, so nobody holding a list of customer ids can reverse it."""
    digest = hmac.new(home_secret(home), customer_id.encode(), hashlib.sha256).hexdigest()
    return "deleted-" + digest[:16]


def home_secret(home: Path) -> bytes:
    """A random key kept in EMMA_HOME (created on first use, readable by the owner only)."""
    path = home / "secret.key"
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(secrets.token_bytes(32))
    return path.read_bytes()


@dataclass(frozen=True)
class ErasureReport:
    """What `delete_customer` removed."""

    pseudonym: str
    """What the customer's orders and tickets are filed under now."""
    removed: dict[str, int] = field(default_factory=dict)
    """Rows per kind: transcripts, sessions, tickets (cleared), cart_items, alexa_links, orders (pseudonymized),
    customer."""
    audio_files: int = 0
    compacted: bool = True
    """False if the database file could not be rewritten yet (busy): deleted text may linger in free pages."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def export_customer(db: ShopDatabase, home: Path, customer_id: str, by: str = "system",
                    now: datetime | None = None) -> dict[str, Any]:
    """Everything held on the customer (right of access). Raises CustomerNotFound if nothing is."""
    store = PrivacyStore(db)
    data = store.customer_data(customer_id)
    if data is None:
        raise CustomerNotFound(f"Nothing is held on customer '{customer_id}'.")
    profile = data["profile"]
    if profile is not None:  # the PIN's hash is a credential, not information about the shopper
        profile["has_pin"] = profile.pop("pin_hash") is not None
    folder = recordings.audio_dir(home)
    turn_ids = [turn["id"] for turn in data["transcripts"]]
    data["recordings"] = [str(path.relative_to(home)) for path in recordings.find(folder, turn_ids)]
    with db.transaction() as conn:
        record_access(conn, by, "export_customer", customer_id)
    exported = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    return {"customer_id": customer_id, "exported_at": exported, **data}


def delete_customer(db: ShopDatabase, home: Path, customer_id: str, by: str = "system") -> ErasureReport:
    """Erases the customer: transcripts and their recordings, dialogue state, tickets' conversation copies,
    cart, Alexa links and the profile. Orders stay under `pseudonym(customer_id)`, without the address.
    The database file is compacted afterwards so deleted text can't be read from free pages."""
    store = PrivacyStore(db)
    if store.customer_data(customer_id) is None:
        raise CustomerNotFound(f"Nothing is held on customer '{customer_id}'.")
    alias = pseudonym(customer_id, home)
    with db.transaction() as conn:
        turn_ids = store.turn_ids(customer_id, conn)
        removed = store.erase_customer(conn, customer_id, alias)
        record_access(conn, by, "delete_customer", alias)
    audio = recordings.remove(recordings.audio_dir(home), turn_ids)
    return ErasureReport(alias, removed, audio, store.compact())
