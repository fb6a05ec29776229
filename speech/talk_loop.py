"""The spoken conversation loop behind `emma talk`: listen, send each utterance, play the reply as it
streams in, and stop the reply when the shopper starts speaking over it (barge-in).

Frames keep flowing through the endpointer while a reply plays, so speech is noticed at once; the
reply's audio plays sentence by sentence as it arrives, so the first sentence is heard while the rest
is still being synthesized. No hardware here: the source, the turns and the player are interfaces
(`WavFileSource` and fakes in tests; the microphone, the server and sounddevice in `emma talk`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from speech.audio_source import AudioSource
from speech.endpointing import Endpointer, FrameResult, Utterance
from speech.wav import to_wav_bytes


@dataclass(frozen=True)
class SpokenTurn:
    """A turn's answer: its JSON and its reply audio, still arriving."""

    body: dict[str, Any]
    """The turn as the API answers it (transcript, reply, end_session, ...)."""
    rate: int
    """Samples per second of `audio`."""
    audio: AsyncIterator[bytes] | None
    """16-bit mono PCM, sentence by sentence; None when there is nothing to play."""


class TalkTurns(Protocol):
    async def speak_turn(self, wav: bytes, session_id: str, customer_id: str) -> SpokenTurn: ...


class ReplyPlayer(Protocol):
    async def play(self, audio: AsyncIterator[bytes], rate: int) -> None:
        """Play `audio` as it arrives; returns when it is all played. Cancelling stops the sound at once."""
        ...


@dataclass
class TalkEvents:
    """What the loop tells its user about (all optional)."""

    on_frame: Callable[[FrameResult], None] | None = None
    """Every frame (a level meter)."""
    on_turn: Callable[[dict[str, Any]], None] | None = None
    """Every answered turn, before its reply plays."""
    on_barge_in: Callable[[], None] | None = None
    """A reply was cut off because the shopper spoke."""


async def talk(
    source: AudioSource, endpointer: Endpointer, turns: TalkTurns, player: ReplyPlayer | None,
    session_id: str, customer_id: str, events: TalkEvents | None = None, barge_in: bool = True,
) -> None:
    """Run the conversation until the source ends or a turn ends the session.

    Without `barge_in`, what the microphone hears while a reply plays is dropped (it would be the
    reply itself on a speaker without echo cancellation).
    """
    events = events or TalkEvents()
    playing: asyncio.Task[None] | None = None
    ended = False

    async def answer(utterance: Utterance) -> None:
        nonlocal playing, ended
        turn = await turns.speak_turn(to_wav_bytes(utterance.samples, utterance.sample_rate), session_id, customer_id)
        if events.on_turn is not None:
            events.on_turn(turn.body)
        if player is not None and turn.audio is not None:
            playing = asyncio.create_task(player.play(turn.audio, turn.rate))
        ended = bool(turn.body.get("end_session"))

    try:
        async for frame in source.frames():
            busy = playing is not None and not playing.done()
            if busy and not barge_in:
                continue
            result = endpointer.process(frame)
            if events.on_frame is not None:
                events.on_frame(result)
            if busy and result.listening:
                await _stop(playing)
                if events.on_barge_in is not None:
                    events.on_barge_in()
            if result.utterance is not None:
                await answer(result.utterance)
                if ended:
                    break
        else:
            last = endpointer.flush()
            if last is not None:
                await answer(last)
        if playing is not None:
            await playing
    finally:
        await _stop(playing)


async def _stop(playing: asyncio.Task[None] | None) -> None:
    if playing is None or playing.done():
        return
    playing.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await playing
