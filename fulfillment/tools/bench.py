"""Benchmarks that print figures (`emma bench text`, `emma bench search`). Never timed tests."""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fulfillment.domain.turns import TurnRequest
from fulfillment.services.demo_data import demo_catalog_path
from fulfillment.settings import Settings

# Scripted conversations a shopper might have; each runs in a fresh session.
SCRIPTS: tuple[tuple[str, ...], ...] = (
    ("hi", "do you have rain jackets", "the second one", "is it waterproof", "add two in medium",
     "what's in my cart", "check out", "yes", "where is my order", "order the same again", "no"),
    ("i'm looking for running shoes", "more", "the first one", "what sizes does it come in",
     "how are the reviews", "add it in size 43", "what's in my cart", "remove it", "thanks bye"),
    ("do you have a merino sweater", "is it in stock in hamburg", "compare the first and the second",
     "what are your opening hours", "how do returns work", "say that again", "goodbye"),
    ("i need a gift for my dad", "the cheapest one", "how much is it", "do you have headphones under 100 euros",
     "the first", "what colors does it come in", "help", "what's the weather tomorrow", "talk to a person"),
)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def rss_mb(pid: int | str = "self") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def child_pids() -> list[int]:
    me, found = os.getpid(), []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == me:
            found.append(int(stat.parent.name))
    return found


def _row(name: str, values: list[float]) -> str:
    return f"{name:<12} p50 {percentile(values, 50):7.1f} ms   p95 {percentile(values, 95):7.1f} ms   n={len(values)}"


@contextmanager
def scratch_home(config: Settings) -> Iterator[Settings]:
    """A throwaway copy of the home (database, NLU lookups) sharing its models: benchmarks place
    orders, and must not place them in the real shop."""
    with tempfile.TemporaryDirectory(prefix="emma-bench-") as tmp:
        home = Path(tmp)
        shutil.copyfile(config.db_path, home / "emma.db")
        config.models_dir.mkdir(parents=True, exist_ok=True)  # a fresh home has none yet: link what will be
        (home / "models").symlink_to(config.models_dir.resolve(), target_is_directory=True)
        if (config.home / "nlu").exists():
            shutil.copytree(config.home / "nlu", home / "nlu")
        yield config.with_(home=home)


async def text(config: Settings, turns: int) -> int:
    """Plays scripted conversations through the real NLU and fulfillment on a copy of the home."""
    from fulfillment.domain.conversation import Conversation
    from fulfillment.wiring import open_home
    from nlu.runtime import nlu_parser

    open_home(config).close()  # make sure the real home exists and holds the demo shop
    with scratch_home(config) as bench_config:
        shop = open_home(bench_config)
        async with nlu_parser(bench_config) as parser:
            conversation = Conversation(shop, parser)
            timings: dict[str, list[float]] = {"nlu": [], "fulfillment": [], "total": []}
            done, run = 0, 0
            while done < turns:
                script = SCRIPTS[run % len(SCRIPTS)]
                session = f"bench-{run}"
                run += 1
                for utterance in script:
                    result = await conversation.handle(TurnRequest(session, utterance, "demo", "bench"))
                    for name in timings:
                        timings[name].append(result.timings_ms[name])
                    done += 1
            rasa_rss = sum(rss_mb(pid) for pid in child_pids())
        shop.close()
    print(f"emma bench text: {done} turns in {run} scripted conversations")
    for name in ("nlu", "fulfillment", "total"):
        print(_row(name, timings[name]))
    print(f"RSS: Emma {rss_mb():.0f} MB, Rasa {rasa_rss:.0f} MB")
    print("Goal: whole turn p50 <= 20 ms, p95 <= 40 ms")
    return 0


QUERIES = (
    "rain jacket", "running shoes", "merino sweater", "espresso machine", "headphones", "coffee beans",
    "waterproof hiking boots", "green tea", "yoga mat", "face cream", "backpack", "kettle",
    "merino sweeter", "rain jackit", "wireless earbuds", "frying pan", "sleeping bag", "water bottle",
)
GERMAN_QUERIES = (
    "regenjacke", "laufschuhe", "jacke für regen", "kaffeemühle", "kaffeemuehle", "kopfhörer", "yogamatte",
    "wasserdichte wanderschuhe", "grüntee", "rucksack", "regenjake", "trinkflasche",
)
"""The same kind of requests in German: stems, compounds, umlaut spellings and a misheard word."""


def search(products: int, queries: int) -> int:
    """Search latency on a generated catalog of `products` products (temporary home)."""
    from fulfillment.domain.models import ProductFilter
    from fulfillment.domain.search import SearchRequest
    from fulfillment.services.catalog_import import product_from_json
    from fulfillment.wiring import open_shop

    templates = [json.loads(line) for line in demo_catalog_path().read_text().splitlines() if line.strip()]
    rng = random.Random(1)
    words = ("classic", "pro", "lite", "urban", "alpine", "essential", "signature", "everyday", "studio", "trail")
    with tempfile.TemporaryDirectory(prefix="emma-bench-search-") as tmp:
        shop = open_shop(Settings(home=Path(tmp)))
        started = time.perf_counter()
        batch = 2000
        for first in range(0, products, batch):
            with shop.db.transaction() as conn:
                for i in range(first, min(first + batch, products)):
                    raw = dict(templates[i % len(templates)])
                    raw["handle"] = f"{raw['handle']}-{i}"
                    raw["title"] = f"{rng.choice(words).title()} {raw['title']} {i // len(templates)}"
                    raw["variants"] = [dict(v, sku=f"{v['sku']}-{i}") for v in raw["variants"]]
                    shop.catalog.save(conn, product_from_json(raw))
        load_s = time.perf_counter() - started
        for query in QUERIES:  # warm the page cache once: steady state is what a running shop sees
            shop.search.search(SearchRequest(query))
        times: list[float] = []
        for n in range(queries):
            query = QUERIES[n % len(QUERIES)]
            request = SearchRequest(query, ProductFilter(in_stock=n % 3 == 0, color="black" if n % 5 == 0 else None))
            t0 = time.perf_counter()
            result = shop.search.search(request)
            shop.catalog.get_many(result.ids[:3])
            times.append((time.perf_counter() - t0) * 1000)
        started = time.perf_counter()
        shop.search.german_words()  # built once per catalog, like the fuzzy vocabulary
        german_build_s = time.perf_counter() - started
        for query in GERMAN_QUERIES:
            shop.search.search(SearchRequest(query, language="de"))
        german: list[float] = []
        for n in range(queries):
            request = SearchRequest(GERMAN_QUERIES[n % len(GERMAN_QUERIES)], language="de",
                                    where=ProductFilter(in_stock=n % 3 == 0))
            t0 = time.perf_counter()
            result = shop.search.search(request)
            shop.catalog.get_many(result.ids[:3])
            german.append((time.perf_counter() - t0) * 1000)
        shop.close()
    print(f"emma bench search: {products} products generated and indexed in {load_s:.0f} s")
    print(_row("search", times))
    print(_row("search de", german) + f"  (German words built once in {german_build_s:.2f} s)")
    print("Goal: search p95 <= 10 ms (ranking, filters, fuzzy repair, top 3 loaded)")
    return 0
