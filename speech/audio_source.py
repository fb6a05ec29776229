"""Where live audio comes from: fixed-size 16 kHz mono float32 frames from a mic or WAV files.

`MicrophoneSource` needs PortAudio (Debian `libportaudio2`) through `sounddevice`, both imported
only when a microphone is opened. `WavFileSource` plays WAV files through the same frames, so the
endpointer and the talk loop can be tested without hardware.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

import numpy as np

from speech.audio import SAMPLE_RATE
from speech.errors import SpeechError
from speech.wav import WavLimits, read_wav

FRAME_MS = 30
"""Default frame length; 30 ms frames give the endpointer and the level meter a smooth rate."""

_FILE_LIMITS = WavLimits(max_seconds=600.0, max_bytes=128 * 1024 * 1024)
"""Local test files may be longer than an upload."""
_NO_DEVICE_HINT = "Use `emma talk --text` to type to Emma instead."


class AudioSource(Protocol):
    """A stream of equally sized 16 kHz mono float32 frames."""

    @property
    def frame_samples(self) -> int:
        """Samples per frame (480 for 30 ms)."""
        ...

    def frames(self) -> AsyncIterator[np.ndarray]:
        """Yield frames until the source ends (files) or the consumer stops (microphone)."""
        ...


class Reframer:
    """Cuts blocks of any length into frames of exactly `frame_samples` samples."""

    def __init__(self, frame_samples: int) -> None:
        self.frame_samples = frame_samples
        self._pending = np.zeros(0, np.float32)

    def push(self, block: np.ndarray) -> list[np.ndarray]:
        """Add samples; return every whole frame now available."""
        data = np.concatenate([self._pending, np.asarray(block, np.float32).reshape(-1)])
        whole = len(data) // self.frame_samples * self.frame_samples
        self._pending = data[whole:]
        return list(data[:whole].reshape(-1, self.frame_samples))

    def flush(self) -> list[np.ndarray]:
        """Return what is left as one last frame padded with silence (or nothing)."""
        if len(self._pending) == 0:
            return []
        last = np.zeros(self.frame_samples, np.float32)
        last[: len(self._pending)] = self._pending
        self._pending = np.zeros(0, np.float32)
        return [last]


class WavFileSource:
    """Plays WAV files one after the other as frames; `realtime` paces them like a microphone."""

    def __init__(
        self,
        paths: Path | Sequence[Path],
        frame_ms: int = FRAME_MS,
        realtime: bool = False,
        limits: WavLimits | None = None,
    ) -> None:
        self.paths = [paths] if isinstance(paths, Path) else list(paths)
        self.frame_ms = frame_ms
        self.realtime = realtime
        self.limits = limits or _FILE_LIMITS

    @property
    def frame_samples(self) -> int:
        return SAMPLE_RATE * self.frame_ms // 1000

    async def frames(self) -> AsyncIterator[np.ndarray]:
        reframer = Reframer(self.frame_samples)
        pause = self.frame_ms / 1000 if self.realtime else 0.0
        for path in self.paths:
            audio = read_wav(path.read_bytes(), self.limits)
            for frame in reframer.push(audio.samples):
                yield frame
                await asyncio.sleep(pause)
        for frame in reframer.flush():
            yield frame


class MicrophoneSource:
    """The default (or a chosen) input device through PortAudio, captured at 16 kHz mono.

    If the device cannot record at 16 kHz, it is opened at its own rate and resampled.
    """

    def __init__(
        self,
        device: int | str | None = None,
        frame_ms: int = FRAME_MS,
        max_queued_frames: int = 200,
    ) -> None:
        self.device = device
        self.frame_ms = frame_ms
        self.max_queued_frames = max_queued_frames
        """Frames buffered while the consumer is busy; the oldest are dropped past this."""

    @property
    def frame_samples(self) -> int:
        return SAMPLE_RATE * self.frame_ms // 1000

    def check(self) -> None:
        """Raise `SpeechError` (`no_audio_device`) unless PortAudio and an input device exist."""
        _input_device(_import_sounddevice(), self.device)

    async def frames(self) -> AsyncIterator[np.ndarray]:
        sd = _import_sounddevice()
        device = _input_device(sd, self.device)
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[np.ndarray] = asyncio.Queue()

        def enqueue(block: np.ndarray) -> None:
            if queue.qsize() >= self.max_queued_frames:
                queue.get_nowait()
            queue.put_nowait(block)

        def on_audio(indata: np.ndarray, _frames: int, _time: Any, _status: Any) -> None:
            loop.call_soon_threadsafe(enqueue, indata[:, 0].copy())

        stream, rate = self._open(sd, device, on_audio)
        to_16k = _stream_resampler(rate)
        reframer = Reframer(self.frame_samples)
        with stream:
            while True:
                block = await queue.get()
                for frame in reframer.push(to_16k(block)):
                    yield frame

    def _open(self, sd: ModuleType, device: dict[str, Any], callback: Any) -> tuple[Any, int]:
        rates = [SAMPLE_RATE, int(device.get("default_samplerate") or SAMPLE_RATE)]
        errors = []
        for rate in dict.fromkeys(rates):
            try:
                stream = sd.InputStream(
                    samplerate=rate,
                    channels=1,
                    dtype="float32",
                    blocksize=rate * self.frame_ms // 1000,
                    device=self.device,
                    callback=callback,
                )
                return stream, rate
            except Exception as err:  # sounddevice raises PortAudioError or ValueError
                errors.append(f"{rate} Hz: {err}")
        raise SpeechError(
            "no_audio_device",
            f"Could not open the microphone {device.get('name')!r} ({'; '.join(errors)}). "
            + _NO_DEVICE_HINT,
        )


def _stream_resampler(rate: int) -> Callable[[np.ndarray], np.ndarray]:
    """Resample consecutive blocks without clicks at block edges (soxr keeps filter state)."""
    if rate == SAMPLE_RATE:
        return lambda block: block
    import soxr  # deferred: only for devices that cannot record at 16 kHz

    resampler = soxr.ResampleStream(rate, SAMPLE_RATE, 1, dtype="float32")
    return lambda block: resampler.resample_chunk(block)


def _import_sounddevice() -> ModuleType:
    try:
        import sounddevice  # deferred: loads the PortAudio shared library
    except OSError as err:
        raise SpeechError(
            "no_audio_device",
            "PortAudio, the audio library the microphone needs, is not installed "
            f"({err}); install it with `apt-get install libportaudio2`. " + _NO_DEVICE_HINT,
        ) from err
    except ImportError as err:
        raise SpeechError(
            "no_audio_device",
            "The `sounddevice` Python package is not installed, so there is no microphone "
            "input; install it with `pip install sounddevice`. " + _NO_DEVICE_HINT,
        ) from err
    return sounddevice


def _input_device(sd: ModuleType, device: int | str | None) -> dict[str, Any]:
    try:
        info = sd.query_devices(device, kind="input")
    except Exception as err:  # PortAudioError or ValueError when nothing matches
        which = "a default input device" if device is None else f"an input device {device!r}"
        raise SpeechError(
            "no_audio_device",
            f"No microphone found: PortAudio does not report {which} ({err}). "
            "Plug in a microphone or pass another device. " + _NO_DEVICE_HINT,
        ) from err
    return dict(info)
