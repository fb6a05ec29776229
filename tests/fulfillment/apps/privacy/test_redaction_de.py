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
    ("die prüfziffer ist drei vier fünf", ("cvv",), "die prüfziffer ist [security code]"),
    ("meine kartennummer ist vier eins eins eins, eins eins eins eins, eins eins eins eins, eins eins eins eins",
     ("card",), "meine kartennummer ist card ending 1111"),
    ("meine IBAN lautet DE89-3704-0044-0532-0130-00", ("iban",), "meine IBAN lautet [iban]"),
    ("AT61 1904 3002 3457 3201 bitte", ("iban",), "[iban] bitte"),
    ("meine nummer ist 0049 30 12345678", ("phone",), "meine nummer ist [phone]"),
    ("+49 (0)30 1234567", ("phone",), "[phone]"),
    ("handy 0171/1234567", ("phone",), "handy [phone]"),
    ("plus neunundvierzig eins sieben eins eins zwei drei vier fünf sechs sieben", ("phone",), "[phone]"),
    ("null eins sieben eins doppel drei vier fünf sechs sieben acht", ("phone",), "[phone]"),
    # Speech recognition splits pairs: "neun und vierzig"; the country code must not stay behind.
    ("meine nummer plus neun und vierzig eins sieben eins eins zwei drei vier fünf sechs sieben", ("phone",),
     "meine nummer [phone]"),
    ("null eins sieben eins, zwölf vier und dreißig sechs und fünfzig", ("phone",), "[phone]"),
    # Spoken e-mail addresses the German way: "punkt" for the dot, "ät" for @, "unterstrich" for _.
    ("meine email ist max punkt mustermann at gmx punkt de", ("email",), "meine email ist [email]"),
    ("max punkt mustermann ät web punkt de", ("email",), "[email]"),
    ("schreib mir an jürgen punkt müller ät t-online punkt de", ("email",), "schreib mir an [email]"),
    ("meine adresse ist lena unterstrich schmidt at posteo punkt de", ("email",), "meine adresse ist [email]"),
    ("schreib an info at emma-shop punkt de bitte", ("email",), "schreib an [email] bitte"),
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
    "ich schaue gerade bei zalando punkt de",  # a shop's web address, not someone's e-mail
    "das kostet 1.299,00 euro",
    "am 03.12.2025 bestellt",
    "kosten 19,99 € inkl. mwst",
    "ich nehme 3 × 250 g",
    "plz 80331 münchen",
    "größe zwei und zwanzig bitte",
    "ich nehme zwei und drei",
])
def test_german_shop_language_stays(said):
    assert redact(said).found == () and redact(said).text == said
