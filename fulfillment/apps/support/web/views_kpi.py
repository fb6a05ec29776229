"""The KPI dashboard (inline SVG charts) and every table of it as CSV."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from datetime import date

from aiohttp import web

from fulfillment.apps.support import charts
from fulfillment.apps.support.kpi import compute_kpis, default_period
from fulfillment.apps.support.kpi_export import kpi_tables, to_csv
from fulfillment.apps.support.message import Message
from fulfillment.apps.support.web.formats import Formats
from fulfillment.apps.support.web.keys import SUPPORT
from fulfillment.apps.support.web.render import language_of, render, translated
from fulfillment.domain.errors import BadInput

MAX_DAYS = 366


def period(query: Mapping[str, str]) -> tuple[date, date]:
    since, until = default_period()
    try:
        if query.get("until"):
            until = date.fromisoformat(query["until"])
            since = default_period(until)[0]
        if query.get("since"):
            since = date.fromisoformat(query["since"])
    except ValueError:
        raise BadInput(Message("Dates look like 2025-01-31."), code="bad_period") from None
    if since > until or (until - since).days >= MAX_DAYS:
        raise BadInput(Message("The period runs forwards and is at most %(days)s days.", days=MAX_DAYS),
                       code="bad_period")
    return since, until


def _charts(k: dict, language: str, _: Callable[[str], str]) -> dict:
    """The dashboard's charts with titles, numbers and days in the page's language."""
    f = Formats.of(language)
    plain = lambda v: f.number(v, 0 if float(v).is_integer() else 1)  # noqa: E731
    euros = lambda v: f.euros(v, cents=False)  # noqa: E731
    empty = _("No data in this period.")
    return {
        "per_day": charts.column_chart([(f.day(d["day"]), d["conversations"]) for d in k["conversations"]["per_day"]],
                                       _("Conversations per day"), plain, empty=empty),
        "by_channel": charts.bar_chart([(c["channel"], c["conversations"]) for c in k["conversations"]["by_channel"]],
                                       _("Conversations by channel"), plain, empty=empty),
        "revenue_per_day": charts.column_chart([(f.day(d["day"]), d["revenue_eur"]) for d in k["revenue"]["per_day"]],
                                               _("Voice revenue per day"), euros, empty=empty),
        "latency": charts.paired_bar_chart([(s["stage"], s["p50"], s["p95"]) for s in k["latency_ms"]],
                                           _("Latency per stage (ms)"), ("p50", "p95"),
                                           lambda v: f.number(v) + " ms", empty=empty),
        "intents": charts.bar_chart([(i["intent"], i["turns"]) for i in k["top_intents"]], _("Top intents"), plain,
                                    empty=empty),
        "searches": charts.bar_chart([(s["query"], s["searches"]) for s in k["failed_searches"]["top"]],
                                     _("Searches with no result"), plain, empty=empty),
        "conversion": charts.rate_meter(k["conversion"]["rate"], _("Conversion")),
        "fallback": charts.rate_meter(k["fallback"]["rate"], _("Fallback rate")),
        "handoff": charts.rate_meter(k["handoff"]["rate"], _("Handoff rate")),
        "no_speech": charts.rate_meter(k["no_speech"]["rate"], _("Didn't hear anything")),
    }


async def dashboard(request: web.Request) -> web.StreamResponse:
    since, until = period(request.query)
    k = await asyncio.to_thread(compute_kpis, request.app[SUPPORT].db, since, until)
    gettext = lambda message: translated(request, Message(message))  # noqa: E731
    return render(request, "kpi.html", k=k, charts=_charts(k, language_of(request), gettext),
                  metrics=list(kpi_tables(k)),
                  period_query={"since": since.isoformat(), "until": until.isoformat()})


async def kpi_csv(request: web.Request) -> web.StreamResponse:
    since, until = period(request.query)
    metric = request.query.get("metric", "summary")
    tables = kpi_tables(await asyncio.to_thread(compute_kpis, request.app[SUPPORT].db, since, until))
    if metric not in tables:
        raise BadInput(Message("metric is one of: %(metrics)s.", metrics=", ".join(tables)), code="bad_metric")
    name = f"emma-{metric}-{since}-{until}.csv"
    return web.Response(text=to_csv(tables[metric]), content_type="text/csv", charset="utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
