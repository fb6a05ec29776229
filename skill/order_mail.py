"""Order confirmation e-mails after `place_order`: SMTP if configured, else `.eml` files.

Sending never delays Alexa's reply: `OrderConfirmations.submit` hands the work to a thread on the
server's loop. A replayed request returns the same order, so each order is mailed once.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import smtplib
import ssl
import threading
from collections import OrderedDict
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote, urlsplit

from fulfillment.domain.turns import TurnResult
from fulfillment.lang import DEFAULT
from skill import cards
from skill.accounts import AlexaAccounts
from skill.config import AlexaConfig

log = logging.getLogger(__name__)


class OrderMailer:
    """Composes and delivers one order e-mail; blocking, so call it from a thread."""

    def __init__(self, config: AlexaConfig, prompts: ModuleType = DEFAULT.alexa) -> None:
        self._config = config
        self._prompts = prompts

    def compose(self, result: TurnResult, to: str | None) -> EmailMessage:
        prompts, config = self._prompts, self._config
        order = result.data.get("order") or {}
        order_id = str(order.get("id", ""))
        message = EmailMessage()
        message["Subject"] = prompts.MAIL_SUBJECT.format(shop=config.shop_name, order_id=order_id)
        message["From"] = config.mail_from
        if to:
            message["To"] = to
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain=config.mail_from.rpartition("@")[2] or None)
        lines = [prompts.MAIL_GREETING, "", prompts.MAIL_ORDER_LINE.format(order_id=order_id)]
        lines += cards.item_lines(result.data, prompts, config.currency_symbol)
        if order.get("total") is not None:
            total = prompts.money(order["total"], config.currency_symbol)
            lines.append(prompts.CARD_TOTAL.format(total=total))
        if order.get("status"):
            lines.append(prompts.CARD_STATUS.format(status=order["status"]))
        lines += ["", prompts.MAIL_CLOSING.format(shop=config.shop_name)]
        message.set_content("\n".join(lines) + "\n")
        return message

    def deliver(self, message: EmailMessage, order_id: str) -> Path | None:
        """Send through SMTP (returns None) or write `<outbox>/order-<id>.eml` (returns it)."""
        if self._config.smtp_url and message["To"]:
            _send_smtp(self._config.smtp_url, message)
            return None
        if self._config.smtp_url:
            log.warning("order %s: customer has no e-mail address; writing to the outbox", order_id)
        outbox = self._config.outbox_dir
        outbox.mkdir(parents=True, exist_ok=True)
        safe_id = "".join(ch for ch in order_id if ch.isalnum() or ch in "-_") or "unknown"
        path = outbox / f"order-{safe_id}.eml"
        path.write_bytes(bytes(message))
        return path


class OrderConfirmations:
    """Mails each placed order once, in the background of the server's event loop."""

    def __init__(
        self,
        mailer: OrderMailer,
        accounts: AlexaAccounts,
        loop: asyncio.AbstractEventLoop,
        remember: int = 1000,
    ) -> None:
        self._mailer = mailer
        self._accounts = accounts
        self._loop = loop
        self._remember = remember
        self._mailed: OrderedDict[str, None] = OrderedDict()
        self._pending: set[concurrent.futures.Future[None]] = set()
        self._lock = threading.Lock()

    def submit(self, result: TurnResult, customer_id: str) -> None:
        """Queue the e-mail of a `place_order` result; callable from any thread."""
        order_id = str((result.data.get("order") or {}).get("id", ""))
        with self._lock:
            if not order_id or order_id in self._mailed:
                return
            self._mailed[order_id] = None
            while len(self._mailed) > self._remember:
                self._mailed.popitem(last=False)
        job = asyncio.to_thread(self._send, result, customer_id, order_id)
        future = asyncio.run_coroutine_threadsafe(job, self._loop)
        self._pending.add(future)
        future.add_done_callback(self._pending.discard)

    async def wait_idle(self) -> None:
        """Wait for every queued e-mail (tests, and server shutdown)."""
        while self._pending:
            await asyncio.gather(
                *(asyncio.wrap_future(f) for f in list(self._pending)), return_exceptions=True
            )

    def _send(self, result: TurnResult, customer_id: str, order_id: str) -> None:
        try:
            message = self._mailer.compose(result, self._accounts.contact_email(customer_id))
            where = self._mailer.deliver(message, order_id)
            log.info(
                "order %s confirmation %s", order_id, f"written to {where}" if where else "sent"
            )
        except Exception:
            log.exception("order %s: confirmation e-mail failed", order_id)


def _send_smtp(url: str, message: EmailMessage, timeout_s: float = 10.0) -> None:
    parts = urlsplit(url)
    context = ssl.create_default_context()
    host = parts.hostname or "localhost"
    if parts.scheme == "smtps":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            host, parts.port or 465, timeout=timeout_s, context=context
        )
    else:
        client = smtplib.SMTP(host, parts.port or 587, timeout=timeout_s)
    with client:
        if parts.scheme == "smtp":  # "smtp+plain" skips STARTTLS (local test servers only)
            client.starttls(context=context)
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        client.send_message(message)
