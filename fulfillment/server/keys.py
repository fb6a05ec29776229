"""Typed application keys: what the app holds, one place."""

from __future__ import annotations

from aiohttp import web

from nlu.parser import NluParser
from speech.voice_pipeline import VoicePipeline

from ..config import Config
from ..conversation import Conversation
from ..dialogue.context import Shop
from .reply_audio import ReplyAudioCache

CONFIG = web.AppKey("config", Config)
SHOP = web.AppKey("shop", Shop)
NLU = web.AppKey("nlu", NluParser)
CONVERSATION = web.AppKey("conversation", Conversation)
VOICE = web.AppKey("voice", VoicePipeline)
REPLY_AUDIO = web.AppKey("reply_audio", ReplyAudioCache)
