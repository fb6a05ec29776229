"""Daily counts of audio turns and of silent ones, kept in memory and written in batches:
a silent recording itself never causes a database write."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime

from fulfillment.adapters.ports import ShopDatabase


class AudioStats:
    def __init__(self, db: ShopDatabase) -> None:
        self.db = db
        self._counts: Counter[tuple[str, str, str]] = Counter()
        self._lock = threading.Lock()

    def count(self, channel: str, heard_speech: bool) -> None:
        day = datetime.now(UTC).strftime("%Y-%m-%d")
        with self._lock:
            self._counts[(day, channel, "audio_turns")] += 1
            if not heard_speech:
                self._counts[(day, channel, "no_speech")] += 1

    def flush(self) -> None:
        with self._lock:
            counts, self._counts = self._counts, Counter()
        if not counts:
            return
        rows: dict[tuple[str, str], dict[str, int]] = {}
        for (day, channel, name), n in counts.items():
            rows.setdefault((day, channel), {"audio_turns": 0, "no_speech": 0})[name] += n
        with self.db.transaction() as conn:
            for (day, channel), totals in rows.items():
                conn.execute(
                    "INSERT INTO audio_stats (day, channel, audio_turns, no_speech) VALUES (?,?,?,?)"
                    " ON CONFLICT (day, channel) DO UPDATE SET"  # qualified: PostgreSQL finds bare names ambiguous
                    " audio_turns = audio_stats.audio_turns + excluded.audio_turns,"
                    " no_speech = audio_stats.no_speech + excluded.no_speech",
                    (day, channel, totals["audio_turns"], totals["no_speech"]),
                )
