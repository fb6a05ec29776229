"""What the HTTP API accepts: the bounds the views check and the OpenAPI description states."""

from __future__ import annotations

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9:._@-]{0,127}$"
"""Session, customer and idempotency ids, as `fulfillment.domain.conversation.check_id` checks them."""
MAX_PRICE = 10_000_000
"""Prices in euros are below this (and at least 0)."""
MAX_QUERY_CHARS = 200
"""Only this much of a product search's words count."""
DEFAULT_PRODUCTS = 10
MAX_PRODUCTS = 50
"""How many products one search answers with, by default and at most."""
