"""The app factory: resources live in cleanup contexts, never at import time."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING

from aiohttp import web

from fulfillment.adapters.sqlite.alexa_accounts import DbAlexaAccounts
from fulfillment.adapters.sqlite.audio_stats import AudioStats
from fulfillment.apps.http.keys import CONFIG, CONVERSATION, NLU, REPLY_AUDIO, SHOP, VOICE
from fulfillment.apps.http.middlewares import json_errors
from fulfillment.apps.http.reply_audio import ReplyAudioCache
from fulfillment.apps.http.routes import setup_routes
from fulfillment.apps.support.web import setup_support
from fulfillment.domain.conversation import Conversation
from fulfillment.domain.dialogue.context import Shop
from fulfillment.domain.turns import TurnRequest, TurnResult
from fulfillment.services.privacy.retention import get_retention
from fulfillment.settings import Config
from fulfillment.wiring import open_shop
from nlu.parser import NluParser
from speech.config import SpeechConfig
from speech.runtime import SpeechBackends, catalog_hotwords, open_speech
from speech.voice_pipeline import VoicePipeline

if TYPE_CHECKING:
    from skill.config import AlexaConfig


class _AppConversation:
    """The app's Conversation, looked up per call: channels are wired before it exists."""

    def __init__(self, app: web.Application) -> None:
        self.app = app

    async def handle(self, request: TurnRequest) -> TurnResult:
        return await self.app[CONVERSATION].handle(request)


def create_app(
    config: Config, shop: Shop | None = None, nlu: NluParser | None = None, alexa: AlexaConfig | None = None,
    speech: SpeechConfig | None = None, speech_backends: SpeechBackends | None = None,
) -> web.Application:
    """`shop`, `nlu` and `speech_backends` may be given (tests); otherwise they are opened and
    started here. With `alexa`, `POST /alexa` serves the Alexa skill; with `speech`, turns take WAV."""
    app = web.Application(middlewares=[json_errors], client_max_size=config.max_body_bytes)
    app[CONFIG] = config
    app[REPLY_AUDIO] = ReplyAudioCache()

    async def voice(app: web.Application) -> AsyncIterator[None]:
        if speech is None:
            yield
            return
        backends = speech_backends or await open_speech(speech)
        hotwords = catalog_hotwords(await asyncio.to_thread(app[SHOP].catalog.vocabulary))
        stats = AudioStats(app[SHOP].db)
        db = app[SHOP].db
        app[VOICE] = VoicePipeline(_AppConversation(app), backends.transcriber, backends.synthesizer,
                                   speech, hotwords, on_heard=stats.count,
                                   keep_audio=lambda: get_retention(db).audio_days > 0)

        async def flush_every_minute() -> None:
            while True:
                await asyncio.sleep(60)
                await asyncio.to_thread(stats.flush)

        flusher = asyncio.create_task(flush_every_minute())
        yield
        flusher.cancel()
        await asyncio.to_thread(stats.flush)

    async def services(app: web.Application) -> AsyncIterator[None]:
        own_shop = shop or open_shop(config)
        app[SHOP] = own_shop
        if nlu is not None:
            app[NLU] = nlu
            app[CONVERSATION] = Conversation(own_shop, nlu)
            yield
        else:
            from nlu.runtime import nlu_parser

            async with nlu_parser(config) as parser:
                app[NLU] = parser
                app[CONVERSATION] = Conversation(own_shop, parser)
                yield
        if shop is None:
            own_shop.db.close()

    app.cleanup_ctx.append(services)
    app.cleanup_ctx.append(voice)
    setup_routes(app)
    if alexa is not None:
        from skill.web import setup_alexa

        def accounts() -> DbAlexaAccounts:
            return DbAlexaAccounts(app[SHOP].db, app[SHOP].customers)

        setup_alexa(app, _AppConversation(app), _LazyAccounts(accounts), alexa)
    setup_support(app)
    return app


class _LazyAccounts:
    """Alexa accounts over the shop database, which opens only when the app starts."""

    def __init__(self, make: Callable[[], DbAlexaAccounts]) -> None:
        self._make = make

    def customer_for_access_token(self, token: str) -> str | None:
        return self._make().customer_for_access_token(token)

    def guest_customer(self, user_id: str) -> str:
        return self._make().guest_customer(user_id)

    def contact_email(self, customer_id: str) -> str | None:
        return self._make().contact_email(customer_id)
