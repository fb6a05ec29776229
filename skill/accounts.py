"""Who the Alexa user is in Emma: linked customers and guests."""

from __future__ import annotations

import hashlib
import threading
from typing import Protocol


class AlexaAccounts(Protocol):
    """Maps Alexa identities to Emma customer ids.

    Called from a worker thread (never on the event loop), so a blocking database is fine.
    """

    def customer_for_access_token(self, token: str) -> str | None:
        """Customer of an account-linking access token; None when unknown or expired."""
        ...

    def guest_customer(self, user_id: str) -> str:
        """Guest customer of an unlinked Alexa user (`amzn1.ask.account...`), created on first use.

        A guest can browse and fill a cart; ordering needs a delivery address, so the core answers
        `account_required` and the skill sends a LinkAccount card.
        """
        ...

    def contact_email(self, customer_id: str) -> str | None:
        """Where order confirmations go, or None if the customer has no e-mail address."""
        ...


class InMemoryAlexaAccounts:
    """`AlexaAccounts` kept in dictionaries, for tests and demos."""

    def __init__(
        self,
        tokens: dict[str, str] | None = None,
        emails: dict[str, str] | None = None,
    ) -> None:
        self._tokens = dict(tokens or {})
        self._emails = dict(emails or {})
        self._guests: dict[str, str] = {}
        self._lock = threading.Lock()

    def customer_for_access_token(self, token: str) -> str | None:
        return self._tokens.get(token)

    def guest_customer(self, user_id: str) -> str:
        with self._lock:
            if user_id not in self._guests:
                digest = hashlib.sha256(user_id.encode()).hexdigest()[:16]
                self._guests[user_id] = f"alexa-guest-{digest}"
            return self._guests[user_id]

    def contact_email(self, customer_id: str) -> str | None:
        return self._emails.get(customer_id)
