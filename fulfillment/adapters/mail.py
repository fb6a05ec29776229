"""Order confirmation e-mails, sent for every committed OrderPlaced event (any channel).

SMTP when configured, else `.eml` files in the outbox. Sending runs on one background thread, so a
slow mail server never delays a reply; each order is mailed once (a replayed turn publishes nothing).
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from urllib.parse import unquote, urlsplit

from fulfillment.domain.events import DomainEvent, OrderPlaced
from fulfillment.domain.models import Customer, Order
from fulfillment.lang import pack_for

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MailConfig:
    outbox_dir: Path
    """Where messages are written as files when there is no SMTP server."""
    smtp_url: str | None = None
    """`smtp://user:pass@host:587`, `smtps://...:465` or `smtp+plain://localhost:1025`."""
    sender: str = "orders@emma-shop.invalid"
    shop_name: str = "Emma's Corner Shop"
    currency_symbol: str = "€"
    locale: str = "en"


class OrderMailer:
    """Composes and delivers one order e-mail; blocking, so call it from a thread."""

    def __init__(self, config: MailConfig) -> None:
        self.config = config

    def compose(self, order: Order, customer: Customer) -> EmailMessage:
        words, config = pack_for(self.config.locale).alexa, self.config
        message = EmailMessage()
        message["Subject"] = words.MAIL_SUBJECT.format(shop=config.shop_name, order_id=order.id)
        message["From"] = config.sender
        if customer.email:
            message["To"] = customer.email
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain=config.sender.rpartition("@")[2] or None)
        lines = [words.MAIL_GREETING, "", words.MAIL_ORDER_LINE.format(order_id=order.id)]
        for line in order.lines:
            lines.append(words.CARD_ITEM.format(
                quantity=line.quantity, name=line.title, size="",
                price=words.money(line.price_cents * line.quantity / 100, config.currency_symbol),
            ))
        lines.append(words.CARD_TOTAL.format(total=words.money(order.total_cents / 100, config.currency_symbol)))
        lines.append(words.CARD_STATUS.format(status=order.status))
        lines += ["", words.MAIL_CLOSING.format(shop=config.shop_name)]
        message.set_content("\n".join(lines) + "\n")
        return message

    def deliver(self, message: EmailMessage, order_id: str) -> Path | None:
        """Send through SMTP (returns None) or write `<outbox>/order-<id>.eml` (returns it)."""
        if self.config.smtp_url and message["To"]:
            _send_smtp(self.config.smtp_url, message)
            return None
        if self.config.smtp_url:
            log.warning("order %s: customer has no e-mail address; writing to the outbox", order_id)
        outbox = self.config.outbox_dir
        outbox.mkdir(parents=True, exist_ok=True)
        safe_id = "".join(ch for ch in order_id if ch.isalnum() or ch in "-_") or "unknown"
        path = outbox / f"order-{safe_id}.eml"
        partial = path.with_suffix(".eml.partial")  # a crash mid-write leaves no half message behind
        partial.write_bytes(bytes(message))
        partial.replace(path)
        return path


class OrderConfirmations:
    """The OrderPlaced subscriber: queues one e-mail per order on a background thread."""

    def __init__(self, mailer: OrderMailer) -> None:
        self._mailer = mailer
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="order-mail")
        self._pending: set[Future[None]] = set()
        self._lock = threading.Lock()

    def __call__(self, event: DomainEvent) -> None:
        if not isinstance(event, OrderPlaced):
            return
        future = self._pool.submit(self._send, event.order, event.customer)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._done)

    def _done(self, future: Future[None]) -> None:
        with self._lock:
            self._pending.discard(future)

    def wait_idle(self, timeout: float | None = 30) -> None:
        """Wait for every queued e-mail (tests, and shutdown)."""
        with self._lock:
            pending = list(self._pending)
        for future in pending:
            future.result(timeout=timeout)

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    def _send(self, order: Order, customer: Customer) -> None:
        try:
            where = self._mailer.deliver(self._mailer.compose(order, customer), order.id)
            log.info("order %s confirmation %s", order.id, f"written to {where}" if where else "sent")
        except Exception:
            log.exception("order %s: confirmation e-mail failed", order.id)


def _send_smtp(url: str, message: EmailMessage, timeout_s: float = 10.0) -> None:
    parts = urlsplit(url)
    context = ssl.create_default_context()
    host = parts.hostname or "localhost"
    if parts.scheme == "smtps":
        client: smtplib.SMTP = smtplib.SMTP_SSL(host, parts.port or 465, timeout=timeout_s, context=context)
    else:
        client = smtplib.SMTP(host, parts.port or 587, timeout=timeout_s)
    with client:
        if parts.scheme == "smtp":  # "smtp+plain" skips STARTTLS (local test servers only)
            client.starttls(context=context)
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        client.send_message(message)
