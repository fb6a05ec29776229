"""The catalog's names as a shopper says them: product types (with plurals and synonyms), brands,
colors, features and categories, found in an utterance by whole words, longest first."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

_APOSTROPHES = re.compile(r"[’'`´]")
_SEPARATORS = re.compile(r"[-_/.,!?;:()\"&+]+")


def spoken(text: str) -> str:
    """How speech recognition writes a name: lowercase, no accents, apostrophes or hyphens.
    "De'Longhi" -> "delonghi", "T-Shirt" -> "t shirt", "Fjällräven" -> "fjallraven"."""
    text = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text)
    return " ".join(_SEPARATORS.sub(" ", text).split())


@dataclass(frozen=True)
class Found:
    """A catalog name found in an utterance."""

    values: tuple[str, ...]
    """What the words stand for (catalog types, a brand, a feature...)."""
    start: int
    end: int
    """The span in the spoken text."""


class Phrases:
    """Spoken phrases -> values, matched as whole words, longest first, without overlaps."""

    def __init__(self, table: Mapping[str, Iterable[str]]) -> None:
        merged: dict[str, list[str]] = {}
        for phrase, values in table.items():
            key = spoken(phrase)
            if key:
                merged.setdefault(key, [])
                merged[key] += [v for v in values if v not in merged[key]]
        self.table = {k: tuple(v) for k, v in merged.items()}
        ordered = sorted(self.table, key=lambda k: (-len(k), k))
        self._pattern = (
            re.compile(r"(?<![\w])(?:" + "|".join(re.escape(k) for k in ordered) + r")(?![\w])")
            if ordered else None
        )

    def find(self, text: str) -> list[Found]:
        if self._pattern is None:
            return []
        return [Found(self.table[m.group(0)], m.start(), m.end()) for m in self._pattern.finditer(text)]


@dataclass(frozen=True)
class CatalogTerms:
    """Everything a request can name, built once per catalog and language."""

    types: Phrases
    brands: Phrases
    colors: Phrases
    features: Phrases
    categories: Phrases
    materials: Phrases
    all_types: frozenset[str]
    all_brands: tuple[str, ...]
    type_category: Mapping[str, tuple[str, ...]]
    """Category -> the product types in it."""

    @classmethod
    def build(cls, vocabulary: Mapping[str, list[str]], plural: Callable[[str], str],
              type_synonyms: Mapping[str, tuple[str, ...]], generic_heads: frozenset[str],
              feature_synonyms: Mapping[str, str], type_category: Mapping[str, tuple[str, ...]],
              brands: Iterable[str] = ()) -> CatalogTerms:
        types = sorted(set(vocabulary.get("type", [])))
        categories = set(vocabulary.get("category", []))
        table: dict[str, list[str]] = {}
        heads: dict[str, list[str]] = {}
        for t in types:
            for form in (t, plural(t)):
                table.setdefault(form, []).append(t)
            head = t.split()[-1] if " " in t else None
            if head and head not in generic_heads and head not in categories and spoken(plural(head)) not in {
                spoken(c) for c in categories
            }:
                heads.setdefault(head, []).append(t)
        for head, owners in heads.items():
            for form in (head, plural(head)):
                if spoken(form) not in {spoken(k) for k in table}:
                    table.setdefault(form, []).extend(owners)
        for phrase, targets in type_synonyms.items():
            known = [t for t in targets if t in types]
            if known:
                table[phrase] = known
        feature_table: dict[str, list[str]] = {f: [f] for f in vocabulary.get("feature", [])}
        for phrase, feature in feature_synonyms.items():
            if feature in feature_table:
                feature_table[phrase] = [feature]
        brand_names = sorted(set(brands) | set(vocabulary.get("brand_names", [])))
        brand_table: dict[str, list[str]] = {}
        for brand in brand_names or vocabulary.get("brand", []):
            brand_table[brand] = [brand]
            if spoken(brand).startswith("the ") and len(spoken(brand).split()) > 2:
                brand_table[spoken(brand)[4:]] = [brand]  # "north face"
        return cls(
            types=Phrases(table),
            brands=Phrases(brand_table),
            colors=Phrases({c: [c] for c in vocabulary.get("color", [])}),
            features=Phrases(feature_table),
            categories=Phrases({c: [c] for c in categories}),
            materials=Phrases({m: [m] for m in vocabulary.get("material", [])}),
            all_types=frozenset(types),
            all_brands=tuple(brand_names or vocabulary.get("brand", [])),
            type_category=dict(type_category),
        )

    def category_of(self, product_type: str) -> str | None:
        return next((c for c, types in self.type_category.items() if product_type in types), None)

    def brand_named(self, value: str) -> str | None:
        """The catalog brand an NLU value stands for, only when it names the whole brand ("north
        face", "delonghi"), never a brand's first word alone ("under" is not Under Armour)."""
        said = spoken(value)
        found = self.brands.find(said)
        whole = [f for f in found if f.start == 0 and f.end == len(said)]
        return whole[0].values[0] if whole else None
