"""The handoff queue: an agent claims a ticket, adds notes, and resolves it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fulfillment.adapters.sqlite.handoff import STATUSES
from fulfillment.apps.support.errors import Conflict
from fulfillment.apps.support.message import Message
from fulfillment.apps.support.ports import HandoffRepository
from fulfillment.domain.errors import BadInput, NotFound


@dataclass(frozen=True)
class Note:
    at: str
    author: str
    text: str


def parse_notes(notes: str) -> list[Note]:
    """Notes are stored one per line as `<at> <author>: <text>`; other lines are shown as they are."""
    out = []
    for line in notes.splitlines():
        head, sep, text = line.partition(": ")
        at, _, author = head.partition(" ")
        out.append(Note(at, author, text) if sep and author else Note("", "", line))
    return out


class HandoffQueue:
    def __init__(self, store: HandoffRepository, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.store = store
        self.clock = clock

    def tickets(self, status: str | None) -> list[dict[str, Any]]:
        if status is not None and status not in STATUSES:
            raise BadInput(Message("The status is one of %(statuses)s.", statuses=", ".join(STATUSES)),
                           code="bad_status")
        return self.store.list(status)

    def ticket(self, ticket_id: str) -> dict[str, Any]:
        ticket = self.store.get(ticket_id)
        if ticket is None:
            raise NotFound(Message("No ticket '%(ticket)s'.", ticket=ticket_id), code="ticket_not_found")
        return {**ticket, "notes": parse_notes(ticket["notes"])}

    def claim(self, ticket_id: str, user: str) -> None:
        ticket = self.ticket(ticket_id)
        if not self.store.claim(ticket_id, user):
            if ticket["claimed_by"]:
                raise Conflict(Message("Ticket %(ticket)s is already %(status)s by %(user)s.", ticket=ticket_id,
                                       status=Message(ticket["status"]), user=ticket["claimed_by"]),
                               code="ticket_taken")
            raise Conflict(Message("Ticket %(ticket)s is already %(status)s.", ticket=ticket_id,
                                   status=Message(ticket["status"])), code="ticket_taken")

    def add_note(self, ticket_id: str, user: str, text: str) -> None:
        self.ticket(ticket_id)
        text = " ".join(text.split())
        if not text:
            raise BadInput(Message("The note is empty."), code="empty_note")
        if len(text) > 2000:
            raise BadInput(Message("A note is at most 2000 characters."), code="note_too_long")
        self.store.append_note(ticket_id, f"{self.clock().isoformat(timespec='seconds')} {user}: {text}")

    def resolve(self, ticket_id: str, user: str) -> None:
        ticket = self.ticket(ticket_id)
        if not self.store.resolve(ticket_id, user):
            if ticket["status"] != "claimed":
                raise Conflict(Message("Ticket %(ticket)s is %(status)s; claim it first.", ticket=ticket_id,
                                       status=Message(ticket["status"])), code="ticket_not_claimed")
            raise Conflict(Message("Ticket %(ticket)s is claimed by %(user)s.", ticket=ticket_id,
                                   user=ticket["claimed_by"]), code="ticket_taken")
