"""Requests the support app refuses cleanly: unreadable forms get a 400 page (never a 500), wrong methods a 405
that says which are allowed."""

from __future__ import annotations

import logging

import pytest

from tests.fulfillment.apps.support.conftest import login

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
MULTIPART = {"Content-Type": "multipart/form-data; boundary=b"}
LONG_PART_HEADER = (b'--b\r\nContent-Disposition: form-data; name="name"\r\nX-Pad: ' + b"a" * 200_000
                    + b"\r\n\r\nalex\r\n--b--\r\n")
UNREADABLE = {
    "invalid UTF-8": (b"name=\xff\xfe&password=x&csrf=y", FORM),
    "an unknown charset": (b"name=alex", {"Content-Type": "application/x-www-form-urlencoded; charset=klingon"}),
    "multipart with a 200 KB header line": (LONG_PART_HEADER, MULTIPART),
    "multipart without its closing boundary": (b'--b\r\nContent-Disposition: form-data; name="n"\r\n\r\nx', MULTIPART),
}


@pytest.mark.parametrize(("body", "headers"), UNREADABLE.values(), ids=UNREADABLE.keys())
async def test_an_unreadable_login_form_gets_400(client, caplog, body, headers):
    caplog.set_level(logging.INFO)

    resp = await client.post("/support/login", data=body, headers=headers)

    assert resp.status == 400
    assert "<code>bad_form</code>" in await resp.text()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_an_unreadable_form_from_a_logged_in_user_gets_400(client):
    await login(client, "alex")

    resp = await client.post("/support/logout", data=b"csrf=\xff", headers=FORM)

    assert resp.status == 400
    assert "<code>bad_form</code>" in await resp.text()


async def test_a_wrong_method_gets_405_with_allow(client):
    csrf = await login(client, "alex")

    resp = await client.delete("/support/conversations", data={"csrf": csrf})

    assert resp.status == 405
    assert "GET" in {m.strip() for m in resp.headers["Allow"].split(",")}
