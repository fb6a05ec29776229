"""Freed memory goes back to the system (glibc), and nothing breaks where there is no glibc."""

from __future__ import annotations

import asyncio
import platform

import pytest

from speech import memory


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_glibc_trims_and_caps_its_arenas() -> None:
    assert memory.release_freed_memory() is True
    assert memory.limit_malloc_arenas() is True


def test_without_malloc_trim_it_is_a_no_op(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "_malloc_trim", lambda: None)
    assert memory.release_freed_memory() is False


async def test_release_soon_runs_on_a_worker_thread_without_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    ran = asyncio.Event()
    loop = asyncio.get_running_loop()
    monkeypatch.setattr(memory, "release_freed_memory", lambda: loop.call_soon_threadsafe(ran.set))
    memory.release_soon()
    await asyncio.wait_for(ran.wait(), 5)
