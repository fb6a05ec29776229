"""`emma serve`'s run marker: one server per home, and the recovery report after a kill -9.

Real processes hold and lose the marker; they say "ready" on stdout when they hold it, so the tests
wait on a pipe, never on the clock.
"""

from __future__ import annotations

import io
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from fulfillment.services.lifecycle import MARKER, HomeInUse, claim_home
from fulfillment.settings import Settings

ROOT = Path(__file__).resolve().parents[3]
SERVER = """
import sqlite3, sys
from pathlib import Path
from fulfillment.services.lifecycle import claim_home
from fulfillment.settings import Settings

settings = Settings(home=Path(sys.argv[1]))
claim_home(settings)
if sys.argv[2] == "write":  # a committed turn, still in the WAL when the process is killed
    db = sqlite3.connect(settings.db_path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("CREATE TABLE turns (text TEXT)")
    db.execute("INSERT INTO turns VALUES ('committed before the kill')")
print("ready", flush=True)
sys.stdin.read()  # until the test closes stdin (a clean exit) or kills us
"""


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home")


@pytest.fixture
def server(settings: Settings) -> Iterator[subprocess.Popen[str]]:
    """Starts a fake server process on the home; `start(mode)` returns once it holds the marker."""
    procs: list[subprocess.Popen[str]] = []

    def start(mode: str = "idle") -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(settings.home), mode], cwd=ROOT, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        procs.append(proc)
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
        return proc

    yield start  # type: ignore[misc]
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def wav_bytes(frames: int = 1600) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\x01\x00" * frames)
    return out.getvalue()


def test_a_clean_run_leaves_no_marker_and_logs_nothing(settings, caplog):
    caplog.set_level(logging.INFO, logger="emma.lifecycle")

    marker = claim_home(settings)
    held = (settings.home / MARKER).read_text()
    marker.release()
    marker.release()

    assert held == f"{os.getpid()}\n"
    assert marker.recovery is None
    assert not (settings.home / MARKER).exists()
    assert caplog.records == []


def test_a_live_server_keeps_the_home(settings, server):
    live = server()

    with pytest.raises(HomeInUse) as caught:
        claim_home(settings)

    assert caught.value.code == "home_in_use"
    assert f"pid {live.pid}" in caught.value.message and "already serving this home" in caught.value.message
    live.stdin.close()  # a clean exit releases the marker at interpreter exit
    assert live.wait() == 0
    assert not (settings.home / MARKER).exists()
    claim_home(settings).release()


def test_after_a_kill_9_start_up_reports_and_recovers(settings, server, caplog):
    caplog.set_level(logging.WARNING, logger="emma.lifecycle")
    killed = server("write")
    day = settings.home / "audio" / "2025-01-02"
    day.mkdir(parents=True)
    (day / "complete.wav").write_bytes(wav_bytes())
    (day / "cut-off.wav").write_bytes(wav_bytes()[:1000])
    nlu_models = settings.models_dir / "nlu"
    nlu_models.mkdir(parents=True)
    stale = nlu_models / "model-abc.tar.partial"
    stale.write_bytes(b"half a model")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    being_written = settings.models_dir / ".ggml-base.bin.k2j4_x9q"  # a download running right now
    being_written.write_bytes(b"still copying")
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()  # reaped: its pid is dead, its marker and WAL are left behind
    assert (settings.home / MARKER).read_text() == f"{killed.pid}\n"
    wal_before = settings.db_path.with_name("emma.db-wal").stat().st_size

    marker = claim_home(settings)

    recovery = marker.recovery
    assert recovery is not None and recovery.pid == killed.pid
    assert recovery.wal.bytes == wal_before > 0 and recovery.wal.frames >= 1
    assert recovery.quick_check == ("ok",)
    assert recovery.leftovers.recordings == 2
    assert [p.name for p in recovery.leftovers.partial_recordings] == ["cut-off.wav"]
    assert recovery.leftovers.temporary == (stale,)
    assert (day / "complete.wav").exists() and not (day / "cut-off.wav").exists()
    assert not stale.exists() and being_written.exists()
    rows = sqlite3.connect(settings.db_path).execute("SELECT text FROM turns").fetchall()
    assert rows == [("committed before the kill",)]
    [line] = [r for r in caplog.records if r.name == "emma.lifecycle"]
    assert line.levelno == logging.WARNING
    said = line.getMessage()
    assert f"pid {killed.pid}" in said and "did not shut down cleanly" in said
    assert f"{wal_before:,} bytes" in said and "quick_check: ok" in said
    assert "2 found, 1 partial removed" in said and "models/nlu/model-abc.tar.partial" in said
    assert "idempotency key" in said
    assert (settings.home / MARKER).read_text() == f"{os.getpid()}\n"
    marker.release()


def test_a_damaged_database_is_reported(settings, caplog):
    caplog.set_level(logging.WARNING, logger="emma.lifecycle")
    settings.home.mkdir(parents=True)
    (settings.home / MARKER).write_text("999999999\n")
    settings.db_path.write_bytes(b"this is not a database" * 200)

    marker = claim_home(settings)
    marker.release()

    assert marker.recovery is not None and marker.recovery.quick_check != ("ok",)
    assert "quick_check: PROBLEMS" in caplog.text
