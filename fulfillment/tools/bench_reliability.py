"""`emma bench reliability`: exactly-once orders against real `emma serve` processes. Figures, not a timed test.

Every scenario gets its own copy of the demo home and its own server on a loopback port; all of
them share one Rasa (started here unless EMMA_NLU_URL names one), so a restart takes seconds.
1. One `yes` sent 100 times at once with one idempotency key: one order, one order id in every answer.
2. 200 buyers for the last 10 units: 10 orders, stock never below zero, a clear out-of-stock reply
   for everyone else.
3. kill -9 mid-burst and restart on the same home (bench_crash).
The exit code is 1 when an invariant broke.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fulfillment.settings import Settings
from fulfillment.tools.bench_crash import kill_rounds
from fulfillment.tools.bench_figures import Figures, render
from fulfillment.tools.bench_home import BenchHome, demo_template
from fulfillment.tools.serve_process import ServeProcess
from fulfillment.tools.turn_client import Exchange, Restarts, ServerGone, TurnClient

PRODUCT, SIZE = "Antora Rain Jacket", "M"
ADD = "add the antora rain jacket in medium"
"""Names product and size, so the add picks the one medium variant left in stock."""


@dataclass(frozen=True)
class Plan:
    """How big each scenario is."""

    replays: int = 100
    """Copies of the one `yes` (scenario 1)."""
    buyers: int = 200
    """Buyers racing for the last units (scenario 2)."""
    units: int = 10
    rounds: int = 5
    """kill -9 rounds (scenario 3)."""
    burst: int = 20
    """Conversations per round."""
    setup_concurrency: int = 16
    """Buyers walking to the read-back at once; their `yes` then goes all at once."""


async def replayed_yes(home: BenchHome, plan: Plan, server: ServeProcess) -> Figures:
    figures = Figures(f"one yes replayed x{plan.replays}")
    customer = "bench-replay"
    before = home.stock()
    ids: set[str | None] = set()
    async with TurnClient(server.url, Restarts(expected=False)) as client:
        readback = await _walk_to_readback(client, customer)
        if figures.check(readback.action == "confirm_order", f"no read-back: {readback.describe()}"):
            key = uuid.uuid4().hex
            answers = await asyncio.gather(*(client.turn(customer, customer, "yes", key)
                                             for _ in range(plan.replays)))
            ids = {a.order_id for a in answers}
            figures.check(all(a.status == 200 for a in answers), "not every copy was answered 200")
            figures.check(len(ids) == 1 and None not in ids, f"the copies carry order ids {sorted(map(str, ids))}")
        figures.count(client)
    orders = home.orders(customer)
    figures.orders, figures.duplicates = len(orders), max(0, len(orders) - 1)
    figures.check(len(orders) == 1, f"{len(orders)} orders for one yes")
    if len(orders) == 1:
        figures.check(orders[0].id in ids, f"order {orders[0].id} is not the one the answers carry")
        now = home.stock()
        figures.check(all(before[s] - now[s] == q for s, q in orders[0].lines.items()), "stock moved wrongly")
    return figures


async def last_units(home: BenchHome, plan: Plan, server: ServeProcess) -> Figures:
    figures = Figures(f"{plan.buyers} buyers, last {plan.units} units")
    sku = home.variants(PRODUCT, SIZE)[0]
    buyers = [f"bench-buyer-{i + 1:04d}" for i in range(plan.buyers)]
    slots = asyncio.Semaphore(plan.setup_concurrency)

    async def to_readback(client: TurnClient, customer: str) -> Exchange:
        async with slots:
            return await _walk_to_readback(client, customer)

    async with TurnClient(server.url, Restarts(expected=False)) as client:
        readbacks = await asyncio.gather(*(to_readback(client, b) for b in buyers))
        ready = [b for b, r in zip(buyers, readbacks, strict=True) if r.action == "confirm_order"]
        stuck = [r for r in readbacks if r.action != "confirm_order"]
        figures.check(not stuck, f"{len(stuck)} buyers never got the read-back, e.g. "
                                 + "; ".join(r.describe() for r in stuck[:2]))
        answers = await asyncio.gather(*(client.turn(b, b, "yes", uuid.uuid4().hex) for b in ready))
        figures.count(client)
    placed = {b: a.order_id for b, a in zip(ready, answers, strict=True) if a.order_id}
    sold_out = [a for a in answers if _told_sold_out(a)]
    unclear = [a for a in answers if not a.order_id and not _told_sold_out(a)]
    orders = home.orders("bench-buyer-")
    left = home.stock()[sku]
    figures.orders, figures.duplicates = len(orders), max(0, len(orders) - plan.units)
    figures.notes.append(f"{len(placed)} placed, {len(sold_out)} told it sold out, {left} left of {sku}")
    figures.check(len(orders) == plan.units, f"{len(orders)} orders for {plan.units} units")
    figures.check(len(placed) == len(orders), f"{len(placed)} answers carry an order id, {len(orders)} orders exist")
    figures.check({(o.customer_id, o.id) for o in orders} == set(placed.items()),
                  "the orders in the database are not the ones acknowledged to their buyers")
    figures.check(all(o.lines == {sku: 1} for o in orders), "an order holds something other than one unit")
    figures.check(left == plan.units - len(orders) and left >= 0, f"{left} units left after {len(orders)} orders")
    figures.check(not unclear, f"{len(unclear)} buyers got neither an order nor a clear out-of-stock reply, e.g. "
                               + "; ".join(a.describe() for a in unclear[:2]))
    return figures


def _told_sold_out(answer: Exchange) -> bool:
    """The clear answer a buyer who lost the race must get: a reply, not an error."""
    return answer.status == 200 and answer.action == "out_of_stock"


async def _walk_to_readback(client: TurnClient, customer: str) -> Exchange:
    """Adds the product and checks out: the answer is the read-back waiting for yes."""
    for text in (ADD, "check out"):
        answer = await client.turn(customer, customer, text, uuid.uuid4().hex)
        if answer.status != 200:
            break
    return answer


Scenario = Callable[[BenchHome, Plan, ServeProcess], Awaitable[Figures]]


async def _on_own_server(scenario: Scenario, home: BenchHome, plan: Plan, nlu: tuple[str, str | None],
                         seed: Callable[[BenchHome], None]) -> Figures:
    seed(home)
    server = ServeProcess(home.home, *nlu)
    await server.start()
    try:
        return await scenario(home, plan, server)
    finally:
        await server.stop()


def _seed_replay(home: BenchHome) -> None:
    home.add_customers(["bench-replay"])


def _seed_last_units(plan: Plan) -> Callable[[BenchHome], None]:
    def seed(home: BenchHome) -> None:
        skus = home.variants(PRODUCT, SIZE)
        if not skus:
            raise RuntimeError(f"the demo shop sells no {PRODUCT} in {SIZE}")
        # Every other variant of the product is sold out, so the race is for these units whatever
        # variant the dialogue would otherwise prefer.
        home.set_stock({other: 0 for other in home.variants(PRODUCT)} | {skus[0]: plan.units})
        home.add_customers(f"bench-buyer-{i + 1:04d}" for i in range(plan.buyers))
    return seed


async def run_plan(plan: Plan, nlu_url: str, nlu_token: str | None, workdir: Path) -> list[Figures]:
    """All three scenarios, each on a fresh copy of the demo home under `workdir`."""
    template = await asyncio.to_thread(demo_template, workdir / "template", nlu_url, nlu_token)
    nlu = (nlu_url, nlu_token)
    steps: list[tuple[str, Callable[[BenchHome], Awaitable[Figures]]]] = [
        ("replay", lambda h: _on_own_server(replayed_yes, h, plan, nlu, _seed_replay)),
        ("last-units", lambda h: _on_own_server(last_units, h, plan, nlu, _seed_last_units(plan))),
        ("kill-rounds", lambda h: kill_rounds(h, plan.rounds, plan.burst, *nlu)),
    ]
    results = []
    for name, step in steps:
        home = BenchHome.copy_of(template, workdir / name)
        try:
            results.append(await step(home))
        except (ServerGone, RuntimeError, OSError) as err:  # a dead server is a finding, not a crash of the bench
            results.append(Figures(name, broken=[f"{type(err).__name__}: {err}"]))
    return results


@asynccontextmanager
async def shared_rasa(config: Settings, logs: Path) -> AsyncIterator[tuple[str, str | None]]:
    """EMMA_NLU_URL's Rasa, or one started here for the whole benchmark."""
    if config.nlu.url:
        yield config.nlu.url, config.nlu.token
        return
    from nlu.rasa_service import RasaService
    from nlu.training import ensure_model

    print("Starting one Rasa for the whole benchmark (about 40 s)...", file=sys.stderr)
    model = await asyncio.to_thread(ensure_model, config.models_dir / "nlu", config.nlu.rasa_python)
    service = RasaService(model, config.nlu.rasa_python, logs / "rasa.log")
    await service.start()
    try:
        yield service.parser.url, service.token
    finally:
        await service.stop()


async def run(config: Settings, plan: Plan, keep: bool = False) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="emma-reliability-"))
    try:
        async with shared_rasa(config, workdir) as (url, token):
            results = await run_plan(plan, url, token, workdir)
    finally:
        if not keep:
            import shutil

            shutil.rmtree(workdir, ignore_errors=True)
    print(render("emma bench reliability: real `emma serve` processes on loopback, one shared Rasa", results))
    if keep:
        print(f"Homes and server logs kept in {workdir}")
    return 1 if any(f.broken for f in results) else 0
