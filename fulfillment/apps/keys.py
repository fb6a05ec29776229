"""Typed application keys shared by the sub-apps of one server (API, support, privacy purge)."""

from __future__ import annotations

from aiohttp import web

from fulfillment.settings import Settings
from fulfillment.wiring import ShopHome
from nlu.parser import NluParser

CONFIG = web.AppKey("config", Settings)
SHOP = web.AppKey("shop", ShopHome)
NLU = web.AppKey("nlu", NluParser)
