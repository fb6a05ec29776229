"""Every sentence Emma says, one module per language. Logic stays free of prose."""

from types import ModuleType

from fulfillment.lang.en import prompts as en

LANGUAGES: dict[str, ModuleType] = {"en": en}


def prompts_for(language: str = "en") -> ModuleType:
    return LANGUAGES.get(language.split("-")[0].lower(), en)
