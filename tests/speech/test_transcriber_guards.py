"""The guards around Whisper, on a fake model: silence and noise never become text."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace

import numpy as np
import pytest

from speech.audio import Audio
from speech.errors import TranscriptionError
from speech.faster_whisper_transcriber import DecodingOptions, FasterWhisperTranscriber, peak_dbfs
from speech.transcriber import Transcriber


def segment(text: str, avg_logprob: float = -0.2, no_speech_prob: float = 0.05) -> SimpleNamespace:
    return SimpleNamespace(
        text=text, avg_logprob=avg_logprob, no_speech_prob=no_speech_prob, tokens=[1, 2, 3]
    )


@dataclass
class FakeWhisper:
    """Stands in for `WhisperModel`: returns canned segments lazily, records its calls."""

    segments: list[SimpleNamespace] = field(default_factory=list)
    speech_s: float = 2.0
    error: Exception | None = None
    calls: list[dict] = field(default_factory=list)
    decoded_on: list[int] = field(default_factory=list)

    def transcribe(self, samples: np.ndarray, **kwargs: object) -> tuple[Iterator, SimpleNamespace]:
        self.calls.append(kwargs)
        if self.error:
            raise self.error
        info = SimpleNamespace(
            language="en", duration=len(samples) / 16000, duration_after_vad=self.speech_s
        )
        return self._lazy(), info

    def _lazy(self) -> Iterator[SimpleNamespace]:
        self.decoded_on.append(threading.get_ident())
        yield from self.segments


def speech_like(seconds: float = 2.0, level: float = 0.3) -> Audio:
    rng = np.random.default_rng(7)
    return Audio.from_samples(rng.standard_normal(int(seconds * 16000)) * level, 16000)


async def test_fake_satisfies_the_protocol() -> None:
    transcriber: Transcriber = FasterWhisperTranscriber(FakeWhisper([segment("hi")]))
    assert (await transcriber.transcribe(speech_like())).text == "hi"


async def test_speech_is_transcribed_off_the_event_loop() -> None:
    model = FakeWhisper([segment(" Do you have"), segment(" rain jackets?")])
    transcript = await FasterWhisperTranscriber(model).transcribe(speech_like())
    assert transcript.text == "Do you have rain jackets?"
    assert transcript.heard_speech and transcript.rejected_by is None
    assert transcript.language == "en"
    assert model.decoded_on and model.decoded_on[0] != threading.get_ident()


@pytest.mark.parametrize(
    ("model", "audio", "reason"),
    [
        (FakeWhisper([segment("you")]), Audio.from_samples(np.zeros(48000), 16000), "energy"),
        (FakeWhisper([segment("hi")]), speech_like(level=1e-4), "energy"),
        (FakeWhisper([segment("Thank you.")], speech_s=0.0), speech_like(), "vad"),
        (FakeWhisper([]), speech_like(), "no_speech"),
        (FakeWhisper([segment("uh", -1.5, 0.9)]), speech_like(), "no_speech"),
        (FakeWhisper([segment(" ...")]), speech_like(), "empty"),
        (FakeWhisper([segment("Thank you.")], speech_s=0.3), speech_like(), "hallucination"),
        (
            FakeWhisper([segment("Thanks for watching!")], speech_s=0.4),
            speech_like(),
            "hallucination",
        ),
        (
            FakeWhisper([segment("you", no_speech_prob=0.5)], speech_s=2.0),
            speech_like(),
            "hallucination",
        ),
    ],
    ids=[
        "digital-silence",
        "below-gate",
        "vad-kept-nothing",
        "no-segments",
        "whisper-no-speech",
        "punctuation-only",
        "thank-you-on-a-blip",
        "thanks-for-watching",
        "you-with-doubt",
    ],
)
async def test_no_speech_gives_empty_text(model: FakeWhisper, audio: Audio, reason: str) -> None:
    transcript = await FasterWhisperTranscriber(model).transcribe(audio)
    assert transcript.text == ""
    assert not transcript.heard_speech
    assert transcript.rejected_by == reason
    assert transcript.duration_s == pytest.approx(audio.duration_s)
    if reason == "energy":
        assert model.calls == []  # the gate spares the model


async def test_a_real_thank_you_is_kept() -> None:
    model = FakeWhisper([segment("Thank you.", no_speech_prob=0.1)], speech_s=1.3)
    transcript = await FasterWhisperTranscriber(model).transcribe(speech_like())
    assert transcript.text == "Thank you."
    assert transcript.heard_speech


async def test_hallucination_phrases_come_from_the_language_pack_unless_given() -> None:
    blip = [segment("Vielen Dank.")]  # Whisper's German filler on silence: not an English phrase
    english = await FasterWhisperTranscriber(FakeWhisper(blip, speech_s=0.3)).transcribe(speech_like())
    assert english.heard_speech
    options = DecodingOptions(hallucinations=frozenset({"vielen dank"}))
    given = await FasterWhisperTranscriber(FakeWhisper(blip, speech_s=0.3), options).transcribe(speech_like())
    assert given.rejected_by == "hallucination"


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("hotwords", {"hotwords": "gaiters"}),
        ("initial_prompt", {"initial_prompt": "gaiters"}),
        ("off", {}),
    ],
)
async def test_catalog_vocabulary_reaches_the_decoder(style: str, expected: dict) -> None:
    model = FakeWhisper([segment("gaiters")])
    options = DecodingOptions(prompt_style=style)  # type: ignore[arg-type]
    await FasterWhisperTranscriber(model, options).transcribe(speech_like(), hotwords="gaiters")
    sent = {k: v for k, v in model.calls[0].items() if k in ("hotwords", "initial_prompt")}
    assert sent == expected


def test_short_command_defaults() -> None:
    kwargs = DecodingOptions().to_kwargs(None)
    assert kwargs["beam_size"] == 1
    assert kwargs["language"] == "en"
    assert kwargs["temperature"] == 0.0
    assert kwargs["without_timestamps"] is True
    assert kwargs["condition_on_previous_text"] is False
    assert kwargs["vad_filter"] is True
    assert "hotwords" not in kwargs


async def test_backend_failure_is_wrapped() -> None:
    model = FakeWhisper(error=RuntimeError("ctranslate2 exploded"))
    with pytest.raises(TranscriptionError) as caught:
        await FasterWhisperTranscriber(model).transcribe(speech_like())
    assert caught.value.code == "transcription_failed"
    assert isinstance(caught.value.__cause__, RuntimeError)


@pytest.mark.parametrize(
    ("samples", "expected"),
    [
        (np.zeros(16000, np.float32), float("-inf")),
        (np.full(16000, 0.5, np.float32), -6.02),
        (np.concatenate([np.zeros(15210), np.full(790, 0.1)]).astype(np.float32), -20.1),
        (np.full(100, 0.1, np.float32), -20.0),
        (np.zeros(0, np.float32), float("-inf")),
    ],
    ids=["silence", "half-scale", "short-loud-tail", "shorter-than-a-window", "empty"],
)
def test_peak_dbfs(samples: np.ndarray, expected: float) -> None:
    assert peak_dbfs(samples) == pytest.approx(expected, abs=0.1)


async def test_a_looping_decoder_is_collapsed_not_passed_on() -> None:
    loop = [segment("Hello there, Emma." + " Hello." * 150)]
    transcript = await FasterWhisperTranscriber(FakeWhisper(loop, speech_s=3.0)).transcribe(speech_like(4.0))
    assert transcript.heard_speech
    assert transcript.text == "Hello there, Emma. Hello."


async def test_a_looped_filler_is_a_hallucination_even_on_long_speech() -> None:
    loop = [segment(" you" * 60, no_speech_prob=0.05)]
    transcript = await FasterWhisperTranscriber(FakeWhisper(loop, speech_s=3.0)).transcribe(speech_like(4.0))
    assert not transcript.heard_speech and transcript.rejected_by == "hallucination"


async def test_decoding_stops_after_as_many_tokens_as_the_clip_can_hold() -> None:
    model = FakeWhisper([segment("hi")])
    await FasterWhisperTranscriber(model).transcribe(speech_like(4.0))
    assert model.calls[0]["max_new_tokens"] == 52
