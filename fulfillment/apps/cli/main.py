"""The `emma` command: parses arguments, builds the Settings (environment and flags) and runs a command."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import uuid
from pathlib import Path

from fulfillment.apps.cli import wyoming
from fulfillment.domain.errors import BadInput, EmmaError
from fulfillment.settings import Settings


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="emma", description="Emma, the voice shop assistant.")
    p.add_argument("--home", help="EMMA_HOME folder (default ./var)")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("serve", help="run the HTTP server (and its NLU service)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8080)
    s.add_argument("--wyoming", metavar="URI", nargs="?", const=wyoming.DEFAULT_URI,
                   help="also serve the Wyoming protocol (no authentication: keep it on loopback);"
                        f" default {wyoming.DEFAULT_URI}")
    s.add_argument("--no-speech", action="store_true", help="don't load Whisper and Piper (text only)")
    s.add_argument("--asr-model", help="tiny.en (default), base, or a CTranslate2 model folder")

    s = sub.add_parser("setup", help="create the home, load the demo shop, train the NLU model")

    for name, text in (("ask", "run one turn"), ("chat", "talk to Emma in the terminal")):
        s = sub.add_parser(name, help=text)
        s.add_argument("--session", default=None)
        s.add_argument("--customer", default="demo")
        s.add_argument("--local", action="store_true", help="don't use a running server")
        s.add_argument("--lang", help="the language to talk in, one of EMMA_LANGUAGES (default: the first)")
        if name == "ask":
            s.add_argument("--json", action="store_true")
            s.add_argument("--idempotency-key")
            s.add_argument("--audio", type=Path, help="a WAV recording instead of TEXT")
            s.add_argument("--out", type=Path, help="write the spoken reply to this WAV")
            s.add_argument("--asr-model")
            s.add_argument("text", nargs="?")

    s = sub.add_parser("talk", help="talk to Emma through the microphone")
    s.add_argument("--session", default=None)
    s.add_argument("--customer", default="demo")
    s.add_argument("--push-to-talk", action="store_true", help="press Enter to start and stop listening")
    s.add_argument("--text", action="store_true", help="type instead of speaking (same as `emma chat`)")
    s.add_argument("--asr-model")
    s.add_argument("--no-playback", action="store_true")
    s.add_argument("--no-barge-in", action="store_true",
                   help="finish each reply even if you speak over it (for speakers without echo cancellation)")
    s.add_argument("--from-wav", type=Path, nargs="+", help="play these WAV files as the microphone")

    s = sub.add_parser("transcribe", help="print what Emma hears in a WAV file")
    s.add_argument("wav", type=Path)
    s.add_argument("--asr-model")
    s = sub.add_parser("say", help="speak TEXT into a WAV file")
    s.add_argument("text")
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--voice", help="path of a piper .onnx voice")

    catalog = sub.add_parser("catalog").add_subparsers(dest="action", required=True)
    s = catalog.add_parser("import", help="import a Shopify product CSV or JSON lines")
    s.add_argument("file", type=Path)
    s.add_argument("--no-train", action="store_true", help="don't retrain the NLU model")

    customer = sub.add_parser("customer").add_subparsers(dest="action", required=True)
    s = customer.add_parser("add")
    s.add_argument("id")
    s.add_argument("--name", required=True)
    s.add_argument("--address", required=True)
    s.add_argument("--email")
    s.add_argument("--pin", help="optional 4-digit voice PIN")
    s = customer.add_parser("reset-pin")
    s.add_argument("id")
    s = customer.add_parser("link-alexa", help="map an Alexa account-linking access token to a customer")
    s.add_argument("id")
    s.add_argument("--token", required=True)

    skill = sub.add_parser("skill").add_subparsers(dest="action", required=True)
    s = skill.add_parser("build", help="generate skill/skill-package for the ASK CLI")
    s.add_argument("--endpoint", default="https://emma.example.com/alexa", help="public HTTPS URL of POST /alexa")
    s.add_argument("--locale", action="append", help="an Alexa locale to build (en-US, en-GB, de-DE); repeat for "
                   "more; default: one per shop language (EMMA_LANGUAGES)")
    s.add_argument("--invocation", action="append", help="invocation name: NAME for every locale built, or "
                   "LOCALE=NAME (de-DE=\"emmas eckladen\"); default: the locale's own")
    s.add_argument("--out", type=Path, default=None)
    s = skill.add_parser("simulate", help="send TEXT as an Alexa request to the local server")
    s.add_argument("text", nargs="?", default="")
    s.add_argument("--session", default="simulated")
    s.add_argument("--token", help="account-linking access token")
    s.add_argument("--locale", help="the device's locale (de-DE, en-US, en-GB); default: the shop's default language's")

    nlu = sub.add_parser("nlu").add_subparsers(dest="action", required=True)
    s = nlu.add_parser("parse", help="print Rasa's parse of TEXT (or of each stdin line with -)")
    s.add_argument("--json", action="store_true")
    s.add_argument("text")
    s.add_argument("--lang", help="the language's Rasa project (default: the shop's default language)")
    for action, text in (("train", "train the NLU model if its data changed"),
                         ("test", "intent accuracy and entity F1 on the held-out split")):
        s = nlu.add_parser(action, help=text)
        s.add_argument("--lang", help="the language's Rasa project (default: the shop's default language)")
    nlu.add_parser("import-annotations", help="merge corrected turns into the training data, retrain, compare")

    api_key = sub.add_parser("api-key", help="keys for front ends that call the HTTP API").add_subparsers(
        dest="action", required=True)
    s = api_key.add_parser("add", help="create a key and print it (once: only its hash is kept)")
    s.add_argument("name")
    s.add_argument("--customer", help="the only customer the key may act for (default: any)")
    s.add_argument("--scope", action="append", metavar="SCOPE",
                   help="turns, catalog or orders; repeat or separate with commas (default: all)")
    api_key.add_parser("list", help="the keys: name, prefix, customer, scopes, state")
    s = api_key.add_parser("revoke", help="stop a key working at once")
    s.add_argument("name")

    support = sub.add_parser("support").add_subparsers(dest="action", required=True)
    s = support.add_parser("add-user", help="create a support app user")
    s.add_argument("name")
    s.add_argument("--role", required=True, choices=("agent", "supervisor", "admin"))
    s.add_argument("--password", help="default: asked for (or the first line of stdin)")
    s = sub.add_parser("kpi", help="shop KPIs (the support dashboard's figures)")
    s.add_argument("--since", help="first day, YYYY-MM-DD (default: 30 days ago)")
    s.add_argument("--until", help="last day, YYYY-MM-DD (default: today)")
    s.add_argument("--json", action="store_true")

    privacy = sub.add_parser("privacy", help="data protection: retention, export, erasure").add_subparsers(
        dest="action", required=True)
    privacy.add_parser("purge", help="delete transcripts and recordings older than the retention windows")
    s = privacy.add_parser("export", help="write everything held on a customer as JSON (right of access)")
    s.add_argument("--customer", required=True)
    s.add_argument("--out", type=Path, help="file to write (default: standard output)")
    s = privacy.add_parser("delete", help="erase a customer; their orders keep a pseudonymous reference")
    s.add_argument("--customer", required=True)
    s = privacy.add_parser("retention", help="show the retention windows in days, or set them")
    s.add_argument("--transcript-days", type=int)
    s.add_argument("--audio-days", type=int)

    db = sub.add_parser("db", help="the shop's database").add_subparsers(dest="action", required=True)
    s = db.add_parser("migrate-to", help="copy this home's SQLite shop into an empty PostgreSQL database")
    s.add_argument("url", help="postgresql://user@host:5432/emma")

    bench = sub.add_parser("bench").add_subparsers(dest="action", required=True)
    s = bench.add_parser("text", help="latency of scripted text conversations")
    s.add_argument("--turns", type=int, default=200)
    s.add_argument("--database", metavar="URL", help="also run on this (scratch) PostgreSQL database")
    s = bench.add_parser("audio", help="latency, WER and intent accuracy of spoken turns")
    s.add_argument("--utterances", type=int, default=40)
    s.add_argument("--no-peers", action="store_true", help="skip the wyoming-faster-whisper/piper comparison")
    s.add_argument("--lang", choices=("en", "de"), default="en",
                   help="the shoppers' language: its utterances, voices, Whisper settings and Rasa model")
    s = bench.add_parser("search", help="search latency on a generated catalog")
    s.add_argument("--products", type=int, default=100_000)
    s.add_argument("--queries", type=int, default=300)
    s.add_argument("--database", metavar="URL", help="also run on this empty PostgreSQL database, side by side"
                   " (`postgresql`: on a throwaway local server)")
    s = bench.add_parser("reliability", help="exactly-once orders under replays, a stock race and kill -9")
    s.add_argument("--replays", type=int, default=100, help="copies of one `yes` sent at once")
    s.add_argument("--buyers", type=int, default=200, help="buyers racing for the last units")
    s.add_argument("--units", type=int, default=10)
    s.add_argument("--rounds", type=int, default=5, help="kill -9 rounds")
    s.add_argument("--burst", type=int, default=20, help="conversations per round")
    s.add_argument("--keep", action="store_true", help="keep the temporary homes and server logs")
    s = bench.add_parser("cluster", help="exactly-once orders and turns/s across instances on one PostgreSQL")
    s.add_argument("--instances", type=int, default=3)
    s.add_argument("--replays", type=int, default=100)
    s.add_argument("--buyers", type=int, default=200)
    s.add_argument("--units", type=int, default=10)
    s.add_argument("--rounds", type=int, default=3, help="kill -9 rounds")
    s.add_argument("--burst", type=int, default=20, help="conversations per round")
    s.add_argument("--seconds", type=float, default=20.0, help="throughput run per instance count (0: skip)")
    s.add_argument("--shoppers", type=int, default=16, help="concurrent shoppers for the throughput")
    s.add_argument("--keep", action="store_true", help="keep the temporary homes and server logs")

    evaluation = sub.add_parser("eval", help="measure Emma on suites checked against the shop's data").add_subparsers(
        dest="action", required=True)
    s = evaluation.add_parser("dialogue", help="shopper conversations over the demo catalog, scored per group")
    s.add_argument("--suite", type=Path, help="a suite YAML file (default: the packaged dialogue_<lang>.yml)")
    s.add_argument("--min-overall", type=float, default=95.0, help="percent of cases right (default 95)")
    s.add_argument("--min-group", type=float, default=90.0, help="percent right in every group (default 90)")
    s.add_argument("--min-speakable", type=float, default=100.0, help="percent of speakable replies (default 100)")
    s.add_argument("--max-words", type=int, default=45, help="longest speakable reply in words (default 45)")
    s.add_argument("--group", action="append", help="only this group (repeatable)")
    s.add_argument("--case", action="append", help="only this case id (repeatable)")
    s.add_argument("--details", action="store_true", help="print every failing turn")
    s.add_argument("--lang", help="the suite's language, dialogue_<lang>.yml (default: the shop's default language)")
    evaluation.add_parser("nlu", help="held-out NLU split plus the judgement-entities extension")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("faster_whisper").setLevel(logging.WARNING)  # it logs every recording at INFO
    from skill.errors import AlexaError
    from speech.errors import SpeechError

    try:
        config = Settings.from_env(home=args.home, host=getattr(args, "host", None), port=getattr(args, "port", None),
                                 asr_model=getattr(args, "asr_model", None))
        return asyncio.run(_run(args, config)) or 0
    except (EmmaError, SpeechError, AlexaError) as err:
        print(f"emma: {err.message} [{err.code}]", file=sys.stderr)
        for problem in getattr(err, "problems", []):
            print(f"  - {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


async def _run(args: argparse.Namespace, config: Settings) -> int | None:
    from fulfillment.apps.cli import commands, voice
    from fulfillment.wiring import speech_config

    command = args.command
    if command == "serve":
        return await commands.serve(config, wyoming=args.wyoming,
                                    speech=None if args.no_speech else speech_config(config))
    if command in ("transcribe", "say", "talk") or (command == "ask" and args.audio):
        return await getattr(voice, command)(config, args)
    if command == "ask" and not args.text:
        raise BadInput("Give TEXT or --audio FILE.", code="nothing_to_ask")
    if command == "setup":
        return await commands.setup(config)
    if command == "ask":
        return await commands.ask(config, args.text, args.session or "cli", args.customer,
                                  args.json, args.idempotency_key, not args.local, args.lang)
    if command == "chat":
        return await commands.chat(config, args.session or f"chat-{uuid.uuid4().hex[:8]}",
                                   args.customer, not args.local, args.lang)
    if command == "catalog":
        return await commands.catalog_import(config, args.file, train=not args.no_train)
    if command == "customer":
        return commands.customer(config, args)
    if command == "skill":
        return await commands.skill(config, args)
    if command == "nlu" and args.action == "import-annotations":
        from fulfillment.apps.support.cli import import_annotations

        return await import_annotations(config)
    if command == "nlu":
        return await commands.nlu(config, args)
    if command in ("support", "kpi"):
        from fulfillment.apps.support import cli as support_cli

        if command == "kpi":
            return support_cli.kpi(config, args.since, args.until, args.json)
        return support_cli.add_user(config, args.name, args.role, args.password)
    if command == "api-key":
        from fulfillment.apps.cli import api_keys

        return api_keys.run(config, args)
    if command == "privacy":
        from fulfillment.apps.privacy import cli as privacy_cli

        return privacy_cli.run(config, args)
    if command == "db":
        from fulfillment.apps.cli import database

        return database.migrate_to(config, args.url)
    if command == "eval":
        from fulfillment.tools.evaluation import command as evaluation

        if args.action == "dialogue":
            return await evaluation.dialogue(config, args)
        return await evaluation.nlu(config)
    if command == "bench":
        from fulfillment.tools import bench

        if args.action == "text" and args.database:  # the same conversations on both backends, one after the other
            print("SQLite:")
            code = await bench.text(config, args.turns)
            print("\nPostgreSQL:")
            return code or await bench.text(config.with_(database_url=args.database), args.turns)
        if args.action == "text":
            return await bench.text(config, args.turns)
        if args.action == "audio":
            from fulfillment.tools import bench_audio

            return await bench_audio.run(config, args.utterances, peers=not args.no_peers, language=args.lang)
        if args.action == "cluster":
            from fulfillment.tools import bench_cluster
            from fulfillment.tools.bench_reliability import Plan

            plan = Plan(args.replays, args.buyers, args.units, args.rounds, args.burst)
            return await bench_cluster.run(config, plan, args.instances, args.seconds, args.shoppers, keep=args.keep)
        if args.action == "reliability":
            from fulfillment.tools import bench_reliability as reliability

            plan = reliability.Plan(args.replays, args.buyers, args.units, args.rounds, args.burst)
            return await reliability.run(config, plan, keep=args.keep)
        if args.database:
            from fulfillment.tools import bench_postgres

            return bench_postgres.search(args.products, args.queries, args.database)
        return bench.search(args.products, args.queries)
    print(json.dumps({"error": "unknown command"}))
    return 2


if __name__ == "__main__":
    sys.exit(main())
