"""The support app's stores on the shop's backend: SQLite's, or PostgreSQL's for a cluster.

Users, sessions, handoff tickets and annotations share their SQL (PostgreSQL runs it through `PgDatabase`'s
SQLite-shaped connection); the transcript browser has a PostgreSQL store of its own (FTS5 has no portable
spelling), and the KPIs share their queries with a dialect for each (`adapters.kpi_sql`)."""

from __future__ import annotations

from dataclasses import dataclass

from fulfillment.adapters.ports import ShopDatabase
from fulfillment.adapters.sqlite.annotations import AnnotationStore, TrainingRunStore
from fulfillment.adapters.sqlite.database import Database
from fulfillment.adapters.sqlite.handoff import HandoffStore
from fulfillment.adapters.sqlite.kpi import KpiStore
from fulfillment.adapters.sqlite.review import ReviewStore
from fulfillment.adapters.sqlite.support import SupportSessionStore, SupportUserStore
from fulfillment.apps.support.ports import (
    AnnotationRepository,
    HandoffRepository,
    KpiReader,
    ReviewReader,
    SupportSessionRepository,
    SupportUserRepository,
    TrainingRunRepository,
)


@dataclass(frozen=True)
class SupportStores:
    review: ReviewReader
    kpis: KpiReader
    annotations: AnnotationRepository
    runs: TrainingRunRepository
    handoff: HandoffRepository
    users: SupportUserRepository
    sessions: SupportSessionRepository


def support_stores(db: ShopDatabase) -> SupportStores:
    """The stores over `db`, whichever backend it is."""
    return SupportStores(
        review=review_reader(db), kpis=kpi_reader(db), annotations=AnnotationStore(db), runs=TrainingRunStore(db),
        handoff=HandoffStore(db), users=SupportUserStore(db), sessions=SupportSessionStore(db),
    )


def review_reader(db: ShopDatabase) -> ReviewReader:
    if isinstance(db, Database):
        return ReviewStore(db)
    from fulfillment.adapters.postgres.database import PgDatabase
    from fulfillment.adapters.postgres.review import PgReviewStore

    assert isinstance(db, PgDatabase), f"no support stores for {type(db).__name__}"
    return PgReviewStore(db)


def kpi_reader(db: ShopDatabase) -> KpiReader:
    if isinstance(db, Database):
        return KpiStore(db)
    from fulfillment.adapters.postgres.database import PgDatabase
    from fulfillment.adapters.postgres.kpi import PgKpiStore

    assert isinstance(db, PgDatabase), f"no support stores for {type(db).__name__}"
    return PgKpiStore(db)
