"""Redaction knows German formats: IBANs, German phone numbers, card numbers read out in German."""

from __future__ import annotations

import pytest

from fulfillment.domain.privacy.redaction import redact


@pytest.mark.parametrize(("said", "kinds", "kept"), [
    ("meine iban ist DE89 3704 0044 0532 0130 00 bitte", ("iban",), "meine iban ist [iban] bitte"),
    ("iban DE89370400440532013000", ("iban",), "iban [iban]"),
    ("meine iban d e acht neun drei sieben null vier null null vier vier null fünf drei zwei null eins drei null "
     "null null", ("iban",), "meine iban [iban]"),
    ("ruf mich unter 0151 23456789 an", ("phone",), "ruf mich unter [phone] an"),
    ("meine nummer ist +49 30 2887 4410", ("phone",), "meine nummer ist [phone]"),
    ("telefon (030) 123 45 67", ("phone",), "telefon [phone]"),
    ("meine handynummer null eins fünf eins zwei drei vier fünf sechs sieben acht", ("phone",),
     "meine handynummer [phone]"),
    ("rufen sie mich an null dreißig zwölf vierunddreißig sechsundfünfzig", ("phone",), "rufen sie mich an [phone]"),
    ("meine kreditkarte vier eins eins eins eins eins eins eins eins eins eins eins eins eins eins eins", ("card",),
     "meine kreditkarte card ending 1111"),
    ("die karte ist 4111 1111 1111 1111", ("card",), "die karte ist card ending 1111"),
    ("der sicherheitscode lautet sieben drei eins", ("cvv",), "der sicherheitscode lautet [security code]"),
])
def test_german_personal_data_is_redacted(said, kinds, kept):
    redacted = redact(said)
    assert redacted.found == kinds and redacted.text == kept


@pytest.mark.parametrize("said", [
    "habt ihr regenjacken in größe acht",
    "zwei paar wandersocken in größe zweiundvierzig bis dreiundvierzig",
    "die jacke kostet neunundvierzig euro neunzig",
    "wo ist meine bestellung K7M3PX",
    "ich brauche schuhe in 42 43 oder 44",
    "der laden in der sendlinger straße 55 in münchen",
])
def test_german_shop_language_stays(said):
    assert redact(said).found == () and redact(said).text == said
