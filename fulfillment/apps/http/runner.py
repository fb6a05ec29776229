"""The AppRunner `emma serve` uses: no access log, and malformed HTTP logged in one line.

aiohttp logs every request it cannot parse (a bad header, a broken chunk, a 200 KB line) at ERROR with
a full traceback; on a public port that is a flood of a client's mistakes. They get one INFO line.
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError


class OneLineBadRequests(logging.LoggerAdapter):
    """aiohttp's server log; a 4xx parse error becomes one INFO line, anything else logs as before."""

    def exception(self, msg: object, *args: object, exc_info: Any = True, **kwargs: Any) -> None:
        if isinstance(exc_info, HttpProcessingError) and 400 <= exc_info.code < 500:
            reason = (str(exc_info.message).splitlines() or [""])[0].rstrip(":")
            self.info("%s: %d %s", str(msg) % args if args else msg, exc_info.code, reason[:200])
            return
        super().exception(msg, *args, exc_info=exc_info, **kwargs)


def app_runner(app: web.Application) -> web.AppRunner:
    """Run it as `runner.setup()`, then a `web.TCPSite` on it."""
    return web.AppRunner(app, access_log=None, logger=OneLineBadRequests(logging.getLogger("aiohttp.server")))
