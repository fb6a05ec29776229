"""The espeak-ng fallback voice: German replies are read with the German rules and come back as audio."""

from __future__ import annotations

import io
import shutil
import struct
import wave

import pytest

from speech.espeak_synthesizer import EspeakFailed, EspeakSynthesizer, EspeakUnavailable, pcm_of_wav_stream
from speech.synthesizer import Synthesizer

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")


def _stream_wav(pcm: bytes, rate: int) -> bytes:
    """A WAV as espeak-ng writes it to a pipe: the sizes are placeholders."""
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate * 2, 2, 16)
    return (b"RIFF" + struct.pack("<I", 0x7FFFF024) + b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt
            + b"data" + struct.pack("<I", 0x7FFFF000) + pcm)


def test_a_piped_wav_is_read_despite_its_placeholder_sizes():
    assert pcm_of_wav_stream(_stream_wav(b"\x01\x00\x02\x00\x03", 22050)) == (b"\x01\x00\x02\x00", 22050)
    with pytest.raises(EspeakFailed):
        pcm_of_wav_stream(b"not a wav at all")


def test_german_reading_rules_follow_the_voice():
    assert EspeakSynthesizer("de+m3").rules is EspeakSynthesizer("de").rules
    assert EspeakSynthesizer("de").rules is not EspeakSynthesizer("en").rules


async def test_a_missing_program_is_a_clear_error():
    with pytest.raises(EspeakUnavailable, match="espeak"):
        await EspeakSynthesizer(program="espeak-ng-not-installed").load()


@needs_espeak
async def test_german_speech_comes_out_sentence_by_sentence():
    synthesizer: Synthesizer = EspeakSynthesizer("de")
    chunks = [c async for c in synthesizer.stream("Die Jacke kostet 49,90 €. Soll ich sie in den Warenkorb legen?")]
    assert [c.text for c in chunks] == ["Die Jacke kostet neunundvierzig Euro neunzig.",
                                        "Soll ich sie in den Warenkorb legen?"]
    assert chunks[0].is_first and chunks[-1].is_last and all(c.duration_s > 0.5 for c in chunks)
    with wave.open(io.BytesIO(await synthesizer.synthesize("Hallo!"))) as wav:
        assert wav.getframerate() == synthesizer.sample_rate and wav.getnframes() > 0


@needs_espeak
async def test_text_that_looks_like_an_option_is_spoken_not_obeyed():
    chunks = [c async for c in EspeakSynthesizer("de").stream("--version")]
    assert chunks and chunks[0].duration_s > 0.1
