"""Support users: the admin page and `emma support add-user`."""

from __future__ import annotations

import io

import pytest

from fulfillment.apps.cli.main import main
from fulfillment.apps.support.models import Role
from tests.fulfillment.apps.support.conftest import login


async def test_admin_adds_changes_and_disables_users(client, services):
    csrf = await login(client, "ada")
    resp = await client.post("/support/users", allow_redirects=False,
                             data={"csrf": csrf, "name": "bob", "role": "agent", "password": "bobs-long-password"})
    assert resp.status == 303
    assert "bob" in await (await client.get("/support/users")).text()
    await client.post("/support/users/bob", data={"csrf": csrf, "role": "supervisor"})
    assert {u.name: u.role for u in services.auth.list_users()}["bob"] is Role.SUPERVISOR
    await client.post("/support/users/bob", data={"csrf": csrf, "action": "disable"})
    assert next(u for u in services.auth.list_users() if u.name == "bob").disabled
    bad = await client.post("/support/users", data={"csrf": csrf, "name": "eve", "role": "agent", "password": "short"})
    assert bad.status == 400 and "at least 10 characters" in await bad.text()
    dup = await client.post("/support/users", data={"csrf": csrf, "name": "bob", "role": "agent",
                                                   "password": "another-long-one"})
    assert dup.status == 400 and "already" in await dup.text()
    assert (await client.post("/support/users/ghost", data={"csrf": csrf, "role": "agent"})).status == 404


async def test_admins_cannot_lock_themselves_out(client):
    csrf = await login(client, "ada")
    assert (await client.post("/support/users/ada", data={"csrf": csrf, "action": "disable"})).status == 409
    assert (await client.post("/support/users/ada", data={"csrf": csrf, "role": "agent"})).status == 409


def test_cli_add_user(config, services, monkeypatch, capsys):
    home = ["--home", str(config.home)]
    assert main([*home, "support", "add-user", "carl", "--role", "supervisor", "--password", "carls-password"]) == 0
    assert "Support user carl (supervisor) created." in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("piped-password-1\n"))
    assert main([*home, "support", "add-user", "dora", "--role", "agent"]) == 0
    token, session = services.auth.log_in("dora", "piped-password-1")
    assert session.user.role is Role.AGENT
    assert main([*home, "support", "add-user", "carl", "--role", "agent", "--password", "carls-password"]) == 2
    assert "already a support user" in capsys.readouterr().err
    assert main([*home, "support", "add-user", "Bad Name", "--role", "agent", "--password", "x" * 12]) == 2


def test_cli_refuses_unknown_roles(config):
    with pytest.raises(SystemExit):
        main(["--home", str(config.home), "support", "add-user", "x", "--role", "root", "--password", "x" * 12])


async def test_admin_sets_retention(client, shop):
    from fulfillment.services.privacy.retention import Retention, get_retention

    csrf = await login(client, "ada")
    html = await (await client.get("/support/retention")).text()
    assert 'name="transcript_days"' in html
    resp = await client.post("/support/retention", allow_redirects=False,
                             data={"csrf": csrf, "transcript_days": "90", "audio_days": "7"})
    assert resp.status == 303
    current = get_retention(shop.db, Retention())
    assert (current.transcript_days, current.audio_days) == (90, 7)
    assert "Saved." in await (await client.get("/support/retention?saved=1")).text()
    bad = await client.post("/support/retention", data={"csrf": csrf, "transcript_days": "-1", "audio_days": "x"})
    assert bad.status == 400
    await login(client, "sofia")
    assert (await client.get("/support/retention")).status == 403
