"""Value types of the support app: roles, users and logged-in sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    """What a support user may do; each role can do everything the ones before it can."""

    AGENT = "agent"
    """Redacted transcripts, annotations, handoff tickets, KPIs."""
    SUPERVISOR = "supervisor"
    """Also raw text, audio playback and retraining."""
    ADMIN = "admin"
    """Also users, retention and the audit log."""

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank


@dataclass(frozen=True)
class SupportUser:
    name: str
    role: Role
    disabled: bool = False
    created_at: str = ""

    @classmethod
    def from_row(cls, row: dict) -> SupportUser:
        return cls(row["name"], Role(row["role"]), bool(row["disabled"]), row["created_at"])


@dataclass(frozen=True)
class SupportSession:
    """A logged-in browser. The token itself lives only in the cookie."""

    user: SupportUser
    csrf_token: str
    """Sent back in a hidden field of every form; checked on every POST."""
    expires_at: datetime
