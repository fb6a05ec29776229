"""Gives a command a turn handler: the running server of this home, or a conversation built by the wiring."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fulfillment.apps.cli.client import ServerClient
from fulfillment.domain.conversation import Conversation
from fulfillment.domain.turns import TurnHandler
from fulfillment.settings import Settings
from fulfillment.wiring import ShopHome, open_conversation, opened_shop


@asynccontextmanager
async def turn_handler(config: Settings, prefer_server: bool = True) -> AsyncIterator[TurnHandler]:
    """A running server for this home if there is one, else an in-process conversation."""
    if prefer_server:
        client = ServerClient(config.http.server_url, config.http.api_key)
        if await client.serves_home(config.home):
            try:
                yield client
            finally:
                await client.close()
            return
        await client.close()
    async with local_conversation(config) as (_, conversation):
        yield conversation


@asynccontextmanager
async def local_conversation(config: Settings) -> AsyncIterator[tuple[ShopHome, Conversation]]:
    """The shop of this home (the demo shop when empty) and a conversation over it with an NLU service
    (started here unless `config.nlu.url` names one)."""
    if not config.nlu.url:
        print("Starting the NLU service (about 30 s; `emma serve` keeps it warm)...", file=sys.stderr)
    with opened_shop(config, demo=True) as shop:
        async with open_conversation(config, shop) as conversation:
            yield shop, conversation
