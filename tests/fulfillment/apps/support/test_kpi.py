"""KPIs over seeded turns: the domain figures, the dashboard, CSV export, the charts and `emma kpi --json`."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from fulfillment.adapters.sqlite.support_demo import DemoSeedStore
from fulfillment.apps.cli.main import main
from fulfillment.apps.support import charts
from fulfillment.apps.support.kpi import compute_kpis, percentile
from fulfillment.apps.support.kpi_export import kpi_tables, to_csv
from fulfillment.apps.support.stores import kpi_reader
from tests.fulfillment.apps.support.conftest import ORDER, login, talk

DAY = date(2025, 3, 10)


@pytest.fixture
async def seeded(shop):
    """Four conversations on 2025-03-10 (one order, one handoff, one fallback, one failed search) and one the
    day before; stage timings 10, 20, ... ms so percentiles are known."""
    await talk(shop, "order", ORDER)
    await talk(shop, "handoff", ["talk to a person", "yes"], channel="alexa")
    await talk(shop, "fallback", ["blorp fizzle", "blorp fizzle"])
    await talk(shop, "nothing", ["do you have snowboards", "i want a kayak", "do you have snowboards"])
    await talk(shop, "earlier", ["hi"])
    store = DemoSeedStore(shop.db)
    n = 0
    for session in ("order", "handoff", "fallback", "nothing", "earlier"):
        day = 9 if session == "earlier" else 10
        for turn_id in store.turn_ids(session):
            n += 1
            store.backdate(turn_id, f"2025-03-{day:02d}T12:{n:02d}:00.000+00:00", {"nlu": 10.0 * n, "total": 100.0})
    store.audio_day("2025-03-10", "audio", 20, 3)
    store.audio_day("2025-03-08", "audio", 50, 50)  # outside the period
    return shop


def test_kpis_of_one_day(seeded):
    k = compute_kpis(seeded.db, DAY, DAY)
    assert k["conversations"]["total"] == 4 and k["conversations"]["turns"] == 12
    assert k["conversations"]["per_day"] == [{"day": "2025-03-10", "conversations": 4}]
    assert {c["channel"]: c["conversations"] for c in k["conversations"]["by_channel"]} == {"text": 3, "alexa": 1}
    assert k["conversion"] == {"conversations": 4, "with_order": 1, "rate": 0.25}
    total = seeded.db.connection().execute("SELECT total_cents FROM orders WHERE idempotency_key IS NOT NULL"
                                           ).fetchone()[0]
    assert k["revenue"]["orders"] == 1 and k["revenue"]["revenue_eur"] == total / 100
    assert k["revenue"]["average_order_value_eur"] == total / 100
    assert k["fallback"] == {"turns": 12, "fallbacks": 2, "rate": round(2 / 12, 4)}
    assert k["handoff"] == {"conversations": 4, "handoffs": 1, "rate": 0.25}
    assert k["no_speech"]["audio_turns"] == 20 and k["no_speech"]["rate"] == 0.15
    nlu = next(s for s in k["latency_ms"] if s["stage"] == "nlu")
    assert (nlu["turns"], nlu["p50"], nlu["p95"]) == (12, 60.0, 120.0)
    assert k["top_intents"][0] == {"intent": "search_product", "turns": 4, "share": round(4 / 12, 4)}
    assert k["failed_searches"] == {"total": 3, "top": [{"query": "snowboards", "searches": 2},
                                                        {"query": "kayak", "searches": 1}]}


def test_a_period_without_turns_has_no_rates(seeded):
    k = compute_kpis(seeded.db, date(2020, 1, 1), date(2020, 1, 2))
    assert k["conversations"]["total"] == 0 and k["conversion"]["rate"] is None
    assert k["revenue"]["average_order_value_eur"] is None and k["latency_ms"] == []


def test_both_backends_read_plain_ints_and_floats(seeded):
    """The KPI store is one set of queries in two dialects; what it reads must come back the same on both."""
    store = kpi_reader(seeded.db)
    start, before = "2025-03-09", "2025-03-11"
    assert store.session_outcomes(start, before) == {"conversations": 5, "ordered": 1, "handoff": 1}
    assert store.turn_outcomes(start, before) == {"turns": 13, "fallback": 2, "no_results": 3}
    assert store.audio_counts("2025-03-01", "2025-03-31") == [{"channel": "audio", "audio_turns": 70, "no_speech": 53}]
    [order] = store.voice_orders(start, before)
    assert (order["channel"], order["day"]) == ("text", "2025-03-10")
    assert ("nlu", 130.0) in store.stage_timings(start, before)
    assert store.top_intents(start, before, 1) == [{"intent": "search_product", "turns": 4}]
    figures = [*store.session_outcomes(start, before).values(), *store.turn_outcomes(start, before).values(),
               order["total_cents"], *(c for row in store.audio_counts("2025-03-01", "2025-03-31")
                                       for c in (row["audio_turns"], row["no_speech"]))]
    assert {type(n) for n in figures} == {int}
    assert {type(v) for _, v in store.stage_timings(start, before)} == {float}


@pytest.mark.parametrize(("values", "p", "expected"), [
    ([5.0], 50, 5.0), ([1.0, 2.0, 3.0, 4.0], 50, 2.0), ([float(n) for n in range(1, 101)], 95, 95.0),
    ([3.0, 1.0, 2.0], 95, 3.0), ([1.0, 2.0], 0, 1.0),
])
def test_percentile_is_nearest_rank(values, p, expected):
    assert percentile(values, p) == expected


async def test_dashboard_and_csv(client, seeded):
    await login(client, "alex")
    html = await (await client.get("/support/kpi?since=2025-03-10&until=2025-03-10")).text()
    assert html.count("<svg") >= 8 and "25.0%" in html and "snowboards" in html
    resp = await client.get("/support/kpi.csv?metric=summary&since=2025-03-10&until=2025-03-10")
    assert resp.status == 200 and resp.content_type == "text/csv"
    assert 'filename="emma-summary-2025-03-10-2025-03-10.csv"' in resp.headers["Content-Disposition"]
    lines = (await resp.text()).splitlines()
    assert lines[0] == "metric,value" and "conversion_rate,0.25" in lines
    for metric in kpi_tables(compute_kpis(seeded.db, DAY, DAY)):
        assert (await client.get(f"/support/kpi.csv?metric={metric}")).status == 200
    assert (await client.get("/support/kpi.csv?metric=passwords")).status == 400
    assert (await client.get("/support/kpi?since=2025-03-10&until=2025-01-01")).status == 400


def test_csv_defuses_spreadsheet_formulas():
    text = to_csv((["query", "searches"], [["=HYPERLINK(\"http://x\")", 2], ["boots", None]]))
    assert text.splitlines() == ["query,searches", "\"'=HYPERLINK(\"\"http://x\"\")\",2", "boots,"]


def test_charts_are_svg_with_escaped_labels():
    svg = charts.bar_chart([("<script>", 3.0), ("boots", 1.0)], "Searches")
    assert svg.startswith("<svg") and "&lt;script&gt;" in svg and "<script>" not in svg
    assert svg.count('class="chart-bar"') == 2
    days = [(f"2025-03-{d:02d}", float(d)) for d in range(1, 31)]
    column = charts.column_chart(days, "Per day")
    assert column.count("<rect") == 30 and column.count("chart-axis") < 30  # thinned x labels
    assert "No data" in charts.column_chart([], "Empty")
    assert charts.paired_bar_chart([("nlu", 10.0, 20.0)], "Latency", ("p50", "p95")).count("<rect") == 4


def test_emma_kpi_json(seeded, config, capsys):
    assert main(["--home", str(config.home), "kpi", "--json", "--since", "2025-03-10", "--until", "2025-03-10"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures == json.loads(json.dumps(compute_kpis(seeded.db, DAY, DAY)))
    assert main(["--home", str(config.home), "kpi", "--since", "2025-03-09", "--until", "2025-03-10"]) == 0
    assert "Conversations   5" in capsys.readouterr().out
    assert main(["--home", str(config.home), "kpi", "--since", "soon"]) == 2


def test_default_period_is_the_last_30_days():
    from fulfillment.apps.support.kpi import default_period

    since, until = default_period(datetime(2025, 3, 31, tzinfo=UTC).date())
    assert (since, until) == (date(2025, 3, 2), date(2025, 3, 31))
