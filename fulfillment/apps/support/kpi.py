"""Shop KPIs over a period: conversations, conversion, voice revenue, fallback, handoff and no-speech rates,
latency per stage, top intents and the searches that found nothing. Used by the dashboard and `emma kpi`."""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fulfillment.adapters.ports import ShopDatabase
from fulfillment.apps.support.stores import kpi_reader

STAGE_ORDER = ("asr", "nlu", "fulfillment", "tts", "total")
TOP = 10


def default_period(today: date | None = None, days: int = 30) -> tuple[date, date]:
    until = today or datetime.now(UTC).date()
    return until - timedelta(days=days - 1), until


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least p% of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _euros(cents: int) -> float:
    return round(cents / 100, 2)


def _search_words(text: str, entities: str | None) -> str:
    """What the shopper looked for: the product words if Rasa found them, else the whole utterance."""
    try:
        found = [str(e["value"]) for e in json.loads(entities or "[]") if e.get("entity") == "product"]
    except (ValueError, AttributeError, KeyError):
        found = []
    return " ".join(found).lower() if found else " ".join(text.lower().split())


def _days(since: date, until: date) -> list[str]:
    return [(since + timedelta(days=n)).isoformat() for n in range((until - since).days + 1)]


def compute_kpis(db: ShopDatabase, since: date, until: date) -> dict[str, Any]:
    """Every figure for the days since..until (inclusive, UTC). Rates are fractions, money in euros.
    The store is the KPI store of `db`'s backend (SQLite or PostgreSQL)."""
    store = kpi_reader(db)
    start, before = since.isoformat(), (until + timedelta(days=1)).isoformat()
    sessions = store.session_outcomes(start, before)
    turns = store.turn_outcomes(start, before)

    per_day = {row["day"]: row["conversations"] for row in store.sessions_per_day(start, before)}
    orders = [o for o in store.voice_orders(start, before) if o["status"] != "cancelled"]
    revenue_day: dict[str, int] = defaultdict(int)
    revenue_channel: dict[str, list[int]] = defaultdict(list)
    for order in orders:
        revenue_day[order["day"]] += order["total_cents"]
        revenue_channel[order["channel"]].append(order["total_cents"])
    total_cents = sum(o["total_cents"] for o in orders)

    audio = store.audio_counts(start, until.isoformat())
    audio_turns = sum(int(a["audio_turns"]) for a in audio)
    no_speech = sum(int(a["no_speech"]) for a in audio)

    by_stage: dict[str, list[float]] = defaultdict(list)
    for stage, ms in store.stage_timings(start, before):
        by_stage[stage].append(ms)
    stages = sorted(by_stage, key=lambda s: (STAGE_ORDER.index(s) if s in STAGE_ORDER else 99, s))

    searches = Counter(_search_words(r["text"], r["entities"]) for r in store.failed_searches(start, before))

    return {
        "period": {"since": since.isoformat(), "until": until.isoformat()},
        "conversations": {
            "total": sessions["conversations"], "turns": turns["turns"],
            "per_day": [{"day": d, "conversations": per_day.get(d, 0)} for d in _days(since, until)],
            "by_channel": store.sessions_by_channel(start, before),
        },
        "conversion": {"conversations": sessions["conversations"], "with_order": sessions["ordered"],
                       "rate": rate(sessions["ordered"], sessions["conversations"])},
        "revenue": {
            "orders": len(orders), "revenue_eur": _euros(total_cents),
            "average_order_value_eur": _euros(total_cents // len(orders)) if orders else None,
            "per_day": [{"day": d, "revenue_eur": _euros(revenue_day.get(d, 0))} for d in _days(since, until)],
            "by_channel": [
                {"channel": ch, "orders": len(v), "revenue_eur": _euros(sum(v)),
                 "average_order_value_eur": _euros(sum(v) // len(v))}
                for ch, v in sorted(revenue_channel.items())
            ],
        },
        "fallback": {"turns": turns["turns"], "fallbacks": turns["fallback"],
                     "rate": rate(turns["fallback"], turns["turns"])},
        "handoff": {"conversations": sessions["conversations"], "handoffs": sessions["handoff"],
                    "rate": rate(sessions["handoff"], sessions["conversations"])},
        "no_speech": {
            "audio_turns": audio_turns, "no_speech": no_speech, "rate": rate(no_speech, audio_turns),
            "by_channel": [{"channel": a["channel"], "audio_turns": int(a["audio_turns"]),
                            "no_speech": int(a["no_speech"]), "rate": rate(int(a["no_speech"]), int(a["audio_turns"]))}
                           for a in audio],
        },
        "latency_ms": [
            {"stage": s, "turns": len(by_stage[s]), "p50": round(percentile(by_stage[s], 50), 1),
             "p95": round(percentile(by_stage[s], 95), 1)}
            for s in stages
        ],
        "top_intents": [{**row, "share": rate(row["turns"], turns["turns"])}
                        for row in store.top_intents(start, before, TOP)],
        "failed_searches": {"total": turns["no_results"],
                            "top": [{"query": q, "searches": n} for q, n in searches.most_common(TOP)]},
    }
