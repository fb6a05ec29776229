"""The run marker of `emma serve`: one server per EMMA_HOME, and a report after an unclean stop.

`<home>/emma.pid` holds the server's pid under an exclusive `flock` while it runs. The kernel drops
the lock when the process dies, even on kill -9, so at start:
- a marker whose lock another process holds means that server still runs: `HomeInUse`;
- a marker nobody holds was left by a run that did not shut down cleanly: one WARNING line says
  what start-up recovered, measured before anything else opens the database.
A clean shutdown removes the marker (`RunMarker.release`, also at interpreter exit).
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from fulfillment.adapters.sqlite.integrity import WalFile, quick_check, wal_file
from fulfillment.domain.errors import EmmaError
from fulfillment.services.leftovers import Leftovers, sweep
from fulfillment.settings import Settings

log = logging.getLogger("emma.lifecycle")

MARKER = "emma.pid"


class HomeInUse(EmmaError):
    """Another live `emma serve` holds this EMMA_HOME."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="home_in_use")


@dataclass(frozen=True)
class Recovery:
    """What start-up found and repaired after an unclean shutdown."""

    pid: int | None
    """The run that did not shut down cleanly (None when its marker was unreadable)."""
    wal: WalFile
    quick_check: tuple[str, ...]
    leftovers: Leftovers

    def describe(self, home: Path) -> str:
        """One log line: what happened, and what was recovered."""
        run = f"pid {self.pid}" if self.pid is not None else "pid unknown"
        if self.wal.bytes:
            wal = (f"SQLite replayed its write-ahead log on open ({self.wal.bytes:,} bytes, "
                   f"{self.wal.frames} frames)")
        else:
            wal = "no write-ahead log was left to replay"
        check = "ok" if self.quick_check == ("ok",) else "PROBLEMS: " + "; ".join(self.quick_check)
        left = self.leftovers
        files = [str(path.relative_to(home)) for path in (*left.partial_recordings, *left.temporary)]
        return (
            f"The last run ({run}) did not shut down cleanly. Recovered: {wal}; PRAGMA quick_check: "
            f"{check}; recordings: {left.recordings} found, {len(left.partial_recordings)} partial removed; "
            f"temporary files: {len(left.temporary)} partial removed"
            + (f" ({', '.join(files)})" if files else "")
            + "; turns in flight were rolled back, and retries with the same idempotency key "
            "return the committed results."
        )


class RunMarker:
    """This process's claim on its EMMA_HOME; `release` at clean shutdown."""

    def __init__(self, path: Path, fd: int, recovery: Recovery | None) -> None:
        self.path = path
        self.recovery = recovery
        """What start-up recovered, when the last run did not shut down cleanly."""
        self._fd: int | None = fd

    def release(self) -> None:
        """Remove the marker and drop the lock; safe to call twice."""
        if self._fd is None:
            return
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        os.close(self._fd)
        self._fd = None
        atexit.unregister(self.release)


def claim_home(settings: Settings) -> RunMarker:
    """Take the run marker of `settings.home`, recovering first if the last run died.

    Call before anything opens the database, so the WAL left behind can be measured.
    """
    home = settings.home
    home.mkdir(parents=True, exist_ok=True)
    path = home / MARKER
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _lock(fd, home)
        recovery = _recover(settings, _read_pid(fd)) if os.fstat(fd).st_size else None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        raise
    if recovery is not None:
        log.warning("%s", recovery.describe(home))
    marker = RunMarker(path, fd, recovery)
    atexit.register(marker.release)  # a failed start-up still leaves a clean marker behind
    return marker


def _lock(fd: int, home: Path) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        holder = _read_pid(fd)
    except OSError:  # no flock here (some network file systems): fall back on the pid
        holder = _read_pid(fd)
        if holder is None or holder == os.getpid() or not _alive(holder):
            return
    raise HomeInUse(
        f"Another Emma (pid {holder if holder is not None else 'unknown'}) is already serving this home "
        f"({home}). Stop it first, or give this server its own EMMA_HOME."
    )


def _recover(settings: Settings, pid: int | None) -> Recovery:
    wal = wal_file(settings.db_path)
    check = quick_check(settings.db_path) if settings.db_path.exists() else ("ok",)
    return Recovery(pid, wal, check, sweep(settings.home, settings.models_dir))


def _read_pid(fd: int) -> int | None:
    raw = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return int(raw) if raw.isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
