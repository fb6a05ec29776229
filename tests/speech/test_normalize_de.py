"""German text made speakable: prices however they are written, units with a decimal comma, dates in
figures, times, ranges and abbreviations, as a voice must read them."""

from __future__ import annotations

import pytest

from fulfillment.lang import pack_for
from speech.normalize import normalize_for_speech
from speech.sentences import split_sentences

GERMAN = pack_for("de").tts

CASES = [
    # the examples
    ("z. B. Milch", "zum Beispiel Milch"),
    ("Preis inkl. MwSt.", "Preis inklusive Mehrwertsteuer."),
    ("3 × 250 g", "drei mal zweihundertfünfzig Gramm"),
    ("49,90 €", "neunundvierzig Euro neunzig"),
    # prices written in every way a shop writes them
    ("€ 49,90", "neunundvierzig Euro neunzig"),
    ("€ 1.299,50", "eintausendzweihundertneunundneunzig Euro fünfzig"),
    ("0,99 €", "neunundneunzig Cent"),
    ("Das kostet 3.50 €", "Das kostet drei Euro fünfzig"),
    ("CHF 49.90", "neunundvierzig Franken neunzig"),
    ("49.90 CHF", "neunundvierzig Franken neunzig"),
    ("$ 5", "fünf Dollar"),
    ("5 €/kg", "fünf Euro pro Kilogramm"),
    # units with a decimal comma, and ranges
    ("2,5 kg", "zwei Komma fünf Kilogramm"),
    ("1,5 l Wasser", "eins Komma fünf Liter Wasser"),
    ("12,5 cm breit", "zwölf Komma fünf Zentimeter breit"),
    ("19,5 % Rabatt", "neunzehn Komma fünf Prozent Rabatt"),
    ("10–20 °C", "zehn bis zwanzig Grad Celsius"),
    ("2-3 kg", "zwei bis drei Kilogramm"),
    ("Tel. 030-1234567", "Telefon 030-1234567"),  # a hyphen without a unit is no range
    ("1 bis 2 Tage", "1 bis 2 Tage"),
    # dates and times
    ("am 3. Dezember", "am dritten Dezember"),
    ("Lieferung am Di. 3.12.", "Lieferung am Dienstag, dem dritten Dezember"),
    ("am Montag 3. März", "am Montag, dem dritten März"),
    ("Lieferung bis 24.12.2026", "Lieferung bis zum vierundzwanzigsten Dezember zweitausendsechsundzwanzig"),
    ("vom 1.12. bis 24.12.", "vom ersten Dezember bis zum vierundzwanzigsten Dezember"),
    ("der 3. Dezember", "der dritte Dezember"),
    ("Es ist 14:30 Uhr", "Es ist vierzehn Uhr dreißig"),
    ("um 9:00 Uhr", "um neun Uhr"),
    ("Version 2.0", "Version 2.0"),  # neither a date nor a price
    ("Seite 3.12 lesen", "Seite 3.12 lesen"),
    # abbreviations
    ("Art.-Nr. 12345", "Artikelnummer 12345"),
    ("Fr. Müller", "Frau Müller"),
    ("Fr. 12.12.", "Freitag zwölfte Dezember"),
    ("zzgl. Versand", "zuzüglich Versand"),
    ("ca. 30 min", "circa dreißig Minuten"),
    ("u. a. Jacken", "unter anderem Jacken"),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_german_is_made_speakable(written: str, spoken: str) -> None:
    assert normalize_for_speech(written, GERMAN) == spoken


def test_a_reply_with_everything_at_once() -> None:
    written = "Bestellung K7M3PX: 3 × 250 g Kaffee für 49,90 € inkl. MwSt., Lieferung am Fr. 5.12. ab 9:30 Uhr."
    assert normalize_for_speech(written, GERMAN) == (
        "Bestellung K wie Kaufmann, sieben, M wie Martha, drei, P wie Paula, X wie Xanthippe: drei mal "
        "zweihundertfünfzig Gramm Kaffee für neunundvierzig Euro neunzig inklusive Mehrwertsteuer, Lieferung am "
        "Freitag, dem fünften Dezember ab neun Uhr dreißig."
    )


def test_abbreviations_and_dates_do_not_end_a_sentence() -> None:
    assert split_sentences("Versand z. B. am 3.12. möglich. Danke.", GERMAN) == [
        "Versand z. B. am 3.12. möglich.", "Danke."]


@pytest.mark.parametrize(("text", "sentences"), [
    ("Lieferung am 3. Dezember. Danke.", ["Lieferung am 3. Dezember.", "Danke."]),
    ("Es kommt am 24.12. Schöne Feiertage!", ["Es kommt am 24.12.", "Schöne Feiertage!"]),
    ("Sie bekommen 3. Die andere ist weg.", ["Sie bekommen 3.", "Die andere ist weg."]),
    ("Platz 3.", ["Platz 3."]),
])
def test_a_day_with_its_period_ends_a_sentence_only_before_a_new_one(text: str, sentences: list[str]) -> None:
    assert split_sentences(text, GERMAN) == sentences
