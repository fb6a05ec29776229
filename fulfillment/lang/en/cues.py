"""Short answers Emma understands even while the NLU service restarts (intent → phrases)."""

WITHOUT_NLU: dict[str, tuple[str, ...]] = {
    "affirm": ("yes", "yeah", "yep", "yes please", "sure", "ok", "okay", "correct", "that's right", "do it",
               "go ahead", "please do"),
    "deny": ("no", "nope", "no thanks", "no thank you", "don't", "cancel", "stop", "not now"),
    "repeat": ("repeat", "say that again", "again", "pardon", "come again", "what did you say", "sorry what"),
    "more": ("more", "next", "show me more", "more please", "what else", "any more", "next one", "the next ones"),
}
