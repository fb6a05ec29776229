"""`emma bench cluster`: exactly-once orders and throughput across several `emma serve` on one PostgreSQL.

A throwaway PostgreSQL, one shared Rasa, N instances and nginx in front (least_conn; a POST that reached a
dead instance goes to the next one, which the idempotency key makes safe). Every scenario gets a fresh
database cloned from the demo shop and a fresh set of instances.
1. One `yes` sent 100 times at once with one key, spread over the instances: one order.
2. 200 buyers for the last 10 units, spread over the instances: 10 orders, stock never below 0.
   (In 1 and 2 the carts are seeded in the database: the race is about the `yes`, whatever the NLU makes of
   an add.)
3. kill -9 of one instance in the middle of an order burst, each round another one: the others take the
   traffic through nginx; every acknowledged order exists exactly once; replays with the same keys change nothing.
4. PostgreSQL restarted under load: turns in flight get 503 + Retry-After, the instances reconnect, nothing is lost.
Then turns per second for 1..N instances, with the CPU each part used (where the bottleneck is).
The exit code is 1 when an invariant broke.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from fulfillment.adapters.postgres.catalog import PgCatalog
from fulfillment.adapters.postgres.copy import copy_sqlite
from fulfillment.adapters.postgres.database import PgDatabase
from fulfillment.settings import Settings
from fulfillment.tools.bench import SCRIPTS, percentile
from fulfillment.tools.bench_crash import PREFIX, Shopper, _audit, _replay, shop
from fulfillment.tools.bench_figures import Figures, render
from fulfillment.tools.bench_home import demo_template
from fulfillment.tools.bench_pg_home import PgBenchHome
from fulfillment.tools.bench_reliability import PRODUCT, SIZE, Plan, shared_rasa
from fulfillment.tools.cluster import start_nginx, stop_nginx
from fulfillment.tools.local_postgres import LocalPostgres
from fulfillment.tools.serve_process import ServeProcess
from fulfillment.tools.turn_client import Exchange, Restarts, TurnClient
from nlu.rasa_service import free_port

TEMPLATE = "emma_bench_template"
T = TypeVar("T")


class Cluster:
    """N instances of one database behind nginx; `front` is a ServeProcess whose url is nginx's."""

    def __init__(self, folder: Path, url: str, instances: int, nlu: tuple[str, str | None]) -> None:
        self.folder = folder
        self.servers = []
        for n in range(instances):
            home = folder / f"instance-{n + 1}"
            home.mkdir(parents=True, exist_ok=True)
            server = ServeProcess(home, *nlu)
            server.env["EMMA_DATABASE_URL"] = url
            self.servers.append(server)
        self.port = free_port()
        # The scenarios only read `.url`: nginx's address stands in for the single server of bench_reliability.
        self.front = ServeProcess(folder, *nlu)
        self.front.url = f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        await asyncio.gather(*(s.start() for s in self.servers))
        start_nginx(self.folder, self.port, [s.port for s in self.servers], relayed=False)

    async def stop(self) -> None:
        stop_nginx(self.folder)
        await asyncio.gather(*(s.stop() for s in self.servers))

    def pids(self) -> list[int]:
        return [s.pid for s in self.servers]


@dataclass
class Bench:
    """The parts shared by every scenario: the PostgreSQL server, the Rasa, the working folder."""

    postgres: LocalPostgres
    nlu: tuple[str, str | None]
    workdir: Path
    instances: int
    rasa_port: int = 0
    clusters: list[Cluster] = field(default_factory=list)

    def database(self, name: str) -> PgBenchHome:
        url = self.postgres.create_database(name, template=TEMPLATE)
        return PgBenchHome(self.workdir / name, url)

    async def on_cluster(self, name: str, scenario: Callable[[PgBenchHome, Cluster], Awaitable[T]],
                         seed: Callable[[PgBenchHome], None], instances: int | None = None) -> T:
        home = self.database(name)
        home.home.mkdir(parents=True, exist_ok=True)
        seed(home)
        cluster = Cluster(home.home, home.url, instances or self.instances, self.nlu)
        try:
            await cluster.start()
            return await scenario(home, cluster)
        finally:
            await cluster.stop()


def template_database(postgres: LocalPostgres, workdir: Path, nlu: tuple[str, str | None]) -> None:
    """The demo shop (from `emma setup` on SQLite) copied once into a template database."""
    sqlite = demo_template(workdir / "template", *nlu)
    db = PgDatabase(postgres.create_database(TEMPLATE))
    try:
        copy_sqlite(sqlite, db, PgCatalog(db))
    finally:
        db.close()


