"""Language packs: everything Emma says or listens for in one language, chosen by a turn's locale.

Logic never imports a language; it gets a `LanguagePack` (on the `Turn`, or as an argument) and reads
its prompts, lexicon and speech rules. Adding a language is a folder like `en/` plus one entry in
`PACKS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import ModuleType

from fulfillment.lang.de import address as de_address
from fulfillment.lang.de import alexa as de_alexa
from fulfillment.lang.de import lexicon as de_lexicon
from fulfillment.lang.de import prompts as de_prompts
from fulfillment.lang.de import speech as de_speech
from fulfillment.lang.en import alexa as en_alexa
from fulfillment.lang.en import lexicon as en_lexicon
from fulfillment.lang.en import prompts as en_prompts
from fulfillment.lang.en import speech as en_speech
from fulfillment.lang.lexicon import Lexicon
from fulfillment.lang.speech import TtsRules


@dataclass(frozen=True)
class LanguagePack:
    """One language: the sentences Emma says and the words logic listens for."""

    code: str
    """ISO 639-1 language code, e.g. `en`."""
    prompts: ModuleType
    """Every reply sentence of the conversation core (functions and constants, as in `en/prompts.py`)."""
    alexa: ModuleType
    """The Alexa channel's own sentences: fallbacks, reprompts, cards, e-mail."""
    lexicon: Lexicon
    """Number words, ordinals, sizes, stop words and cue phrases."""
    asr_hallucinations: frozenset[str]
    """Phrases Whisper invents on silence, lowercased without punctuation."""
    tts: TtsRules
    """How speech synthesis must read prices, units and abbreviations."""
    asr_prompt: str = ""
    """A short context sentence Whisper decodes after (shop words in the language); "" for none."""
    locales: tuple[str, ...] = ()
    """The regional variants a client may name (`en-US`...), besides the bare language code."""
    forms: Mapping[str, LanguagePack] = field(default_factory=dict)
    """The same language in another form of address, by the shop's choice (German: "du"; the pack
    itself is the default form, "sie")."""


def _with_forms(pack: LanguagePack, forms: tuple[str, ...]) -> LanguagePack:
    """`pack` plus its variants in the other forms of address (prompts and alexa loaded per form)."""
    variants = {
        form: replace(pack, prompts=de_address.load(pack.prompts, form), alexa=de_address.load(pack.alexa, form))
        for form in forms
    }
    return replace(pack, forms=variants)


PACKS: dict[str, LanguagePack] = {
    "en": LanguagePack(
        code="en", prompts=en_prompts, alexa=en_alexa, lexicon=en_lexicon.LEXICON,
        asr_hallucinations=en_speech.ASR_HALLUCINATIONS, tts=en_speech.TTS, asr_prompt=en_speech.ASR_PROMPT,
        locales=("en-US", "en-GB", "en-IE", "en-AU", "en-CA", "en-IN"),
    ),
    "de": _with_forms(LanguagePack(
        code="de", prompts=de_prompts, alexa=de_alexa, lexicon=de_lexicon.LEXICON,
        asr_hallucinations=de_speech.ASR_HALLUCINATIONS, tts=de_speech.TTS,
        locales=("de-DE", "de-AT", "de-CH"),
    ), forms=("du",)),
}
DEFAULT = PACKS["en"]
"""What an unknown or missing locale gets."""


def language_of(locale: str | None) -> str:
    """`en-US`, `en_GB`, `EN` -> `en`."""
    return (locale or "").replace("_", "-").split("-")[0].strip().lower()


def pack_for(locale: str | None, form: str | None = None) -> LanguagePack:
    """The pack of a locale's language (en, en-US, en_GB, de-DE...); the default when there is none.
    `form` picks a form of address the language has (German "du"); others get the pack's default."""
    pack = PACKS.get(language_of(locale), DEFAULT)
    return pack.forms.get(form, pack) if form else pack


def supports(locale: str | None) -> bool:
    """True when `locale` has its own pack rather than falling back to the default."""
    return language_of(locale) in PACKS


def cues_for(locale: str | None) -> Mapping[str, tuple[str, ...]]:
    """Short answers understood without the NLU service (intent -> phrases), in a locale's language."""
    return pack_for(locale).lexicon.without_nlu


def known_locales() -> tuple[str, ...]:
    """Every locale a turn may name: each pack's language code and its regional variants."""
    return tuple(name for pack in PACKS.values() for name in (pack.code, *pack.locales))
