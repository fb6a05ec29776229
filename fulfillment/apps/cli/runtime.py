"""Opens what a command needs: the home (created, migrated, demo loaded) and a turn handler."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fulfillment.apps.cli.client import ServerClient
from fulfillment.domain.conversation import Conversation
from fulfillment.domain.dialogue.context import Shop
from fulfillment.domain.turns import TurnHandler
from fulfillment.services.demo_data import load_demo
from fulfillment.settings import Config
from fulfillment.wiring import open_shop


def open_home(config: Config, demo: bool = True) -> Shop:
    """Any command initializes a fresh EMMA_HOME; an empty one gets the demo shop."""
    shop = open_shop(config)
    if demo and shop.catalog.count() == 0:
        load_demo(shop)
    return shop


@asynccontextmanager
async def turn_handler(config: Config, prefer_server: bool = True) -> AsyncIterator[TurnHandler]:
    """A running server for this home if there is one, else an in-process conversation."""
    if prefer_server:
        client = ServerClient(config.server_url)
        if await client.serves_home(config.home):
            try:
                yield client
            finally:
                await client.close()
            return
        await client.close()
    async with local_conversation(config) as conversation:
        yield conversation


@asynccontextmanager
async def local_conversation(config: Config) -> AsyncIterator[Conversation]:
    """The shop of this home and an NLU service (started here unless EMMA_NLU_URL is set)."""
    from nlu.runtime import nlu_parser

    shop = open_home(config)
    if not config.nlu_url:
        print("Starting the NLU service (about 30 s; `emma serve` keeps it warm)...", file=sys.stderr)
    try:
        async with nlu_parser(config) as parser:
            yield Conversation(shop, parser)
    finally:
        shop.db.close()
