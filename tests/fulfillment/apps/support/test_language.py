"""Which language the support pages are in: Accept-Language with quality values, the setting, the reader's
choice; and the date and number formats of each language."""

from __future__ import annotations

import pytest

from fulfillment.apps.support.config import SupportConfig
from fulfillment.apps.support.message import Message
from fulfillment.apps.support.web.formats import Formats
from fulfillment.apps.support.web.language import choose, from_header, preferred
from fulfillment.settings import Settings, SettingsError


@pytest.mark.parametrize(("header", "ranked"), [
    ("de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7", ["de-de", "de", "en-us", "en"]),
    ("en;q=0.5, de", ["de", "en"]),  # quality, not position, ranks
    ("fr, de;q=0.8, en;q=0.8", ["fr", "de", "en"]),  # ties keep the header's order
    ("de;q=0, en", ["en"]),  # q=0: not acceptable
    ("de;q=1.5, en;q=abc, fr;q=0.3", ["fr"]),  # malformed qualities drop their entry
    ("*;q=0.1, DE-at", ["de-at", "*"]),
    ("", []),
    (None, []),
    ("en-, ,;q=0.5, de_DE", []),  # not language ranges at all
])
def test_accept_language_is_ranked_by_quality(header, ranked):
    assert preferred(header) == ranked


@pytest.mark.parametrize(("header", "language"), [
    ("de-DE,de;q=0.9,en;q=0.8", "de"),
    ("de-CH", "de"),  # a region falls back to its language
    ("en-GB,de;q=0.9", "en"),
    ("fr-FR, de;q=0.7, en;q=0.9", "en"),
    ("fr-FR, de;q=0.7", "de"),
    ("fr, it", None),  # nothing we have: the caller's default
    ("*", "en"),
    ("en;q=0, *", "de"),  # anything but English
])
def test_the_best_language_we_have(header, language):
    assert from_header(header) == language


@pytest.mark.parametrize(("cookie", "setting", "header", "language"), [
    (None, None, "de-DE,de;q=0.9", "de"),
    (None, None, "fr", "en"),
    (None, "de", "en-US", "de"),  # the setting overrides the browser
    ("en", "de", "de", "en"),  # the reader's own choice overrides both
    ("xx", "de", "en", "de"),  # a forged cookie counts for nothing
    (None, None, None, "en"),
])
def test_choose(cookie, setting, header, language):
    assert choose(cookie, setting, header) == language


def test_emma_support_language_is_read_and_checked(tmp_path):
    settings = Settings.from_env({"EMMA_SUPPORT_LANGUAGE": "DE"}, home=tmp_path)
    assert settings.support_language == "de" and SupportConfig.from_settings(settings).language == "de"
    assert Settings.from_env({}, home=tmp_path).support_language is None
    with pytest.raises(SettingsError) as err:
        Settings.from_env({"EMMA_SUPPORT_LANGUAGE": "fr"}, home=tmp_path)
    assert err.value.code == "bad_support_language"


@pytest.mark.parametrize(("language", "when", "euros", "percent", "number", "day"), [
    ("en", "Jan 31, 2025, 14:05", "€1,234.50", "12.5%", "1,234.57", "Jan 31"),
    ("de", "31.01.2025, 14:05", "1.234,50\xa0€", "12,5\xa0%", "1.234,57", "31. Jan."),
])
def test_dates_and_numbers_per_locale(language, when, euros, percent, number, day):
    f = Formats.of(language)
    assert f.when("2025-01-31T14:05:09.123+00:00") == when
    assert f.when("2025-01-31T15:05:00+01:00") == when  # shown in UTC, as the audit log says
    assert f.euros(1234.5) == euros and f.percent(0.125) == percent and f.number(1234.5678, 2) == number
    assert f.day("2025-01-31") == day
    assert f.percent(None) == f.euros(None) == f.number(None) == "–" and f.when("not a date") == "not a date"


def test_a_message_is_english_and_keeps_its_template():
    message = Message("Ticket %(ticket)s is already %(status)s.", ticket="T1", status=Message("claimed"))
    assert message == "Ticket T1 is already claimed." and message.template.startswith("Ticket %(ticket)s")
    german = {"Ticket %(ticket)s is already %(status)s.": "Ticket %(ticket)s ist schon %(status)s.",
              "claimed": "übernommen"}
    assert message.translated(lambda s: german.get(s, s)) == "Ticket T1 ist schon übernommen."
    assert Message("No such turn.").translated(lambda s: s) == "No such turn."
