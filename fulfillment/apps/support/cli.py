"""`emma support add-user`, `emma kpi` and `emma nlu import-annotations`."""

from __future__ import annotations

import asyncio
import getpass
import json
import sys
from datetime import UTC, date, datetime

from fulfillment.apps.support.auth import parse_role
from fulfillment.apps.support.config import SupportConfig
from fulfillment.apps.support.kpi import compute_kpis, default_period
from fulfillment.apps.support.retrain import NluTrainer, RasaTrainer, pending, run_import
from fulfillment.apps.support.services import open_services
from fulfillment.domain.errors import BadInput
from fulfillment.settings import Settings
from fulfillment.wiring import open_home


def read_password(password: str | None) -> str:
    """--password, else typed twice at a terminal, else the first line of stdin."""
    if password is not None:
        return password
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise BadInput("The passwords differ.", code="password_mismatch")
    return first


def add_user(config: Settings, name: str, role: str, password: str | None) -> int:
    chosen = parse_role(role)
    secret = read_password(password)
    shop = open_home(config)
    try:
        user = open_services(shop.db, SupportConfig.from_settings(config)).auth.add_user(name, chosen, secret)
    finally:
        shop.close()
    print(f"Support user {user.name} ({user.role.value}) created.")
    return 0


def _day(raw: str | None, name: str) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        raise BadInput(f"--{name} looks like 2025-01-31.", code="bad_period") from None


def kpi(config: Settings, since: str | None, until: str | None, as_json: bool) -> int:
    end = _day(until, "until") or default_period()[1]
    start = _day(since, "since") or default_period(end)[0]
    if start > end:
        raise BadInput("--since is after --until.", code="bad_period")
    shop = open_home(config)
    try:
        figures = compute_kpis(shop.db, start, end)
    finally:
        shop.close()
    if as_json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return 0
    pct = lambda v: "–" if v is None else f"{v:.1%}"  # noqa: E731
    print(f"{start} .. {end}")
    print(f"Conversations   {figures['conversations']['total']} ({figures['conversations']['turns']} turns)")
    print(f"Conversion      {pct(figures['conversion']['rate'])}")
    print(f"Voice revenue   €{figures['revenue']['revenue_eur']:,.2f} in {figures['revenue']['orders']} orders")
    print(f"Fallback rate   {pct(figures['fallback']['rate'])}")
    print(f"Handoff rate    {pct(figures['handoff']['rate'])}")
    print(f"No speech rate  {pct(figures['no_speech']['rate'])}")
    for stage in figures["latency_ms"]:
        print(f"Latency {stage['stage']:<12} p50 {stage['p50']:.0f} ms  p95 {stage['p95']:.0f} ms")
    return 0


def _figures(label: str, figures: dict[str, float]) -> str:
    return (f"{label}: intent accuracy {figures['intent_accuracy']:.1%}, intent F1 {figures['intent_f1']:.1%},"
            f" entity F1 {figures['entity_f1']:.1%} ({int(figures['examples'])} held-out examples)")


async def import_annotations(config: Settings, trainer: NluTrainer | None = None,
                             support: SupportConfig | None = None) -> int:
    """Merges corrected turns into nlu/data, retrains, and prints the held-out figures before and after."""
    shop = open_home(config)
    try:
        services = open_services(shop.db, support or SupportConfig.from_settings(config))
        if not pending(services.annotations):
            print("No corrected turns to import.")
            return 0
        run_id = services.runs.start("cli", datetime.now(UTC).isoformat(timespec="seconds"))
        report = await asyncio.to_thread(run_import, services.annotations, services.runs, run_id,
                                         trainer or RasaTrainer(config), services.config, print)
    finally:
        shop.close()
    for added in report["added"]:
        print(f"  + {added['intent']}: {added['example']}")
    for skipped in report["skipped"]:
        print(f"  = {skipped['intent']}: {skipped['text']} ({skipped['reason']})")
    print(_figures("Before", report["before"]))
    print(_figures("After ", report["after"]))
    return 0
