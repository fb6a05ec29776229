"""A turn's locale picks its language's recogniser and voice; a language the shop lacks is refused."""

from __future__ import annotations

import numpy as np
import pytest

from fulfillment.domain.turns import TurnRequest, TurnResult
from speech.config import SpeechConfig
from speech.language_routes import LanguageRoutes, Route, UnsupportedLanguage
from speech.transcriber import Transcript
from speech.voice_pipeline import VoicePipeline
from speech.wav import to_wav_bytes


class Hears:
    def __init__(self, text: str, language: str) -> None:
        self.text, self.language, self.hotwords = text, language, []

    async def transcribe(self, audio, hotwords=None):
        self.hotwords.append(hotwords)
        return Transcript(self.text, self.language, -0.2, 0.01, audio.duration_s, True)


class Speaks:
    sample_rate = 16000

    def __init__(self) -> None:
        self.spoken: list[str] = []

    async def synthesize(self, text: str) -> bytes:
        self.spoken.append(text)
        return to_wav_bytes(np.zeros(160, np.float32), 16000)


class Echo:
    """The conversation: says back what it heard, in the turn's locale."""

    def __init__(self) -> None:
        self.requests: list[TurnRequest] = []

    async def handle(self, request: TurnRequest) -> TurnResult:
        self.requests.append(request)
        return TurnResult(request.session_id, "t1", request.text, {"name": "x", "confidence": 1.0}, [], "x",
                          f"{request.locale}: {request.text}")


def loud_wav() -> bytes:
    t = np.arange(16000) / 16000
    return to_wav_bytes((0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32), 16000)


@pytest.fixture
def pipeline(tmp_path):
    en, de = Route(Hears("rain jackets", "en"), Speaks()), Route(Hears("regenjacken", "de"), Speaks())
    routes = LanguageRoutes({"en": en, "de": de}, "en")
    return VoicePipeline(Echo(), en.transcriber, en.synthesizer, SpeechConfig(home=tmp_path),
                         {"en": "Aigle, rain jacket", "de": "Aigle"}, routes=routes)


async def test_a_german_turn_is_heard_and_spoken_in_german(pipeline) -> None:
    turn = await pipeline.run(loud_wav(), "s1", locale="de-DE")
    german = pipeline.routes.for_language("de")
    assert turn.result.reply == "de-DE: regenjacken"
    assert german.synthesizer.spoken == ["de-DE: regenjacken"] and german.transcriber.hotwords == ["Aigle"]
    assert pipeline.synthesizer_for("de") is german.synthesizer


async def test_without_a_locale_the_default_language_serves(pipeline) -> None:
    turn = await pipeline.run(loud_wav(), "s1")
    assert turn.result.reply == "en: rain jackets"
    assert pipeline.routes.for_language("en").transcriber.hotwords == ["Aigle, rain jacket"]


async def test_a_language_the_shop_lacks_is_refused_before_any_work(pipeline) -> None:
    with pytest.raises(UnsupportedLanguage):
        await pipeline.run(loud_wav(), "s1", locale="fr")
    assert pipeline.turns.requests == []
