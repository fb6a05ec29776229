"""Request bodies, read whole up to a limit, and the JSON objects in them.

`request.content.read(n)` returns only what has arrived so far: a body sent in several TCP segments
must be read in a loop until the end, or it comes out cut short.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from fulfillment.domain.errors import BadInput


class BodyTooLarge(BadInput):
    code = "body_too_large"
    status = 413


class UnsupportedMediaType(BadInput):
    code = "unsupported_media_type"
    status = 415


async def read_body(request: web.Request, limit: int) -> bytes:
    """The whole body; `BodyTooLarge` once it is known to pass `limit` bytes (before reading, if the
    Content-Length says so), so an oversized body is never held in memory."""
    if request.content_length is not None and request.content_length > limit:
        raise BodyTooLarge(f"The body is larger than {limit} bytes.")
    body = bytearray()
    while chunk := await request.content.read(limit + 1 - len(body)):
        body += chunk
        if len(body) > limit:
            raise BodyTooLarge(f"The body is larger than {limit} bytes.")
    return bytes(body)


async def read_json_object(request: web.Request, limit: int) -> dict[str, Any]:
    if request.content_type != "application/json":
        raise UnsupportedMediaType("Send the turn as application/json or audio/wav.")
    body = await read_body(request, limit)
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise BadInput("The body is not valid UTF-8.", code="bad_encoding") from err
    except json.JSONDecodeError as err:
        raise BadInput(f"The body is not valid JSON: {err.msg}.", code="bad_json") from err
    except (ValueError, RecursionError) as err:  # a 5,000-digit number; arrays nested thousands deep
        raise BadInput("The body nests too deeply or holds a number too long to read.", code="bad_json") from err
    if not isinstance(data, dict):
        raise BadInput("The body must be a JSON object.", code="bad_json")
    return data
