"""Support users and logins: argon2 password hashes, random session tokens stored hashed, CSRF tokens."""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from fulfillment.apps.support.errors import CsrfRejected, LoginFailed, LoginThrottled, UnknownUser
from fulfillment.apps.support.message import Message
from fulfillment.apps.support.models import Role, SupportSession, SupportUser
from fulfillment.apps.support.ports import SupportSessionRepository, SupportUserRepository
from fulfillment.domain.errors import BadInput

_NAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")
MIN_PASSWORD = 10
Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def token_hash(token: str) -> str:
    """Sessions are looked up by the SHA-256 of the cookie's token (a fast hash is enough: 256 random bits)."""
    return hashlib.sha256(token.encode()).hexdigest()


def check_csrf(session: SupportSession, sent: str | None) -> None:
    if not sent or not hmac.compare_digest(sent.encode(), session.csrf_token.encode()):
        raise CsrfRejected(Message("The form was not sent from this app (or the page is too old). Reload and try "
                                   "again."))


def parse_role(raw: str) -> Role:
    try:
        return Role(raw)
    except ValueError:
        raise BadInput(Message("The role must be one of: %(roles)s.", roles=", ".join(Role)), code="bad_role") from None


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise BadInput(Message("A user name is 2 to 64 lowercase letters, digits or . _ @ -"), code="bad_user_name")
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise BadInput(Message("A password needs at least %(count)s characters.", count=MIN_PASSWORD),
                       code="weak_password")
    if len(password) > 1024:
        raise BadInput(Message("That password is too long."), code="bad_password")
    return password


MAX_FAILURES = 5
"""Wrong passwords for one name within FAILURE_WINDOW before logins for it pause."""
FAILURE_WINDOW = timedelta(minutes=15)


class Authenticator:
    """Creates users, logs them in and out, and resolves a cookie's token to a session."""

    def __init__(self, users: SupportUserRepository, sessions: SupportSessionRepository, session_hours: float,
                 clock: Clock = _utc_now, hasher: PasswordHasher | None = None) -> None:
        self.users = users
        self.sessions = sessions
        self.lifetime = timedelta(hours=session_hours)
        self.clock = clock
        self.hasher = hasher or PasswordHasher()
        self._dummy_hash = self.hasher.hash(secrets.token_hex(16))
        self._failures: dict[str, list[datetime]] = {}
        self._failures_lock = threading.Lock()

    def add_user(self, name: str, role: Role, password: str) -> SupportUser:
        check_name(name)
        check_password(password)
        created = self.clock().isoformat(timespec="seconds")
        if not self.users.insert(name, self.hasher.hash(password), role.value, created):
            raise BadInput(Message("There is already a support user called '%(name)s'.", name=name), code="user_exists")
        return SupportUser(name, role, False, created)

    def update_user(self, name: str, role: Role | None = None, disabled: bool | None = None,
                    password: str | None = None) -> None:
        new_hash = self.hasher.hash(check_password(password)) if password else None
        if not self.users.update(name, role=role.value if role else None, disabled=disabled, password_hash=new_hash):
            raise UnknownUser(Message("No support user called '%(name)s'.", name=name))

    def list_users(self) -> list[SupportUser]:
        return [SupportUser.from_row(row) for row in self.users.all()]

    def log_in(self, name: str, password: str) -> tuple[str, SupportSession]:
        """The new cookie token and its session. Unknown names cost the same time as wrong passwords,
        and after MAX_FAILURES wrong ones a name must wait, so passwords can't be guessed at speed."""
        key, now = name.strip().lower(), self.clock()
        with self._failures_lock:
            recent = [t for t in self._failures.get(key, []) if now - t < FAILURE_WINDOW]
            self._failures[key] = recent
            if len(recent) >= MAX_FAILURES:
                wait = math.ceil((recent[0] + FAILURE_WINDOW - now).total_seconds() / 60)
                raise LoginThrottled(Message("Too many wrong passwords. Try again in %(minutes)s minutes.",
                                             minutes=wait))
        row = self.users.get(key)
        stored = row["password_hash"] if row else self._dummy_hash
        try:
            self.hasher.verify(stored, password)
            verified = row is not None
        except (VerificationError, InvalidHashError):
            verified = False
        if not verified or row is None or row["disabled"]:
            with self._failures_lock:
                self._failures.setdefault(key, []).append(now)
            raise LoginFailed(Message("Wrong user name or password."))
        with self._failures_lock:
            self._failures.pop(key, None)
        if self.hasher.check_needs_rehash(stored):
            self.users.update(row["name"], password_hash=self.hasher.hash(password))
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = self.clock()
        expires = now + self.lifetime
        self.sessions.insert(token_hash(token), row["name"], csrf, now.isoformat(), expires.isoformat())
        return token, SupportSession(SupportUser.from_row(row), csrf, expires)

    def session(self, token: str | None) -> SupportSession | None:
        if not token or len(token) > 200:
            return None
        row = self.sessions.get(token_hash(token))
        if row is None:
            return None
        expires = datetime.fromisoformat(row["expires_at"])
        if expires <= self.clock() or row["disabled"]:
            self.sessions.delete(token_hash(token))
            return None
        return SupportSession(SupportUser.from_row(row), row["csrf_token"], expires)

    def log_out(self, token: str) -> None:
        self.sessions.delete(token_hash(token))

    def purge_expired(self) -> int:
        return self.sessions.delete_expired(self.clock().isoformat())
