"""Understanding the few answers that need no NLU model: yes, no, repeat, more.

While the NLU service restarts (about 40 s), a shopper in the middle of a checkout can still say
"yes"; everything else waits for the service.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from nlu.parser import Entity, NluResult

_PUNCTUATION = re.compile(r"[^\w\s']+")


def understand_without_nlu(text: str, cues: Mapping[str, Sequence[str]]) -> NluResult | None:
    """The intent of an utterance that is exactly one of the cue phrases, else None."""
    said = " ".join(_PUNCTUATION.sub(" ", text.lower()).split())
    for intent, phrases in cues.items():
        if said in phrases:
            if intent == "more":  # "more" pages the listing: the NLU says select_option + ordinal next
                return NluResult(text, "select_option", 1.0, (Entity("ordinal", "next", said),))
            return NluResult(text, intent, 1.0)
    return None
