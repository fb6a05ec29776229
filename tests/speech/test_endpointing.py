"""The endpointer on WAV files played through `WavFileSource`: speech fixtures + room tone."""

from __future__ import annotations

import asyncio
import sys
import types
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import numpy as np
import pytest

from speech.audio import SAMPLE_RATE
from speech.audio_source import MicrophoneSource, Reframer, WavFileSource
from speech.endpointing import (
    SILENCE_DBFS,
    Endpointer,
    EndpointerConfig,
    EndReason,
    Utterance,
    frame_dbfs,
    utterances,
)
from speech.errors import SpeechError
from speech.wav import read_wav, to_wav_bytes

AUDIO = Path(__file__).parents[1] / "data" / "audio"
SPEECH = AUDIO / "hiking_boots.wav"
"""Piper saying "Add two pairs of hiking boots to my cart." with 0.3 s of silence either side."""
TOLERANCE_S = 0.35


def _noise_wav(tmp_path: Path, name: str, seconds: float, level: float = 0.002) -> Path:
    """Room-tone: white noise at about -54 dBFS."""
    rng = np.random.default_rng(len(name))
    path = tmp_path / f"{name}.wav"
    samples = rng.normal(0.0, level, int(seconds * SAMPLE_RATE)).astype(np.float32)
    path.write_bytes(to_wav_bytes(samples, SAMPLE_RATE))
    return path


def _speech_bounds(path: Path) -> tuple[float, float]:
    """First and last sample louder than -40 dBFS in 10 ms windows (the truth to compare to)."""
    samples = read_wav(path.read_bytes()).samples
    hop = SAMPLE_RATE // 100
    loud = [i for i in range(0, len(samples), hop) if frame_dbfs(samples[i : i + hop]) > -40]
    return loud[0] / SAMPLE_RATE, (loud[-1] + hop) / SAMPLE_RATE


async def _cut(paths: list[Path], endpointer: Endpointer | None = None) -> list[Utterance]:
    source = WavFileSource(paths)
    return [u async for u in utterances(source, endpointer or Endpointer())]


async def test_one_utterance_with_silence_around(tmp_path: Path) -> None:
    before = _noise_wav(tmp_path, "before", 1.0)
    after = _noise_wav(tmp_path, "after", 1.5)
    speech_start, speech_end = _speech_bounds(SPEECH)

    (utterance,) = await _cut([before, SPEECH, after])

    assert utterance.reason is EndReason.SILENCE
    assert utterance.start_s == pytest.approx(1.0 + speech_start, abs=TOLERANCE_S)
    assert utterance.end_s == pytest.approx(1.0 + speech_end, abs=TOLERANCE_S)
    assert utterance.start_s < 1.0 + speech_start < 1.0 + speech_end <= utterance.end_s
    assert len(utterance.samples) == pytest.approx(utterance.duration_s * SAMPLE_RATE, abs=1)
    assert utterance.to_audio().duration_s == pytest.approx(utterance.duration_s, abs=0.01)


async def test_two_utterances_separated_by_a_pause(tmp_path: Path) -> None:
    gap = _noise_wav(tmp_path, "gap", 1.2)
    first, second = await _cut([gap, SPEECH, gap, AUDIO / "basket.wav", gap])
    assert first.end_s < second.start_s
    second_offset = 1.2 + 2.9 + 1.2  # gap + hiking_boots (2.9 s) + gap
    assert second.start_s == pytest.approx(
        second_offset + _speech_bounds(AUDIO / "basket.wav")[0], abs=TOLERANCE_S
    )


async def test_speech_running_to_the_end_is_flushed(tmp_path: Path) -> None:
    (utterance,) = await _cut([_noise_wav(tmp_path, "lead", 0.5), SPEECH])
    assert utterance.reason is EndReason.END_OF_STREAM  # 0.3 s of trailing silence < hangover


async def test_long_speech_is_cut_at_max_length() -> None:
    config = EndpointerConfig(max_utterance_s=1.0)
    cut = await _cut([SPEECH], Endpointer(config))
    assert cut[0].reason is EndReason.MAX_LENGTH
    assert cut[0].duration_s <= 1.0 + 0.03


async def test_silence_and_a_click_give_no_utterance(tmp_path: Path) -> None:
    click = np.zeros(SAMPLE_RATE, np.float32)
    click[8000:8160] = 0.8  # 10 ms
    path = tmp_path / "click.wav"
    path.write_bytes(to_wav_bytes(click, SAMPLE_RATE))
    assert await _cut([_noise_wav(tmp_path, "quiet", 2.0), path]) == []


