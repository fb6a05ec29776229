"""The support pages in German and English: chosen by Accept-Language, EMMA_SUPPORT_LANGUAGE or the reader,
with German dates, numbers and error messages, and English wherever the catalog has no translation."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from fulfillment.apps.support.web.keys import SUPPORT_APP, SUPPORT_CONFIG, TEMPLATES
from tests.fulfillment.apps.support.conftest import ORDER, csrf_of, login, talk

GERMAN = {"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"}


def lang_of(html: str) -> str:
    found = re.search(r'<html lang="(\w+)">', html)
    assert found
    return found.group(1)


async def test_the_login_page_speaks_the_browsers_language(client):
    german = await client.get("/support/login", headers=GERMAN)
    html = await german.text()
    assert lang_of(html) == "de" and german.headers["Content-Language"] == "de"
    assert "Anmelden" in html and "Benutzername" in html and "Passwort" in html and "Log in" not in html
    assert "Accept-Language" in german.headers["Vary"]
    english = await (await client.get("/support/login", headers={"Accept-Language": "en-GB,en;q=0.9"})).text()
    assert lang_of(english) == "en" and "Log in" in english and "Anmelden" not in english


@pytest.mark.parametrize("header", ["fr-FR,fr;q=0.9", "", "de;q=0, fr"])
async def test_languages_without_a_catalog_get_english(client, header):
    html = await (await client.get("/support/login", headers={"Accept-Language": header})).text()
    assert lang_of(html) == "en" and "User name" in html


async def test_a_whole_conversation_page_in_german(client, shop):
    await talk(shop, "s-de", ORDER)
    await login(client, "sofia")
    html = await (await client.get("/support/conversations", headers=GERMAN)).text()
    assert "Gespräche" in html and "Was Kunden sagten" in html and "1 Gespräch" in html
    assert re.search(r"\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}", html)  # dates the German way
    html = await (await client.get("/support/conversations/s-de", headers=GERMAN)).text()
    assert "Gesprächsschritte" in html and "Annotieren" in html and "Gehört" in html
    for english in ("Heard", "Annotate", "Entities", "turns"):
        assert f">{english}<" not in html and f" {english} " not in html
    assert re.search(r'class="conf">\d,\d\d<', html)  # confidence with a decimal comma


async def test_the_kpi_dashboard_formats_numbers_per_locale(client, shop):
    await talk(shop, "k-de", ORDER)
    await login(client, "alex")
    german = await (await client.get("/support/kpi", headers=GERMAN)).text()
    english = await (await client.get("/support/kpi")).text()
    assert "Kennzahlen des Shops" in german and "Gespräche pro Tag" in german and "Nichts gehört" in german
    assert re.search(r"\d+,\d\d\xa0€", german) and re.search(r"€\d+\.\d\d", english)
    assert re.search(r"\d+,\d\xa0%", german) and re.search(r"\d+\.\d%", english)
    assert "Shop KPIs" in english and "Kennzahlen" not in english


async def test_error_pages_and_form_errors_are_translated(client, shop):
    await talk(shop, "e-de", ["blorp fizzle"])
    csrf = await login(client, "alex")
    resp = await client.get("/support/conversations/nope", headers=GERMAN)
    assert resp.status == 404 and "Kein Gespräch „nope“." in await resp.text()
    resp = await client.get("/support/users", headers=GERMAN)  # an agent is no admin
    html = await resp.text()
    assert resp.status == 403 and "Dafür braucht es die Rolle Admin; Sie sind Agent." in html
    resp = await client.get("/support/no-such-page", headers=GERMAN)
    assert resp.status == 404 and "Nicht gefunden" in await resp.text()
    resp = await client.get("/support/kpi?since=2025-13-01", headers=GERMAN)
    assert resp.status == 400 and "Ein Datum sieht so aus: 2025-01-31." in await resp.text()
    turn = re.search(r'/support/turns/(\w+)/annotate', await (await client.get("/support/conversations/e-de")).text())
    assert turn
    resp = await client.post(f"/support/turns/{turn.group(1)}/annotate", headers=GERMAN,
                             data={"csrf": csrf, "text": "blorp fizzle", "intent": "no_such_intent"})
    assert resp.status == 400 and "„no_such_intent“ ist kein Intent aus nlu/domain.yml." in await resp.text()
    # The same error in English is the sentence it always was.
    resp = await client.post(f"/support/turns/{turn.group(1)}/annotate",
                             data={"csrf": csrf, "text": "blorp fizzle", "intent": "no_such_intent"})
    assert "&#39;no_such_intent&#39; is not an intent of nlu/domain.yml." in await resp.text()


async def test_a_wrong_password_in_german(client):
    page = await (await client.get("/support/login", headers=GERMAN)).text()
    resp = await client.post("/support/login", headers=GERMAN,
                             data={"name": "alex", "password": "wrong-password", "csrf": csrf_of(page)})
    assert resp.status == 401 and "Falscher Benutzername oder falsches Passwort." in await resp.text()


async def test_the_setting_overrides_the_browser(aiohttp_client, app, support_config):
    app[SUPPORT_CONFIG] = replace(support_config, language="de")
    client = await aiohttp_client(app)
    html = await (await client.get("/support/login", headers={"Accept-Language": "en-US,en;q=0.9"})).text()
    assert lang_of(html) == "de" and "Anmelden" in html


async def test_the_reader_picks_a_language_and_keeps_it(client):
    resp = await client.get("/support/language", params={"lang": "de", "next": "/support/login?next=/support/kpi"},
                            allow_redirects=False)
    assert resp.status == 303 and resp.headers["Location"] == "/support/login?next=/support/kpi"
    html = await (await client.get("/support/login", headers={"Accept-Language": "en"})).text()
    assert lang_of(html) == "de"  # the cookie wins over the browser
    assert 'href="/support/language?lang=en&amp;next=%2Fsupport%2Flogin"' in html
    resp = await client.get("/support/language", params={"lang": "en", "next": "https://evil.example/"},
                            allow_redirects=False)
    assert resp.headers["Location"] == "/support/conversations"  # never off the app
    assert lang_of(await (await client.get("/support/login")).text()) == "en"
    resp = await client.get("/support/language", params={"lang": "klingon"})
    assert resp.status == 400 and "bad_language" in await resp.text()


async def test_untranslated_text_falls_back_to_english(client):
    templates = client.app[SUPPORT_APP][TEMPLATES]
    page = templates["de"].from_string("{{ _('A sentence nobody translated') }} / {{ _('Log in') }}")
    assert page.render() == "A sentence nobody translated / Anmelden"
    assert templates["en"].from_string("{{ _('Log in') }}").render() == "Log in"
