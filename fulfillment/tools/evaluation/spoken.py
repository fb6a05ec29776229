"""Reading a spoken reply: which products it names, which numbers and prices it says, yes or no.

Matching is lenient about form (case, accents, hyphens, "€149.95" or "149 euros 95", "the Torrentshell 3L"
for the Torrentshell 3L Rain Jacket) and strict about content.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from fulfillment.domain.models import Product
from fulfillment.tools.evaluation.languages import ENGLISH, current

NUMBER_WORDS = list(ENGLISH.number_words)
# A title's own words without its product type that are too common to name a product on their own.
_GENERIC_CORES = frozenset("original classic pro standard mini light the essentials series pocket".split())
def norm(text: str) -> str:
    """Lowercase words without accents or punctuation, single-spaced: the form names are compared in."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("ß", "ss").replace("’", "'").replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9.]+|(?<!\d)\.|\.(?!\d)", " ", text).split())


def has_phrase(text: str, phrase: str) -> bool:
    """Whether `phrase` occurs in `text` as whole words (both normalized here)."""
    phrase = norm(phrase)
    return bool(phrase) and f" {phrase} " in f" {norm(text)} "


def phrase_at(text: str, phrase: str) -> int:
    """Where `phrase` first occurs in normalized `text` as whole words, or -1."""
    phrase = norm(phrase)
    return f" {norm(text)} ".find(f" {phrase} ") if phrase else -1


def product_names(p: Product) -> list[str]:
    """How a reply may name a product: its title, or the title's own words without the product type
    ("Torrentshell 3L"), alone when distinctive, else after the brand."""
    title = norm(p.title)
    kind = norm(p.type)
    core = title[: -len(kind)].strip() if kind and title.endswith(kind) else title
    names = [title, f"{norm(p.brand)} {title}"]
    if core and core != title:
        names.append(f"{norm(p.brand)} {core}")
        if core not in _GENERIC_CORES and not core.isdigit():
            names.append(core)
    return names


def spoken_names(p: Product) -> list[str]:
    """The names of a product as written in a reply: its title, and its own words without the product type
    when they are distinctive ("Hubba Hubba 2" for the Hubba Hubba 2 Tent)."""
    title = " ".join(p.title.split())
    kind = p.type.strip()
    core = title[: -len(kind)].strip() if kind and title.lower().endswith(kind.lower()) else ""
    distinctive = core and core.lower() not in _GENERIC_CORES and not core.isdigit()
    return [title, core] if distinctive else [title]


def product_at(text: str, p: Product) -> int:
    """Where the reply first names `p`, or -1."""
    spots = [i for name in product_names(p) if (i := phrase_at(text, name)) >= 0]
    return min(spots, default=-1)


def names(text: str, p: Product) -> bool:
    return product_at(text, p) >= 0


def only_named(text: str, candidates: Sequence[Product]) -> Product | None:
    """The one candidate a reply names, if it names exactly one."""
    named = [p for p in candidates if names(text, p)]
    return named[0] if len(named) == 1 else None


def says_number(text: str, value: int) -> bool:
    spoken = current().number_words
    words = [str(value)] + ([spoken[value]] if 0 <= value < len(spoken) else [])
    return any(re.search(rf"(?<![\w.,]){w}(?!\w|[.,]\d)", text.lower()) for w in words)


def price_patterns(cents: int) -> list[str]:
    """Ways a price may be said: €149.95, 149,95, 149 euros 95, 149 euros and 95 cents; whole euros alone."""
    whole, rest = divmod(cents, 100)
    if rest == 0:
        return [rf"(?<![\d.,]){whole}(?![\d]|[.,]\d)"]
    currency = current().currency
    return [rf"(?<![\d.,]){whole}[.,]{rest:02d}(?!\d)", rf"(?<![\d.,]){whole} {currency},? (and |und )?{rest}\b"]


def says_price(text: str, cents: int) -> bool:
    return any(re.search(pattern, text.lower()) for pattern in price_patterns(cents))


