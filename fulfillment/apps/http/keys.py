"""Typed application keys: what the app holds, one place."""

from __future__ import annotations

from aiohttp import web

from fulfillment.apps.http.reply_audio import ReplyAudioCache
from fulfillment.domain.conversation import Conversation
from fulfillment.settings import Settings
from fulfillment.wiring import ShopHome
from nlu.parser import NluParser
from speech.voice_pipeline import VoicePipeline

CONFIG = web.AppKey("config", Settings)
SHOP = web.AppKey("shop", ShopHome)
NLU = web.AppKey("nlu", NluParser)
CONVERSATION = web.AppKey("conversation", Conversation)
VOICE = web.AppKey("voice", VoicePipeline)
REPLY_AUDIO = web.AppKey("reply_audio", ReplyAudioCache)
