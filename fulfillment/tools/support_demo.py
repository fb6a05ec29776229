"""Demo conversations for the support app: scripted shoppers run through the real conversation core, then
laid out over the past two weeks. Used by the screenshots and the browser tests; never by `emma serve`."""

from __future__ import annotations

import io
import math
import random
import wave
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fulfillment.adapters.sqlite.support_demo import DemoSeedStore
from fulfillment.domain.conversation import Conversation
from fulfillment.domain.turns import TurnRequest
from fulfillment.wiring import ShopHome
from nlu.entities import normalize_entities
from nlu.parser import NluResult

Parse = tuple[str, float, list[tuple[str, str]]]

UNDERSTOOD: dict[str, Parse] = {
    "hi": ("greet", 0.99, []),
    "hello emma": ("greet", 0.98, []),
    "do you have rain jackets": ("search_product", 0.97, [("product", "rain jackets")]),
    "show me hiking boots": ("search_product", 0.95, [("product", "hiking boots")]),
    "do you have snowboards": ("search_product", 0.93, [("product", "snowboards")]),
    "i'm looking for a kayak": ("search_product", 0.9, [("product", "kayak")]),
    "do you sell ski goggles": ("search_product", 0.91, [("product", "ski goggles")]),
    "the second one": ("select_option", 0.97, [("ordinal", "2")]),
    "the first one": ("select_option", 0.96, [("ordinal", "1")]),
    "the cheaper one": ("select_option", 0.9, [("ordinal", "cheapest")]),
    "is it waterproof": ("product_question", 0.96, []),
    "how are the reviews": ("product_question", 0.93, []),
    "add two in medium": ("add_to_cart", 0.97, [("quantity", "two"), ("size", "M")]),
    "add it": ("add_to_cart", 0.95, []),
    "what's in my cart": ("view_cart", 0.99, []),
    "check out": ("checkout", 0.99, []),
    "yes": ("affirm", 0.99, []),
    "where is my order": ("order_status", 0.98, []),
    "i need a gift for my dad": ("recommend", 0.92, [("recipient", "dad")]),
    "what are your opening hours": ("store_info", 0.95, [("topic", "hours")]),
    "talk to a person": ("human_handoff", 0.97, []),
    "can i speak to someone": ("human_handoff", 0.88, []),
    "help": ("help", 0.99, []),
    "thanks": ("thank", 0.97, []),
    "bye": ("goodbye", 0.99, []),
    "tell me a joke": ("out_of_scope", 0.9, []),
    "a rain jacket for the weekend": ("search_product", 0.41, []),  # misheard: ASR dropped "do you have"
    "the blue won": ("select_option", 0.38, []),
    "what's the hollow day return policy": ("nlu_fallback", 0.31, []),
}

# (channel, customer, utterances); the voice channels carry ASR details.
SCRIPTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("audio", "demo", ("hi", "do you have rain jackets", "the second one", "add two in medium", "check out", "yes",
                       "bye")),
    ("text", "lena", ("do you have rain jackets", "is it waterproof", "the second one", "add two in medium",
                      "talk to a person", "yes")),
    ("alexa", "demo", ("do you have snowboards", "i'm looking for a kayak", "bye")),
    ("audio", "lena", ("a rain jacket for the weekend", "the blue won", "can i speak to someone")),
    ("text", "demo", ("show me hiking boots", "the cheaper one", "how are the reviews", "add it", "check out", "yes")),
    ("alexa", "lena", ("what are your opening hours", "thanks", "bye")),
    ("audio", "demo", ("where is my order", "what's the hollow day return policy", "tell me a joke", "help")),
    ("text", "lena", ("i need a gift for my dad", "the first one", "add it", "what's in my cart", "check out", "yes")),
    ("alexa", "demo", ("hello emma", "do you sell ski goggles", "bye")),
)


class ScriptedNlu:
    """An NluParser that answers from UNDERSTOOD; anything else is a fallback."""

    async def parse(self, text: str) -> NluResult:
        intent, confidence, entities = UNDERSTOOD.get(text, ("nlu_fallback", 0.3, []))
        raw = [{"entity": name, "value": value} for name, value in entities]
        return NluResult(text, intent, confidence, normalize_entities(raw), {"entities": raw})


def tone_wav(seconds: float = 1.2, rate: int = 16000) -> bytes:
    """A quiet two-tone chime standing in for a kept recording."""
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        frames = bytearray()
        for n in range(int(seconds * rate)):
            freq = 440 if n < rate * seconds / 2 else 660
            frames += int(3000 * math.sin(2 * math.pi * freq * n / rate)).to_bytes(2, "little", signed=True)
        wav.writeframes(bytes(frames))
    return out.getvalue()


async def seed_demo(shop: ShopHome, audio_dir: Path, days: int = 14, now: datetime | None = None,
                    seed: int = 7) -> list[str]:
    """Runs the scripts as conversations spread over the last `days` days. Returns the session ids."""
    rng = random.Random(seed)
    now = now or datetime.now(UTC).replace(microsecond=0)
    conversation = Conversation(shop, ScriptedNlu())
    dates = DemoSeedStore(shop.db)
    sessions = []
    for day in range(days - 1, -1, -1):
        heard = 0
        for n in range(rng.randint(1, 4) if day else len(SCRIPTS)):
            channel, customer, lines = SCRIPTS[(day * 3 + n) % len(SCRIPTS)] if day else SCRIPTS[n]
            session = f"{channel}-{customer}-{day:02d}{n}"
            for text in lines:
                asr = ({"language": "en", "avg_logprob": round(-rng.uniform(0.05, 0.6), 3), "no_speech_prob": 0.01,
                        "duration_s": round(rng.uniform(0.8, 2.8), 2), "heard_speech": True}
                       if channel == "audio" else None)
                await conversation.handle(TurnRequest(session, text, customer, channel, asr=asr))
            start = now - timedelta(days=day, hours=rng.randint(0, 9), minutes=rng.randint(0, 59))
            for i, turn_id in enumerate(dates.turn_ids(session)):
                at = start + timedelta(seconds=20 * i)
                dates.backdate(turn_id, at.isoformat(timespec="milliseconds"), _timings(rng, channel == "audio"))
                heard += channel == "audio"
                if channel == "audio" and i == 0 and day < 3:  # a few recordings were kept
                    folder = audio_dir / at.date().isoformat()
                    folder.mkdir(parents=True, exist_ok=True)
                    (folder / f"{turn_id}.wav").write_bytes(tone_wav())
            sessions.append(session)
        silent = rng.randint(0, 2)  # recordings in which nobody spoke are only counted, never stored as turns
        dates.audio_day((now - timedelta(days=day)).date().isoformat(), "audio", heard + silent, silent)
    return sessions


def _timings(rng: random.Random, voice: bool) -> dict[str, float]:
    """Plausible stage timings (the scripted NLU answers instantly; Rasa takes tens of milliseconds)."""
    stages = {"nlu": rng.gauss(60, 15), "fulfillment": rng.gauss(25, 10)}
    if voice:
        stages = {"asr": rng.gauss(420, 90), **stages, "tts": rng.gauss(310, 60)}
    stages = {k: round(max(3.0, v), 1) for k, v in stages.items()}
    return {**stages, "total": round(sum(stages.values()) + rng.uniform(2, 12), 1)}
