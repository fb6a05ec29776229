"""Which recogniser and voice serve a language on a channel that names it per request (Wyoming's
`transcribe` carries `language`, `synthesize` a voice with a name and a language).

A shop's languages (EMMA_LANGUAGES) each get a route: Whisper with that language fixed and that
language's voice. A request in another language gets `UnsupportedLanguage`, never the default
language's model guessing at it. A server built from one backend pair (`LanguageRoutes.one`) takes
every request as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from speech.errors import SpeechError
from speech.synthesizer import Synthesizer
from speech.transcriber import Transcriber

ANY = ""
"""The route key of a server that does not route by language."""


class UnsupportedLanguage(SpeechError):
    """A request named a language or voice the server was not configured with."""

    def __init__(self, message: str, code: str = "unsupported_language") -> None:
        super().__init__(code, message)


@dataclass(frozen=True)
class Route:
    """The backends of one language."""

    transcriber: Transcriber
    synthesizer: Synthesizer
    voice: str = ""
    """The voice's name as `describe` lists it (`en_US-joe-medium`, `espeak-ng-de`)."""
    model: str = ""
    """The recogniser's model as `describe` lists it (`tiny.en`, `base`)."""


def language_code(language: str) -> str:
    """`de-DE`, `de_DE`, `DE` -> `de`."""
    return language.replace("_", "-").split("-")[0].strip().lower()


@dataclass(frozen=True)
class LanguageRoutes:
    """Routes by language code; requests naming no language take the default's."""

    routes: Mapping[str, Route]
    default: str

    def __post_init__(self) -> None:
        if self.default not in self.routes:
            raise ValueError(f"the default language {self.default!r} has no route")

    @classmethod
    def one(cls, transcriber: Transcriber, synthesizer: Synthesizer) -> LanguageRoutes:
        """One backend pair for every request, whatever language it names."""
        return cls({ANY: Route(transcriber, synthesizer)}, ANY)

    @property
    def languages(self) -> list[str]:
        return [code for code in self.routes if code != ANY]

    def for_language(self, language: str | None) -> Route:
        """The route of `language` (a code or a locale); the default's when it is None or empty."""
        if not language:
            return self.routes[self.default]
        route = self.routes.get(language_code(language)) or self.routes.get(ANY)
        if route is None:
            raise UnsupportedLanguage(
                f"This server speaks {', '.join(self.languages)}, not {language!r}: add it to EMMA_LANGUAGES."
            )
        return route

    def for_voice(self, name: str | None, language: str | None) -> Route:
        """The route of a `synthesize` voice: by its language, else by its name, else the default."""
        if language:
            return self.for_language(language)
        if not name:
            return self.routes[self.default]
        for route in self.routes.values():
            if route.voice == name:
                return route
        if ANY in self.routes:
            return self.routes[ANY]
        voices = ", ".join(r.voice for r in self.routes.values() if r.voice)
        raise UnsupportedLanguage(f"No voice {name!r} here; the voices are {voices}.", code="unknown_voice")
