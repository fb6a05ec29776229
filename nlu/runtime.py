"""Gives a command an NluParser: a remote Rasa (EMMA_NLU_URL) or one Emma trains and starts."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fulfillment.settings import Settings
from nlu.parser import NluParser
from nlu.rasa_client import RasaHttpParser
from nlu.rasa_service import RasaService
from nlu.training import ensure_model


def vocabulary_file(config: Settings):  # -> Path
    return config.home / "nlu" / "lookups.yml"


@asynccontextmanager
async def nlu_parser(
    config: Settings, progress: Callable[[int], None] | None = None
) -> AsyncIterator[NluParser]:
    if config.nlu.url:
        parser = RasaHttpParser(config.nlu.url, config.nlu.token)
        try:
            yield parser
        finally:
            await parser.close()
        return
    import asyncio

    model = await asyncio.to_thread(
        ensure_model, config.models_dir / "nlu", config.nlu.rasa_python, vocabulary_file(config), progress
    )
    service = RasaService(model, config.nlu.rasa_python, config.logs_dir / "rasa.log")
    await service.start()
    try:
        yield service.parser
    finally:
        await service.stop()
