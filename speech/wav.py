"""Strict, bounded WAV parsing (and PCM16 writing) for untrusted uploads.

Emma parses RIFF/WAVE itself instead of trusting `wave`, FFmpeg or PyAV with user bytes. Every
limit (body size, declared duration) is checked from the header *before* any sample is decoded,
and the parser only ever slices the caller's buffer, so a rejected upload costs no allocation.

Accepted: PCM 16-bit (format 1), IEEE float 32-bit (format 3), and WAVE_FORMAT_EXTENSIBLE
(0xFFFE) with either subformat; 1 or 2 channels; 8000–48000 Hz.

Streaming writers (FFmpeg or arecord writing to a pipe) cannot seek back to fill in the data size,
so they leave 0, 0x7FFFFFFF or 0xFFFFFFFF there. Those three values are read as "samples run to the
end of the body"; any other data size larger than the body is `audio_truncated`. A trailing partial
frame is dropped. The RIFF size field is ignored for the same reason.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

from speech.audio import Audio
from speech.errors import AudioFormatError

FORMAT_PCM = 0x0001
FORMAT_FLOAT = 0x0003
FORMAT_EXTENSIBLE = 0xFFFE
_GUID_TAIL = b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"
"""Bytes 2..16 of the KSDATAFORMAT_SUBTYPE GUID at fmt offset 24; bytes 0..2 hold the code."""
_SUPPORTED = {(FORMAT_PCM, 16): "<i2", (FORMAT_FLOAT, 32): "<f4"}
_STREAMING_SIZES = frozenset({0, 0x7FFF_FFFF, 0xFFFF_FFFF})
_MAX_CHUNKS = 64
"""Chunks walked before `data`; real files have a handful (fmt, LIST, fact, data)."""
MIN_RATE, MAX_RATE = 8_000, 48_000


@dataclass(frozen=True)
class WavLimits:
    """What an upload may be; checked from the header before decoding."""

    max_seconds: float = 30.0
    """Longest recording accepted; a shopping command is a few seconds."""
    max_bytes: int = 16 * 1024 * 1024
    """Largest body accepted (16 MiB ≈ 87 s of 48 kHz stereo PCM16)."""


@dataclass(frozen=True)
class WavHeader:
    """What the header says, validated; no samples decoded yet."""

    format_code: int
    """FORMAT_PCM or FORMAT_FLOAT (the subformat when the file is EXTENSIBLE)."""
    channels: int
    """1 or 2."""
    rate: int
    """Samples per second per channel."""
    bits: int
    """16 for PCM, 32 for float."""
    data_offset: int
    """Where the samples start in the body."""
    data_size: int
    """Bytes of whole frames to decode (streaming sizes already resolved)."""

    @property
    def block_align(self) -> int:
        """Bytes per frame (all channels of one sample instant)."""
        return self.channels * self.bits // 8

    @property
    def frames(self) -> int:
        """Number of sample frames."""
        return self.data_size // self.block_align

    @property
    def duration_s(self) -> float:
        """Length in seconds."""
        return self.frames / self.rate


def read_wav(data: bytes, limits: WavLimits = WavLimits()) -> Audio:
    """Validate `data` as a WAV and decode it to 16 kHz float32 mono `Audio`.

    Raises `AudioFormatError` (and nothing else) for any input that is not an acceptable WAV.
    """
    header = parse_header(data, limits)
    view = memoryview(data)[header.data_offset : header.data_offset + header.data_size]
    dtype = _SUPPORTED[(header.format_code, header.bits)]
    frames = np.frombuffer(view, dtype=dtype).reshape(-1, header.channels)
    scale = 1.0 / 32768.0 if header.format_code == FORMAT_PCM else 1.0
    samples = frames.astype(np.float32) * np.float32(scale)
    return Audio.from_samples(samples if header.channels > 1 else samples[:, 0], header.rate)


def parse_header(data: bytes, limits: WavLimits = WavLimits()) -> WavHeader:
    """Check size, magic, chunks, format and declared duration without decoding samples."""
    if len(data) == 0:
        raise AudioFormatError("audio_empty", "The audio upload is empty.")
    if len(data) > limits.max_bytes:
        raise AudioFormatError(
            "audio_too_large",
            f"The audio upload is {len(data)} bytes; the limit is {limits.max_bytes} bytes.",
        )
    _reject_other_formats(data)
    if len(data) < 12:
        raise AudioFormatError("audio_truncated", "The WAV header is cut off (under 12 bytes).")
    if data[:4] in (b"RIFX", b"RF64"):
        raise AudioFormatError(
            "audio_unsupported_format",
            f"{data[:4].decode()} WAV files are not supported; send little-endian RIFF WAV.",
        )
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise AudioFormatError("audio_not_wav", "The upload is not a RIFF/WAVE file.")
    fmt, data_offset, declared = _walk_chunks(data)
    format_code, channels, rate, bits = fmt
    block_align = channels * bits // 8
    available = len(data) - data_offset
    size = available if declared in _STREAMING_SIZES else declared
    whole = size - size % block_align
    frames = whole // block_align
    if frames / rate > limits.max_seconds:
        raise AudioFormatError(
            "audio_too_long",
            f"The WAV header declares {frames / rate:.1f} s of audio; "
            f"the limit is {limits.max_seconds:g} s.",
        )
    if size > available:
        raise AudioFormatError(
            "audio_truncated",
            f"The WAV data chunk declares {declared} bytes but only {available} follow.",
        )
    if frames == 0:
        raise AudioFormatError("audio_empty", "The WAV file contains no samples.")
    return WavHeader(format_code, channels, rate, bits, data_offset, whole)


def to_wav_bytes(samples: np.ndarray, rate: int) -> bytes:
    """Encode samples as a PCM16 WAV.

    `samples` is (frames,) or (frames, channels); floats are taken as [-1, 1] and clipped,
    int16 is written as is.
    """
    array = np.asarray(samples)
    if array.ndim == 1:
        array = array[:, None]
    if array.ndim != 2 or not 1 <= array.shape[1] <= 2:
        raise ValueError(f"samples must be (frames,) or (frames, 1|2), got {array.shape}")
    if array.dtype != np.int16:
        scaled = np.clip(np.nan_to_num(array.astype(np.float32)), -1.0, 1.0) * 32767.0
        array = np.round(scaled).astype(np.int16)
    body = array.astype("<i2").tobytes()
    return _pcm16_header(rate, array.shape[1], len(body)) + body


def streaming_wav_header(rate: int, channels: int = 1) -> bytes:
    """A PCM16 WAV header for audio whose length is not known yet (a reply still being spoken).

    Both sizes are 0xFFFFFFFF, the "until the end of the stream" value that ffmpeg (so browsers,
    mpv, VLC), aplay, sox and Python's `wave` read to the end; `read_wav` accepts it too.
    """
    return _pcm16_header(rate, channels, 0xFFFF_FFFF)


def _pcm16_header(rate: int, channels: int, data_size: int) -> bytes:
    fmt = struct.pack("<HHIIHH", FORMAT_PCM, channels, rate, rate * channels * 2, channels * 2, 16)
    riff_size = min(4 + 8 + len(fmt) + 8 + data_size, 0xFFFF_FFFF)
    return b"".join(
        (b"RIFF", struct.pack("<I", riff_size), b"WAVE", b"fmt ", struct.pack("<I", len(fmt)), fmt,
         b"data", struct.pack("<I", min(data_size, 0xFFFF_FFFF)))
    )


def _reject_other_formats(data: bytes) -> None:
    """Name the formats people most often rename to .wav, so the error says what was sent."""
    head = data[:64]
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        kind = "MP3"
    elif head.startswith(b"OggS"):
        kind = "Ogg"
    elif head.startswith(b"fLaC"):
        kind = "FLAC"
    elif text.startswith((b"#extm3u", b"[playlist]", b"http://", b"https://")):
        kind = "a playlist or link (text)"
    else:
        return
    raise AudioFormatError(
        "audio_not_wav", f"The upload is {kind}, not WAV; send 16-bit PCM or float WAV."
    )


def _walk_chunks(data: bytes) -> tuple[tuple[int, int, int, int], int, int]:
    """Find `fmt ` then `data`; returns (fmt fields, data offset, declared data size)."""
    fmt: tuple[int, int, int, int] | None = None
    pos = 12
    for _ in range(_MAX_CHUNKS):
        if pos + 8 > len(data):
            break
        chunk_id, size = data[pos : pos + 4], struct.unpack_from("<I", data, pos + 4)[0]
        body = pos + 8
        if chunk_id == b"data":
            if fmt is None:
                raise AudioFormatError(
                    "audio_bad_header", "The WAV data chunk comes before its fmt chunk."
                )
            return fmt, body, size
        if body + size > len(data):
            raise AudioFormatError(
                "audio_truncated",
                f"The WAV {chunk_id!r} chunk declares {size} bytes but the file ends first.",
            )
        if chunk_id == b"fmt ":
            if fmt is not None:
                raise AudioFormatError("audio_bad_header", "The WAV file has two fmt chunks.")
            fmt = _parse_fmt(data[body : body + size])
        pos = body + size + (size & 1)
    else:
        raise AudioFormatError(
            "audio_bad_header", f"The WAV file has more than {_MAX_CHUNKS} chunks before data."
        )
    if fmt is None:
        raise AudioFormatError("audio_truncated", "The WAV file ends before its fmt chunk.")
    raise AudioFormatError("audio_truncated", "The WAV file ends before its data chunk.")


def _parse_fmt(chunk: bytes) -> tuple[int, int, int, int]:
    """Validate a `fmt ` chunk; returns (format code, channels, rate, bits)."""
    if len(chunk) < 16:
        raise AudioFormatError("audio_truncated", "The WAV fmt chunk is shorter than 16 bytes.")
    code, channels, rate, _byte_rate, block_align, bits = struct.unpack_from("<HHIIHH", chunk)
    if code == FORMAT_EXTENSIBLE:
        if len(chunk) < 40 or chunk[26:40] != _GUID_TAIL:
            raise AudioFormatError(
                "audio_unsupported_format",
                "The WAVE_FORMAT_EXTENSIBLE fmt chunk is short or has an unknown subformat.",
            )
        code = struct.unpack_from("<H", chunk, 24)[0]
    if channels not in (1, 2):
        raise AudioFormatError(
            "audio_unsupported_format",
            f"The WAV file has {channels} channels; send mono or stereo.",
        )
    if not MIN_RATE <= rate <= MAX_RATE:
        raise AudioFormatError(
            "audio_bad_rate",
            f"The WAV sample rate is {rate} Hz; send {MIN_RATE}–{MAX_RATE} Hz.",
        )
    if (code, bits) not in _SUPPORTED:
        raise AudioFormatError(
            "audio_unsupported_format",
            f"WAV format {code:#06x} with {bits} bits is not supported; "
            "send 16-bit PCM or 32-bit float.",
        )
    if block_align != channels * bits // 8:
        raise AudioFormatError(
            "audio_bad_header",
            f"The WAV block align is {block_align} but {channels} channel(s) of {bits} bits "
            f"need {channels * bits // 8}.",
        )
    return code, channels, rate, bits
