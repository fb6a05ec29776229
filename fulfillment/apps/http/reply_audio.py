"""Recent reply audio, kept in memory for `GET /api/v1/turns/{id}/reply.wav`."""

from __future__ import annotations

from collections import OrderedDict


class ReplyAudioCache:
    """Recent reply WAVs by turn id; older replies are synthesized again from the transcript."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: OrderedDict[str, bytes] = OrderedDict()

    def put(self, turn_id: str, wav: bytes) -> None:
        self._items[turn_id] = wav
        self._items.move_to_end(turn_id)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def get(self, turn_id: str) -> bytes | None:
        return self._items.get(turn_id)
