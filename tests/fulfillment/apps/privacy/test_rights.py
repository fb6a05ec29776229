"""Right of access (export) and right to erasure (delete), checked down to the bytes of the database file."""

from __future__ import annotations

import json
import stat

import pytest

from fulfillment.apps.cli.main import main
from fulfillment.domain.errors import CustomerNotFound
from fulfillment.services.privacy.audit import list_audit
from fulfillment.services.privacy.rights import delete_customer, export_customer, pseudonym
from tests.fulfillment.apps.privacy.conftest import ADDRESS, EMAIL, NAME, PHRASE, database_bytes, sqlite_only


def test_export_holds_everything_on_the_customer(shop, config, anna):
    data = export_customer(shop.db, config.home, anna.id, by="cli:test")
    assert data["customer_id"] == "anna"
    profile = data["profile"]
    assert (profile["name"], profile["email"], profile["address"]) == (NAME, EMAIL, ADDRESS)
    assert profile["has_pin"] is True and "pin_hash" not in profile and profile["sizes"] == {"shoes": "39"}
    assert [line["quantity"] for line in data["cart"]] == [2]
    (order,) = data["orders"]
    assert order["id"] == anna.order_id and order["address"] == ADDRESS and len(order["items"]) == 1
    assert [r["id"] for r in data["returns"]] == [anna.return_id]
    assert [s["id"] for s in data["sessions"]] == ["anna-1"]
    said = [t["text"] for t in data["transcripts"]]
    assert len(said) == 6 and PHRASE in said and "write to [email]" in said
    assert "write to annabelle dot quirrell at example dot org" in [t["text_raw"] for t in data["transcripts"]]
    (ticket,) = data["tickets"]
    assert ticket["conversation"] and ticket["reason"] == "talk to a person, call me on [phone]"
    assert len(data["alexa_links"]) == 1 and "anna-alexa-token" not in json.dumps(data)
    assert data["recordings"] == [str(anna.recording.relative_to(config.home))]
    assert json.loads(json.dumps(data)) == data  # plain JSON
    assert (list_audit(shop.db, 1)[0].action, list_audit(shop.db, 1)[0].subject) == ("export_customer", "anna")


def test_export_of_unknown_customer_is_refused(shop, config):
    with pytest.raises(CustomerNotFound):
        export_customer(shop.db, config.home, "nobody")


def test_delete_leaves_nothing_personal_in_the_database_file(shop, config, anna):
    sqlite_only(config)
    personal = (NAME, EMAIL, "annabelle dot quirrell", ADDRESS, PHRASE, "5550123")
    before = database_bytes(config.home)
    assert all(p.encode() in before for p in personal)  # the search below can find them
    report = delete_customer(shop.db, config.home, anna.id, by="cli:test")
    assert report.pseudonym == pseudonym("anna", config.home) and report.pseudonym.startswith("deleted-")
    assert report.removed["transcripts"] == 6 and report.removed["customer"] == 1
    assert report.audio_files == 1 and not anna.recording.exists()
    assert report.compacted
    stored = database_bytes(config.home)
    for needle in (*personal, "Annabelle", "Quirrell", "Lindenweg", "marmalade"):
        assert needle.encode() not in stored, needle
        assert needle.lower().encode() not in stored, needle


def test_orders_stay_under_a_pseudonym_without_the_address(shop, config, anna):
    delete_customer(shop.db, config.home, anna.id)
    conn = shop.db.connection()
    order = conn.execute("SELECT * FROM orders WHERE id = ?", (anna.order_id,)).fetchone()
    assert order["customer_id"] == pseudonym("anna", config.home)
    assert order["address"] is None and order["total_cents"] > 0
    assert conn.execute("SELECT count(*) FROM order_items WHERE order_id = ?", (anna.order_id,)).fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM returns WHERE id = ?", (anna.return_id,)).fetchone()[0] == 1
    for table in ("turns", "sessions", "cart_items", "alexa_links", "customers"):
        column = "id" if table == "customers" else "customer_id"
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE {column} = 'anna'").fetchone()[0] == 0, table
    ticket = conn.execute("SELECT * FROM tickets WHERE customer_id = ?", (pseudonym("anna", config.home),)).fetchone()
    assert (ticket["conversation"], ticket["cart"], ticket["reason"], ticket["notes"]) == ("[]", "{}", "", "")
    assert list_audit(shop.db, 1)[0].subject == pseudonym("anna", config.home)


def test_delete_touches_no_one_else(shop, config, anna):
    other = shop.db.connection().execute("SELECT count(*) FROM customers WHERE id != 'anna'").fetchone()[0]
    orders = shop.db.connection().execute("SELECT count(*) FROM orders WHERE customer_id != 'anna'").fetchone()[0]
    delete_customer(shop.db, config.home, anna.id)
    assert shop.db.connection().execute("SELECT count(*) FROM customers").fetchone()[0] == other
    assert shop.db.connection().execute(
        "SELECT count(*) FROM orders WHERE customer_id NOT LIKE 'deleted-%'").fetchone()[0] == orders
    with pytest.raises(CustomerNotFound):
        delete_customer(shop.db, config.home, anna.id)
    with pytest.raises(CustomerNotFound):
        export_customer(shop.db, config.home, anna.id)


def test_cli_export_delete_purge_and_retention(shop, config, anna, tmp_path, capsys):
    home = ["--home", str(config.home)]
    out = tmp_path / "anna.json"
    assert main([*home, "privacy", "export", "--customer", "anna", "--out", str(out)]) == 0
    assert json.loads(out.read_text())["profile"]["email"] == EMAIL
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert main([*home, "privacy", "delete", "--customer", "anna"]) == 0
    assert json.loads(capsys.readouterr().out)["pseudonym"] == pseudonym("anna", config.home)
    assert main([*home, "privacy", "delete", "--customer", "anna"]) == 2  # nothing left to delete
    assert main([*home, "privacy", "retention", "--audio-days", "3"]) == 0
    assert json.loads(capsys.readouterr().out)["audio_days"] == 3
    assert main([*home, "privacy", "purge"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["retention"]["audio_days"] == 3 and report["transcripts"] == 0
