"""The Alexa locales Emma's skill is built for: what each one's interaction model says beyond the NLU data.

A skill has one interaction model per Alexa locale (`en-US`, `de-DE`...). The model is generated from the
Rasa project of the locale's language (`nlu/`, `nlu/de/`); a `SkillLocale` adds what Alexa needs on top in
that language: the invocation name, carrier phrases of the catch-all, the seed intents' samples, the
catalog sample templates and Amazon's invocation-name rules. Adding a locale is a module like `de_de.py`
plus one entry in `LOCALES`. Sample utterances are training data for Alexa, not things Emma says: those are
in the language packs (`fulfillment/lang/*/alexa.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from fulfillment.lang import language_of
from skill.errors import SkillPackageError

SeedIntent = tuple[str, Mapping[str, str], tuple[str, ...]]
"""(intent name, {slot: slot type}, sample utterances)."""


@dataclass(frozen=True)
class InvocationRules:
    """Amazon's rules for an invocation name in one language ("Choose the Invocation Name")."""

    forbidden_words: frozenset[str]
    """Wake words, launch phrases and connecting words a name may not contain."""
    two_word_fillers: frozenset[str]
    """Articles and prepositions a two-word name may not contain."""


@dataclass(frozen=True)
class SkillLocale:
    """One Alexa locale of the skill."""

    code: str
    """Alexa's locale name: `en-US`, `de-DE`."""
    invocation_name: str
    """The default invocation name ("Alexa, open <name>"), in the locale's language."""
    carrier_phrases: tuple[str, ...]
    """What precedes the catch-all's free query ("i'm looking for {query}")."""
    seed_intents: tuple[SeedIntent, ...]
    """Intents every model has whatever the NLU data (order status, quantity, voice code, size)."""
    catalog_templates: Mapping[str, tuple[str, ...]]
    """Catch-all samples naming catalog words, by the slot type they teach (`PRODUCT`: "do you sell
    {product}"); a template is used when the vocabulary has every slot type it names."""
    default_sizes: tuple[str, ...]
    """SIZE values when the catalog has none."""
    default_order_ids: tuple[str, ...]
    """ORDER_ID values when the NLU data has none: Emma's six-character ids, spelled out."""
    builtin_words: Mapping[str, str]
    """Words Alexa routes to its built-in intents (yes, help, stop...), for the simulator."""
    invocation_rules: InvocationRules
    distribution_countries: tuple[str, ...]
    """Where the locale's skill is published (ISO 3166 alpha-2)."""
    and_word: str = "and"
    """How "&" in an NLU example is said."""

    @property
    def language(self) -> str:
        """The ISO 639-1 language: its Rasa project and language pack."""
        return language_of(self.code)


def _registry() -> dict[str, SkillLocale]:
    from skill.locales import de_de, en_us

    return {locale.code: locale for locale in (en_us.EN_US, en_us.EN_GB, de_de.DE_DE)}


LOCALES: dict[str, SkillLocale] = _registry()
PRIMARY = {"en": "en-US", "de": "de-DE"}
"""The locale a skill is built for by default, per shop language (EMMA_LANGUAGES)."""


def skill_locale(code: str) -> SkillLocale:
    """The locale named `code` (`de-DE`, `de_de`); `SkillPackageError` when the skill has no such locale."""
    wanted = code.replace("_", "-").strip().lower()
    for name, locale in LOCALES.items():
        if name.lower() == wanted:
            return locale
    raise SkillPackageError(
        "unknown_skill_locale", f"no Alexa locale {code!r}; known: {', '.join(LOCALES)}", []
    )


def primary_locales(languages: Iterable[str]) -> list[SkillLocale]:
    """The locales a shop in `languages` publishes its skill in (`("de", "en")` -> de-DE, en-US)."""
    return [LOCALES[PRIMARY[language]] for language in languages if language in PRIMARY]
