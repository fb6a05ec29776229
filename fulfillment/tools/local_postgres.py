"""A throwaway PostgreSQL server from Debian's packages: initdb and pg_ctl in a folder of its own.

The tests start one per run and `make cluster` one for the demo cluster. When the server binaries are missing
and we are root with apt, `postgresql` is installed first. As root the server runs as the `postgres` user
(initdb refuses root).
"""

from __future__ import annotations

import glob
import os
import pwd
import shlex
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from nlu.rasa_service import free_port

SERVER_OPTIONS = (
    "-c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=128MB"
    " -c max_locks_per_transaction=128"
)
THROWAWAY_OPTIONS = " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
"""Only for tests: nothing needs to survive a crash of the machine."""


class PostgresMissing(RuntimeError):
    """No PostgreSQL server binaries, and they could not be installed."""


def server_bin() -> Path:
    """The newest installed server's bin folder (/usr/lib/postgresql/<major>/bin), installing it if needed."""
    found = _installed()
    if found is None:
        _install()
        found = _installed()
    if found is None:
        raise PostgresMissing("PostgreSQL is not installed (apt-get install postgresql).")
    return found


def _installed() -> Path | None:
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(folders[-1]).parent if folders else None


def _install() -> None:
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", "-o", "DPkg::Lock::Timeout=300", "--no-install-recommends",
               "postgresql", "postgresql-contrib"]
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True)
        subprocess.run(install, env=env, capture_output=True)


@dataclass
class LocalPostgres:
    """One server: `start()`, `url(database)`, `create_database()`, `stop()` (which removes its folder)."""

    folder: Path
    port: int
    bin: Path
    user: str = "emma"
    throwaway: bool = True

    @classmethod
    def create(cls, folder: Path | None = None, port: int | None = None, throwaway: bool = True) -> LocalPostgres:
        root = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="emma-pg-"))
        server = cls(root, port or free_port(), server_bin(), throwaway=throwaway)
        server._own(root)
        if not (root / "data" / "PG_VERSION").exists():
            fast = ["--no-sync"] if throwaway else []
            server._run("initdb", "-D", str(root / "data"), "-U", server.user, "--auth=trust", "-E", "UTF8",
                        "--locale=C.UTF-8", *fast)
        return server

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} " + SERVER_OPTIONS + (THROWAWAY_OPTIONS if self.throwaway else "")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-o", options,
                  "-w", "-t", "60", "start")
        if self.throwaway:
            self._stop_with(os.getpid())

    def _stop_with(self, parent: int) -> None:
        """A throwaway server goes with the process that started it, even one killed before its clean-up ran
        (a test run cut short): a small shell waits for that process to end, then stops it and removes it."""
        stop = [str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]
        if os.geteuid() == 0:
            stop = ["runuser", "-u", "postgres", "--", *stop]
        script = (f"while kill -0 {parent} 2>/dev/null; do sleep 2; done;"
                  f" {shlex.join(stop)} >/dev/null 2>&1; rm -rf {shlex.quote(str(self.folder))}")
        subprocess.Popen(["sh", "-c", script], start_new_session=True, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def restart(self, mode: str = "fast") -> None:
        # -l again: the new server must not inherit our pipes (subprocess.run would wait for it to exit).
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-m", mode, "-w",
                  "-t", "60", "restart")

    def stop(self, remove: bool = True) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate" if remove else "fast", "-w", "stop")
        if remove:
            shutil.rmtree(self.folder, ignore_errors=True)

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database (a copy of `template` when given); its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            clause = f' TEMPLATE "{template}"' if template else ""
            conn.execute(f'CREATE DATABASE "{name}"{clause}'.encode())
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'.encode())

    def _run(self, program: str, *args: str) -> None:
        argv = [str(self.bin / program), *args]
        if os.geteuid() == 0:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        done = subprocess.run(argv, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{program} failed: {done.stderr.strip() or done.stdout.strip()}")

    def _own(self, root: Path) -> None:
        """As root, the folder (and the way to it) must belong to, or be open to, the postgres user."""
        root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() != 0:
            return
        server = pwd.getpwnam("postgres")
        os.chown(root, server.pw_uid, server.pw_gid)
        for entry in root.rglob("*"):
            os.chown(entry, server.pw_uid, server.pw_gid)
        os.chmod(root, 0o700)


def wait_until_ready(url: str, seconds: float = 30.0) -> None:
    import psycopg

    deadline = time.monotonic() + seconds
    while True:
        try:
            psycopg.connect(url, connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
