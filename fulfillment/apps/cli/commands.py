"""What each `emma` subcommand does, over the domain and the runtime pieces."""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from fulfillment.apps.cli.runtime import turn_handler
from fulfillment.domain.errors import BadInput
from fulfillment.domain.models import Customer
from fulfillment.domain.turns import TurnRequest
from fulfillment.services.catalog_import import import_file
from fulfillment.settings import Settings
from fulfillment.wiring import open_home

if TYPE_CHECKING:
    from fulfillment.wiring import ShopHome
    from nlu.parser import Entity
    from speech.config import SpeechConfig
    from speech.voice_pipeline import VoicePipeline

console = Console(stderr=True)


@contextmanager
def training_progress() -> Iterator[Callable[[int], None]]:
    """A progress bar fed by Rasa's epoch percentage."""
    with Progress(TextColumn("Training the NLU model"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                  TimeElapsedColumn(), console=console, transient=False) as progress:
        task = progress.add_task("train", total=100)
        yield lambda percent: progress.update(task, completed=percent)


def ensure_nlu_model(config: Settings, language: str = "en") -> Path:
    from nlu.runtime import vocabulary_file
    from nlu.training import ensure_model, model_path, project_files

    target = model_path(config.models_dir / "nlu", project_files(vocabulary_file(config), language), language)
    if target.exists():
        return target
    with training_progress() as progress:
        return ensure_model(config.models_dir / "nlu", config.nlu.rasa_python, vocabulary_file(config), progress,
                            language)


async def serve(config: Settings, wyoming: str | None = None, speech: SpeechConfig | None = None) -> int:
    from aiohttp import web

    from fulfillment.apps.cli.api_keys import check_serve_keys
    from fulfillment.apps.cli.wyoming import check_uri as check_wyoming_uri
    from fulfillment.apps.http.keys import VOICE
    from fulfillment.apps.http.runner import app_runner
    from fulfillment.apps.server import create_server
    from fulfillment.services.lifecycle import claim_home

    if wyoming and speech is None:
        raise BadInput("--wyoming needs speech; drop --no-speech.", code="speech_disabled")
    exposed = check_wyoming_uri(wyoming) if wyoming else None
    marker = await asyncio.to_thread(claim_home, config)  # first: one server per home; reports a crash
    await asyncio.to_thread(check_serve_keys, config)  # before the slow start: a bad setup stops at once
    await asyncio.to_thread(setup_home, config)
    app = create_server(config, speech=speech)  # API, support, Alexa, and the retention purge (hourly)
    runner = app_runner(app)
    await runner.setup()  # starts Rasa (and loads Whisper and Piper) before answering anyone
    site = web.TCPSite(runner, config.http.host, config.http.port)
    await site.start()
    console.print(f"Emma is listening on http://{config.http.host}:{config.http.port} (home {config.home}). "
                  "Ctrl-C stops.")
    tasks = []
    if wyoming:
        voice = app[VOICE]
        tasks.append(asyncio.create_task(_wyoming(wyoming, voice)))
        console.print(f"Wyoming speech server on {wyoming}")
        if exposed:
            console.print(f"WARNING: {exposed}", style="bold red", markup=False)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)  # clean shutdown stops Rasa too
    try:
        await stop.wait()
    finally:
        for task in tasks:
            task.cancel()
        await runner.cleanup()
        marker.release()
    return 0


async def _wyoming(uri: str, voice: VoicePipeline) -> None:
    """Wyoming in each of the shop's languages (the event names it), on the voice pipeline's models."""
    from speech.wyoming_info import routes_info
    from speech.wyoming_server import run_wyoming_server

    await run_wyoming_server(uri, voice.routes, routes_info(voice.routes, "0.1.0"))


def setup_home(config: Settings) -> None:
    """Database (with the demo shop when empty) and the NLU model. The NLU vocabulary follows the
    catalog only after `emma catalog import`; the demo's is part of the project."""
    open_home(config).close()
    for language in local_nlu_languages(config):
        ensure_nlu_model(config, language)


def local_nlu_languages(config: Settings) -> list[str]:
    """The shop's languages whose Rasa Emma trains and starts (EMMA_NLU_URL serves the default one)."""
    return [lang for lang in config.languages if not (config.nlu.url and lang == config.default_language)]


