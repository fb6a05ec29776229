from dataclasses import replace

import pytest

from fulfillment.lang import DEFAULT
from speech.normalize import normalize_for_speech
from speech.sentences import split_sentences

CASES = [
    # prices
    ("€24.90", "24 euros 90"),
    ("€5", "5 euros"),
    ("€1", "1 euro"),
    ("24.90 euros", "24 euros 90"),
    ("€1,299.00", "1299 euros"),
    ("It is 24,90 € in total.", "It is 24 euros 90 in total."),
    ("€0.99", "99 cents"),
    ("$3.50", "3 dollars 50"),
    ("€5/kg", "5 euros per kilogram"),
    ("It costs €12,499.", "It costs 12499 euros."),
    # quantities and units
    ("250 g", "250 grams"),
    ("1 kg", "1 kilogram"),
    ("1.5 kg of apples", "1.5 kilograms of apples"),
    ("2x", "2 times"),
    ("2 x 250 g", "2 times 250 grams"),
    ("30 h", "30 hours"),
    ("3L", "3 liters"),
    ("500 ml", "500 milliliters"),
    ("100 km/h", "100 kilometers per hour"),
    ("a 20 GB card", "a 20 gigabytes card"),
    ("the 1990s", "the 1990s"),
    # order ids
    ("order K7M3PX", "order K 7 M 3 P X"),
    ("Your order K7M3PX costs €24.90.", "Your order K 7 M 3 P X costs 24 euros 90."),
    ("order #AB12CD", "order number A B 1 2 C D"),
    ("ABC12345", "A B C 1 2 3 4 5"),
    ("12345 items", "12345 items"),
    ("a USB3 cable", "a USB3 cable"),
    ("ABCDEF", "ABCDEF"),
    ("K7M3PXQRS", "K7M3PXQRS"),
    # abbreviations and symbols
    ("approx. 5 kg", "approximately 5 kilograms"),
    ("e.g. milk", "for example milk"),
    ("Approx. 2 h", "Approximately 2 hours"),
    ("i.e. today", "that is today"),
    ("Order no. 12", "Order number 12"),
    ("I said no.", "I said no."),
    ("12 Baker St.", "12 Baker Street."),
    ("12 Baker St. in London", "12 Baker Street in London"),
    ("Tom & Jerry", "Tom and Jerry"),
    ("20% off", "20 percent off"),
    ("  two   spaces  ", "two spaces"),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_normalize_for_speech(written: str, spoken: str) -> None:
    assert normalize_for_speech(written) == spoken


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One. Two!", ["One.", "Two!"]),
        ("It costs €24.90. Anything else?", ["It costs €24.90.", "Anything else?"]),
        ("Approx. 5 kg, e.g. rice. Done.", ["Approx. 5 kg, e.g. rice.", "Done."]),
        ("Ship to 12 Baker St. London. Ok?", ["Ship to 12 Baker St. London.", "Ok?"]),
        (
            "Order no. 5 is ready. I said no. Fine.",
            ["Order no. 5 is ready.", "I said no.", "Fine."],
        ),
        ("Ask J. Smith. Now", ["Ask J. Smith.", "Now"]),
        ("Line one\nLine two", ["Line one", "Line two"]),
        ("Really?! Yes…", ["Really?!", "Yes…"]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


# Another language's words through the same rules: what a German pack would supply.
GERMAN_LIKE = replace(
    DEFAULT.tts,
    currencies={"€": ("Euro", "Euro", "Cent", "Cent")}, signs_before=("€",), written_after=("€",),
    units={"kg": ("Kilogramm", "Kilogramm")}, abbreviations={"z.B.": "zum Beispiel"},
    number_abbreviation="Nr.", number_word="Nummer", and_word="und", percent_word="Prozent", per_word="pro",
)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("€24.90", "24 Euro 90"),
        ("24,90 €", "24 Euro 90"),
        ("€5/kg", "5 Euro pro Kilogramm"),
        ("20% & mehr", "20 Prozent und mehr"),
        ("z.B. Reis", "zum Beispiel Reis"),
        ("Bestellung Nr. 12", "Bestellung Nummer 12"),
        ("$3.50", "$3.50"),  # not one of this language's currencies
    ],
)
def test_normalize_reads_with_the_rules_it_is_given(written: str, spoken: str) -> None:
    assert normalize_for_speech(written, GERMAN_LIKE) == spoken


def test_split_sentences_knows_the_abbreviations_of_its_rules() -> None:
    text = "Zum Beispiel z.B. Reis. Fertig."
    assert split_sentences(text, GERMAN_LIKE) == ["Zum Beispiel z.B. Reis.", "Fertig."]
    assert split_sentences(text) == ["Zum Beispiel z.B.", "Reis.", "Fertig."]
