"""Partial transcripts while the shopper still speaks (Wyoming `transcript-chunk`).

Chunks can only be appended, never taken back, so a chunk carries only words that two hypotheses
in a row agree on: the last word of a hypothesis may be cut mid-word and is held back. The final
`transcript` event stays the authoritative text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PARTIAL_EVERY_S = 1.0
"""New audio needed before another partial decode (each one costs a full Whisper pass)."""


@dataclass
class PartialTranscripts:
    """The words sent so far in one utterance, and what the next hypothesis adds to them."""

    sent: list[str] = field(default_factory=list)
    """Words already sent as chunks, in order."""
    previous: list[str] = field(default_factory=list)
    """The last hypothesis, as words."""

    def update(self, hypothesis: str) -> str:
        """The text of a new chunk for `hypothesis` ("" when nothing new is settled)."""
        words = hypothesis.split()
        settled = _common_prefix(words[:-1], self.previous)
        self.previous = words
        if settled[: len(self.sent)] != self.sent or len(settled) <= len(self.sent):
            return ""
        new = settled[len(self.sent) :]
        chunk = ("" if not self.sent else " ") + " ".join(new)
        self.sent = settled
        return chunk


def _common_prefix(a: list[str], b: list[str]) -> list[str]:
    out = []
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        out.append(x)
    return out