async def test_push_to_talk_records_between_press_and_release(tmp_path: Path) -> None:
    endpointer = Endpointer(push_to_talk=True)
    source = WavFileSource([_noise_wav(tmp_path, "room", 1.0), SPEECH])
    results = []
    async for index, frame in _enumerate(source):
        if index == 10:
            endpointer.press()
        results.append(endpointer.process(frame))
        if index == 60:
            released = endpointer.release()
    assert all(r.utterance is None for r in results)
    assert [r.listening for r in results].count(True) == 51
    assert released is not None and released.reason is EndReason.RELEASED
    assert released.start_s == pytest.approx(0.3)
    assert released.duration_s == pytest.approx(51 * 0.03)
    assert endpointer.release() is None


async def _enumerate(source: WavFileSource) -> AsyncIterator[tuple[int, np.ndarray]]:
    index = 0
    async for frame in source.frames():
        yield index, frame
        index += 1


@pytest.mark.parametrize(
    ("frame", "dbfs"),
    [
        (np.zeros(480, np.float32), SILENCE_DBFS),
        (np.full(480, 1.0, np.float32), 0.0),
        (np.full(480, 0.1, np.float32), -20.0),
        (0.5 * np.sin(np.linspace(0, 2 * np.pi * 10, 480, endpoint=False)), -9.03),
    ],
)
def test_level_meter(frame: np.ndarray, dbfs: float) -> None:
    assert frame_dbfs(frame) == pytest.approx(dbfs, abs=0.01)
    assert Endpointer().process(frame).level_dbfs == pytest.approx(dbfs, abs=0.01)


async def test_wav_source_frames_are_30_ms_and_cover_the_file() -> None:
    frames = [f async for f in WavFileSource(SPEECH).frames()]
    assert {len(f) for f in frames} == {480}
    assert {f.dtype for f in frames} == {np.dtype(np.float32)}
    total = len(read_wav(SPEECH.read_bytes()).samples)
    assert (len(frames) - 1) * 480 < total <= len(frames) * 480


def test_reframer_pads_only_the_last_frame() -> None:
    reframer = Reframer(4)
    assert [list(f) for f in reframer.push(np.arange(6, dtype=np.float32))] == [[0, 1, 2, 3]]
    assert [list(f) for f in reframer.flush()] == [[4, 5, 0, 0]]
    assert reframer.flush() == []


def test_microphone_without_portaudio_says_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", None)  # import now fails
    with pytest.raises(SpeechError) as caught:
        MicrophoneSource().check()
    assert caught.value.code == "no_audio_device"
    assert "emma talk --text" in caught.value.message


def test_microphone_without_input_device(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_device(device: object = None, kind: str | None = None) -> dict[str, object]:
        raise ValueError("No input device matching")

    fake = types.SimpleNamespace(query_devices=no_device)
    monkeypatch.setitem(sys.modules, "sounddevice", fake)
    with pytest.raises(SpeechError) as caught:
        MicrophoneSource().check()
    assert caught.value.code == "no_audio_device"
    assert "No microphone" in caught.value.message


async def test_microphone_frames_from_a_fake_device(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fake PortAudio stream at 48 kHz delivering 10 ms blocks from its own thread."""

    class FakeStream:
        def __init__(
            self, samplerate: int, blocksize: int, callback: Callable[..., None], **_: object
        ) -> None:
            if samplerate != 48_000:
                raise ValueError("Invalid sample rate")
            self.callback, self.blocksize = callback, blocksize

        def __enter__(self) -> FakeStream:
            loop = asyncio.get_running_loop()
            block = np.full((480, 1), 0.25, np.float32)
            for _ in range(20):  # 200 ms
                loop.run_in_executor(None, self.callback, block, 480, None, None)
            return self

        def __exit__(self, *_: object) -> None:
            return None

    fake = types.SimpleNamespace(
        query_devices=lambda device=None, kind=None: {
            "name": "fake",
            "default_samplerate": 48_000.0,
        },
        InputStream=FakeStream,
    )
    monkeypatch.setitem(sys.modules, "sounddevice", fake)
    frames = []
    async for frame in MicrophoneSource().frames():
        frames.append(frame)
        if len(frames) == 5:
            break
    assert all(len(f) == 480 for f in frames)
    assert float(np.mean(frames[-1])) == pytest.approx(0.25, abs=0.02)
