"""Word error rate on small tables."""

from __future__ import annotations

import pytest

from speech.wer import normalize_words, wer, word_errors


@pytest.mark.parametrize(
    ("reference", "hypothesis", "errors", "words"),
    [
        ("do you have rain jackets", "Do you have rain jackets?", 0, 5),
        ("add two pairs", "at 2 pairs", 1, 3),
        ("a b c", "a x c d", 2, 3),
        ("a b c", "", 3, 3),
        ("", "hello", 1, 0),
        ("soft-shell jacket", "soft shell jacket", 0, 3),
    ],
)
def test_word_errors(reference: str, hypothesis: str, errors: int, words: int) -> None:
    assert word_errors(reference, hypothesis) == (errors, words)


def test_corpus_wer_weights_by_reference_words() -> None:
    assert wer([("a b c d", "a b c d"), ("e f", "e x")]) == pytest.approx(1 / 6)
    assert wer([]) == 0.0


def test_normalize_words() -> None:
    assert normalize_words("I'd like 3 Gore-Tex jackets, please!") == [
        "i'd", "like", "three", "gore", "tex", "jackets", "please",
    ]  # fmt: skip
