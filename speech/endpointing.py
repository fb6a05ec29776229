"""Turn a stream of audio frames into utterances, by voice activity or push-to-talk.

Voice activity is frame energy against an adaptive noise floor: a frame is speech when it is
louder than both `threshold_dbfs` and the noise floor plus `noise_margin_db`. An utterance starts
after `start_ms` of consecutive speech (keeping `pre_roll_ms` before it, so the first consonant is
not clipped) and ends after `hangover_ms` of silence (keeping `tail_ms` after the last speech).
Every frame also reports its level in dBFS for a level meter.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from speech.audio import SAMPLE_RATE, Audio
from speech.audio_source import AudioSource

SILENCE_DBFS = -100.0
"""Level reported for digital silence (log of zero)."""


@dataclass(frozen=True)
class EndpointerConfig:
    """Tuning of the energy voice-activity detector; defaults suit a desk microphone."""

    sample_rate: int = SAMPLE_RATE
    """Rate of the incoming frames (Hz)."""
    threshold_dbfs: float = -45.0
    """Frames quieter than this are never speech, whatever the noise floor."""
    noise_margin_db: float = 12.0
    """Speech must be this much louder than the running noise floor."""
    start_ms: int = 90
    """Consecutive speech needed to open an utterance (ignores clicks)."""
    hangover_ms: int = 700
    """Silence that closes an utterance (bridges pauses between words)."""
    pre_roll_ms: int = 300
    """Audio kept from before the detected start."""
    tail_ms: int = 200
    """Audio kept after the last speech frame."""
    min_speech_ms: int = 250
    """Utterances with less speech than this are dropped (coughs, taps)."""
    max_utterance_s: float = 15.0
    """An utterance is cut here even if the speaker goes on."""


class EndReason(StrEnum):
    """Why an utterance was closed."""

    SILENCE = "silence"
    MAX_LENGTH = "max_length"
    RELEASED = "released"
    END_OF_STREAM = "end_of_stream"


@dataclass(frozen=True, eq=False)
class Utterance:
    """One stretch of speech cut from the stream."""

    samples: np.ndarray
    """float32 mono samples, pre-roll and tail included."""
    sample_rate: int
    """Rate of `samples` (Hz)."""
    start_s: float
    """Where `samples` start, in seconds from the start of the stream."""
    end_s: float
    """Where `samples` end, in seconds from the start of the stream."""
    reason: EndReason
    """Why the utterance was closed."""

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s

    def to_audio(self) -> Audio:
        """As recognizer input (`speech.audio.Audio`)."""
        return Audio.from_samples(self.samples, self.sample_rate)


@dataclass(frozen=True, eq=False)
class FrameResult:
    """What the endpointer made of one frame."""

    level_dbfs: float
    """RMS level of the frame in dBFS (0 = full scale, `SILENCE_DBFS` for silence)."""
    is_speech: bool
    """The frame counts as voice."""
    listening: bool
    """An utterance is open (speech detected, or push-to-talk held)."""
    utterance: Utterance | None = None
    """The utterance this frame closed, if any."""


def frame_dbfs(frame: np.ndarray) -> float:
    """RMS level of float samples in dBFS, floored at `SILENCE_DBFS`."""
    if len(frame) == 0:
        return SILENCE_DBFS
    rms = math.sqrt(float(np.mean(np.square(frame, dtype=np.float64))))
    return max(SILENCE_DBFS, 20.0 * math.log10(rms)) if rms > 0 else SILENCE_DBFS


class Endpointer:
    """Feed frames in order with `process`; closed utterances come back in the results.

    With `push_to_talk=True`, voice activity only drives the meter: `press()` opens an utterance
    and `release()` closes and returns it.
    """

    def __init__(self, config: EndpointerConfig | None = None, push_to_talk: bool = False) -> None:
        self.config = config or EndpointerConfig()
        self.push_to_talk = push_to_talk
        self._noise_floor = self.config.threshold_dbfs - self.config.noise_margin_db
        self._clock = 0
        """Samples seen so far."""
        self._recent: deque[np.ndarray] = deque()
        self._recent_samples = 0
        self._frames: list[np.ndarray] | None = None
        """Frames of the open utterance, or None when idle."""
        self._start = 0
        self._speech_run = 0
        self._speech_samples = 0
        self._last_speech_end = 0
        self._silence = 0

    def _ms(self, ms: float) -> int:
        return int(ms * self.config.sample_rate / 1000)

    def process(self, frame: np.ndarray) -> FrameResult:
        """Classify one frame, advance the state machine and return what happened."""
        frame = np.asarray(frame, np.float32).reshape(-1)
        level = frame_dbfs(frame)
        is_speech = self._classify(level)
        self._clock += len(frame)
        if self.push_to_talk:
            if self._frames is not None:
                self._frames.append(frame)
            return FrameResult(level, is_speech, self._frames is not None)
        utterance = self._step(frame, is_speech)
        return FrameResult(level, is_speech, self._frames is not None, utterance)

    def press(self) -> None:
        """Push-to-talk: start recording with the next frame."""
        self._frames, self._start = [], self._clock

    def release(self) -> Utterance | None:
        """Push-to-talk: stop recording and return what was said (None if nothing was)."""
        return self._close(EndReason.RELEASED, self._clock)

    def flush(self) -> Utterance | None:
        """End of stream: close the open utterance, if it holds enough speech."""
        if self.push_to_talk:
            return self._close(EndReason.END_OF_STREAM, self._clock)
        if self._frames is None or self._speech_samples < self._ms(self.config.min_speech_ms):
            self._frames = None
            return None
        end = min(self._clock, self._last_speech_end + self._ms(self.config.tail_ms))
        return self._close(EndReason.END_OF_STREAM, end)

    def _classify(self, level: float) -> bool:
        is_speech = level > max(
            self.config.threshold_dbfs, self._noise_floor + self.config.noise_margin_db
        )
        # The floor follows quiet frames quickly and loud ones slowly, so steady noise is
        # learned within seconds while speech barely moves it.
        rate = 0.3 if level < self._noise_floor else 0.005
        self._noise_floor += rate * (level - self._noise_floor)
        return is_speech

    def _step(self, frame: np.ndarray, is_speech: bool) -> Utterance | None:
        if self._frames is None:
            self._remember(frame)
            self._speech_run = self._speech_run + len(frame) if is_speech else 0
            if self._speech_run >= self._ms(self.config.start_ms):
                self._open()
            return None
        self._frames.append(frame)
        if is_speech:
            self._speech_samples += len(frame)
            self._last_speech_end = self._clock
            self._silence = 0
        else:
            self._silence += len(frame)
        if self._clock - self._start >= self.config.max_utterance_s * self.config.sample_rate:
            return self._close_vad(EndReason.MAX_LENGTH, self._clock)
        if self._silence >= self._ms(self.config.hangover_ms):
            end = self._last_speech_end + self._ms(self.config.tail_ms)
            return self._close_vad(EndReason.SILENCE, end)
        return None

    def _remember(self, frame: np.ndarray) -> None:
        """Keep the last `pre_roll_ms + start_ms` of audio while idle."""
        self._recent.append(frame)
        self._recent_samples += len(frame)
        keep = self._ms(self.config.pre_roll_ms + self.config.start_ms)
        while self._recent_samples - len(self._recent[0]) >= keep:
            self._recent_samples -= len(self._recent.popleft())

    def _open(self) -> None:
        self._frames = list(self._recent)
        self._start = self._clock - self._recent_samples
        self._speech_samples = self._speech_run
        self._last_speech_end = self._clock
        self._silence = 0
        self._recent.clear()
        self._recent_samples = 0

    def _close_vad(self, reason: EndReason, end: int) -> Utterance | None:
        enough = self._speech_samples >= self._ms(self.config.min_speech_ms)
        utterance = self._close(reason, end)
        self._speech_run = 0
        return utterance if enough else None

    def _close(self, reason: EndReason, end: int) -> Utterance | None:
        frames, self._frames = self._frames, None
        if not frames:
            return None
        samples = np.concatenate(frames)[: end - self._start]
        rate = self.config.sample_rate
        return Utterance(
            samples, rate, self._start / rate, (self._start + len(samples)) / rate, reason
        )


async def utterances(
    source: AudioSource,
    endpointer: Endpointer,
    on_frame: Callable[[FrameResult], None] | None = None,
) -> AsyncIterator[Utterance]:
    """Run `source` through `endpointer` and yield each utterance (a level meter can use
    `on_frame`). The open utterance is flushed when the source ends."""
    async for frame in source.frames():
        result = endpointer.process(frame)
        if on_frame is not None:
            on_frame(result)
        if result.utterance is not None:
            yield result.utterance
    last = endpointer.flush()
    if last is not None:
        yield last
