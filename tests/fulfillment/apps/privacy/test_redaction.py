"""Redaction table: what shoppers type or what ASR hears, what agents see (`text`), what supervisors see (`raw`)."""

from __future__ import annotations

import pytest

from fulfillment.domain.privacy.redaction import Redacted, redact, redact_entities, redact_result

SAME = None
"""`raw` keeps the original text (only cards and security codes are removed from it)."""

CASES = [
    # --- card numbers, written ---
    ("my card number is 4111 1111 1111 1111", "my card number is card ending 1111",
     "my card number is card ending 1111"),
    ("4111-1111-1111-1111 please", "card ending 1111 please", "card ending 1111 please"),
    ("it's 5500000000000004", "it's card ending 0004", "it's card ending 0004"),
    ("amex 3782 822463 10005", "amex card ending 0005", "amex card ending 0005"),
    ("my visa is 4000 1234 5678 9011", "my visa is card ending 9011", "my visa is card ending 9011"),  # no Luhn
    # --- card numbers, spoken ---
    ("my card is four one one one one one one one one one one one one one one one",
     "my card is card ending 1111", "my card is card ending 1111"),
    ("it's four double one one, one one one one, one one one one, one one one one",
     "it's card ending 1111", "it's card ending 1111"),
    ("five five oh oh oh oh oh oh oh oh oh oh oh oh oh four", "card ending 0004", "card ending 0004"),
    ("the number is triple four four one two three four five six seven eight nine oh one two",
     "the number is card ending 9012", "the number is card ending 9012"),
    ("card number 4111 1111 one one one one 1111", "card number card ending 1111", "card number card ending 1111"),
    # --- security codes: never kept ---
    ("the security code is 123", "the security code is [security code]", "the security code is [security code]"),
    ("security code is one two three", "security code is [security code]", "security code is [security code]"),
    ("CVV: 987", "CVV: [security code]", "CVV: [security code]"),
    ("cvc four four five one", "cvc [security code]", "cvc [security code]"),
    ("card verification code is nine eight seven", "card verification code is [security code]",
     "card verification code is [security code]"),
    ("4111 1111 1111 1111 cvv 321", "card ending 1111 cvv [security code]", "card ending 1111 cvv [security code]"),
    # --- e-mail addresses ---
    ("my email is john.smith@gmail.com", "my email is [email]", SAME),
    ("my email is john dot smith at gmail dot com", "my email is [email]", SAME),
    ("send it to j o h n at web dot de", "send it to [email]", SAME),
    ("my email address is anna at example dot org thanks", "my email address is [email] thanks", SAME),
    ("anna underscore k at posteo dot de", "[email]", SAME),
    ("Mail me: Anna.Schmidt@Example.co.uk.", "Mail me: [email].", SAME),
    ("it's anna-lena@t-online.de or jan.kowalski@firma.pl", "it's [email] or [email]", SAME),
    # --- phone numbers ---
    ("call me on +49 30 1234567", "call me on [phone]", SAME),
    ("my phone is 030 1234567", "my phone is [phone]", SAME),
    ("(030) 123 4567 is my landline", "[phone] is my landline", SAME),
    ("0176-12345678", "[phone]", SAME),
    ("my mobile is oh one seven six double two three four five six seven", "my mobile is [phone]", SAME),
    ("plus four nine one seven six one two three four five six seven eight", "[phone]", SAME),
    ("ring me at five five five one two three four", "ring me at [phone]", SAME),
    # --- IBANs ---
    ("IBAN DE89 3704 0044 0532 0130 00 please", "IBAN [iban] please", SAME),
    ("refund to de89370400440532013000", "refund to [iban]", SAME),
    ("GB29 NWBK 6016 1331 9268 19", "[iban]", SAME),
    ("my iban is d e eight nine three seven oh four oh oh four four oh five three two oh one three oh oh oh",
     "my iban is [iban]", SAME),
    ("DE 89 3704 0044 0532 0130 00", "[iban]", SAME),
    # --- mixed ---
    ("card 4111111111111111, email me at a.b@c.de", "card card ending 1111, email me at [email]",
     "card card ending 1111, email me at a.b@c.de"),
]

UNCHANGED = [
    "where is my order K7M3PX",
    "order K 7 M 3 P X",
    "cancel order 479367",
    "the jacket costs 149.95 euros",
    "it costs 1,299.00 euros",
    "anything under 12999.00 euros",
    "size 43 please",
    "two pairs in size forty three",
    "do you have sizes 42 43 44 45",
    "I'd like two, one in red and one in blue",
    "oh one more thing, I want two",
    "buy one plus one",
    "my PIN is 1234",
    "one one two",
    "I ordered on 2024-05-01",
    "deliver on 01/05/2024",
    "I'm looking at nike dot com",
    "the card ending 1111",
    "the black running shoes at 89 euros",
    "add three of SKU NK-AIR-43",
    "return the second item from order 7HX4KM",
    "double four",
    "I'll be at home after 6",
]


@pytest.mark.parametrize(("said", "text", "raw"), CASES)
def test_redacts(said: str, text: str, raw: str | None) -> None:
    redacted = redact(said)
    assert redacted.text == text
    assert redacted.raw == (said if raw is SAME else raw)
    assert redacted.found


@pytest.mark.parametrize("said", UNCHANGED)
def test_leaves_shop_language_alone(said: str) -> None:
    assert redact(said) == Redacted(said, said, ())


def test_table_is_big_enough() -> None:
    assert len(CASES) + len(UNCHANGED) >= 30
    assert len(CASES) >= 30


def test_found_lists_kinds_in_reading_order() -> None:
    said = "call 030 1234567, card 4111 1111 1111 1111, cvv 123, mail a@b.de, iban DE89370400440532013000"
    assert redact(said).found == ("phone", "card", "cvv", "email", "iban")


def test_card_data_never_survives_in_raw() -> None:
    for said in ("4111111111111111", "four one one one one one one one one one one one one one one one"):
        assert "1111111" not in redact(said).raw
        assert "one one one one one" not in redact(said).raw


def test_redaction_is_idempotent() -> None:
    for said, _, _ in CASES:
        once = redact(said).text
        assert redact(once).text == once


def test_entities_and_result_keep_their_shape() -> None:
    entities = [{"entity": "number", "value": 4111111111111111}, {"entity": "size", "value": 43},
                {"entity": "email", "value": "x@y.de"}, {"entity": "flag", "value": True}]
    assert redact_entities(entities) == [
        {"entity": "number", "value": "card ending 1111"}, {"entity": "size", "value": 43},
        {"entity": "email", "value": "[email]"}, {"entity": "flag", "value": True},
    ]
    result = {"transcript": "my email is x@y.de", "reply": "Sent to x@y.de.", "entities": entities[:1],
              "intent": {"name": "inform", "confidence": 0.9}, "data": {}}
    cleaned = redact_result(result)
    assert cleaned.keys() == result.keys()
    assert cleaned["transcript"] == "my email is [email]"
    assert cleaned["reply"] == "Sent to [email]."
    assert cleaned["entities"] == [{"entity": "number", "value": "card ending 1111"}]
    assert result["transcript"] == "my email is x@y.de"  # the input is not changed
