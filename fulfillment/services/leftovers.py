"""Files a killed server can leave half-written in EMMA_HOME, found and (when partial) removed.

- Kept recordings (`audio/<day>/<turn_id>.wav`) are written in one go; one cut off by a kill has a
  data chunk shorter than its header declares. Reply audio lives in memory only.
- Temporary files (`*.partial`, and `mkstemp`'s `.<name>.<8 chars>` in the models folder) are
  renamed into place when complete, so any still there is partial. One modified in the last
  `QUIET_S` seconds may belong to a command running now (`emma nlu train`) and is left alone.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fulfillment.services.privacy import recordings

QUIET_S = 60.0
_MKSTEMP = re.compile(r"^\..+\.[a-z0-9_]{8}$")
_STREAMING_SIZES = frozenset({0, 0x7FFFFFFF, 0xFFFFFFFF})
"""Data sizes of WAVs written to a pipe: their length cannot be checked."""
_HEADER_BYTES = 4096


@dataclass(frozen=True)
class Leftovers:
    recordings: int
    """Kept recordings found (complete and partial)."""
    partial_recordings: tuple[Path, ...]
    """Removed: cut off while being written."""
    temporary: tuple[Path, ...]
    """Removed: temporary files nobody will finish."""


def sweep(home: Path, models_dir: Path, now: float | None = None) -> Leftovers:
    now = time.time() if now is None else now
    wavs = sorted(recordings.audio_dir(home).glob("*/*.wav"))
    partial = tuple(path for path in wavs if not complete_wav(path))
    temporary = tuple(path for path in _temporary_files(home, models_dir) if now - _mtime(path) >= QUIET_S)
    for path in (*partial, *temporary):
        path.unlink(missing_ok=True)
    return Leftovers(len(wavs), partial, temporary)


def complete_wav(path: Path) -> bool:
    """False when the RIFF/WAVE header or the data it declares is cut off."""
    with path.open("rb") as f:
        head = f.read(_HEADER_BYTES)
    size = path.stat().st_size
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return False
    pos = 12
    while pos + 8 <= len(head):
        chunk, declared = head[pos : pos + 4], int.from_bytes(head[pos + 4 : pos + 8], "little")
        if chunk == b"data":
            return declared in _STREAMING_SIZES or pos + 8 + declared <= size
        pos += 8 + declared + (declared & 1)
    return False


def _temporary_files(home: Path, models_dir: Path) -> Iterator[Path]:
    yield from (path for path in home.rglob("*.partial") if path.is_file())
    if models_dir.is_dir():
        yield from (path for path in models_dir.rglob(".*") if path.is_file() and _MKSTEMP.match(path.name))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0
