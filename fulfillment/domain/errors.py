"""Domain errors. Each carries a stable `code`; views translate them to HTTP, the CLI to messages."""

from __future__ import annotations


class EmmaError(Exception):
    """Base of every error Emma raises on purpose."""

    code = "emma_error"
    status = 400
    """HTTP status a view should answer with."""
    retry_after: int | None = None
    """Seconds after which a retry may succeed (503s); views send it as `Retry-After`."""

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class BadInput(EmmaError):
    code = "bad_input"


class NotFound(EmmaError):
    code = "not_found"
    status = 404


class CustomerNotFound(NotFound):
    code = "customer_not_found"


class OrderNotFound(NotFound):
    code = "order_not_found"


class OutOfStock(EmmaError):
    code = "out_of_stock"
    status = 409


class NluUnavailable(EmmaError):
    """The NLU service could not be reached or started."""

    code = "nlu_unavailable"
    status = 503
    retry_after = 5


class TurnInProgress(EmmaError):
    """A turn with the same idempotency key is still running."""

    code = "turn_in_progress"
    status = 409
