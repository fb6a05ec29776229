"""Where a turn's kept recording is: `<audio_dir>/<YYYY-MM-DD>/<turn_id>.wav`."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

_TURN_ID = re.compile(r"^[A-Za-z0-9_-]{1,128}$")


def recording_path(audio_dir: Path, turn_id: str, created_at: str) -> Path | None:
    """The file of a turn recorded at `created_at`, if it was kept. The day folder is the recording's UTC
    day, which may differ from the turn's timestamp across midnight, so the neighbouring days are tried too."""
    if not _TURN_ID.match(turn_id):
        return None
    try:
        day = datetime.fromisoformat(created_at).date()
    except ValueError:
        return None
    for offset in (0, -1, 1):
        path = audio_dir / (day + timedelta(days=offset)).isoformat() / f"{turn_id}.wav"
        if path.is_file():
            return path
    return None
