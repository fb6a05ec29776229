"""Cutting replies for streaming: text arriving in pieces, and a long first sentence split at a clause."""

from __future__ import annotations

import pytest

from speech.sentences import SentenceBuffer, split_clauses, split_first_clause


def test_pieces_become_sentences_once_they_are_whole() -> None:
    buffer = SentenceBuffer()
    said = [buffer.add(piece) for piece in
            ["Hello there", ". The rain jacket costs €24", ".90 and Dr", ". Who sees it? ", "Fine", " thanks."]]
    assert said == [[], ["Hello there."], [], [], ["The rain jacket costs €24.90 and Dr. Who sees it?"], []]
    assert buffer.finish() == ["Fine thanks."]
    assert buffer.finish() == []


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        ("I found three rain jackets: the Aigle one for eighty nine euros, and two more.",
         ["I found three rain jackets:", "the Aigle one for eighty nine euros, and two more."]),
        ("Yes, sure.", ["Yes, sure."]),
        ("The price is 1,299 euros for this espresso machine today.",
         ["The price is 1,299 euros for this espresso machine today."]),
        ("Okay, I have added two of them to your cart now.", ["Okay, I have added two of them to your cart now."]),
    ],
    ids=["colon", "short", "thousands-comma", "short-head"],
)
def test_a_long_first_sentence_is_split_at_its_first_clause(sentence: str, parts: list[str]) -> None:
    assert split_first_clause(sentence) == parts


def test_every_clause_with_room_on_both_sides_is_cut() -> None:
    listing = "I found three: the Aigle one for eighty nine euros, the Patagonia one for a hundred, and the cheap one."
    assert split_clauses(listing) == ["I found three: the Aigle one for eighty nine euros,",
                                      "the Patagonia one for a hundred,", "and the cheap one."]
    assert split_clauses("Yes, sure.") == ["Yes, sure."]
