"""Gives a command its NLU: one Rasa per language of the shop, remote (EMMA_NLU_URL, the default
language) or trained and started by Emma."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

from fulfillment.settings import Settings
from nlu.parser import NluParser, NluRouter
from nlu.rasa_client import RasaHttpParser
from nlu.rasa_service import RasaService
from nlu.training import ensure_model


def vocabulary_file(config: Settings) -> Path:
    return config.home / "nlu" / "lookups.yml"


def rasa_log(config: Settings, language: str) -> Path:
    """English keeps the historic `rasa.log`; other languages get `rasa-<lang>.log`."""
    return config.logs_dir / ("rasa.log" if language == "en" else f"rasa-{language}.log")


@asynccontextmanager
async def nlu_parser(
    config: Settings, progress: Callable[[int], None] | None = None, language: str | None = None,
) -> AsyncIterator[NluParser]:
    """The parser of one language (default: the shop's default language)."""
    language = language or config.default_language
    if config.nlu.url and language == config.default_language:
        parser = RasaHttpParser(config.nlu.url, config.nlu.token, language=language)
        try:
            yield parser
        finally:
            await parser.close()
        return
    model = await asyncio.to_thread(
        ensure_model, config.models_dir / "nlu", config.nlu.rasa_python, vocabulary_file(config), progress, language
    )
    service = RasaService(model, config.nlu.rasa_python, rasa_log(config, language), language=language)
    await service.start()
    try:
        yield service.parser
    finally:
        await service.stop()


@asynccontextmanager
async def nlu_router(
    config: Settings, progress: Callable[[int], None] | None = None,
) -> AsyncIterator[NluRouter]:
    """A parser for each of the shop's languages and no other, each watched by its RasaService;
    all stopped together."""
    async with AsyncExitStack() as stack:
        parsers = {
            language: await stack.enter_async_context(nlu_parser(config, progress, language))
            for language in config.languages
        }
        yield NluRouter(parsers, config.default_language)