def says_amount(text: str, amount: float) -> bool:
    """A fact's number (a price in euros, a count of days): as digits, a price, or a number word."""
    cents = round(amount * 100)
    if cents % 100 == 0 and says_number(text, cents // 100):
        return True
    return says_price(text, cents)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]


def first_sentence(text: str) -> str:
    found = sentences(text)
    return found[0] if found else ""


def clauses(text: str) -> list[str]:
    return [c.strip() for c in current().clause_break.split(text) if c and c.strip()]


def designated(text: str, candidates: Sequence[Product], cues: Iterable[str]) -> Product | None:
    """The candidate a reply gives as its answer: in the first clause holding a cue ("cheaper", "lighter"),
    the product named last before the cue, else the first named after it ("The X is lighter than the Y",
    "so the Y is cheaper", "the lightest is the X"). Cue words inside product names do not count."""
    names = sorted(((norm(n), i) for i, p in enumerate(candidates) for n in product_names(p)),
                   key=lambda pair: len(pair[0]), reverse=True)
    wanted = [norm(c) for c in cues if norm(c)]
    for clause in clauses(text):
        masked = f" {norm(clause)} "
        for name, i in names:
            masked = masked.replace(f" {name} ", f" zzproduct{i}zz ")
        spots = [i for cue in wanted if (i := masked.find(f" {cue} ")) >= 0]
        named = [(m.start(), int(m.group(1))) for m in re.finditer(r" zzproduct(\d+)zz ", masked)]
        if not spots or not named:
            continue
        cue_at = min(spots)
        before = [n for at, n in named if at < cue_at]
        return candidates[before[-1] if before else named[0][1]]
    return None


def yes_or_no(text: str, topic: Iterable[str] = (), negatives: Iterable[str] = ()) -> str | None:
    """'yes', 'no' or None (a question back, or no answer) from the sentence that answers: the first one
    about `topic` when given, else the first one. Without `topic` in it, only a direct answer ("Yes, ...",
    "It doesn't ...") counts."""
    language = current()
    if language.non_answer.search(text.lower().replace("’", "'")):
        return None
    topic = [t for t in topic if t]
    found = sentences(text)
    about = next((s for s in found if any_phrase(s, topic)), None) if topic else None
    sentence = (about or (found[0] if found else "")).lower().replace("’", "'")
    if not sentence or sentence.endswith("?"):
        return None
    if topic and about is None and not language.direct.search(sentence):
        return None
    if language.yes.search(sentence):
        return "yes"
    negated = language.no.search(sentence) or language.negation.search(sentence)
    if negated or any(has_phrase(sentence, w) for w in negatives):
        return "no"
    return "yes"


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def says_phone(text: str, phone: str) -> bool:
    """A phone number in international (+49 89 ...) or national (089 ...) form, spaced any way."""
    said, wanted = digits(text), digits(phone)
    national = "0" + wanted[2:] if phone.strip().startswith("+49") else wanted
    return wanted in said or national in said


def says_time(text: str, clock: str) -> bool:
    """'18:00' said as 18:00, 18, 6 pm or six."""
    hour = int(clock.split(":")[0])
    minute = clock.split(":")[1] if ":" in clock else "00"
    twelve = hour - 12 if hour > 12 else hour
    forms = {f"{hour}:{minute}", f"{hour}.{minute}", f"{twelve}:{minute}", f"{twelve} ?[ap]\\.?m", str(hour)}
    if minute == "00":
        forms |= {str(twelve), current().number_words[twelve]}
    if current().clock:
        forms |= {f"{hour} {current().clock}", f"{hour}.{minute} {current().clock}"}
    return any(re.search(rf"(?<![\d:.]){form}(?![\d]|[:.]\d)", text.lower()) for form in forms)


def any_phrase(text: str, phrases: Iterable[str]) -> bool:
    return any(has_phrase(text, p) for p in phrases)
