"""The handoff queue: tickets, one ticket with its conversation and cart, claim, note, resolve."""

from __future__ import annotations

import asyncio

from aiohttp import web

from fulfillment.apps.support.audit import audited
from fulfillment.apps.support.web.keys import SUPPORT
from fulfillment.apps.support.web.render import PREFIX, form, redirect, render, session_of


async def tickets(request: web.Request) -> web.StreamResponse:
    queue = request.app[SUPPORT].handoff
    status = request.query.get("status", "open") or None
    status = None if status == "all" else status
    def load():
        rows = queue.tickets(status)
        audited(request.app[SUPPORT].db, session_of(request).user.name, "list_tickets", status or "all")
        return rows, queue.store.counts()

    rows, counts = await asyncio.to_thread(load)
    return render(request, "tickets.html", rows=rows, counts=counts, current=status or "all")


async def ticket(request: web.Request) -> web.StreamResponse:
    services = request.app[SUPPORT]
    ticket_id = request.match_info["ticket_id"]

    def load():
        found = services.handoff.ticket(ticket_id)
        audited(services.db, session_of(request).user.name, "view_ticket", ticket_id)
        return found

    return render(request, "ticket.html", ticket=await asyncio.to_thread(load))


async def claim(request: web.Request) -> web.StreamResponse:
    ticket_id = request.match_info["ticket_id"]
    await asyncio.to_thread(request.app[SUPPORT].handoff.claim, ticket_id, session_of(request).user.name)
    return redirect(f"{PREFIX}/tickets/{ticket_id}")


async def add_note(request: web.Request) -> web.StreamResponse:
    ticket_id = request.match_info["ticket_id"]
    text = (await form(request)).get("note", "")
    await asyncio.to_thread(request.app[SUPPORT].handoff.add_note, ticket_id, session_of(request).user.name, text)
    return redirect(f"{PREFIX}/tickets/{ticket_id}")


async def resolve(request: web.Request) -> web.StreamResponse:
    ticket_id = request.match_info["ticket_id"]
    await asyncio.to_thread(request.app[SUPPORT].handoff.resolve, ticket_id, session_of(request).user.name)
    return redirect(f"{PREFIX}/tickets/{ticket_id}")
