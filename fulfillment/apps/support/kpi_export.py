"""The KPI figures as flat tables, and each table as CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

Table = tuple[list[str], list[list[Any]]]


def _rows(items: list[dict[str, Any]], columns: list[str]) -> Table:
    return columns, [[item.get(c) for c in columns] for item in items]


def kpi_tables(k: dict[str, Any]) -> dict[str, Table]:
    """metric name -> (header, rows). `summary` holds every single figure."""
    summary = [
        ["since", k["period"]["since"]], ["until", k["period"]["until"]],
        ["conversations", k["conversations"]["total"]], ["turns", k["conversations"]["turns"]],
        ["conversations_with_order", k["conversion"]["with_order"]], ["conversion_rate", k["conversion"]["rate"]],
        ["voice_orders", k["revenue"]["orders"]], ["voice_revenue_eur", k["revenue"]["revenue_eur"]],
        ["average_order_value_eur", k["revenue"]["average_order_value_eur"]],
        ["fallback_turns", k["fallback"]["fallbacks"]], ["fallback_rate", k["fallback"]["rate"]],
        ["handoffs", k["handoff"]["handoffs"]], ["handoff_rate", k["handoff"]["rate"]],
        ["audio_turns", k["no_speech"]["audio_turns"]], ["no_speech_turns", k["no_speech"]["no_speech"]],
        ["no_speech_rate", k["no_speech"]["rate"]], ["searches_without_result", k["failed_searches"]["total"]],
    ]
    return {
        "summary": (["metric", "value"], summary),
        "conversations_per_day": _rows(k["conversations"]["per_day"], ["day", "conversations"]),
        "conversations_by_channel": _rows(k["conversations"]["by_channel"], ["channel", "conversations"]),
        "revenue_per_day": _rows(k["revenue"]["per_day"], ["day", "revenue_eur"]),
        "revenue_by_channel": _rows(k["revenue"]["by_channel"],
                                    ["channel", "orders", "revenue_eur", "average_order_value_eur"]),
        "no_speech_by_channel": _rows(k["no_speech"]["by_channel"], ["channel", "audio_turns", "no_speech", "rate"]),
        "latency": _rows(k["latency_ms"], ["stage", "turns", "p50", "p95"]),
        "top_intents": _rows(k["top_intents"], ["intent", "turns", "share"]),
        "failed_searches": _rows(k["failed_searches"]["top"], ["query", "searches"]),
    }


def _cell(value: Any) -> Any:
    """Shoppers' words end up in these files: a leading = + - @ would run as a spreadsheet formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def to_csv(table: Table) -> str:
    header, rows = table
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue()
