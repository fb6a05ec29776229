"""The shop's curated knowledge: stores, policies and occasion mappings, from YAML data files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from fulfillment.lang import language_of

SHOP_NAME = "Emma's Corner Shop"


@dataclass(frozen=True)
class Knowledge:
    stores: dict[str, dict[str, Any]]
    """Store id -> {name, address, hours, phone, pickup}."""
    policies: dict[str, dict[str, Any]]
    """Topic (shipping, return, payment, hours, pickup, store) -> {answer, facts}."""
    occasions: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Occasions and needs -> {say, types, tags, features, pitch} (occasions.yml)."""
    recipients: dict[str, dict[str, Any]] = field(default_factory=dict)
    needs: dict[str, dict[str, Any]] = field(default_factory=dict)
    complements: dict[str, list[str]] = field(default_factory=dict)
    interests: dict[str, dict[str, Any]] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    """Product type -> why it fits, in a few words."""
    shop_name: str = SHOP_NAME

    def fact(self, topic: str, name: str, default: Any = None) -> Any:
        return (self.policies.get(topic, {}).get("facts") or {}).get(name, default)

    @property
    def shipping_cost_cents(self) -> int:
        return round(float(self.fact("shipping", "standard_cost", 4.90)) * 100)

    @property
    def free_shipping_from_cents(self) -> int:
        return round(float(self.fact("shipping", "free_from", 50)) * 100)

    def shipping_for(self, subtotal_cents: int) -> int:
        return 0 if subtotal_cents >= self.free_shipping_from_cents else self.shipping_cost_cents

    @classmethod
    def load(cls, folder: Path | None = None, language: str | None = None) -> Knowledge:
        """From `folder`, or the demo data; a file in its `<language>/` subfolder (`de/policies.yml`)
        replaces the shared one for a shop in that language."""

        def read(name: str) -> dict[str, Any]:
            base = folder if folder is not None else resources.files("fulfillment.data")
            own = base.joinpath(language).joinpath(name) if language else None
            text = (own if own is not None and own.is_file() else base.joinpath(name)).read_text(encoding="utf-8")
            return yaml.safe_load(text) or {}

        stores_raw = read("stores.yml")
        stores_list = stores_raw.get("stores", stores_raw) if isinstance(stores_raw, dict) else stores_raw
        stores = {s["id"]: s for s in stores_list} if isinstance(stores_list, list) else stores_list
        occasions = read("occasions.yml")
        return cls(
            stores=stores,
            policies=read("policies.yml"),
            occasions=occasions.get("occasions", {}),
            recipients=occasions.get("recipients", {}),
            needs=occasions.get("needs", {}),
            complements=occasions.get("complements", {}),
            interests=occasions.get("interests", {}),
            reasons=occasions.get("reasons", {}),
        )


@dataclass(frozen=True)
class ShopKnowledge:
    """The shop's knowledge in each of its languages (EMMA_LANGUAGES), the default first: a turn is answered
    from its own language's policies, stores and occasions. Figures that cost money (shipping) are the
    default language's, one set per shop."""

    languages: Mapping[str, Knowledge]

    def __post_init__(self) -> None:
        if not self.languages:
            raise ValueError("A shop has at least one language.")

    @property
    def default(self) -> Knowledge:
        return next(iter(self.languages.values()))

    def language_for(self, locale: str | None) -> str:
        """`de-AT` -> `de`; a language the shop doesn't serve -> the default."""
        language = language_of(locale)
        return language if language in self.languages else next(iter(self.languages))

    def for_locale(self, locale: str | None) -> Knowledge:
        """`de-AT` -> the German knowledge; a language the shop doesn't serve gets the default's."""
        return self.languages[self.language_for(locale)]

    @classmethod
    def load(cls, languages: Sequence[str], folder: Path | None = None) -> ShopKnowledge:
        """Only the given languages are read."""
        return cls({language: Knowledge.load(folder, language) for language in dict.fromkeys(languages)})

    @classmethod
    def single(cls, knowledge: Knowledge, languages: Sequence[str] = ("en",)) -> ShopKnowledge:
        """`knowledge` for every one of `languages` (a shop given its knowledge, as tests do)."""
        return cls(dict.fromkeys(languages, knowledge))
