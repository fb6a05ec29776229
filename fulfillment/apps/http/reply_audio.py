"""Reply audio by turn id: synthesized in the background sentence by sentence, streamed to any number
of listeners as it is ready, and kept (the most recent replies) for `GET /api/v1/turns/{id}/reply.wav`."""

from __future__ import annotations

import asyncio
import contextlib
from collections import OrderedDict
from collections.abc import AsyncIterator
from functools import partial

from speech.synthesizer import AudioChunk
from speech.wav import streaming_wav_header


class ReplyStream:
    """One reply being spoken: the PCM of each sentence, appended as the synthesizer yields it."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        """Samples per second of the reply's PCM (the voice's rate)."""
        self._pcm: list[bytes] = []
        self._done = False
        self._error: BaseException | None = None
        self._changed = asyncio.Condition()
        self._task: asyncio.Task[None] | None = None

    @classmethod
    def start(cls, rate: int, chunks: AsyncIterator[AudioChunk]) -> ReplyStream:
        """A stream fed by `chunks` in a background task (started now, on the running loop)."""
        stream = cls(rate)
        stream._task = asyncio.create_task(stream._feed(chunks))
        return stream

    @property
    def done(self) -> bool:
        return self._done

    async def pcm(self) -> AsyncIterator[bytes]:
        """Each sentence's PCM in order: what is ready at once, the rest as it comes.

        Raises what the synthesizer raised, after the sentences spoken before it.
        """
        sent = 0
        while True:
            async with self._changed:
                await self._changed.wait_for(partial(self._has_news, sent))
                ready, done, error = self._pcm[sent:], self._done, self._error
            for pcm in ready:
                yield pcm
            sent += len(ready)
            if done and sent == len(self._pcm):
                if error is not None:
                    raise error
                return

    def _has_news(self, sent: int) -> bool:
        return sent < len(self._pcm) or self._done

    async def wav_stream(self) -> AsyncIterator[bytes]:
        """A WAV header of open length, then the PCM sentence by sentence (for chunked HTTP)."""
        yield streaming_wav_header(self.rate)
        async for pcm in self.pcm():
            yield pcm

    def cancel(self) -> asyncio.Task[None] | None:
        """Stop synthesis if it still runs; returns the task to await, if any."""
        if self._task is None or self._task.done():
            return None
        self._task.cancel()
        return self._task

    async def _feed(self, chunks: AsyncIterator[AudioChunk]) -> None:
        try:
            async for chunk in chunks:
                async with self._changed:
                    self._pcm.append(chunk.pcm)
                    self._changed.notify_all()
        except Exception as err:  # told to every listener; the task itself ends quietly
            self._error = err
        finally:
            self._done = True
            with contextlib.suppress(RuntimeError):  # the loop may be closing
                async with self._changed:
                    self._changed.notify_all()


class ReplyAudioCache:
    """Recent replies by turn id; older ones are synthesized again from the transcript."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: OrderedDict[str, ReplyStream] = OrderedDict()

    def start(self, turn_id: str, rate: int, chunks: AsyncIterator[AudioChunk]) -> ReplyStream:
        """Start speaking a reply in the background; listeners may join at any time."""
        return self._keep(turn_id, ReplyStream.start(rate, chunks))

    def get(self, turn_id: str) -> ReplyStream | None:
        return self._items.get(turn_id)

    async def close(self) -> None:
        """Stop every reply still being synthesized (the app is shutting down)."""
        tasks = [task for stream in self._items.values() if (task := stream.cancel()) is not None]
        await asyncio.gather(*tasks, return_exceptions=True)

    def _keep(self, turn_id: str, stream: ReplyStream) -> ReplyStream:
        self._items[turn_id] = stream
        self._items.move_to_end(turn_id)
        while len(self._items) > self.size:
            _, evicted = self._items.popitem(last=False)
            evicted.cancel()
        return stream
