"""Starts, watches and stops a loopback-only Rasa server (`rasa run --enable-api`)."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import secrets
import signal
import socket
import time
from pathlib import Path

from fulfillment.domain.errors import NluUnavailable
from nlu.rasa_client import RasaHttpParser
from nlu.training import rasa_env, rasa_executable

log = logging.getLogger("emma.nlu")


def _die_with_parent() -> None:
    """Linux: the kernel stops Rasa if Emma dies without cleaning up (kill -9, a crash)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def new_auth_token() -> str:
    """A secret for Rasa's `--auth-token`: hex, so it can never start with '-' (which a
    url-safe token does one time in 64, and then looks like an option to `rasa run`)."""
    return secrets.token_hex(24)


def rasa_run_command(rasa: Path, port: int, token: str, model: Path) -> list[str]:
    """The `rasa run` command line; values go after `=` so none can be read as an option."""
    return [
        str(rasa), "run", "--enable-api", "--interface=127.0.0.1", f"--port={port}",
        f"--auth-token={token}", f"--model={model}", "--quiet",
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RasaService:
    """One Rasa process: readiness wait, restart when it dies, clear error when it can't start."""

    def __init__(
        self, model: Path, rasa_python: str | None, log_file: Path,
        start_timeout_s: float = 180.0, max_restarts: int = 3, language: str = "en",
    ) -> None:
        self.model = model
        self.language = language
        self.rasa = rasa_executable(rasa_python)
        self.log_file = log_file
        self.start_timeout_s = start_timeout_s
        self.max_restarts = max_restarts
        self.port = free_port()
        self.token = new_auth_token()
        self.parser = RasaHttpParser(f"http://127.0.0.1:{self.port}", self.token, language=language)
        self.parser.on_model_loaded = self._remember_model
        self._proc: asyncio.subprocess.Process | None = None
        self._watchdog: asyncio.Task[None] | None = None
        self._stopping = False

    def _remember_model(self, model: Path) -> None:
        self.model = model  # a restart after a crash serves the newest model

    async def start(self) -> None:
        await self._spawn()
        self._watchdog = asyncio.create_task(self._watch())

    async def _spawn(self) -> None:
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        # Rasa's own logs go to a file, never into Emma's output.
        with self.log_file.open("ab") as out:
            self._proc = await asyncio.create_subprocess_exec(
                *rasa_run_command(self.rasa, self.port, self.token, self.model),
                env=rasa_env(), stdout=out, stderr=asyncio.subprocess.STDOUT,
                stdin=asyncio.subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent,
            )
        started = time.monotonic()
        while time.monotonic() - started < self.start_timeout_s:
            if self._proc.returncode is not None:
                raise NluUnavailable(
                    f"Rasa exited with code {self._proc.returncode} while starting. "
                    f"Last lines of {self.log_file}:\n{self._log_tail()}"
                )
            if await self.parser.ready():
                log.info("Rasa (%s) ready on 127.0.0.1:%s after %.1f s", self.language, self.port,
                         time.monotonic() - started)
                return
            await asyncio.sleep(0.5)
        await self._terminate()
        raise NluUnavailable(f"Rasa did not become ready within {self.start_timeout_s:.0f} s. See {self.log_file}.")

    async def _watch(self) -> None:
        restarts = 0
        while not self._stopping:
            assert self._proc is not None
            code = await self._proc.wait()
            if self._stopping:
                return
            restarts += 1
            log.error("Rasa died (exit %s); restart %d of %d", code, restarts, self.max_restarts)
            if restarts > self.max_restarts:
                log.error("Rasa keeps dying; giving up. See %s", self.log_file)
                return
            try:
                await self._spawn()
            except NluUnavailable as err:
                log.error("%s", err.message)
                return

    def _log_tail(self, lines: int = 12) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    async def _terminate(self) -> None:
        proc = self._proc
        if proc is None or proc.returncode is not None:
            return
        proc.terminate()
        try:
            await asyncio.wait_for(proc.wait(), 15)
        except TimeoutError:
            proc.kill()
            await proc.wait()

    async def stop(self) -> None:
        self._stopping = True
        if self._watchdog is not None:
            self._watchdog.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watchdog
        await self._terminate()
        await self.parser.close()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None
