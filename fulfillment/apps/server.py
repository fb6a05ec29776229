"""What `emma serve` runs: the API app with the support app, the Alexa channel and the retention purge mounted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from fulfillment.apps.http.app import create_app
from fulfillment.apps.http.keys import CONVERSATION, SHOP
from fulfillment.apps.privacy.web import setup_retention
from fulfillment.apps.support.web import setup_support
from fulfillment.domain.turns import TurnRequest, TurnResult
from fulfillment.settings import Settings
from fulfillment.wiring import alexa_accounts, alexa_config

if TYPE_CHECKING:
    from fulfillment.wiring import ShopHome
    from nlu.parser import NluParser
    from speech.config import SpeechConfig
    from speech.runtime import SpeechBackends


def create_server(
    settings: Settings, shop: ShopHome | None = None, nlu: NluParser | None = None, speech: SpeechConfig | None = None,
    speech_backends: SpeechBackends | None = None, purge: bool = True,
) -> web.Application:
    """The API (see create_app for `shop`, `nlu`, `speech`), `/support`, `POST /alexa` when the settings enable
    it, and with `purge` the retention purge (at start, then hourly)."""
    app = create_app(settings, shop=shop, nlu=nlu, speech=speech, speech_backends=speech_backends)
    alexa = alexa_config(settings)
    if alexa is not None:
        from skill.web import setup_alexa

        setup_alexa(app, _AppConversation(app), _AppAlexaAccounts(app), alexa)
    setup_support(app)
    if purge:
        setup_retention(app)  # after the context that opens the shop: a purge under way is waited for
    return app


class _AppConversation:
    """The app's Conversation, looked up per call: channels are wired before it exists."""

    def __init__(self, app: web.Application) -> None:
        self.app = app

    async def handle(self, request: TurnRequest) -> TurnResult:
        return await self.app[CONVERSATION].handle(request)


class _AppAlexaAccounts:
    """Alexa accounts over the shop database, which opens only when the app starts."""

    def __init__(self, app: web.Application) -> None:
        self.app = app

    def customer_for_access_token(self, token: str) -> str | None:
        return alexa_accounts(self.app[SHOP]).customer_for_access_token(token)

    def guest_customer(self, user_id: str) -> str:
        return alexa_accounts(self.app[SHOP]).guest_customer(user_id)

    def contact_email(self, customer_id: str) -> str | None:
        return alexa_accounts(self.app[SHOP]).contact_email(customer_id)
