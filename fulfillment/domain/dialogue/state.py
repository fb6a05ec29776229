"""What Emma remembers within one conversation (stored as JSON per session)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class Pending:
    """A question Emma asked and is waiting to hear the answer to."""

    kind: str
    """variant (size/color), confirm_order, pin, confirm_cancel, confirm_return, confirm_handoff."""
    product_id: int | None = None
    quantity: int = 1
    color: str | None = None
    size: str | None = None
    lines: list[dict[str, Any]] = field(default_factory=list)
    """Order lines awaiting confirmation (cart snapshot or a reorder)."""
    from_cart: bool = True
    order_id: str | None = None


@dataclass
class DialogueState:
    listing: list[int] = field(default_factory=list)
    """Ranked product ids of the last search or recommendation."""
    page: int = 0
    """How many of `listing` have been read out."""
    focus: int | None = None
    """The product 'it' refers to."""
    request: dict[str, Any] = field(default_factory=dict)
    """The active request (a ShopperRequest as JSON): what refinements like "in blue" change."""
    shown: list[int] = field(default_factory=list)
    """Every product offered for the active request, for "something else"."""
    pending: Pending | None = None
    failures: int = 0
    """Consecutive turns Emma did not understand."""
    last_reply: str = ""
    greeted: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, raw: dict[str, Any] | None) -> DialogueState:
        if not raw:
            return cls()
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in raw.items() if k in known}
        pending = data.get("pending")
        if pending:
            pending_known = {f.name for f in fields(Pending)}
            data["pending"] = Pending(**{k: v for k, v in pending.items() if k in pending_known})
        return cls(**data)
