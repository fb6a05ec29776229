"""Word error rate: word-level Levenshtein distance over the reference length."""

from __future__ import annotations

import re

_NUMBERS = (  # noqa: SIM905 - one line reads better than 21
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()


def normalize_words(text: str) -> list[str]:
    """Lowercase words without punctuation; hyphens split words, digits 0–20 become words.

    So "Soft-shell", "2" and "Two." compare equal to "soft shell", "two" and "two".
    """
    spaced = re.sub(r"[^\w\s']|_", " ", text.lower().replace("-", " "))
    return [_NUMBERS[int(w)] if w.isdigit() and int(w) <= 20 else w for w in spaced.split()]


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(substitutions + deletions + insertions, reference word count)."""
    ref, hyp = normalize_words(reference), normalize_words(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, ref_word in enumerate(ref, start=1):
        current = [i]
        for j, hyp_word in enumerate(hyp, start=1):
            current.append(
                min(
                    previous[j] + 1,  # deletion
                    current[j - 1] + 1,  # insertion
                    previous[j - 1] + (ref_word != hyp_word),  # substitution or match
                )
            )
        previous = current
    return previous[-1], len(ref)


def wer(pairs: list[tuple[str, str]]) -> float:
    """Corpus WER over (reference, hypothesis) pairs: total errors / total reference words."""
    errors = words = 0
    for reference, hypothesis in pairs:
        e, n = word_errors(reference, hypothesis)
        errors, words = errors + e, words + n
    return errors / words if words else 0.0
