"""Plays reply audio on the default output device as it streams in (`ReplyPlayer` for `emma talk`).

sounddevice (PortAudio) is imported when a reply first plays. Writes block until the device has room,
so they run in a worker thread; cancelling `play` aborts the stream and the sound stops at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import numpy as np

from speech.audio_source import _import_sounddevice


class SoundDevicePlayer:
    """A `speech.talk_loop.ReplyPlayer` on PortAudio's default output."""

    async def play(self, audio: AsyncIterator[bytes], rate: int) -> None:
        sd = _import_sounddevice()
        stream: Any = sd.OutputStream(samplerate=rate, channels=1, dtype="int16")
        stream.start()
        try:
            async for pcm in audio:
                await asyncio.to_thread(stream.write, np.frombuffer(pcm, dtype="<i2"))
            await asyncio.to_thread(stream.stop)  # lets the buffered tail play out
        finally:
            stream.abort()
            stream.close()