def refresh_vocabulary(config: Settings, shop: ShopHome) -> bool:
    """Rewrites the NLU lookup tables from the catalog; True when they changed."""
    from nlu.runtime import vocabulary_file
    from nlu.training import write_vocabulary

    return write_vocabulary(shop.catalog.vocabulary(), list(shop.knowledge.stores), vocabulary_file(config))


async def setup(config: Settings) -> int:
    await asyncio.to_thread(setup_home, config)
    console.print(f"Emma's home is ready: {config.home}")
    return 0


def shop_language(config: Settings, lang: str | None) -> str:
    """`--lang`: one of the shop's languages (EMMA_LANGUAGES); none given, its default."""
    language = (lang or config.default_language).strip().lower()
    if language not in config.languages:
        raise BadInput(f"--lang must be one of this shop's languages: {', '.join(config.languages)} "
                       "(EMMA_LANGUAGES).", code="unsupported_language")
    return language


async def ask(config: Settings, text: str, session: str, customer: str, as_json: bool,
              key: str | None, prefer_server: bool, lang: str | None = None) -> int:
    locale = shop_language(config, lang)
    async with turn_handler(config, prefer_server) as handler:
        result = await handler.handle(TurnRequest(session, text, customer, "text", key, locale=locale))
    print(json.dumps(result.to_json(), ensure_ascii=False) if as_json else result.reply)
    return 0


async def chat(config: Settings, session: str, customer: str, prefer_server: bool, lang: str | None = None) -> int:
    locale = shop_language(config, lang)
    async with turn_handler(config, prefer_server) as handler:
        console.print("Talk to Emma. An empty line or Ctrl-D ends the chat.", style="dim")
        while True:
            try:
                text = await asyncio.to_thread(input, "you> ")
            except EOFError:
                break
            if not text.strip():
                break
            try:
                result = await handler.handle(TurnRequest(session, text, customer, "text", locale=locale))
            except BadInput as err:
                console.print(f"[red]{err.message}[/red]")
                continue
            print(f"emma> {result.reply}")
            if result.end_session:
                break
    return 0


async def catalog_import(config: Settings, file: Path, train: bool) -> int:
    if not file.is_file():
        raise BadInput(f"No such file: {file}", code="file_not_found")
    shop = open_home(config, demo=False)
    try:
        report = await asyncio.to_thread(import_file, file, shop.db, shop.catalog)
        shop.search.invalidate()
        print(f"Imported {report.imported} products from {file}.")
        if report.not_sellable:
            print(f"Not sellable (draft or unpublished): {', '.join(report.not_sellable)}")
        for where, why in report.skipped:
            print(f"Skipped {where}: {why}")
        changed = refresh_vocabulary(config, shop)
    finally:
        shop.close()
    if changed and train and local_nlu_languages(config):
        print("The NLU vocabulary changed; retraining.")
        for language in local_nlu_languages(config):
            await asyncio.to_thread(ensure_nlu_model, config, language)
    return 0 if report.imported or not report.skipped else 1


def customer(config: Settings, args: argparse.Namespace) -> int:
    from fulfillment.domain.conversation import check_id

    shop = open_home(config)
    try:
        if args.action == "link-alexa":
            from fulfillment.adapters.sqlite.alexa_accounts import DbAlexaAccounts

            if shop.customers.get(args.id) is None:
                raise BadInput(f"Unknown customer '{args.id}'.", code="customer_not_found")
            DbAlexaAccounts(shop.db, shop.customers).link(args.token, args.id)
            print(f"Alexa access token linked to {args.id}.")
            return 0
        if args.action == "reset-pin":
            shop.customers.reset_pin_lock(args.id)
            print(f"Voice PIN lock reset for {args.id}.")
            return 0
        check_id("customer_id", args.id)
        if args.pin is not None and not (len(args.pin) == 4 and args.pin.isdigit()):
            raise BadInput("The voice PIN must be 4 digits.", code="bad_pin")
        with shop.db.transaction() as conn:
            shop.customers.save(conn, Customer(args.id, args.name, args.address, args.email), pin=args.pin)
        print(f"Customer {args.id} saved.")
    finally:
        shop.close()
    return 0


