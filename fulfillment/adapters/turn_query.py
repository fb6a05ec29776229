"""The support app's transcript filter, which both backends' review stores turn into their own SQL."""

from __future__ import annotations

from dataclasses import dataclass

FLAGS = ("fallback", "handoff", "order_placed", "no_results")
"""Turn flags a filter may require: the shopper wasn't understood, asked for a person, ordered, or a search
found nothing."""


@dataclass(frozen=True)
class TurnQuery:
    """Turn-level conditions; a conversation is listed when one of its turns meets them all."""

    since: str | None = None
    """ISO timestamp, inclusive."""
    before: str | None = None
    """ISO timestamp, exclusive."""
    channel: str | None = None
    customer: str | None = None
    intent: str | None = None
    max_confidence: float | None = None
    flags: tuple[str, ...] = ()
    """Any of FLAGS."""
    words: tuple[str, ...] = ()
    """Lowercase words that must each begin a word of what the shopper said ('jack' finds 'jackets')."""
