"""Annotating a turn, the list of annotations, and NLU retraining runs started from the page."""

from __future__ import annotations

import asyncio
import json

from aiohttp import web

from fulfillment.apps.support.annotations import MAX_ENTITY_ROWS, form_defaults, parse_annotation, save_annotation
from fulfillment.apps.support.audit import audited
from fulfillment.apps.support.browse import TurnView
from fulfillment.apps.support.errors import BadAnnotation
from fulfillment.apps.support.message import Message
from fulfillment.apps.support.web.keys import JOBS, SUPPORT
from fulfillment.apps.support.web.render import PREFIX, form, redirect, render, session_of, translated
from fulfillment.domain.errors import NotFound


def _turn(request: web.Request) -> dict:
    turn = request.app[SUPPORT].review.turn(request.match_info["turn_id"])
    if turn is None:
        raise NotFound(Message("No such turn."), code="turn_not_found")
    return turn


def _form_page(request: web.Request, turn: dict, values: dict, error: str = "", status: int = 200) -> web.Response:
    domain = request.app[SUPPORT].nlu_domain()
    rows = list(values["entities"]) + [{"entity": "", "value": "", "start": ""}] * MAX_ENTITY_ROWS
    return render(request, "annotate.html", status=status, turn=TurnView.from_row(turn), session_id=turn["session_id"],
                  values=values, rows=rows[:min(MAX_ENTITY_ROWS, max(3, len(values["entities"]) + 2))],
                  domain=domain, error=error)


async def annotate_form(request: web.Request) -> web.StreamResponse:
    services = request.app[SUPPORT]

    def load():
        turn = _turn(request)
        audited(services.db, session_of(request).user.name, "view_turn", turn["id"])
        entities = json.loads(turn["entities"] or "[]")
        return turn, form_defaults(turn, entities, services.annotations.get(turn["id"]), services.nlu_domain())

    turn, values = await asyncio.to_thread(load)
    return _form_page(request, turn, values)


async def annotate(request: web.Request) -> web.StreamResponse:
    services = request.app[SUPPORT]
    data = await form(request)
    turn = await asyncio.to_thread(_turn, request)
    try:
        annotation = parse_annotation(turn["id"], data, services.nlu_domain())
    except BadAnnotation as err:
        rows = [{"entity": data.get(f"entity_{n}", ""), "value": data.get(f"value_{n}", ""),
                 "start": data.get(f"start_{n}", "")} for n in range(MAX_ENTITY_ROWS) if data.get(f"entity_{n}")]
        values = {"text": data.get("text", ""), "intent": data.get("intent", ""), "entities": rows,
                  "tags": data.get("tags", ""), "note": data.get("note", "")}
        return _form_page(request, turn, values, translated(request, err.message), status=400)
    await asyncio.to_thread(save_annotation, services.annotations, annotation, session_of(request).user.name)
    return redirect(f"{PREFIX}/conversations/{turn['session_id']}?saved={turn['id']}#turn-{turn['id']}")


async def annotation_list(request: web.Request) -> web.StreamResponse:
    services = request.app[SUPPORT]

    def load():
        audited(services.db, session_of(request).user.name, "list_annotations", "recent")
        return services.annotations.recent(limit=200), services.runs.recent(limit=10)

    rows, runs = await asyncio.to_thread(load)
    pending = sum(1 for r in rows if r["intent"] and not r["imported_at"])
    return render(request, "annotations.html", rows=rows, runs=runs, pending=pending)


async def start_import(request: web.Request) -> web.StreamResponse:
    run_id = await request.app[JOBS].start(session_of(request).user.name)
    return redirect(f"{PREFIX}/training/{run_id}")


async def training_run(request: web.Request) -> web.StreamResponse:
    try:
        run_id = int(request.match_info["run_id"])
    except ValueError:
        raise NotFound(Message("No such training run."), code="run_not_found") from None
    run = await asyncio.to_thread(request.app[SUPPORT].runs.get, run_id)
    if run is None:
        raise NotFound(Message("No such training run."), code="run_not_found")
    return render(request, "training_run.html", run=run)
