"""`emma api-key`, and `emma serve` refusing the network without a key; `--wyoming` stays on loopback."""

from __future__ import annotations

import pytest

from fulfillment.adapters.sqlite.api_keys import ApiKeyRepository
from fulfillment.adapters.sqlite.database import Database
from fulfillment.apps.cli import wyoming
from fulfillment.apps.cli.api_keys import check_serve_keys
from fulfillment.apps.cli.main import build_parser, main
from fulfillment.domain.errors import BadInput
from fulfillment.services.api_keys import ApiKeys
from fulfillment.settings import HttpSettings, Settings


def emma(config, *args: str) -> int:
    return main(["--home", str(config.home), *args])


def test_add_prints_the_key_once_list_shows_it_without_the_key_revoke_stops_it(config, capsys):
    assert emma(config, "api-key", "add", "kiosk", "--customer", "demo", "--scope", "turns,orders") == 0
    out, err = capsys.readouterr()
    key = out.strip()
    assert key.startswith("emma_") and "\n" not in key and "only its hash" in err
    db = Database(config.db_path)
    try:
        keys = ApiKeys(ApiKeyRepository(db))
        found = keys.verify(key)
        assert found is not None and found.customer_id == "demo" and found.scopes == {"turns", "orders"}
        assert emma(config, "api-key", "list") == 0
        listing = capsys.readouterr().out
        assert "kiosk" in listing and "demo" in listing and "orders,turns" in listing and "active" in listing
        assert key[:13] in listing and key not in listing
        assert emma(config, "api-key", "revoke", "kiosk") == 0
        assert keys.verify(key) is None
        capsys.readouterr()
        assert emma(config, "api-key", "list") == 0
        assert "revoked" in capsys.readouterr().out
    finally:
        db.close()


@pytest.mark.parametrize(("args", "code"), [
    (["add", "kiosk", "--scope", "admin"], "bad_scope"),
    (["add", "kiosk", "--customer", "ghost"], "customer_not_found"),
    (["add", "two words"], "bad_key_name"),
    (["revoke", "nobody"], "key_not_found"),
])
def test_bad_api_key_commands_exit_2_with_the_reason(config, capsys, args, code):
    assert emma(config, "api-key", *args) == 2
    out, err = capsys.readouterr()
    assert f"[{code}]" in err and "emma_" not in out


def test_list_without_keys_says_how_to_make_one(config, capsys):
    assert emma(config, "api-key", "list") == 0
    assert "emma api-key add" in capsys.readouterr().out


def test_serve_on_the_network_without_a_key_refuses_to_start(config, capsys, monkeypatch):
    monkeypatch.delenv("EMMA_ENV", raising=False)  # the default: production
    assert emma(config, "serve", "--host", "0.0.0.0", "--no-speech") == 2
    err = capsys.readouterr().err
    assert "[no_api_keys]" in err and "emma api-key add" in err


@pytest.mark.parametrize(("host", "env", "with_key", "refused"), [
    ("0.0.0.0", "production", False, True),
    ("192.168.1.20", "production", False, True),
    ("0.0.0.0", "production", True, False),
    ("0.0.0.0", "development", False, False),
    ("127.0.0.1", "production", False, False),
    ("localhost", "production", False, False),
])
def test_which_servers_may_start(config, shop, host, env, with_key, refused):
    if with_key:
        ApiKeys(ApiKeyRepository(shop.db)).add("front")
    settings = config.with_(env=env, http=HttpSettings(host=host))
    if refused:
        with pytest.raises(BadInput):
            check_serve_keys(settings)
    else:
        check_serve_keys(settings)


def test_a_revoked_key_does_not_count(config, shop):
    keys = ApiKeys(ApiKeyRepository(shop.db))
    keys.add("front")
    keys.revoke("front")
    with pytest.raises(BadInput):
        check_serve_keys(config.with_(env="production", http=HttpSettings(host="0.0.0.0")))


def test_emma_env_defaults_to_production():
    assert Settings.from_env({}, home="/tmp/emma-x").env == "production"
    assert Settings.from_env({"EMMA_ENV": "development"}, home="/tmp/emma-x").env == "development"


def test_a_bare_wyoming_flag_listens_on_loopback():
    assert build_parser().parse_args(["serve", "--wyoming"]).wyoming == "tcp://127.0.0.1:10300"
    assert build_parser().parse_args(["serve"]).wyoming is None
    assert build_parser().parse_args(["serve", "--wyoming", "tcp://0.0.0.0:10300"]).wyoming == "tcp://0.0.0.0:10300"


@pytest.mark.parametrize(("uri", "warns"), [
    (wyoming.DEFAULT_URI, False), ("unix:///run/emma.sock", False), ("tcp://0.0.0.0:10300", True),
    ("tcp://192.168.1.20:10300", True),
])
def test_wyoming_beyond_loopback_is_warned_about(uri, warns):
    warning = wyoming.check_uri(uri)
    assert (warning is not None) is warns
    if warning:
        assert "no authentication" in warning and uri in warning


@pytest.mark.parametrize("uri", ["http://127.0.0.1:10300", "tcp://127.0.0.1", "tcp://:10300", "127.0.0.1:10300",
                                 "tcp://127.0.0.1:port"])
def test_wyoming_uris_it_cannot_bind_are_refused(uri):
    with pytest.raises(BadInput) as err:
        wyoming.check_uri(uri)
    assert err.value.code == "bad_wyoming_uri"


def test_a_fresh_home_gets_the_demo_customers_a_key_can_be_bound_to(tmp_path, capsys):
    home = tmp_path / "fresh"
    assert main(["--home", str(home), "api-key", "add", "kiosk", "--customer", "demo"]) == 0
    assert capsys.readouterr().out.startswith("emma_")
