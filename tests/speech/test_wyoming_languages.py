"""Wyoming requests are served in the language they name: that language's recogniser and voice, and a
clear error for a language the server was not configured with."""

from __future__ import annotations

from collections.abc import AsyncIterator

import numpy as np
import pytest
from test_wyoming_server import _info, connected
from wyoming.asr import Transcribe
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.client import AsyncTcpClient
from wyoming.error import Error
from wyoming.event import Event
from wyoming.tts import Synthesize, SynthesizeChunk, SynthesizeStart, SynthesizeStop, SynthesizeVoice

from speech.audio import Audio
from speech.language_routes import LanguageRoutes, Route, UnsupportedLanguage, language_code
from speech.synthesizer import AudioChunk as SpeechChunk
from speech.transcriber import Transcript


class Heard:
    """A recogniser that answers in its own language, so a test sees which one heard the audio."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.calls = 0

    async def transcribe(self, audio: Audio, hotwords: str | None = None) -> Transcript:
        self.calls += 1
        return Transcript(text=f"{self.language} heard", language=self.language, avg_logprob=-0.1,
                          no_speech_prob=0.0, duration_s=audio.duration_s, heard_speech=True)


class Voice:
    """A voice with a rate of its own, so `audio-start` tells which one spoke."""

    def __init__(self, rate: int) -> None:
        self.sample_rate = rate

    async def synthesize(self, text: str) -> bytes:
        raise NotImplementedError

    async def stream(self, text: str) -> AsyncIterator[SpeechChunk]:
        yield SpeechChunk(np.zeros(100, "<i2").tobytes(), self.sample_rate, True, 1.0, True, text)


EN, DE = Heard("en"), Heard("de")


def _routes() -> LanguageRoutes:
    return LanguageRoutes({"de": Route(Heard("de"), Voice(16000), "espeak-ng de"),  # type: ignore[arg-type]
                           "en": Route(Heard("en"), Voice(22050), "en_US-joe-medium")}, "de")  # type: ignore[arg-type]


@pytest.mark.parametrize(("language", "code"), [("de-DE", "de"), ("de_AT", "de"), ("EN", "en"), ("en-us", "en")])
def test_locales_reduce_to_their_language(language: str, code: str) -> None:
    assert language_code(language) == code


@pytest.mark.parametrize(("language", "heard"), [(None, "de"), ("", "de"), ("de", "de"), ("en-GB", "en")])
def test_a_language_picks_its_recogniser(language: str | None, heard: str) -> None:
    route = _routes().for_language(language)
    assert route.transcriber.language == heard  # type: ignore[attr-defined]


def test_an_unconfigured_language_is_refused_with_the_configured_ones_named() -> None:
    with pytest.raises(UnsupportedLanguage) as caught:
        _routes().for_language("fr")
    assert caught.value.code == "unsupported_language"
    assert "de, en" in caught.value.message and "'fr'" in caught.value.message


@pytest.mark.parametrize(("name", "language", "rate"), [
    (None, None, 16000), ("en_US-joe-medium", None, 22050), ("espeak-ng de", None, 16000),
    ("anything", "en", 22050),  # the language decides when both are given
])
def test_a_voice_picks_its_route(name: str | None, language: str | None, rate: int) -> None:
    assert _routes().for_voice(name, language).synthesizer.sample_rate == rate


def test_an_unknown_voice_name_is_refused() -> None:
    with pytest.raises(UnsupportedLanguage) as caught:
        _routes().for_voice("fr_FR-siwis-medium", None)
    assert caught.value.code == "unknown_voice" and "en_US-joe-medium" in caught.value.message


def test_one_backend_pair_serves_every_language() -> None:
    routes = LanguageRoutes.one(EN, Voice(22050))  # type: ignore[arg-type]
    assert routes.for_language("fr").transcriber is EN
    assert routes.for_voice("whatever", None).transcriber is EN


def test_the_default_must_have_a_route() -> None:
    with pytest.raises(ValueError, match="default"):
        LanguageRoutes({"en": Route(EN, Voice(1))}, "de")  # type: ignore[arg-type]


def _speech(seconds: float = 0.5) -> list[Event]:
    pcm = np.zeros(int(16000 * seconds), "<i2").tobytes()
    return [AudioStart(rate=16000, width=2, channels=1).event(),
            AudioChunk(rate=16000, width=2, channels=1, audio=pcm).event(), AudioStop().event()]


async def _send(client: AsyncTcpClient, *events: Event) -> None:
    for event in events:
        await client.write_event(event)


async def _next(client: AsyncTcpClient, *types: str) -> Event:
    while True:
        event = await client.read_event()
        assert event is not None, "server closed the connection"
        if event.type in (*types, "error"):
            return event


@pytest.mark.parametrize(("language", "heard"), [("de", "de heard"), ("en-US", "en heard"), (None, "de heard")])
async def test_transcribe_is_heard_in_the_language_it_names(language: str | None, heard: str) -> None:
    async with connected(None, None, _info(), routes=_routes()) as client:
        await _send(client, Transcribe(language=language).event(), *_speech())
        event = await _next(client, "transcript")
    assert event.type == "transcript" and event.data["text"] == heard


async def test_an_unconfigured_language_gets_an_error_and_its_audio_is_not_heard_elsewhere() -> None:
    routes = _routes()
    async with connected(None, None, _info(), routes=routes) as client:
        await _send(client, Transcribe(language="fr").event())
        refused = await _next(client, "transcript")
        await _send(client, *_speech())
        after = await _next(client, "transcript")
        await _send(client, Transcribe(language="en").event(), *_speech())  # the connection stays usable
        recovered = await _next(client, "transcript")
    assert Error.is_type(refused.type) and refused.data["code"] == "unsupported_language"
    assert Error.is_type(after.type) and after.data["code"] == "unsupported_language"
    assert recovered.data["text"] == "en heard"
    assert [r.transcriber.calls for r in routes.routes.values()] == [0, 1]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("voice", "rate"), [
    (SynthesizeVoice(language="en"), 22050), (SynthesizeVoice(language="de-DE"), 16000),
    (SynthesizeVoice(name="en_US-joe-medium"), 22050), (None, 16000),
])
async def test_synthesize_speaks_with_the_voice_of_its_language(voice: SynthesizeVoice | None, rate: int) -> None:
    async with connected(None, None, _info(), routes=_routes()) as client:
        await _send(client, Synthesize(text="Hallo.", voice=voice).event())
        start = await _next(client, "audio-start")
    assert start.type == "audio-start" and start.data["rate"] == rate


async def test_a_text_stream_speaks_with_the_voice_its_start_names() -> None:
    async with connected(None, None, _info(), routes=_routes()) as client:
        await _send(client, SynthesizeStart(voice=SynthesizeVoice(language="en")).event(),
                    SynthesizeChunk(text="Hello.").event(), SynthesizeStop().event())
        start = await _next(client, "audio-start")
    assert start.data["rate"] == 22050


async def test_synthesize_in_an_unconfigured_language_is_refused() -> None:
    async with connected(None, None, _info(), routes=_routes()) as client:
        await _send(client, Synthesize(text="Bonjour.", voice=SynthesizeVoice(language="fr")).event())
        event = await _next(client, "audio-start")
    assert Error.is_type(event.type) and event.data["code"] == "unsupported_language"


@pytest.mark.integration
async def test_a_german_and_english_shop_over_wyoming(tmp_path) -> None:  # noqa: ANN001
    """Real routes: German is spoken by espeak-ng and heard by Whisper base with German fixed; English by
    Piper and tiny.en; French is refused."""
    import shutil

    from speech.config import SpeechConfig
    from speech.runtime import open_routes
    from speech.wyoming_info import routes_info

    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    routes = await open_routes(SpeechConfig(home=tmp_path), ("de", "en"))
    async with connected(None, None, routes_info(routes, "0"), read_timeout=120, routes=routes) as client:
        await _send(client, Synthesize(text="Die Regenjacke kostet 49,90 €.",
                                       voice=SynthesizeVoice(language="de")).event())
        start, pcm = await _next(client, "audio-start"), b""
        while (event := await _next(client, "audio-chunk", "audio-stop")).type == "audio-chunk":
            pcm += AudioChunk.from_event(event).audio
        rate = start.data["rate"]  # sent back at the voice's rate: the server converts it to 16 kHz
        await _send(client, Transcribe(language="de").event(), AudioStart(rate=rate, width=2, channels=1).event(),
                    AudioChunk(rate=rate, width=2, channels=1, audio=pcm).event(), AudioStop().event())
        heard = await _next(client, "transcript")
        await _send(client, Transcribe(language="fr").event())
        refused = await _next(client, "transcript")
    assert rate == routes.for_language("de").synthesizer.sample_rate
    assert heard.type == "transcript" and heard.data["language"] == "de"
    assert "kostet" in heard.data["text"].lower()  # espeak-ng's German is hard on Whisper base: not every word
    assert refused.data["code"] == "unsupported_language"