async def nlu(config: Settings, args: argparse.Namespace) -> int:
    language = (getattr(args, "lang", None) or config.default_language).strip().lower()
    if args.action == "train":
        path = await asyncio.to_thread(ensure_nlu_model, config, language)
        print(f"NLU model: {path}")
        return 0
    if args.action == "test":
        import tempfile

        from nlu.training import evaluate

        model = await asyncio.to_thread(ensure_nlu_model, config, language)
        with tempfile.TemporaryDirectory(prefix="emma-nlu-test-") as tmp:
            figures = await asyncio.to_thread(evaluate, model, config.nlu.rasa_python, Path(tmp) / "results",
                                              language)
        print(f"Held-out split ({language}): {int(figures['examples'])} examples")
        print(f"Intent accuracy: {figures['intent_accuracy']:.1%} (weighted F1 {figures['intent_f1']:.1%})")
        print(f"Entity F1 (micro): {figures['entity_f1']:.1%}")
        return 0
    from nlu.runtime import nlu_parser

    lines = sys.stdin.read().splitlines() if args.text == "-" else [args.text]
    if not config.nlu.url or language != config.default_language:
        await asyncio.to_thread(ensure_nlu_model, config, language)  # with a progress bar, if it must train
    async with nlu_parser(config, language=language) as parser:  # one model load for the whole batch
        for line in lines:
            if not line.strip():
                continue
            result = await parser.parse(line.strip())
            if args.json:
                raw = result.raw or {}
                print(json.dumps({
                    "text": result.text,
                    "intent": {"name": result.intent, "confidence": result.confidence},
                    "entities": _entities_json(raw.get("entities", []), result.entities),
                    "intent_ranking": raw.get("intent_ranking", [])[:5],
                }, ensure_ascii=False))
            else:
                ents = ", ".join(f"{e.entity}={e.value}" for e in result.entities)
                print(f"{result.intent} ({result.confidence:.2f}) {ents}")
    return 0


async def skill(config: Settings, args: argparse.Namespace) -> int:
    from skill.locales import PRIMARY, skill_locale

    if args.action == "simulate":
        from skill.simulate import LOCAL_SKILL_ID, card_text, simulate_response, spoken_text
        from skill.simulated_nlu import SampleMatcher

        locale = skill_locale(args.locale or PRIMARY[config.default_language])
        state_file = config.home / "alexa-simulator" / f"{args.session}.json"
        attributes = json.loads(state_file.read_text()) if state_file.exists() else {}
        response = await simulate_response(
            config.http.server_url, args.text, args.session, access_token=args.token,
            skill_id=config.alexa.skill_id or LOCAL_SKILL_ID, attributes=attributes,
            matcher=SampleMatcher.for_locale(locale), locale=locale.code)
        state_file.parent.mkdir(parents=True, exist_ok=True)
        state_file.write_text(json.dumps(attributes))  # Alexa keeps session attributes between turns
        print(spoken_text(response))
        if card := card_text(response):
            print(f"[card] {card}")
        return 0
    from fulfillment.lang import DEFAULT
    from nlu.training import PROJECT
    from skill.package import build_skill_package
    from skill.sources import chosen_locales, invocation_names, locale_sources

    locales = chosen_locales(args.locale, config.languages)
    invocations = invocation_names(args.invocation, locales)
    shop = open_home(config)
    try:
        sources = locale_sources(locales, shop.catalog, DEFAULT.code, invocations)
    finally:
        shop.close()
    out = args.out or PROJECT.parent / "skill"
    built = await asyncio.to_thread(build_skill_package, out, sources, args.endpoint)
    print(f"Skill package written to {built.root} ({', '.join(built.interaction_models)})")
    for note in built.notes:
        print(f"note: {note}")
    return 0


def _entities_json(raw: list[dict[str, Any]], entities: tuple[Entity, ...]) -> list[dict[str, Any]]:
    """Rasa's entity objects (start, end, extractor...) with Emma's normalized values."""
    if len(raw) != len(entities):  # an unreadable value was dropped: show Emma's view only
        return [e.to_json() for e in entities]
    return [{**r, "value": e.value} for r, e in zip(raw, entities, strict=True)]
