"""`emma talk`'s loop through the WAV audio source: streamed replies, barge-in, the end of a session."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import numpy as np

from speech.audio_source import WavFileSource
from speech.endpointing import Endpointer
from speech.talk_loop import SpokenTurn, TalkEvents, talk
from speech.wav import read_wav, to_wav_bytes

RATE = 16_000


def conversation_wav(path: Path, *spans: tuple[str, float]) -> Path:
    """A recording of ("speech" | "quiet", seconds) spans: a loud tone stands in for a voice."""
    parts = []
    for kind, seconds in spans:
        t = np.arange(int(seconds * RATE)) / RATE
        parts.append(0.3 * np.sin(2 * np.pi * 220 * t) if kind == "speech" else np.full(t.size, 1e-4))
    path.write_bytes(to_wav_bytes(np.concatenate(parts).astype(np.float32), RATE))
    return path


class ScriptedTurns:
    """Answers each utterance with the next reply; each reply is a list of sentences, and a `None`
    in it waits for `gate` (the synthesizer still working on the rest)."""

    def __init__(self, replies: list[list[bytes | None]], end_after: int | None = None) -> None:
        self.replies = replies
        self.end_after = end_after
        self.heard: list[float] = []
        self.gate = asyncio.Event()

    async def speak_turn(self, wav: bytes, session_id: str, customer_id: str) -> SpokenTurn:
        self.heard.append(read_wav(wav).duration_s)
        sentences = self.replies[len(self.heard) - 1]
        ended = self.end_after is not None and len(self.heard) >= self.end_after
        return SpokenTurn({"transcript": "...", "reply": "...", "end_session": ended}, RATE, self._audio(sentences))

    async def _audio(self, sentences: list[bytes | None]) -> AsyncIterator[bytes]:
        for sentence in sentences:
            if sentence is None:
                await self.gate.wait()
            else:
                yield sentence


class RecordingPlayer:
    """Plays nothing: records each reply's sentences, and whether it was cut off."""

    def __init__(self) -> None:
        self.played: list[list[bytes]] = []
        self.cut_off: list[bool] = []

    async def play(self, audio: AsyncIterator[bytes], rate: int) -> None:
        self.played.append([])
        self.cut_off.append(False)
        try:
            async for pcm in audio:
                self.played[-1].append(pcm)
                await asyncio.sleep(0)
        except asyncio.CancelledError:
            self.cut_off[-1] = True
            raise


SENTENCE_1, SENTENCE_2 = b"\x01\x00" * 10, b"\x02\x00" * 10


async def test_speaking_over_a_reply_stops_it_and_is_heard(tmp_path: Path) -> None:
    wav = conversation_wav(tmp_path / "talk.wav", ("quiet", 0.5), ("speech", 1.0), ("quiet", 1.5),
                           ("speech", 1.0), ("quiet", 1.0))
    turns = ScriptedTurns([[SENTENCE_1, None, SENTENCE_2], [SENTENCE_1, SENTENCE_2]])
    player, barged = RecordingPlayer(), []
    await talk(WavFileSource(wav), Endpointer(), turns, player, "s", "demo",
               TalkEvents(on_barge_in=lambda: barged.append(True)))
    assert len(turns.heard) == 2 and all(0.9 < seconds < 2.2 for seconds in turns.heard)
    assert player.played[0] == [SENTENCE_1]  # the first sentence played while the rest was not ready
    assert player.cut_off == [True, False] and barged == [True]
    assert player.played[1] == [SENTENCE_1, SENTENCE_2]
    assert not turns.gate.is_set()


async def test_without_barge_in_what_is_heard_during_a_reply_is_dropped(tmp_path: Path) -> None:
    wav = conversation_wav(tmp_path / "talk.wav", ("quiet", 0.5), ("speech", 1.0), ("quiet", 1.5),
                           ("speech", 1.0), ("quiet", 1.0))
    long_reply = [SENTENCE_1] * 400  # still playing when the second utterance comes and goes
    turns = ScriptedTurns([long_reply, [SENTENCE_2]])
    player = RecordingPlayer()
    await talk(WavFileSource(wav), Endpointer(), turns, player, "s", "demo", barge_in=False)
    assert len(turns.heard) == 1
    assert player.cut_off == [False] and len(player.played[0]) == 400


async def test_a_turn_that_ends_the_session_ends_the_loop(tmp_path: Path) -> None:
    wav = conversation_wav(tmp_path / "talk.wav", ("quiet", 0.5), ("speech", 1.0), ("quiet", 1.5),
                           ("speech", 1.0), ("quiet", 1.0))
    turns = ScriptedTurns([[SENTENCE_1], [SENTENCE_2]], end_after=1)
    player = RecordingPlayer()
    await talk(WavFileSource(wav), Endpointer(), turns, player, "s", "demo")
    assert len(turns.heard) == 1 and player.played == [[SENTENCE_1]] and player.cut_off == [False]


async def test_speech_still_open_when_the_recording_ends_is_answered(tmp_path: Path) -> None:
    wav = conversation_wav(tmp_path / "talk.wav", ("quiet", 0.5), ("speech", 1.0))
    turns = ScriptedTurns([[SENTENCE_1]])
    await talk(WavFileSource(wav), Endpointer(), turns, None, "s", "demo")
    assert len(turns.heard) == 1
