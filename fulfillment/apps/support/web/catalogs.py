"""The message catalogs: `locale/<lang>/LC_MESSAGES/support.po`, compiled with Babel when the app is built.

The `.po` files are the only copy in git: compiling them in memory at start-up (a few milliseconds) means a clean
clone or an installed wheel always runs the catalog it ships, with no `.mo` that can drift from its source and no
build step to forget. English needs no catalog: the msgids are English.
"""

from __future__ import annotations

import gettext
from importlib import resources
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

DOMAIN = "support"
PACKAGE = "fulfillment.apps.support"


def po_file(language: str) -> resources.abc.Traversable:
    return resources.files(PACKAGE).joinpath(f"locale/{language}/LC_MESSAGES/{DOMAIN}.po")


def load_translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog of `language`; no catalog (English) gives the msgids back unchanged. Fuzzy entries
    are left out, as `pybabel compile` does: a guessed translation is worse than the English."""
    source = po_file(language)
    if not source.is_file():
        return NullTranslations()
    with source.open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)
