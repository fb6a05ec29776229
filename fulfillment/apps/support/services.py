"""Wires the support app's domain objects over one shop database (SQLite, or PostgreSQL for a cluster)."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher

from fulfillment.adapters.ports import ShopDatabase
from fulfillment.apps.support.annotations import NluDomain
from fulfillment.apps.support.auth import Authenticator
from fulfillment.apps.support.config import SupportConfig
from fulfillment.apps.support.handoff import HandoffQueue
from fulfillment.apps.support.ports import AnnotationRepository, KpiReader, ReviewReader, TrainingRunRepository
from fulfillment.apps.support.stores import support_stores


@dataclass(frozen=True)
class SupportServices:
    config: SupportConfig
    db: ShopDatabase
    """For the audit log and the retention settings (SQL both backends share)."""
    auth: Authenticator
    review: ReviewReader
    annotations: AnnotationRepository
    runs: TrainingRunRepository
    handoff: HandoffQueue
    kpis: KpiReader

    def nlu_domain(self) -> NluDomain:
        return NluDomain.load(self.config.domain_file)


def open_services(db: ShopDatabase, config: SupportConfig) -> SupportServices:
    stores = support_stores(db)
    return SupportServices(
        config=config, db=db,
        auth=Authenticator(stores.users, stores.sessions, config.session_hours,
                           hasher=PasswordHasher(config.argon2_time_cost, config.argon2_memory_kib)),
        review=stores.review, annotations=stores.annotations, runs=stores.runs,
        handoff=HandoffQueue(stores.handoff), kpis=stores.kpis,
    )
