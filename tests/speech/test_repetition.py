"""Whisper's repetition loops are cut back to what a person could have said."""

from __future__ import annotations

import pytest

from speech.repetition import collapse_loops, fit_transcript, max_chars, max_new_tokens
from speech.transcriber import Transcript

GREETING_LOOP = "Hello there Emma, " + "hello, " * 120 + "hello."


@pytest.mark.parametrize(
    ("text", "expected", "looped"),
    [
        ("do you have rain jackets", "do you have rain jackets", False),
        ("yes yes", "yes yes", False),
        ("bye bye", "bye bye", False),
        ("add two in medium", "add two in medium", False),
        ("10000 steps", "10000 steps", False),
        ("no no no no", "no", True),
        ("Hello, hello, hello, hello.", "hello.", True),
        ("the second one the second one the second one", "the second one", True),
        ("I want I want I want to check out", "I want to check out", True),
        ("show me " + "the blue one, " * 30 + "please", "show me the blue one, please", True),
        ("hahahahahahahahahahaha", "ha", True),
    ],
    ids=["plain", "yes-twice", "bye-bye", "numbers-word", "digits", "word-loop", "punctuated-loop",
         "phrase-loop", "stutter-loop", "loop-mid-sentence", "char-loop"],
)
def test_loops_collapse_to_one_copy(text: str, expected: str, looped: bool) -> None:
    collapsed = collapse_loops(text)
    assert collapsed.text == expected
    assert collapsed.looped is looped


def test_a_long_loop_is_capped_by_the_duration() -> None:
    drift = " ".join(f"word{i}" for i in range(200))  # no repeats: only the duration can cap it
    collapsed = collapse_loops(drift, duration_s=4.0)
    assert len(collapsed.text) <= max_chars(4.0) and collapsed.looped
    assert collapsed.text.startswith("word0 word1") and not collapsed.text.endswith(" ")


def test_the_duration_cap_leaves_real_speech_alone() -> None:
    said = "could you add the blue rain jacket in medium to my cart please"  # 62 chars in about 3 s
    assert collapse_loops(said, duration_s=3.0).text == said
    assert collapse_loops("add the blue rain jacket", duration_s=1.0).looped is False


@pytest.mark.parametrize(("seconds", "ceiling", "expected"), [(0.0, 200, 12), (4.0, 200, 52), (30.0, 200, 200)])
def test_decoding_steps_grow_with_the_clip_and_stop_at_the_ceiling(seconds: float, ceiling: int, expected: int) -> None:
    assert max_new_tokens(seconds, ceiling) == expected


def heard(text: str, seconds: float = 4.0) -> Transcript:
    return Transcript(text, "en", -0.3, 0.02, seconds, True)


def test_a_looping_greeting_fits_the_conversation_limit() -> None:
    fitted = fit_transcript(heard(GREETING_LOOP), max_text_chars=500)
    assert fitted.heard_speech
    assert fitted.text == "Hello there Emma, hello."
    assert len(GREETING_LOOP) > 500


def test_text_is_cut_to_the_conversation_limit_at_a_word() -> None:
    said = " ".join(f"w{i}" for i in range(400))
    fitted = fit_transcript(heard(said, seconds=30.0), max_text_chars=100)
    assert 90 <= len(fitted.text) <= 100 and said.startswith(fitted.text)


def test_a_loop_of_punctuation_is_a_hallucination() -> None:
    fitted = fit_transcript(heard("- - - - - - - -"))
    assert not fitted.heard_speech and fitted.rejected_by == "hallucination" and fitted.text == ""


def test_untouched_and_silent_transcripts_are_returned_as_they_are() -> None:
    plain = heard("where is my order")
    assert fit_transcript(plain, 500) is plain
    silent = Transcript.silence(3.0, "en", "vad")
    assert fit_transcript(silent, 500) is silent


def test_the_runners_up_are_fitted_too() -> None:
    transcript = Transcript("hello there emma", "en", -0.3, 0.02, 4.0, True,
                            alternatives=(GREETING_LOOP, "- - - -", "hello there emma."))
    fitted = fit_transcript(transcript, max_text_chars=500)
    assert fitted.alternatives == ("Hello there Emma, hello.", "hello there emma.")
