"""Alexa identities in Emma's database: linked access tokens and guest customers."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from fulfillment.adapters.ports import CustomerStore, ShopDatabase
from fulfillment.domain.models import Customer


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


class DbAlexaAccounts:
    """Implements skill.accounts.AlexaAccounts. Tokens are stored hashed, never in clear."""

    def __init__(self, db: ShopDatabase, customers: CustomerStore) -> None:
        self.db = db
        self.customers = customers

    def link(self, token: str, customer_id: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO alexa_links (token_hash, customer_id, created_at) VALUES (?,?,?)"
                " ON CONFLICT (token_hash) DO UPDATE SET customer_id = excluded.customer_id",
                (_digest(token), customer_id, datetime.now(UTC).isoformat(timespec="seconds")),
            )

    def customer_for_access_token(self, token: str) -> str | None:
        row = self.db.connection().execute(
            "SELECT customer_id FROM alexa_links WHERE token_hash = ?", (_digest(token),)
        ).fetchone()
        return row[0] if row else None

    def guest_customer(self, user_id: str) -> str:
        customer_id = f"alexa-{_digest(user_id)[:16]}"
        if self.customers.get(customer_id) is None:
            with self.db.transaction() as conn:
                # No address: a guest can browse and fill a cart, ordering asks to link the account.
                self.customers.save(conn, Customer(customer_id, "Alexa shopper", None))
        return customer_id

    def contact_email(self, customer_id: str) -> str | None:
        customer = self.customers.get(customer_id)
        return customer.email if customer else None