# -- scenarios 1 and 2: the cart is seeded, so the race is about the `yes` alone ---------------------------
def seed_carts(home: PgBenchHome, customers: list[str], sku: str) -> None:
    """Each customer with one unit of `sku` in the cart (no NLU needed to get there)."""
    home.add_customers(customers)
    with home.connect_pg() as conn, conn.cursor() as cur:
        cur.executemany("INSERT INTO cart_items (customer_id, sku, quantity, added_at) VALUES (%s, %s, 1, %s)",
                        [(c, sku, "2026-01-01T00:00:00+00:00") for c in customers])


async def readback(client: TurnClient, customer: str) -> Exchange:
    return await client.turn(customer, customer, "check out", uuid.uuid4().hex)


async def one_yes_replayed(home: PgBenchHome, cluster: Cluster, plan: Plan) -> Figures:
    figures = Figures(f"one yes x{plan.replays} over {len(cluster.servers)}")
    customer = "bench-replay"
    seed_carts(home, [customer], home.variants(PRODUCT, SIZE)[0])
    before = home.stock()
    async with TurnClient(cluster.front.url, Restarts(expected=False)) as client:
        first = await readback(client, customer)
        figures.check(first.action == "confirm_order", f"no read-back: {first.describe()}")
        key = uuid.uuid4().hex
        answers = await asyncio.gather(*(client.turn(customer, customer, "yes", key) for _ in range(plan.replays)))
        ids = {a.order_id for a in answers}
        figures.check(all(a.status == 200 for a in answers), "not every copy was answered 200")
        figures.check(len(ids) == 1 and None not in ids, f"the copies carry order ids {sorted(map(str, ids))}")
        figures.count(client)
    orders = home.orders(customer)
    figures.orders, figures.duplicates = len(orders), max(0, len(orders) - 1)
    figures.check(len(orders) == 1 and orders[0].id in ids, f"{len(orders)} orders for one yes")
    now = home.stock()
    figures.check(all(before[s] - now[s] == q for o in orders for s, q in o.lines.items()), "stock moved wrongly")
    return figures


async def last_units_race(home: PgBenchHome, cluster: Cluster, plan: Plan) -> Figures:
    figures = Figures(f"{plan.buyers} buyers, last {plan.units} over {len(cluster.servers)}")
    skus = home.variants(PRODUCT, SIZE)
    sku = skus[0]
    home.set_stock({s: plan.units if n == 0 else 0 for n, s in enumerate(skus)})
    buyers = [f"bench-buyer-{i + 1:04d}" for i in range(plan.buyers)]
    seed_carts(home, buyers, sku)
    slots = asyncio.Semaphore(plan.setup_concurrency)

    async def ready(client: TurnClient, buyer: str) -> Exchange:
        async with slots:
            return await readback(client, buyer)

    async with TurnClient(cluster.front.url, Restarts(expected=False)) as client:
        readbacks = await asyncio.gather(*(ready(client, b) for b in buyers))
        figures.check(all(r.action == "confirm_order" for r in readbacks), "a buyer got no read-back")
        answers = await asyncio.gather(*(client.turn(b, b, "yes", uuid.uuid4().hex) for b in buyers))
        figures.count(client)
    placed = {b: a.order_id for b, a in zip(buyers, answers, strict=True) if a.order_id}
    sold_out = [a for a in answers if a.status == 200 and a.action == "out_of_stock"]
    orders = home.orders("bench-buyer-")
    left = home.stock()[sku]
    figures.orders, figures.duplicates = len(orders), max(0, len(orders) - plan.units)
    figures.notes.append(f"{len(placed)} placed, {len(sold_out)} told it sold out, {left} left of {sku}")
    figures.check(len(orders) == plan.units, f"{len(orders)} orders for {plan.units} units")
    figures.check({(o.customer_id, o.id) for o in orders} == set(placed.items()),
                  "the orders in the database are not the ones acknowledged to their buyers")
    figures.check(left == 0, f"{left} units left after {len(orders)} orders")
    figures.check(len(placed) + len(sold_out) == len(buyers), "a buyer got neither an order nor a clear answer")
    return figures


# -- scenario 3: kill -9 of one instance ------------------------------------------------------------------
def kill_on_orders(home: PgBenchHome, rises: int, kill: Callable[[], None], deadline_s: float = 60.0) -> float:
    """Polls the orders every millisecond and kills at the `rises`-th new one (right after its commit)."""
    import psycopg

    query = f"SELECT count(*) FROM orders WHERE customer_id LIKE '{PREFIX}%'"
    started = time.monotonic()
    with psycopg.connect(home.url, autocommit=True) as conn:
        row = conn.execute(query.encode()).fetchone()
        last, seen = (int(row[0]) if row else 0), 0
        while seen < rises and time.monotonic() - started < deadline_s:
            row = conn.execute(query.encode()).fetchone()
            now = int(row[0]) if row else last
            seen += now > last
            last = now
            time.sleep(0.001)
    kill()
    return time.monotonic()


