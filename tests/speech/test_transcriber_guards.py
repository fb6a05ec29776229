"""The guards around Whisper, on a fake decoder: silence and noise never become text."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np
import pytest

from speech.audio import Audio
from speech.errors import TranscriptionError
from speech.faster_whisper_transcriber import DecodingOptions, FasterWhisperTranscriber, peak_dbfs
from speech.transcriber import Transcriber
from speech.whisper_decoder import Decoded


@dataclass
class FakeWhisper:
    """Stands in for Whisper (a `WhisperDecoder`): hears `text`, records its calls.

    `speech_s` is what its VAD finds; `vad_calls` counts how often it was asked.
    """

    text: str = ""
    avg_logprob: float = -0.2
    no_speech_prob: float = 0.05
    speech_s: float = 2.0
    language: str = "en"
    error: Exception | None = None
    calls: list[dict] = field(default_factory=list)
    decoded_on: list[int] = field(default_factory=list)
    vad_calls: int = 0

    alternatives: tuple[str, ...] = ()

    def decode(self, samples, language, prompt=None, beam_size=1, max_new_tokens=200, hypotheses=1) -> Decoded:
        self.calls.append({"language": language, "prompt": prompt, "beam_size": beam_size,
                           "max_new_tokens": max_new_tokens, "hypotheses": hypotheses})
        self.decoded_on.append(threading.get_ident())
        if self.error:
            raise self.error
        return Decoded(self.text, language or self.language, self.avg_logprob, self.no_speech_prob,
                       len(self.text.split()), 10.0, self.alternatives)

    def speech_seconds(self, samples, threshold, min_speech_ms) -> float:
        self.vad_calls += 1
        return self.speech_s


def speech_like(seconds: float = 2.0, level: float = 0.3) -> Audio:
    rng = np.random.default_rng(7)
    return Audio.from_samples(rng.standard_normal(int(seconds * 16000)) * level, 16000)


async def test_fake_satisfies_the_protocol() -> None:
    transcriber: Transcriber = FasterWhisperTranscriber(FakeWhisper("hi"))
    assert (await transcriber.transcribe(speech_like())).text == "hi"


async def test_speech_is_transcribed_off_the_event_loop_without_a_vad_pass() -> None:
    model = FakeWhisper(" Do you have rain jackets?")
    transcript = await FasterWhisperTranscriber(model).transcribe(speech_like())
    assert transcript.text == "Do you have rain jackets?"
    assert transcript.heard_speech and transcript.rejected_by is None
    assert transcript.language == "en"
    assert model.decoded_on and model.decoded_on[0] != threading.get_ident()
    assert model.vad_calls == 0  # clear speech never pays for the VAD


@pytest.mark.parametrize(
    ("model", "audio", "reason"),
    [
        (FakeWhisper("you"), Audio.from_samples(np.zeros(48000), 16000), "energy"),
        (FakeWhisper("hi"), speech_like(level=1e-4), "energy"),
        (FakeWhisper("Thank you.", no_speech_prob=0.5, speech_s=0.0), speech_like(), "vad"),
        (FakeWhisper("", no_speech_prob=0.9, avg_logprob=-1.5), speech_like(), "no_speech"),
        (FakeWhisper("uh", avg_logprob=-1.5, no_speech_prob=0.9), speech_like(), "no_speech"),
        (FakeWhisper(" ..."), speech_like(), "empty"),
        (FakeWhisper("Thank you.", speech_s=0.3), speech_like(), "hallucination"),
        (FakeWhisper("Thanks for watching!", speech_s=0.4), speech_like(), "hallucination"),
        (FakeWhisper("you", no_speech_prob=0.5, speech_s=2.0), speech_like(), "hallucination"),
        (FakeWhisper("Buy two kettles", no_speech_prob=0.7, speech_s=0.0), speech_like(), "vad"),
    ],
    ids=[
        "digital-silence",
        "below-gate",
        "vad-finds-nothing",
        "no-text",
        "whisper-no-speech",
        "punctuation-only",
        "thank-you-on-a-blip",
        "thanks-for-watching",
        "you-with-doubt",
        "doubtful-words-in-noise",
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
    model = FakeWhisper("Thank you.", no_speech_prob=0.1, speech_s=1.3)
    transcript = await FasterWhisperTranscriber(model).transcribe(speech_like())
    assert transcript.text == "Thank you."
    assert transcript.heard_speech and model.vad_calls == 1


async def test_doubtful_words_with_voice_under_them_are_kept() -> None:
    model = FakeWhisper("Buy two kettles", no_speech_prob=0.45, speech_s=1.2)
    transcript = await FasterWhisperTranscriber(model).transcribe(speech_like())
    assert transcript.heard_speech and transcript.text == "Buy two kettles" and model.vad_calls == 1


async def test_hallucination_phrases_come_from_the_language_pack_unless_given() -> None:
    blip = "Vielen Dank."  # Whisper's German filler on silence: not an English phrase
    english = await FasterWhisperTranscriber(FakeWhisper(blip, speech_s=0.3)).transcribe(speech_like())
    assert english.heard_speech
    options = DecodingOptions(hallucinations=frozenset({"vielen dank"}))
    given = await FasterWhisperTranscriber(FakeWhisper(blip, speech_s=0.3), options).transcribe(speech_like())
    assert given.rejected_by == "hallucination"


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("context", "Emma, the shop assistant: cart, basket, order, check out."),
        ("hotwords", "Emma, the shop assistant: cart, basket, order, check out. gaiters, crampons"),
        ("off", None),
    ],
)
async def test_the_prompt_is_the_language_packs_context_and_optionally_the_catalog(style: str, expected) -> None:
    model = FakeWhisper("gaiters")
    options = DecodingOptions(prompt_style=style)  # type: ignore[arg-type]
    await FasterWhisperTranscriber(model, options).transcribe(speech_like(), hotwords="gaiters, crampons")
    assert model.calls[0]["prompt"] == expected


def test_short_command_defaults() -> None:
    options = DecodingOptions()
    assert options.beam_size == 5 and options.hypotheses == 5
    assert options.language == "en"
    assert options.prompt_style == "context"


async def test_the_runners_up_are_kept_cleaned_for_the_nlu() -> None:
    model = FakeWhisper("Bye the same tea again.", alternatives=(
        "Buy the same tea again.", "bye the same tea again", "Buy the same tea again!", " you you you you",
        "Buy the same, " + "tea, " * 40, ""))
    transcript = await FasterWhisperTranscriber(model).transcribe(speech_like(3.0))
    assert transcript.text == "Bye the same tea again."
    assert transcript.alternatives == ("Buy the same tea again.",)
    assert model.calls[0]["hypotheses"] == 5


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
    loop = FakeWhisper("Hello there, Emma." + " Hello." * 150, speech_s=3.0)
    transcript = await FasterWhisperTranscriber(loop).transcribe(speech_like(4.0))
    assert transcript.heard_speech
    assert transcript.text == "Hello there, Emma. Hello."


async def test_a_looped_filler_is_a_hallucination_even_on_long_speech() -> None:
    loop = FakeWhisper(" you" * 60, no_speech_prob=0.05, speech_s=3.0)
    transcript = await FasterWhisperTranscriber(loop).transcribe(speech_like(4.0))
    assert not transcript.heard_speech and transcript.rejected_by == "hallucination"


async def test_decoding_stops_after_as_many_tokens_as_the_clip_can_hold() -> None:
    model = FakeWhisper("hi")
    await FasterWhisperTranscriber(model).transcribe(speech_like(4.0))
    assert model.calls[0]["max_new_tokens"] == 52
