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

    def __init__(self, order_id: str | None = None) -> None:
        super().__init__(f"No order {order_id} for this customer." if order_id else "No order for this customer.")
        self.order_id = order_id


class OutOfStock(EmmaError):
    code = "out_of_stock"
    status = 409

    def __init__(self, sku: str) -> None:
        super().__init__(f"Not enough stock for {sku}.")
        self.sku = sku
        """The variant that ran out; the dialogue names its product."""


class NotCancellable(EmmaError):
    """The order has shipped (or changed meanwhile) and can no longer be cancelled."""

    code = "not_cancellable"
    status = 409

    def __init__(self, order_id: str) -> None:
        super().__init__(f"Order {order_id} can no longer be cancelled.")
        self.order_id = order_id


class NotReturnable(EmmaError):
    """Only delivered orders can be returned."""

    code = "not_returnable"
    status = 409

    def __init__(self, order_id: str) -> None:
        super().__init__(f"Order {order_id} is not delivered, so it cannot be returned yet.")
        self.order_id = order_id


class NluUnavailable(EmmaError):
    """The NLU service could not be reached or started."""

    code = "nlu_unavailable"
    status = 503
    retry_after = 5


class TurnInProgress(EmmaError):
    """A turn with the same idempotency key is still running."""

    code = "turn_in_progress"
    status = 409


class StoreUnavailable(EmmaError):
    """The database could not be reached (restarting, network): nothing was committed; retry later."""

    code = "store_unavailable"
    status = 503
    retry_after = 2


class StoreConflict(StoreUnavailable):
    """Another transaction got in the way (serialization failure, deadlock, a twin committed first).
    Nothing was committed: the conversation re-runs the whole turn; if conflicts persist, a 503."""

    code = "store_conflict"
    retry_after = 1
