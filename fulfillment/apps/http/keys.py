"""Typed application keys of the API app (the shared ones live in fulfillment.apps.keys)."""

from __future__ import annotations

from aiohttp import web

from fulfillment.apps.http.reply_audio import ReplyAudioCache
from fulfillment.apps.keys import CONFIG, NLU, SHOP
from fulfillment.domain.conversation import Conversation
from speech.voice_pipeline import VoicePipeline

__all__ = ["CONFIG", "CONVERSATION", "NLU", "REPLY_AUDIO", "SHOP", "VOICE"]

CONVERSATION = web.AppKey("conversation", Conversation)
VOICE = web.AppKey("voice", VoicePipeline)
REPLY_AUDIO = web.AppKey("reply_audio", ReplyAudioCache)
