"""Emma starts, watches and restarts its own Rasa process."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest

from fulfillment.domain.errors import EmmaError
from nlu.rasa_service import RasaService


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
