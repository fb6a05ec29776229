"""The German catalog covers every message of the support app, and no page text bypasses gettext."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import jinja2
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from fulfillment.apps.support.web.catalogs import load_translations, po_file
from fulfillment.apps.support.web.language import LANGUAGES

APP = Path(resources.files("fulfillment.apps.support"))  # type: ignore[arg-type]
METHODS = [("**.py", "python"), ("templates/**.html", "jinja2")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
PLACEHOLDER = re.compile(r"%\(\w+\)s")
ALLOWED_WORDS = {"Emma", "CSV", "ASR", "ms"}
"""Words a page may show untranslated: names and units."""


def extracted() -> dict[str | tuple[str, ...], str]:
    """msgid -> where it is, found the way `make support-messages` finds them."""
    found: dict[str | tuple[str, ...], str] = {}
    for filename, _, message, _, _ in extract_from_dir(
        APP, METHODS, options_map=OPTIONS, keywords={"Message": None, "_": None, "gettext": None,
                                                     "ngettext": (1, 2), "N_": None},
    ):
        found.setdefault(message, filename)
    return found


@pytest.fixture(scope="module")
def german():
    with po_file("de").open("rb") as po:
        return read_po(po, locale="de")


def test_the_catalog_is_found_by_the_package_and_compiles():
    assert po_file("de").is_file()
    assert load_translations("de").gettext("Log in") == "Anmelden"
    assert load_translations("en").gettext("Log in") == "Log in"  # English: the msgids themselves


def test_every_message_has_a_german_translation(german):
    messages = extracted()
    assert len(messages) > 200
    missing = []
    for msgid, where in messages.items():
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        entry = german.get(key)
        if entry is None or entry.fuzzy or not all(entry.string if isinstance(entry.string, tuple)
                                                   else [entry.string]):
            missing.append(f"{where}: {key}")
    assert not missing, "untranslated (run `make support-messages` and translate):\n" + "\n".join(missing)


def test_translations_keep_the_placeholders(german):
    for entry in german:
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert sorted(PLACEHOLDER.findall(string)) == wanted, entry.id


@pytest.mark.parametrize("template", sorted(p.name for p in (APP / "templates").glob("*.html")))
def test_templates_show_no_text_outside_gettext(template):
    """Text between the tags of a template is markup, punctuation or names; words go through `_()`."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    source = (APP / "templates" / template).read_text()
    text = " ".join(value for _, kind, value in env.lex(source) if kind == "data")
    words = set(re.findall(r"[A-Za-z]{2,}", re.sub(r"<[^>]*>|&\w+;", " ", text))) - ALLOWED_WORDS
    assert not words, f"{template} shows {sorted(words)} without gettext"


def test_every_language_has_a_catalog_or_is_english():
    assert all(lang == "en" or po_file(lang).is_file() for lang in LANGUAGES)
