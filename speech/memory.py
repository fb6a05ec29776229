"""Freed memory handed back to the system after recognition and synthesis.

CTranslate2 and onnxruntime allocate and free buffers of every size from several threads. glibc
keeps what they free in per-thread arenas and returns little of it: over the bench's 80 voice turns
Emma grew from 340 MB to 1,060 MB, of which `malloc_trim(0)` gave 650 MB back at once. Trimming
after each decoding and each spoken reply keeps RSS near what is really in use; it takes a few ms,
on a worker thread, after the result is handed on. Fewer malloc arenas (`limit_malloc_arenas`)
leave less behind to begin with. Elsewhere than glibc both do nothing.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
from functools import cache


@cache
def _malloc_trim() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None


def release_freed_memory() -> bool:
    """Return free heap pages to the system now (blocking); False where there is no `malloc_trim`."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


M_ARENA_MAX = -8
"""glibc's mallopt parameter for the most malloc arenas (malloc.h)."""
ARENAS = 2
"""One per core: with 8 per core (glibc's default) the bench's 80 turns left 130 MB more behind."""


def limit_malloc_arenas(arenas: int = ARENAS) -> bool:
    """Cap glibc's malloc arenas (process-wide; call before the models load); False without glibc."""
    name = ctypes.util.find_library("c")
    try:
        mallopt = getattr(ctypes.CDLL(name), "mallopt", None) if name else None
    except OSError:
        return False
    return bool(mallopt is not None and mallopt(M_ARENA_MAX, arenas))


def release_soon() -> None:
    """`release_freed_memory` on the loop's default executor, without waiting for it."""
    asyncio.get_running_loop().run_in_executor(None, release_freed_memory)
