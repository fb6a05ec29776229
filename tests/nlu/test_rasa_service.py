"""Emma starts, watches and restarts its own Rasa process."""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal
import subprocess
from pathlib import Path

import pytest

from fulfillment.domain.errors import EmmaError
from nlu import rasa_service
from nlu.rasa_service import RasaService, rasa_run_command

PROJECT = Path(__file__).resolve().parents[2]


def rasa_run_parser() -> argparse.ArgumentParser:
    """The options of `rasa run` that Emma passes, declared as Rasa 3.6 declares them."""
    parser = argparse.ArgumentParser(exit_on_error=False)
    parser.add_argument("-m", "--model", type=str)
    parser.add_argument("-i", "--interface", type=str)
    parser.add_argument("-p", "--port", type=int)
    parser.add_argument("-t", "--auth-token", type=str)
    parser.add_argument("--enable-api", action="store_true")
    parser.add_argument("--quiet", action="store_true")
    return parser


def fake_rasa(tmp_path: Path) -> str:
    """A Rasa virtualenv's python whose `rasa` script exists (it is never run here)."""
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "rasa").touch()
    return str(bin_dir / "python")


async def spawned_command(service: RasaService, monkeypatch) -> list[str]:
    """The command line `RasaService` starts Rasa with (the process itself is not started)."""
    seen: list[str] = []

    async def no_process(*args, **kwargs):
        seen.extend(args)
        raise OSError("not starting Rasa in a unit test")

    monkeypatch.setattr(rasa_service.asyncio, "create_subprocess_exec", no_process)
    with pytest.raises(OSError):
        await service.start()
    return seen


async def test_token_from_the_unluckiest_random_bytes_reaches_rasa_intact(tmp_path, monkeypatch):
    # 0xf8 encodes to '-' first in url-safe base64: the one-in-64 draw that broke start-up.
    monkeypatch.setattr(secrets, "token_bytes", lambda n=32: b"\xf8" * (n or 32))
    service = RasaService(tmp_path / "model.tar.gz", fake_rasa(tmp_path), tmp_path / "rasa.log")

    command = await spawned_command(service, monkeypatch)

    assert not service.token.startswith("-")
    args, _ = rasa_run_parser().parse_known_args(command[2:])
    assert args.auth_token == service.token == service.parser.token
    assert (args.port, args.interface) == (service.port, "127.0.0.1")


def test_command_line_keeps_a_token_starting_with_a_dash_as_the_token():
    command = rasa_run_command(Path("/venv/bin/rasa"), 5005, "-Xy_z", Path("/m/model.tar.gz"))

    args, rest = rasa_run_parser().parse_known_args(command[2:])

    assert command[:2] == ["/venv/bin/rasa", "run"]
    assert (args.auth_token, args.port, args.model) == ("-Xy_z", 5005, "/m/model.tar.gz")
    assert args.enable_api and args.quiet and rest == []


@pytest.mark.integration
def test_real_rasa_reads_a_dash_token_from_the_command_line():
    rasa_python = os.environ.get("EMMA_RASA_PYTHON") or str(PROJECT / ".venv-rasa" / "bin" / "python")
    if not Path(rasa_python).exists():
        pytest.skip("no Rasa virtualenv")
    command = rasa_run_command(Path("rasa"), 5005, "-Xy_z", Path("m.tar.gz"))
    probe = (
        "import argparse, sys; from rasa.cli.arguments.run import set_run_arguments\n"
        "p = argparse.ArgumentParser(); set_run_arguments(p)\n"
        "print(p.parse_known_args(sys.argv[1:])[0].auth_token)"
    )
    done = subprocess.run([rasa_python, "-c", probe, *command[2:]], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "-Xy_z"


def test_missing_rasa_gives_a_clear_message(tmp_path):
    with pytest.raises(EmmaError) as err:
        RasaService(tmp_path / "model.tar.gz", str(tmp_path / "nowhere" / "python"), tmp_path / "rasa.log")
    assert err.value.code == "rasa_missing" and "make run" in err.value.message


@pytest.mark.integration
async def test_rasa_is_restarted_when_it_dies(nlu_model, tmp_path):
    service = RasaService(nlu_model, os.environ.get("EMMA_RASA_PYTHON"), tmp_path / "rasa.log")
    await service.start()
    try:
        assert (await service.parser.parse("check out")).intent == "checkout"
        first_pid = service.pid
        os.kill(first_pid, signal.SIGKILL)
        for _ in range(400):  # the watchdog respawns it and waits for readiness
            await asyncio.sleep(0.5)
            if service.pid != first_pid and await service.parser.ready():
                break
        assert service.pid != first_pid
        assert (await service.parser.parse("check out")).intent == "checkout"
    finally:
        await service.stop()
    assert service._proc is not None and service._proc.returncode is not None
