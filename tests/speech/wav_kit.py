"""Hand-built WAV bodies for the parser tests, valid or broken on purpose.

Imported by name (`from wav_kit import build_wav`): pytest puts this folder on `sys.path`.
"""

from __future__ import annotations

import struct

import numpy as np

GUID_TAIL = b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"


def tone(frames: int, rate: int, channels: int = 1, freq: float = 440.0) -> np.ndarray:
    """A 0.5-amplitude sine shaped (frames, channels)."""
    wave = 0.5 * np.sin(2 * np.pi * freq * np.arange(frames) / rate)
    return np.repeat(wave[:, None], channels, axis=1).astype(np.float32)


def build_wav(
    *,
    rate: int = 16_000,
    channels: int = 1,
    seconds: float = 0.5,
    fmt: str = "pcm16",
    extensible: bool = False,
    data_size: int | None = None,
    body: bytes | None = None,
    block_align: int | None = None,
    extra_chunks: bytes = b"",
) -> bytes:
    """A WAV of a sine tone; every header field can be overridden to break it.

    fmt is "pcm16" or "float32"; `data_size` overrides the declared size of `data`; `body`
    replaces the sample bytes; `extra_chunks` go between `fmt ` and `data`.
    """
    code, bits, dtype = (1, 16, "<i2") if fmt == "pcm16" else (3, 32, "<f4")
    if body is None:
        samples = tone(int(seconds * rate), rate, max(channels, 1))
        if fmt == "pcm16":
            samples = np.round(samples * 32767)
        body = samples.astype(dtype).tobytes()
    align = block_align if block_align is not None else channels * bits // 8
    fields = struct.pack("<HIIHH", channels, rate, rate * align, align, bits)
    if extensible:
        mask = 0x4 if channels == 1 else 0x3
        fmt_chunk = (
            struct.pack("<H", 0xFFFE)
            + fields
            + struct.pack("<HHI", 22, bits, mask)
            + struct.pack("<H", code)
            + GUID_TAIL
        )
    else:
        fmt_chunk = struct.pack("<H", code) + fields
    declared = len(body) if data_size is None else data_size
    chunks = (
        b"fmt "
        + struct.pack("<I", len(fmt_chunk))
        + fmt_chunk
        + extra_chunks
        + b"data"
        + struct.pack("<I", declared)
        + body
    )
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks


def chunk(chunk_id: bytes, payload: bytes) -> bytes:
    """One RIFF chunk with its pad byte when the payload is odd."""
    return chunk_id + struct.pack("<I", len(payload)) + payload + b"\x00" * (len(payload) & 1)
