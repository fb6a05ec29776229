"""Turns domain errors and HTTP errors into JSON; nothing leaks out as a bare 500."""

from __future__ import annotations

import logging

from aiohttp import web
from aiohttp.typedefs import Handler

from fulfillment.domain.errors import EmmaError
from speech.capacity import Overloaded
from speech.errors import AudioFormatError, SpeechError

log = logging.getLogger("emma.http")
_KEPT_HEADERS = frozenset({"Allow", "Retry-After"})
"""Headers of an HTTP error that the JSON answer keeps: a 405 says what is allowed, a 429 or 503 when to retry."""


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except EmmaError as err:
        retry = {"Retry-After": str(err.retry_after)} if err.retry_after is not None else None
        return web.json_response({"error": err.to_json()}, status=err.status, headers=retry)
    except Overloaded as err:
        return web.json_response({"error": err.to_dict()}, status=503,
                                 headers={"Retry-After": str(err.retry_after_s)})
    except AudioFormatError as err:
        status = 413 if err.code in ("audio_too_large", "audio_too_long") else 400
        return web.json_response({"error": err.to_dict()}, status=status)
    except SpeechError as err:  # a model that can't load or a decoder failure: not the client's fault
        log.error("speech failed: %s", err)
        return web.json_response({"error": err.to_dict()}, status=503)
    except web.HTTPRequestEntityTooLarge as err:
        return web.json_response(
            error_body("body_too_large", f"The body is larger than {err.max_size} bytes."), status=413
        ) if hasattr(err, "max_size") else web.json_response(
            error_body("body_too_large", "The body is too large."), status=413
        )
    except web.HTTPException as err:
        if err.status < 400:
            raise
        code = err.reason.lower().replace(" ", "_")
        return web.json_response(error_body(code, err.text or err.reason), status=err.status,
                                 headers={k: v for k, v in err.headers.items() if k in _KEPT_HEADERS})
    except Exception as err:
        if isinstance(err, ConnectionResetError) and request.transport is None:  # the client left mid-body
            log.info("client went away during %s %s", request.method, request.path)
            return web.json_response(error_body("client_gone", "The connection closed mid-request."), status=400)
        log.exception("unexpected error on %s %s", request.method, request.path)
        return web.json_response(error_body("internal_error", "Something went wrong on our side."), status=500)
