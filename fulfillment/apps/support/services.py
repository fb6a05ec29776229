"""Wires the support app's domain objects over one shop database."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher

from fulfillment.adapters.sqlite.annotations import AnnotationStore, TrainingRunStore
from fulfillment.adapters.sqlite.database import Database
from fulfillment.adapters.sqlite.handoff import HandoffStore
from fulfillment.adapters.sqlite.review import ReviewStore
from fulfillment.adapters.sqlite.support import SupportSessionStore, SupportUserStore
from fulfillment.apps.support.annotations import NluDomain
from fulfillment.apps.support.auth import Authenticator
from fulfillment.apps.support.config import SupportConfig
from fulfillment.apps.support.handoff import HandoffQueue


@dataclass(frozen=True)
class SupportServices:
    config: SupportConfig
    db: Database
    auth: Authenticator
    review: ReviewStore
    annotations: AnnotationStore
    runs: TrainingRunStore
    handoff: HandoffQueue

    def nlu_domain(self) -> NluDomain:
        return NluDomain.load(self.config.domain_file)


def open_services(db: Database, config: SupportConfig) -> SupportServices:
    return SupportServices(
        config=config, db=db,
        auth=Authenticator(SupportUserStore(db), SupportSessionStore(db), config.session_hours,
                           hasher=PasswordHasher(config.argon2_time_cost, config.argon2_memory_kib)),
        review=ReviewStore(db), annotations=AnnotationStore(db), runs=TrainingRunStore(db),
        handoff=HandoffQueue(HandoffStore(db)),
    )
