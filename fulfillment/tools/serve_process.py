"""A real `emma serve --no-speech` on loopback, as a child process a benchmark may SIGKILL and restart."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from pathlib import Path

import aiohttp

from nlu.rasa_service import free_port

EMMA = (sys.executable, "-m", "fulfillment.apps.cli.main")
"""The `emma` command of this interpreter (the same program as `.venv/bin/emma`)."""


class ServerDied(RuntimeError):
    """`emma serve` exited while starting; the message holds the end of its log."""


class ServeProcess:
    """One home, one loopback port; every start after a kill reuses both."""

    def __init__(self, home: Path, nlu_url: str, nlu_token: str | None, start_timeout_s: float = 120.0) -> None:
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_file = home / "serve.log"
        self.start_timeout_s = start_timeout_s
        # The shared Rasa is given by URL, so no restart waits ~40 s for a Rasa of its own.
        self.env = {**os.environ, "EMMA_HOME": str(home), "EMMA_NLU_URL": nlu_url,
                    "EMMA_NLU_TOKEN": nlu_token or "", "EMMA_URL": self.url}
        self._proc: asyncio.subprocess.Process | None = None

    @property
    def pid(self) -> int:
        assert self._proc is not None, "not started"
        return self._proc.pid

    async def start(self) -> float:
        """Spawns the server and waits until /health answers; returns how long that took (s)."""
        started = time.monotonic()
        with self.log_file.open("ab") as log:
            self._proc = await asyncio.create_subprocess_exec(
                *EMMA, "--home", str(self.home), "serve", "--no-speech", "--port", str(self.port),
                env=self.env, stdout=log, stderr=asyncio.subprocess.STDOUT, stdin=asyncio.subprocess.DEVNULL,
            )
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as http:
            while time.monotonic() - started < self.start_timeout_s:
                if self._proc.returncode is not None:
                    raise ServerDied(f"emma serve exited with {self._proc.returncode}:\n{self.log_tail()}")
                with contextlib.suppress(aiohttp.ClientError, TimeoutError):
                    async with http.get(f"{self.url}/health") as resp:
                        if resp.status == 200:
                            return time.monotonic() - started
                await asyncio.sleep(0.05)
        await self.kill()
        raise ServerDied(f"emma serve did not answer /health within {self.start_timeout_s:.0f} s:\n{self.log_tail()}")

    def kill_now(self) -> None:
        """SIGKILL without waiting: callable from any thread, the moment a trigger fires."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)

    async def kill(self) -> None:
        if self._proc is None or self._proc.returncode is not None:
            return
        self.kill_now()
        await self._proc.wait()

    async def reap(self) -> None:
        """Waits for a process killed by `kill_now` to be gone (its port free again)."""
        if self._proc is not None:
            await self._proc.wait()

    async def stop(self) -> int | None:
        """A clean shutdown (SIGTERM); the exit code, or None when it had to be killed."""
        if self._proc is None or self._proc.returncode is not None:
            return self._proc.returncode if self._proc else None
        self._proc.terminate()
        try:
            return await asyncio.wait_for(self._proc.wait(), 30)
        except TimeoutError:
            await self.kill()
            return None

    def log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"
