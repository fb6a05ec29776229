"""Kept shopper recordings on disk: `<EMMA_HOME>/audio/<YYYY-MM-DD>/<turn_id>.wav` (see speech.voice_pipeline).

Works on the folder layout only, so purging never loads the speech stack.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import date, datetime
from pathlib import Path


def audio_dir(home: Path) -> Path:
    return home / "audio"


def _days(folder: Path) -> Iterator[tuple[Path, date]]:
    if not folder.is_dir():
        return
    for day in sorted(folder.iterdir()):
        try:
            yield day, datetime.strptime(day.name, "%Y-%m-%d").date()
        except ValueError:
            continue


def expire(folder: Path, keep_days: int, now: datetime) -> int:
    """Deletes recordings of days at least `keep_days` old (every one when 0); returns how many."""
    removed = 0
    for day, when in _days(folder):
        if (now.date() - when).days >= keep_days:
            for file in day.glob("*.wav"):
                file.unlink()
                removed += 1
            if not any(day.iterdir()):
                day.rmdir()
    return removed


def find(folder: Path, turn_ids: Collection[str]) -> list[Path]:
    """The kept recordings of these turns."""
    wanted = set(turn_ids)
    return [file for day, _ in _days(folder) for file in sorted(day.glob("*.wav")) if file.stem in wanted]


def remove(folder: Path, turn_ids: Collection[str]) -> int:
    """Deletes the kept recordings of these turns; returns how many."""
    files = find(folder, turn_ids)
    for file in files:
        file.unlink()
    return len(files)
