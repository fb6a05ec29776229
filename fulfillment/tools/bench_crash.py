"""Scenario 3: kill -9 during order bursts, restart on the same home, retry with the same keys.

Each round starts `burst` shoppers at once, each with a conversation of its own that ends in an
order, and SIGKILLs the server mid-burst (right after a commit, see kill_trigger). The server is
restarted on the same home and every unanswered request is sent again with its idempotency key.
Afterwards every acknowledged turn is replayed once more: it must answer exactly as the first time.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from fulfillment.tools.bench_figures import Figures
from fulfillment.tools.bench_home import BenchHome, PlacedOrder
from fulfillment.tools.kill_trigger import KINDS, KillTrigger
from fulfillment.tools.serve_process import ServeProcess
from fulfillment.tools.turn_client import Exchange, Restarts, ServerGone, TurnClient

SCRIPT = ("do you have rain jackets", "the second one", "add one in medium", "check out", "yes")
SIZE = "M"
"""The size SCRIPT adds; every variant of it gets enough stock for all rounds."""
PREFIX = "bench-crash-"


@dataclass
class Shopper:
    customer: str
    keys: list[str] = field(default_factory=lambda: [uuid.uuid4().hex for _ in SCRIPT])
    answers: list[Exchange] = field(default_factory=list)
    failure: str | None = None

    @property
    def yes(self) -> Exchange | None:
        return self.answers[-1] if len(self.answers) == len(SCRIPT) else None


async def shop(client: TurnClient, shopper: Shopper) -> None:
    for text, key in zip(SCRIPT, shopper.keys, strict=True):
        try:
            answer = await client.turn(shopper.customer, shopper.customer, text, key)
        except ServerGone as err:
            shopper.failure = str(err)
            return
        shopper.answers.append(answer)
        if answer.status != 200:
            shopper.failure = f"'{text}' answered {answer.describe()}"
            return


async def kill_rounds(home: BenchHome, rounds: int, burst: int, nlu_url: str, nlu_token: str | None,
                      seed: int = 7) -> Figures:
    figures = Figures(f"kill -9 x{rounds} (burst {burst})")
    everyone = [[Shopper(f"{PREFIX}r{r + 1}-{i + 1:03d}") for i in range(burst)] for r in range(rounds)]
    home.add_customers(s.customer for group in everyone for s in group)
    home.stock_at_least(SIZE, rounds * burst + 10)
    initial = home.stock()
    server = ServeProcess(home.home, nlu_url, nlu_token)
    await server.start()
    try:
        async with TurnClient(server.url, Restarts(expected=True)) as client:
            killer = RoundKiller(home, server, client, figures, random.Random(seed))
            for number, shoppers in enumerate(everyone, start=1):
                await killer.play(number, shoppers)
            figures.count(client)
        shoppers = [s for group in everyone for s in group]
        await _replay(server.url, shoppers, figures)
    finally:
        await server.stop()
    _audit(figures, shoppers, home.orders(PREFIX), home.cart_units(PREFIX), initial, home.stock())
    return figures


class RoundKiller:
    """Plays one burst per round, kills the server mid-burst, restarts it, lets the retries finish."""

    def __init__(self, home: BenchHome, server: ServeProcess, client: TurnClient, figures: Figures,
                 rng: random.Random) -> None:
        self.home, self.server, self.client, self.figures, self.rng = home, server, client, figures, rng
        self.busy_s = 2.0
        """How long the last burst ran before its kill (or to its end): `random` kills within that."""

    async def play(self, number: int, shoppers: list[Shopper]) -> None:
        started = time.monotonic()
        kind = KINDS[(number - 1) % len(KINDS)]
        burst = asyncio.ensure_future(asyncio.gather(*(shop(self.client, s) for s in shoppers)))
        fired: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        trigger = KillTrigger(
            self.home.db_path, kind, rises=self.rng.randint(1, max(1, len(shoppers) // 3)),
            deadline_s=self.rng.uniform(0.1, 0.6) * self.busy_s if kind == "random" else 60.0,
            kill=self.server.kill_now, fired=fired)
        trigger.start()
        either: set[asyncio.Future[Any]] = {fired, burst}
        await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
        trigger.cancel()
        self.busy_s = (trigger.killed_at or time.monotonic()) - started
        if trigger.killed_at is None:
            self.figures.notes.append(f"round {number}: the burst ended before the {kind} trigger")
        else:
            await self.server.reap()
            await self.server.start()  # same home, same port
            self.figures.recovery_s.append(time.monotonic() - trigger.killed_at)
            self.figures.restarts += 1
            self.client.restarts.generation += 1  # releases the requests waiting to be retried
            self.figures.notes.append(f"round {number}: SIGKILL on {await fired}")
        await burst


async def _replay(url: str, shoppers: list[Shopper], figures: Figures) -> None:
    """Every acknowledged turn once more, same key: the same turn must come back, nothing new."""
    answered = [(s, a) for s in shoppers for a in s.answers if a.status == 200]
    async with TurnClient(url, Restarts(expected=False)) as client:
        again = await asyncio.gather(*(client.turn(s.customer, s.customer, a.text, a.key) for s, a in answered))
    changed = [(s, a, b) for (s, a), b in zip(answered, again, strict=True)
               if b.body.get("turn_id") != a.body.get("turn_id")]
    figures.notes.append(f"{len(answered)} acknowledged turns replayed, {len(changed)} answered differently")
    for s, a, b in changed[:5]:
        figures.broken.append(f"{s.customer} '{a.text}' replayed as a new turn: {b.describe()}")


def _audit(figures: Figures, shoppers: list[Shopper], orders: list[PlacedOrder], carts: dict[str, int],
           initial: dict[str, int], now: dict[str, int]) -> None:
    figures.orders = len(orders)
    mine: dict[str, list[PlacedOrder]] = {}
    for order in orders:
        mine.setdefault(order.customer_id, []).append(order)
    retried = sum(1 for s in shoppers for a in s.answers if a.attempts > 1)
    figures.notes.append(f"{len(shoppers)} conversations, {retried} turns needed a retry")
    for s in shoppers:
        theirs, yes = mine.get(s.customer, []), s.yes
        acked = yes.order_id if yes else None
        figures.check(s.failure is None, f"{s.customer}: {s.failure}")
        figures.duplicates += max(0, len(theirs) - 1)
        figures.check(len(theirs) <= 1, f"{s.customer} said yes once and has {len(theirs)} orders")
        if acked is not None:
            figures.check(acked in {o.id for o in theirs}, f"{s.customer}: acknowledged order {acked} is missing")
        elif theirs:
            figures.broken.append(f"{s.customer}: order {theirs[0].id} exists but the retried yes answered "
                                  f"{yes.describe() if yes else 'nothing'}")
        elif yes is not None:
            figures.broken.append(f"{s.customer}: no order; yes answered {yes.describe()}")
        for order in theirs:
            figures.check(order.units == 1, f"{s.customer}: order {order.id} holds {order.units} units for "
                                            "one 'add one in medium' (an add was applied twice)")
        left = carts.get(s.customer, 0)
        figures.check(left <= (0 if theirs else 1), f"{s.customer}: {left} units left in the cart")
    ordered: Counter[str] = Counter()
    for order in orders:
        if order.status != "cancelled":
            ordered.update(order.lines)
    wrong = [sku for sku in initial if initial[sku] - ordered[sku] != now.get(sku)]
    figures.check(not wrong, "stock does not add up (initial - ordered != current) for "
                             + ", ".join(f"{sku}: {initial[sku]} - {ordered[sku]} != {now.get(sku)}"
                                         for sku in wrong[:5]))
