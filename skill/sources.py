"""What `emma skill build` builds each locale's model from: which locales, their invocation names, and
the NLU data and catalog words of each locale's language."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from nlu.training import project_dir
from skill.errors import SkillPackageError
from skill.locales import SkillLocale, primary_locales, skill_locale
from skill.package import LocaleSource
from skill.vocabulary import catalog_vocabulary


def chosen_locales(named: Sequence[str] | None, languages: Iterable[str]) -> list[SkillLocale]:
    """The locales named (`--locale de-DE`), else one per shop language (EMMA_LANGUAGES, default first);
    a locale whose language the shop does not sell in is refused: Alexa would get answers in another
    language."""
    languages = list(languages)
    if not named:
        return primary_locales(languages)
    locales = [skill_locale(code) for code in dict.fromkeys(named)]
    foreign = [locale.code for locale in locales if locale.language not in languages]
    if foreign:
        raise SkillPackageError(
            "locale_not_sold_in",
            f"{', '.join(foreign)}: not one of this shop's languages ({', '.join(languages)}); "
            "add it to EMMA_LANGUAGES first",
        )
    return locales


def invocation_names(values: Sequence[str] | None, locales: Sequence[SkillLocale]) -> dict[str, str]:
    """`--invocation` values by locale: `NAME` names every locale, `de-DE=NAME` one (the later wins)."""
    names: dict[str, str] = {}
    for value in values or ():
        code, has_locale, name = value.partition("=")
        if not has_locale:
            names.update({locale.code: value.strip() for locale in locales})
            continue
        locale = skill_locale(code.strip())
        if locale not in locales:
            raise SkillPackageError(
                "invocation_locale_not_built", f"--invocation {value!r}: {locale.code} is not being built"
            )
        names[locale.code] = name.strip()
    return names


def locale_sources(
    locales: Sequence[SkillLocale], catalog: Any, catalog_language: str, invocations: dict[str, str]
) -> list[LocaleSource]:
    """One `LocaleSource` per locale: the Rasa data and the catalog words of its language."""
    return [
        LocaleSource(
            locale,
            project_dir(locale.language) / "data",
            catalog_vocabulary(catalog, locale.language, catalog_language),
            invocations.get(locale.code),
        )
        for locale in locales
    ]
