"""The composition root: builds the shop, the conversation, the voice pipeline and the channels' parts from
Settings. Every app (HTTP server, CLI, voice loop, support app) gets its objects here and wires nothing itself."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fulfillment.adapters.mail import MailConfig, OrderConfirmations, OrderMailer
from fulfillment.adapters.ports import CatalogStore, CustomerStore, ShopDatabase, TranscriptStore
from fulfillment.adapters.sqlite.alexa_accounts import DbAlexaAccounts
from fulfillment.adapters.sqlite.audio_stats import AudioStats
from fulfillment.adapters.sqlite.catalog import CatalogRepository
from fulfillment.adapters.sqlite.conversations import SessionRepository, TicketRepository, TranscriptRepository
from fulfillment.adapters.sqlite.customers import CartRepository, CustomerRepository
from fulfillment.adapters.sqlite.database import Database
from fulfillment.adapters.sqlite.orders import OrderRepository
from fulfillment.adapters.sqlite.unit_of_work import FaultHook, SqliteUnitOfWork, no_faults
from fulfillment.domain import ports
from fulfillment.domain.conversation import Conversation
from fulfillment.domain.events import EventBus, OrderPlaced
from fulfillment.domain.knowledge import Knowledge, ShopKnowledge
from fulfillment.domain.orders import OrderService
from fulfillment.domain.recommend import Recommender
from fulfillment.domain.search import ProductSearch
from fulfillment.domain.shop import Shop, ShopRules
from fulfillment.domain.turns import TurnHandler
from fulfillment.lang import DEFAULT as DEFAULT_LANGUAGE
from fulfillment.services.demo_data import load_demo, load_demo_texts
from fulfillment.services.periodic import every
from fulfillment.services.privacy.retention import Retention, get_retention
from fulfillment.settings import Settings

if TYPE_CHECKING:
    from nlu.parser import NluParser
    from skill.config import AlexaConfig
    from speech.config import SpeechConfig
    from speech.runtime import SpeechBackends
    from speech.voice_pipeline import VoicePipeline

STATS_FLUSH_S = 60.0
"""How often audio-turn counters are written (and once more when the pipeline closes)."""


@dataclass(frozen=True)
class ShopHome(Shop):
    """The domain's Shop plus what apps and services use beside it: the settings, the database and the
    repositories (support screens, privacy tools, catalog import), typed by the ports both backends implement
    (SQLite's, or PostgreSQL's with EMMA_DATABASE_URL)."""

    catalog: CatalogStore
    customers: CustomerStore
    config: Settings
    db: ShopDatabase
    carts: ports.CartRepository
    order_store: ports.OrderRepository
    sessions: ports.SessionRepository
    transcripts: TranscriptStore
    tickets: ports.TicketRepository
    mail: OrderConfirmations
    """Mails every placed order (subscribed to OrderPlaced)."""

    def close(self) -> None:
        """Finish queued e-mails, then close the database."""
        self.mail.close()
        self.db.close()


def open_shop(config: Settings, knowledge: Knowledge | None = None, fault: FaultHook = no_faults) -> ShopHome:
    """Opens (creating or migrating) the database of `config.home` and wires the services.

    `fault` is called at each commit point of every unit of work (crash-injection tests)."""
    known = ShopKnowledge.single(knowledge, config.languages) if knowledge else ShopKnowledge.load(config.languages)
    storage = _postgres_storage(config, fault) if config.database_url else _sqlite_storage(config, fault)
    catalog = storage["catalog"]

    events = EventBus()
    mail = OrderConfirmations(OrderMailer(MailConfig(
        outbox_dir=config.outbox_dir, smtp_url=config.mail.smtp_url, sender=config.mail.sender,
        shop_name=config.mail.shop_name,
    )))
    events.subscribe(OrderPlaced, mail)

    return ShopHome(
        rules=ShopRules(
            nlu_confidence=config.conversation.nlu_confidence,
            pin_threshold=config.orders.pin_threshold,
            max_text_chars=config.conversation.max_text_chars,
            german_form=config.conversation.german_form,
        ),
        search=ProductSearch(catalog),
        recommender=Recommender(catalog, known),
        orders=OrderService(catalog, known.default),  # one set of shipping figures per shop
        knowledge_by_language=known,
        events=events,
        config=config,
        mail=mail,
        **storage,
    )


def _sqlite_storage(config: Settings, fault: FaultHook) -> dict[str, Any]:
    """The SQLite database under `config.home`, its repositories and unit of work (ShopHome's storage fields)."""
    db = Database(config.db_path)

    def unit_of_work() -> SqliteUnitOfWork:
        return SqliteUnitOfWork(db, fault)

    return dict(
        db=db, catalog=CatalogRepository(db), customers=CustomerRepository(db), carts=CartRepository(db),
        order_store=OrderRepository(db), sessions=SessionRepository(db), transcripts=TranscriptRepository(db),
        tickets=TicketRepository(db), unit_of_work=unit_of_work,
    )


def _postgres_storage(config: Settings, fault: FaultHook) -> dict[str, Any]:
    """The PostgreSQL database of `config.database_url` (migrated under a lock), shared by every instance.

    `db` offers SQLite's `connection()`/`transaction()` shape where apps share SQL (README: what runs on
    PostgreSQL)."""
    from fulfillment.adapters.postgres.catalog import TEXT_CONFIGS, PgCatalog
    from fulfillment.adapters.postgres.conversations import PgSessions, PgTickets, PgTurns
    from fulfillment.adapters.postgres.customers import PgCarts, PgCustomers
    from fulfillment.adapters.postgres.database import PgDatabase
    from fulfillment.adapters.postgres.orders import PgOrders
    from fulfillment.adapters.postgres.unit_of_work import PostgresUnitOfWork

    assert config.database_url
    db = PgDatabase(config.database_url)
    catalog = PgCatalog(db, TEXT_CONFIGS[DEFAULT_LANGUAGE.code])  # the catalog is in the default language

    def unit_of_work() -> PostgresUnitOfWork:
        return PostgresUnitOfWork(db, catalog, fault)

    return dict(
        db=db, catalog=catalog, customers=PgCustomers(db), carts=PgCarts(db), order_store=PgOrders(db),
        sessions=PgSessions(db), transcripts=PgTurns(db), tickets=PgTickets(db), unit_of_work=unit_of_work,
    )


def open_home(settings: Settings, demo: bool = True) -> ShopHome:
    """The shop of a home made ready for use: created or migrated, and given the demo shop when empty."""
    shop = open_shop(settings)
    if demo and shop.catalog.count() == 0:
        if settings.database_url:
            _copy_demo(shop)
        else:
            assert isinstance(shop.db, Database)
            load_demo(shop.db, shop.search)
    elif demo and "de" in settings.languages:
        load_demo_texts(shop.db, shop.catalog, "de")  # a home made before German texts existed gets them (once)
    return shop


def open_database(settings: Settings) -> ShopDatabase:
    """The shop's database alone, for parts that need no repositories (API keys): SQLite under the home, or
    PostgreSQL in SQLite's shape (`?` placeholders, rows by name) when EMMA_DATABASE_URL is set."""
    if settings.database_url:
        from fulfillment.adapters.postgres.database import PgDatabase

        return PgDatabase(settings.database_url, max_size=2)
    return Database(settings.db_path)


@contextmanager
def exclusively(shop: ShopHome, job: str) -> Iterator[bool]:
    """Whether this instance may run `job` now: on PostgreSQL one instance at a time holds it (the others get
    False and skip); SQLite serves one instance, which always may."""
    exclusive = getattr(shop.db, "exclusive", None)
    if exclusive is None:
        yield True
        return
    with exclusive(job) as held:
        yield bool(held)


def _copy_demo(shop: ShopHome) -> None:
    """PostgreSQL gets the demo shop by way of a SQLite one, copied over (once, whichever instance is first)."""
    import tempfile

    from fulfillment.adapters.postgres.catalog import PgCatalog
    from fulfillment.adapters.postgres.copy import TargetNotEmpty, copy_sqlite
    from fulfillment.adapters.postgres.database import PgDatabase

    assert isinstance(shop.db, PgDatabase) and isinstance(shop.catalog, PgCatalog)
    with tempfile.TemporaryDirectory(prefix="emma-demo-") as folder:
        demo = open_home(Settings(home=Path(folder)))
        demo.close()
        with suppress(TargetNotEmpty):  # another instance copied it meanwhile
            copy_sqlite(demo.config.db_path, shop.db, shop.catalog)
    shop.search.invalidate()


@contextmanager
def opened_shop(settings: Settings, shop: ShopHome | None = None, demo: bool = False) -> Iterator[ShopHome]:
    """`shop` when given (tests; left open), else the shop of `settings.home` (see open_home), closed after."""
    if shop is not None:
        yield shop
        return
    own = open_home(settings, demo)
    try:
        yield own
    finally:
        own.close()


@asynccontextmanager
async def open_conversation(
    settings: Settings, shop: ShopHome, nlu: NluParser | None = None,
) -> AsyncIterator[Conversation]:
    """A Conversation over `shop` and `nlu` when given (tests), else an NLU service per language of the shop
    started for it (unless `settings.nlu.url` names the default language's) and stopped after."""
    if nlu is not None:
        yield Conversation(shop, nlu)
        return
    from nlu.runtime import nlu_router

    async with nlu_router(settings) as router:  # one Rasa per language of the shop
        yield Conversation(shop, router)


def speech_config(settings: Settings) -> SpeechConfig:
    from speech.config import SpeechConfig

    return SpeechConfig.from_settings(settings.speech, settings.home, settings.conversation.max_text_chars)


@asynccontextmanager
async def open_voice(
    settings: Settings, shop: ShopHome, turns: TurnHandler, speech: SpeechConfig | None = None,
    backends: SpeechBackends | None = None,
) -> AsyncIterator[VoicePipeline]:
    """The voice pipeline over `turns`: for each of the shop's languages (EMMA_LANGUAGES) Whisper with that
    language fixed and its voice (given `backends` serve every language), recordings kept only while the
    retention setting keeps audio, and every recording counted in the shop's audio stats."""
    from speech.language_routes import ANY, LanguageRoutes, Route
    from speech.runtime import catalog_hotwords, open_routes
    from speech.voice_pipeline import VoicePipeline

    speech = speech or speech_config(settings)
    default = settings.default_language
    if backends is None:
        routes = await open_routes(speech, settings.languages)
    else:
        route = Route(backends.transcriber, backends.synthesizer)
        routes = LanguageRoutes({default: route, ANY: route}, default)
    vocabulary = await asyncio.to_thread(shop.catalog.vocabulary)
    # Product types are English words; brands are the same in every language.
    hotwords = {language: catalog_hotwords(vocabulary if language == "en" else {"brand": vocabulary.get("brand", [])})
                for language in settings.languages}
    defaults = Retention.from_settings(settings.privacy)
    stats = AudioStats(shop.db)

    def keep_audio() -> bool:  # read per turn: an admin may change it while Emma runs
        return get_retention(shop.db, defaults).audio_days > 0

    served = routes.for_language(default)
    try:
        async with every(STATS_FLUSH_S, stats.flush, name="audio-stats-flush", first_now=False):
            yield VoicePipeline(turns, served.transcriber, served.synthesizer, speech, hotwords,
                                on_heard=stats.count, keep_audio=keep_audio, routes=routes,
                                nlu=turns.nlu if isinstance(turns, Conversation) else None)  # it picks among the n-best
    finally:
        await asyncio.to_thread(stats.flush)


def alexa_config(settings: Settings) -> AlexaConfig | None:
    """The Alexa channel's configuration when it is enabled (a skill id, or verification off)."""
    if not settings.alexa.enabled:
        return None
    from skill.config import AlexaConfig

    return AlexaConfig.from_settings(settings)


def alexa_accounts(shop: ShopHome) -> DbAlexaAccounts:
    """Alexa identities (linked tokens, guests) in the shop's database."""
    return DbAlexaAccounts(shop.db, shop.customers)
