"""SQL of the support app's users and their sessions."""

from __future__ import annotations

import sqlite3
from typing import Any

from fulfillment.adapters.ports import ShopDatabase


class SupportUserStore:
    def __init__(self, db: ShopDatabase) -> None:
        self.db = db

    def insert(self, name: str, password_hash: str, role: str, created_at: str) -> bool:
        """False when the name is taken."""
        try:
            with self.db.transaction() as conn:
                conn.execute(
                    "INSERT INTO support_users (name, password_hash, role, created_at) VALUES (?,?,?,?)",
                    (name, password_hash, role, created_at),
                )
        except sqlite3.IntegrityError:
            return False
        return True

    def get(self, name: str) -> dict[str, Any] | None:
        row = self.db.connection().execute(
            "SELECT name, password_hash, role, disabled, created_at FROM support_users WHERE name = ?", (name,)
        ).fetchone()
        return dict(row) if row else None

    def all(self) -> list[dict[str, Any]]:
        rows = self.db.connection().execute(
            "SELECT name, role, disabled, created_at FROM support_users ORDER BY name"
        ).fetchall()
        return [dict(r) for r in rows]

    def update(self, name: str, *, role: str | None = None, disabled: bool | None = None,
               password_hash: str | None = None) -> bool:
        """Changes what is given; disabling or a new password also ends the user's sessions."""
        with self.db.transaction() as conn:
            found = conn.execute("SELECT 1 FROM support_users WHERE name = ?", (name,)).fetchone()
            if not found:
                return False
            if role is not None:
                conn.execute("UPDATE support_users SET role = ? WHERE name = ?", (role, name))
            if disabled is not None:
                conn.execute("UPDATE support_users SET disabled = ? WHERE name = ?", (int(disabled), name))
            if password_hash is not None:
                conn.execute("UPDATE support_users SET password_hash = ? WHERE name = ?", (password_hash, name))
            if disabled or password_hash is not None:
                conn.execute("DELETE FROM support_sessions WHERE user_name = ?", (name,))
        return True

    def count_admins(self) -> int:
        return int(self.db.connection().execute(
            "SELECT count(*) FROM support_users WHERE role = 'admin' AND disabled = 0"
        ).fetchone()[0])


class SupportSessionStore:
    def __init__(self, db: ShopDatabase) -> None:
        self.db = db

    def insert(self, token_hash: str, user_name: str, csrf_token: str, created_at: str, expires_at: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO support_sessions (token_hash, user_name, csrf_token, created_at, expires_at)"
                " VALUES (?,?,?,?,?)",
                (token_hash, user_name, csrf_token, created_at, expires_at),
            )

    def get(self, token_hash: str) -> dict[str, Any] | None:
        """The session with its user (name, role, disabled)."""
        row = self.db.connection().execute(
            "SELECT s.csrf_token, s.expires_at, u.name, u.role, u.disabled, u.created_at"
            " FROM support_sessions s JOIN support_users u ON u.name = s.user_name WHERE s.token_hash = ?",
            (token_hash,),
        ).fetchone()
        return dict(row) if row else None

    def delete(self, token_hash: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM support_sessions WHERE token_hash = ?", (token_hash,))

    def delete_expired(self, now: str) -> int:
        with self.db.transaction() as conn:
            return conn.execute("DELETE FROM support_sessions WHERE expires_at <= ?", (now,)).rowcount
