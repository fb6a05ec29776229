"""SQLite-shaped SQL over PostgreSQL: placeholders and rows."""

from __future__ import annotations

import pytest

from fulfillment.adapters.postgres.facade import placeholders


@pytest.mark.parametrize(("sqlite", "postgres"), [
    ("SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = %s AND b = %s"),
    ("SELECT '?' , ? FROM t", "SELECT '?' , %s FROM t"),
    ("SELECT * FROM t WHERE a LIKE ? || '%'", "SELECT * FROM t WHERE a LIKE %s || '%%'"),
    ('SELECT "odd?name" FROM t', 'SELECT "odd?name" FROM t'),
    ("SELECT 5 % 2", "SELECT 5 %% 2"),
    ("INSERT OR IGNORE INTO t (a) VALUES (?)", "INSERT INTO t (a) VALUES (%s) ON CONFLICT DO NOTHING"),
    ("INSERT INTO audit_log (at, user) VALUES (?, 'user')", 'INSERT INTO audit_log (at, "user") VALUES (%s, \'user\')'),
    ("SELECT user_name, u.user FROM support_users", 'SELECT user_name, u."user" FROM support_users'),
    ("SET notes = notes || char(10) || ?", "SET notes = notes || chr(10) || %s"),
])
def test_placeholders(sqlite, postgres):
    assert placeholders(sqlite) == postgres


def test_rows_read_by_name_or_position_and_as_dict(pg_url):
    from fulfillment.adapters.postgres.database import PgDatabase

    db = PgDatabase(pg_url)
    try:
        row = db.connection().execute("SELECT id, name FROM customers WHERE id = ?", ("demo",)).fetchone()
        assert row[0] == row["id"] == "demo"
        assert dict(row) == {"id": "demo", "name": row["name"]}
        with pytest.raises(RuntimeError, match="outside a transaction"):
            db.write("DELETE FROM customers")
    finally:
        db.close()
