"""The conversations list, one conversation turn by turn, and its recordings."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from urllib.parse import urlencode

from aiohttp import web

from fulfillment.apps.support.audit import audited
from fulfillment.apps.support.browse import FLAGS, ConversationFilter, conversation, list_conversations
from fulfillment.apps.support.errors import Forbidden
from fulfillment.apps.support.message import Message
from fulfillment.apps.support.models import Role
from fulfillment.apps.support.recordings import recording_path
from fulfillment.apps.support.web.keys import SUPPORT
from fulfillment.apps.support.web.render import PREFIX, render, session_of
from fulfillment.domain.errors import NotFound

FLAG_LABELS = {
    "fallback": Message("Fallback"), "handoff": Message("Handoff"), "order_placed": Message("Order placed"),
    "no_results": Message("No results"),
}
"""Translated in the template (`_(label)`)."""


async def conversations(request: web.Request) -> web.StreamResponse:
    services = request.app[SUPPORT]
    filt = ConversationFilter.from_query(request.query)

    def load():  # one thread hop for the queries and the audit record
        page = list_conversations(services.review, filt, services.config.page_size)
        audited(services.db, session_of(request).user.name, "list_conversations", urlencode(filt.to_query()) or "all")
        return page, services.review.choices()

    page, choices = await asyncio.to_thread(load)
    return render(request, "conversations.html", filt=filt, page=page, choices=choices, flags=FLAGS,
                  flag_labels=FLAG_LABELS, query=filt.to_query(page=1),
                  prev_query=filt.to_query(page=page.page - 1), next_query=filt.to_query(page=page.page + 1))


async def conversation_view(request: web.Request) -> web.StreamResponse:
    services = request.app[SUPPORT]
    session = session_of(request)
    session_id = request.match_info["session_id"]
    raw = request.query.get("raw") == "1"
    supervisor = session.user.role.allows(Role.SUPERVISOR)
    if raw and not supervisor:
        raise Forbidden(Message("Only supervisors see the raw text."))

    def load():
        view = conversation(services.review, session_id, raw=raw)
        turns = view.turns
        if supervisor:
            turns = [replace(t, audio_url=f"{PREFIX}/audio/{t.id}.wav")
                     if recording_path(services.config.audio_dir, t.id, t.created_at) else t for t in turns]
        audited(services.db, session.user.name, "view_raw" if raw else "view_transcript", session_id)
        return replace(view, turns=turns)

    view = await asyncio.to_thread(load)
    return render(request, "conversation.html", view=view, raw=raw, supervisor=supervisor,
                  saved=request.query.get("saved", ""))


async def audio(request: web.Request) -> web.StreamResponse:
    services = request.app[SUPPORT]
    turn_id = request.match_info["turn_id"]

    def find():
        turn = services.review.turn(turn_id)
        path = recording_path(services.config.audio_dir, turn_id, turn["created_at"]) if turn else None
        if path is None:
            raise NotFound(Message("No recording was kept for this turn."), code="recording_not_found")
        audited(services.db, session_of(request).user.name, "play_audio", turn_id)
        return path

    path = await asyncio.to_thread(find)
    return web.FileResponse(path, headers={"Content-Type": "audio/wav", "Cache-Control": "no-store"})
