"""The KPI dashboard (inline SVG charts) and every table of it as CSV."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import date

from aiohttp import web

from fulfillment.apps.support import charts
from fulfillment.apps.support.kpi import compute_kpis, default_period
from fulfillment.apps.support.kpi_export import kpi_tables, to_csv
from fulfillment.apps.support.web.keys import SUPPORT
from fulfillment.apps.support.web.render import render
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
        raise BadInput("Dates look like 2025-01-31.", code="bad_period") from None
    if since > until or (until - since).days >= MAX_DAYS:
        raise BadInput(f"The period runs forwards and is at most {MAX_DAYS} days.", code="bad_period")
    return since, until


def _charts(k: dict) -> dict:
    euros = lambda v: f"€{v:,.0f}"  # noqa: E731
    return {
        "per_day": charts.column_chart([(d["day"], d["conversations"]) for d in k["conversations"]["per_day"]],
                                       "Conversations per day"),
        "by_channel": charts.bar_chart([(c["channel"], c["conversations"]) for c in k["conversations"]["by_channel"]],
                                       "Conversations by channel"),
        "revenue_per_day": charts.column_chart([(d["day"], d["revenue_eur"]) for d in k["revenue"]["per_day"]],
                                               "Voice revenue per day", euros),
        "latency": charts.paired_bar_chart([(s["stage"], s["p50"], s["p95"]) for s in k["latency_ms"]],
                                           "Latency per stage (ms)", ("p50", "p95"), lambda v: f"{v:,.0f} ms"),
        "intents": charts.bar_chart([(i["intent"], i["turns"]) for i in k["top_intents"]], "Top intents"),
        "searches": charts.bar_chart([(s["query"], s["searches"]) for s in k["failed_searches"]["top"]],
                                     "Searches with no result"),
        "conversion": charts.rate_meter(k["conversion"]["rate"], "Conversion"),
        "fallback": charts.rate_meter(k["fallback"]["rate"], "Fallback rate"),
        "handoff": charts.rate_meter(k["handoff"]["rate"], "Handoff rate"),
        "no_speech": charts.rate_meter(k["no_speech"]["rate"], "Didn't hear anything"),
    }


async def dashboard(request: web.Request) -> web.StreamResponse:
    since, until = period(request.query)
    k = await asyncio.to_thread(compute_kpis, request.app[SUPPORT].db, since, until)
    return render(request, "kpi.html", k=k, charts=_charts(k), metrics=list(kpi_tables(k)),
                  period_query={"since": since.isoformat(), "until": until.isoformat()})


async def kpi_csv(request: web.Request) -> web.StreamResponse:
    since, until = period(request.query)
    metric = request.query.get("metric", "summary")
    tables = kpi_tables(await asyncio.to_thread(compute_kpis, request.app[SUPPORT].db, since, until))
    if metric not in tables:
        raise BadInput(f"metric is one of: {', '.join(tables)}.", code="bad_metric")
    name = f"emma-{metric}-{since}-{until}.csv"
    return web.Response(text=to_csv(tables[metric]), content_type="text/csv", charset="utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