async def kill_one_instance(home: PgBenchHome, cluster: Cluster, plan: Plan) -> Figures:
    n = len(cluster.servers)
    figures = Figures(f"kill -9 1 of {n} x{plan.rounds} (burst {plan.burst})")
    everyone = [[Shopper(f"{PREFIX}r{r + 1}-{i + 1:03d}") for i in range(plan.burst)] for r in range(plan.rounds)]
    home.add_customers(s.customer for group in everyone for s in group)
    home.stock_at_least(SIZE, plan.rounds * plan.burst + 10)
    initial = home.stock()
    async with TurnClient(cluster.front.url, Restarts(expected=False)) as client:
        for number, shoppers in enumerate(everyone, start=1):
            victim = cluster.servers[(number - 1) % n]
            burst = asyncio.ensure_future(asyncio.gather(*(shop(client, s) for s in shoppers)))
            rises = max(1, plan.burst // 3)
            killed_at = await asyncio.to_thread(kill_on_orders, home, rises, victim.kill_now)
            await burst
            figures.notes.append(f"round {number}: instance {(number - 1) % n + 1} killed after {rises} orders")
            await victim.reap()
            await victim.start()  # back for the next round (same home, same port)
            figures.restarts += 1
            figures.recovery_s.append(time.monotonic() - killed_at)
        figures.count(client)
    shoppers = [s for group in everyone for s in group]
    await _replay(cluster.front.url, shoppers, figures)
    _audit(figures, shoppers, home.orders(PREFIX), home.cart_units(PREFIX), initial, home.stock())
    return figures


# -- scenario 4: PostgreSQL restarted under load ----------------------------------------------------------
async def restart_postgres(home: PgBenchHome, cluster: Cluster, plan: Plan, postgres: LocalPostgres) -> Figures:
    figures = Figures(f"PostgreSQL restart (burst {plan.burst * 2})")
    shoppers = [Shopper(f"{PREFIX}pg-{i + 1:03d}") for i in range(plan.burst * 2)]
    home.add_customers(s.customer for s in shoppers)
    home.stock_at_least(SIZE, len(shoppers) + 10)
    initial = home.stock()
    async with TurnClient(cluster.front.url, Restarts(expected=False)) as client:
        burst = asyncio.ensure_future(asyncio.gather(*(shop(client, s) for s in shoppers)))
        await asyncio.to_thread(kill_on_orders, home, max(1, len(shoppers) // 4), lambda: None)
        started = time.monotonic()
        await asyncio.to_thread(postgres.restart, "fast")
        figures.restarts += 1
        figures.recovery_s.append(time.monotonic() - started)
        await burst
        figures.count(client)
        figures.notes.append(f"{client.statuses.get(503, 0)} answers were 503 + Retry-After while it restarted")
    await _replay(cluster.front.url, shoppers, figures)
    _audit(figures, shoppers, home.orders(PREFIX), home.cart_units(PREFIX), initial, home.stock())
    return figures


# -- throughput ---------------------------------------------------------------------------------------------
def cpu_seconds(pids: list[int]) -> float:
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def waited_seconds(pids: list[int], proc: Path = Path("/proc")) -> float:
    """Seconds the threads of `pids` were ready to run but waited for a core (/proc/<pid>/task/*/schedstat:
    on-CPU time, run-queue wait, slices). A part that waits much is starved of CPU, not slow by itself."""
    total = 0
    for pid in pids:
        for stat in (proc / str(pid) / "task").glob("*/schedstat"):
            try:
                total += int(stat.read_text().split()[1])
            except (OSError, IndexError, ValueError):
                continue
    return total / 1e9


def processes(match: Callable[[list[str]], bool]) -> list[int]:
    """Pids whose command line satisfies `match`."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:
            continue
        if match(cmdline):
            found.append(int(entry.name))
    return found


def family(pid_file: Path) -> list[int]:
    """The process named in `pid_file` (its first line) and its children."""
    try:
        parent = int(pid_file.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return []
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == parent:
                children.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return [parent, *children]


async def throughput(home: PgBenchHome, cluster: Cluster, seconds: float, concurrency: int, bench: Bench) -> str:
    """Scripted conversations from `concurrency` shoppers for `seconds`; turns/s and CPU per part."""
    customers = [f"bench-tp-{i:03d}" for i in range(concurrency)]
    groups: dict[str, Callable[[], list[int]]] = {
        "emma": cluster.pids,
        "rasa": lambda: processes(lambda argv: f"--port={bench.rasa_port}" in argv),
        "postgres": lambda: family(bench.postgres.data / "postmaster.pid"),
        "nginx": lambda: family(cluster.folder / "nginx.pid"),
        "client": lambda: [os.getpid()],  # this benchmark's own 16 shoppers (aiohttp)
    }
    latencies: list[float] = []
    done = 0
    stop_at = time.monotonic() + seconds

    async def shopper(client: TurnClient, customer: str) -> None:
        nonlocal done
        run = 0
        while time.monotonic() < stop_at:
            script = SCRIPTS[(run + hash(customer)) % len(SCRIPTS)]
            session = f"{customer}-{run}-{uuid.uuid4().hex[:6]}"
            run += 1
            for text in script:
                if time.monotonic() >= stop_at:
                    return
                answer = await client.turn(session, customer, text, uuid.uuid4().hex)
                latencies.append(answer.latency_ms)
                done += 1

    async with TurnClient(cluster.front.url, Restarts(expected=False)) as client:
        before = {name: (cpu_seconds(pids()), waited_seconds(pids())) for name, pids in groups.items()}
        load = os.getloadavg()[0]
        wall = time.monotonic()
        await asyncio.gather(*(shopper(client, c) for c in customers))
        wall = time.monotonic() - wall
        used = {name: (cpu_seconds(pids()) - before[name][0], waited_seconds(pids()) - before[name][1])
                for name, pids in groups.items()}
    cores = os.cpu_count() or 1
    parts = ", ".join(f"{name} {100 * cpu / wall:.0f}%" for name, (cpu, _) in used.items())
    waits = ", ".join(f"{name} {100 * waited / wall:.0f}%" for name, (_, waited) in used.items())
    per_turn = ", ".join(f"{name} {1000 * cpu / max(done, 1):.1f}" for name, (cpu, _) in used.items())
    return (f"{len(cluster.servers)} instance(s): {done / wall:6.1f} turns/s  p50 {percentile(latencies, 50):5.0f} ms"
            f"  p95 {percentile(latencies, 95):5.0f} ms  (load {load:.1f} before)\n"
            f"    CPU (100% = one core of {cores}): {parts}\n    waiting for a core: {waits}\n"
            f"    CPU ms per turn: {per_turn}")


async def run_bench(bench: Bench, plan: Plan, seconds: float, concurrency: int) -> tuple[list[Figures], list[str]]:
    def none(home: PgBenchHome) -> None:
        return None

    results = [
        await bench.on_cluster("replay", lambda h, c: one_yes_replayed(h, c, plan), none),
        await bench.on_cluster("last_units", lambda h, c: last_units_race(h, c, plan), none),
        await bench.on_cluster("kill_one", lambda h, c: kill_one_instance(h, c, plan), none),
        await bench.on_cluster("pg_restart", lambda h, c: restart_postgres(h, c, plan, bench.postgres), none),
    ]
    speeds: list[str] = []
    if seconds > 0:
        for n in range(1, bench.instances + 1):
            def seed(home: PgBenchHome) -> None:
                home.add_customers(f"bench-tp-{i:03d}" for i in range(concurrency))
            speeds.append(await bench.on_cluster(
                f"throughput_{n}", lambda h, c: throughput(h, c, seconds, concurrency, bench), seed, instances=n))
    return results, speeds


async def run_plan(plan: Plan, nlu_url: str, nlu_token: str | None, workdir: Path, instances: int = 3,
                   seconds: float = 0.0, concurrency: int = 16) -> tuple[list[Figures], list[str]]:
    """Everything on a throwaway PostgreSQL under `workdir` (the tests call this with a reduced plan)."""
    postgres = LocalPostgres.create()  # in a folder of its own the postgres user can reach
    postgres.start()
    try:
        nlu = (nlu_url, nlu_token)
        await asyncio.to_thread(template_database, postgres, workdir, nlu)
        bench = Bench(postgres, nlu, workdir, instances, rasa_port=int(nlu_url.rsplit(":", 1)[-1].strip("/") or 0))
        return await run_bench(bench, plan, seconds, concurrency)
    finally:
        postgres.stop()


async def run(config: Settings, plan: Plan, instances: int, seconds: float, concurrency: int,
              keep: bool = False) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="emma-cluster-bench-"))
    try:
        async with shared_rasa(config, workdir) as (url, token):
            results, speeds = await run_plan(plan, url, token, workdir, instances, seconds, concurrency)
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(render(f"emma bench cluster: {instances} `emma serve` behind nginx, one PostgreSQL, one shared Rasa",
                 results))
    if speeds:
        print(f"\nThroughput ({concurrency} shoppers, {seconds:.0f} s each, scripted conversations):")
        print("\n".join(speeds))
    if keep:
        print(f"Homes and logs kept in {workdir}")
    return 1 if any(f.broken for f in results) else 0

