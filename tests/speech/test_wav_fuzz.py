"""Fuzzing the WAV parser: whatever the bytes, the only exception is `AudioFormatError`."""

from __future__ import annotations

import struct

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from wav_kit import build_wav

from speech.errors import AudioFormatError
from speech.wav import WavLimits, read_wav

LIMITS = WavLimits(max_seconds=2.0, max_bytes=256 * 1024)
SEEDS = [
    build_wav(seconds=0.05),
    build_wav(seconds=0.05, rate=44100, channels=2),
    build_wav(seconds=0.05, fmt="float32"),
    build_wav(seconds=0.05, extensible=True, rate=8000),
]


def parses_or_refuses(data: bytes) -> None:
    try:
        audio = read_wav(data, LIMITS)
    except AudioFormatError as err:
        assert err.code.startswith("audio_")
        assert err.message
    else:
        assert audio.samples.dtype == np.float32
        assert np.isfinite(audio.samples).all()
        assert audio.duration_s <= LIMITS.max_seconds


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=512))
def test_random_bytes(data: bytes) -> None:
    parses_or_refuses(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_behind_a_riff_header(tail: bytes) -> None:
    parses_or_refuses(b"RIFF" + struct.pack("<I", len(tail) + 4) + b"WAVE" + tail)


@st.composite
def mutated_wavs(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, 80))  # the header and the first samples
        data[position] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        size_field = draw(st.sampled_from([4, 16, 24, 28, 40]))  # RIFF, fmt, rate, byte rate, data
        struct.pack_into("<I", data, size_field, draw(st.integers(0, 2**32 - 1)))
    cut = draw(st.integers(0, len(data)))
    return bytes(data[:cut]) if draw(st.booleans()) else bytes(data)


@settings(max_examples=600, deadline=None)
@given(mutated_wavs())
def test_mutated_valid_wavs(data: bytes) -> None:
    parses_or_refuses(data)
