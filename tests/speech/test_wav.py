"""WAV parsing: what Emma accepts, and the error code for each thing it refuses."""

from __future__ import annotations

import struct
import tracemalloc

import numpy as np
import pytest
from wav_kit import build_wav, chunk

from speech.errors import AudioFormatError
from speech.wav import WavLimits, parse_header, read_wav, to_wav_bytes

MB = 1024 * 1024


def patched(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    """`data` with one little-endian field overwritten (offsets of a plain 16-byte fmt chunk)."""
    out = bytearray(data)
    struct.pack_into(fmt, out, offset, value)
    return bytes(out)


VALID = [
    # id, build_wav kwargs, source rate, channels
    ("pcm16-mono-8k", {"rate": 8000}, 8000, 1),
    ("pcm16-mono-16k", {"rate": 16000}, 16000, 1),
    ("pcm16-mono-22k", {"rate": 22050}, 22050, 1),
    ("pcm16-stereo-44k", {"rate": 44100, "channels": 2}, 44100, 2),
    ("pcm16-stereo-48k", {"rate": 48000, "channels": 2}, 48000, 2),
    ("float32-mono-16k", {"fmt": "float32"}, 16000, 1),
    ("float32-stereo-44k", {"fmt": "float32", "rate": 44100, "channels": 2}, 44100, 2),
    ("extensible-pcm16-48k", {"extensible": True, "rate": 48000, "channels": 2}, 48000, 2),
    ("extensible-float32-22k", {"extensible": True, "fmt": "float32", "rate": 22050}, 22050, 1),
    ("odd-list-chunk", {"extra_chunks": chunk(b"LIST", b"INFOabc")}, 16000, 1),
    ("streaming-size-ffff", {"data_size": 0xFFFFFFFF}, 16000, 1),
    ("streaming-size-7fff", {"data_size": 0x7FFFFFFF}, 16000, 1),
    ("streaming-size-zero", {"data_size": 0}, 16000, 1),
]


@pytest.mark.parametrize(
    ("kwargs", "rate", "channels"), [v[1:] for v in VALID], ids=[v[0] for v in VALID]
)
def test_valid_wav_decodes_to_16k_mono(kwargs: dict, rate: int, channels: int) -> None:
    audio = read_wav(build_wav(seconds=0.5, **kwargs))

    assert audio.samples.dtype == np.float32
    assert audio.samples.ndim == 1
    assert audio.rate == 16000
    assert len(audio.samples) == 8000  # 0.5 s at 16 kHz whatever the source rate
    assert audio.source_rate == rate
    assert audio.source_channels == channels
    assert audio.duration_s == pytest.approx(0.5, abs=1 / rate)
    assert 0.45 < float(np.abs(audio.samples).max()) < 0.55  # the 0.5 sine survives
    assert not audio.samples.flags.writeable


@pytest.mark.parametrize("rate", [8000, 11025, 22050, 32000, 44100, 48000])
def test_resampling_gives_16k_length(rate: int) -> None:
    audio = read_wav(build_wav(rate=rate, seconds=2.0))
    assert len(audio.samples) == 32000


def test_partial_last_frame_is_dropped() -> None:
    body = build_wav(channels=2, seconds=0.01)
    frames = parse_header(body + b"\x01")  # streaming size would include the odd byte
    assert frames.frames == 160


def test_float_nan_and_inf_become_finite() -> None:
    body = np.array([np.nan, np.inf, -np.inf, 0.25] * 400, dtype="<f4").tobytes()
    audio = read_wav(build_wav(fmt="float32", body=body))
    assert np.isfinite(audio.samples).all()


def test_stereo_is_mixed_to_mono() -> None:
    left_only = np.zeros((1600, 2), np.int16)
    left_only[:, 0] = 16384
    audio = read_wav(to_wav_bytes(left_only, 16000))
    assert audio.samples == pytest.approx(np.full(1600, 0.25), abs=1e-3)


def test_to_wav_bytes_round_trips() -> None:
    samples = np.linspace(-1, 1, 1600, dtype=np.float32)
    audio = read_wav(to_wav_bytes(samples, 16000))
    assert audio.samples == pytest.approx(samples, abs=1e-4)


WAV = build_wav(seconds=0.5)
ONE_SECOND_8K = 8000 * 2

INVALID = [
    # id, body, expected code
    ("empty", b"", "audio_empty"),
    ("under-12-bytes", WAV[:8], "audio_truncated"),
    ("header-cut-in-fmt", WAV[:24], "audio_truncated"),
    ("no-data-chunk", WAV[:36], "audio_truncated"),
    ("data-size-larger-than-file", build_wav(data_size=len(WAV) * 2), "audio_truncated"),
    ("zero-channels", build_wav(channels=0), "audio_unsupported_format"),
    ("three-channels", build_wav(channels=3), "audio_unsupported_format"),
    ("zero-rate", build_wav(rate=0), "audio_bad_rate"),
    ("rate-4k", build_wav(rate=4000), "audio_bad_rate"),
    ("rate-96k", build_wav(rate=96000), "audio_bad_rate"),
    ("pcm-24-bit", patched(WAV, 34, "<H", 24), "audio_unsupported_format"),
    ("pcm-8-bit", patched(WAV, 34, "<H", 8), "audio_unsupported_format"),
    ("a-law", patched(WAV, 20, "<H", 6), "audio_unsupported_format"),
    ("block-align-mismatch", build_wav(block_align=4), "audio_bad_header"),
    ("fmt-chunk-too-short", patched(WAV, 16, "<I", 14), "audio_truncated"),
    ("data-before-fmt", WAV[:12] + b"data\x00\x00\x00\x00" + WAV[12:], "audio_bad_header"),
    ("two-fmt-chunks", WAV[:36] + WAV[12:], "audio_bad_header"),
    ("too-many-chunks", build_wav(extra_chunks=chunk(b"junk", b"") * 100), "audio_bad_header"),
    (
        "extensible-unknown-guid",
        build_wav(extensible=True)[:46] + b"\xff" * 14 + build_wav(extensible=True)[60:],
        "audio_unsupported_format",
    ),
    ("zero-frames", build_wav(body=b""), "audio_empty"),
    ("mp3-id3", b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 500, "audio_not_wav"),
    ("mp3-frame-sync", b"\xff\xfb\x90\x64" + b"\x00" * 500, "audio_not_wav"),
    ("ogg", b"OggS\x00\x02" + b"\x00" * 500, "audio_not_wav"),
    ("flac", b"fLaC\x00\x00\x00\x22" + b"\x00" * 500, "audio_not_wav"),
    ("m3u-playlist", b"#EXTM3U\n#EXTINF:-1,Radio\nhttp://example.org/a.mp3\n", "audio_not_wav"),
    ("pls-playlist", b"\xef\xbb\xbf[playlist]\nFile1=http://example.org/a.mp3\n", "audio_not_wav"),
    ("riff-avi", b"RIFF\x00\x01\x00\x00AVI LIST" + b"\x00" * 100, "audio_not_wav"),
    ("riff-big-endian", b"RIFX" + WAV[4:], "audio_unsupported_format"),
    ("text", b"hello, this is not audio at all", "audio_not_wav"),
    ("ten-minutes-declared", build_wav(data_size=600 * 32000), "audio_too_long"),
    ("ten-minutes-of-8k", build_wav(rate=8000, body=bytes(600 * ONE_SECOND_8K)), "audio_too_long"),
]


@pytest.mark.parametrize(("data", "code"), [v[1:] for v in INVALID], ids=[v[0] for v in INVALID])
def test_invalid_wav_is_rejected_with_code(data: bytes, code: str) -> None:
    with pytest.raises(AudioFormatError) as caught:
        read_wav(data)
    assert caught.value.code == code
    assert caught.value.message.endswith(".")
    assert caught.value.to_dict() == {"code": code, "message": caught.value.message}


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (build_wav(data_size=600 * 32000), "audio_too_long"),  # header says 10 min
        (build_wav(rate=8000, body=bytes(600 * ONE_SECOND_8K)), "audio_too_long"),  # 9.6 MB
        (bytes(12) + bytes(100 * MB), "audio_too_large"),
        (build_wav(body=bytes(100 * MB)), "audio_too_large"),
    ],
    ids=["declared-10-min", "real-10-min", "100MB-junk", "100MB-wav"],
)
def test_limits_are_checked_without_decoding(data: bytes, code: str) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(AudioFormatError) as caught:
            read_wav(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.code == code
    assert peak < 64 * 1024  # nothing near the body's size was allocated


@pytest.mark.parametrize(
    ("limits", "code"),
    [
        (WavLimits(max_seconds=1.0), "audio_too_long"),
        (WavLimits(max_bytes=1000), "audio_too_large"),
    ],
)
def test_limits_are_configurable(limits: WavLimits, code: str) -> None:
    data = build_wav(seconds=2.0)
    assert read_wav(data).duration_s == pytest.approx(2.0)
    with pytest.raises(AudioFormatError) as caught:
        read_wav(data, limits)
    assert caught.value.code == code
