"""The support app's errors. Each has a stable code and the HTTP status a view answers with."""

from __future__ import annotations

from fulfillment.domain.errors import BadInput, EmmaError, NotFound


class NotLoggedIn(EmmaError):
    code = "not_logged_in"
    status = 401


class LoginFailed(EmmaError):
    """Wrong name or password; the message never says which."""

    code = "login_failed"
    status = 401


class LoginThrottled(LoginFailed):
    """Too many wrong passwords for this name lately; try again later."""

    code = "too_many_attempts"
    status = 429


class Forbidden(EmmaError):
    """Logged in, but the role does not allow this."""

    code = "forbidden"
    status = 403


class CsrfRejected(Forbidden):
    code = "csrf_rejected"


class Conflict(EmmaError):
    """The thing changed under the user: a ticket claimed by someone else, a training run already going."""

    code = "conflict"
    status = 409


class UnknownUser(NotFound):
    code = "support_user_not_found"


class BadAnnotation(BadInput):
    code = "bad_annotation"
