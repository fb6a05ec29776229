"""Reading a spoken reply: which products it names, which numbers and prices it says, yes or no.

Matching is lenient about form (case, accents, hyphens, "€149.95" or "149 euros 95", "the Torrentshell 3L"
for the Torrentshell 3L Rain Jacket) and strict about content.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from fulfillment.domain.models import Product

NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
).split()
# A title's own words without its product type that are too common to name a product on their own.
_GENERIC_CORES = frozenset("original classic pro standard mini light the essentials series pocket".split())
_YES = re.compile(r"^(yes|yeah|yep|sure|of course|absolutely|indeed|certainly|good news)\b")
_NO = re.compile(r"^(no|nope|sorry|unfortunately)\b")
_NEGATION = re.compile(r"\b(no|not|never|none|neither|nor|without|cannot)\b|n't\b")
# Replies that answer nothing: they must count as neither yes nor no.
_NON_ANSWER = re.compile(
    r"\b(don't know|not sure|don't have that information|didn't (quite )?catch|which (product|one) do you mean"
    r"|what do you mean|can only help|haven't shown you|ask me for something)\b"
)


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
    if not phrase:
        return -1
    found = f" {norm(text)} ".find(f" {phrase} ")
    return found


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


def product_at(text: str, p: Product) -> int:
    """Where the reply first names `p`, or -1."""
    spots = [i for name in product_names(p) if (i := phrase_at(text, name)) >= 0]
    return min(spots, default=-1)


def names(text: str, p: Product) -> bool:
    return product_at(text, p) >= 0


def first_named(text: str, candidates: Sequence[Product]) -> Product | None:
    """The candidate the reply names first (the one an answer like "The X is lighter than the Y" is about)."""
    spots = sorted((i, n) for n, p in enumerate(candidates) if (i := product_at(text, p)) >= 0)
    return candidates[spots[0][1]] if spots else None


def says_number(text: str, value: int) -> bool:
    words = [str(value)] + ([NUMBER_WORDS[value]] if 0 <= value < len(NUMBER_WORDS) else [])
    return any(re.search(rf"(?<![\w.,]){w}(?!\w|[.,]\d)", text.lower()) for w in words)


def price_patterns(cents: int) -> list[str]:
    """Ways a price may be said: €149.95, 149,95, 149 euros 95, 149 euros and 95 cents; whole euros alone."""
    whole, rest = divmod(cents, 100)
    if rest == 0:
        return [rf"(?<![\d.,]){whole}(?![\d]|[.,]\d)"]
    return [rf"(?<![\d.,]){whole}[.,]{rest:02d}(?!\d)", rf"(?<![\d.,]){whole} euros?,? (and )?{rest}\b"]


def says_price(text: str, cents: int) -> bool:
    return any(re.search(pattern, text.lower()) for pattern in price_patterns(cents))


def says_amount(text: str, amount: float) -> bool:
    """A fact's number (a price in euros, a count of days): as digits, a price, or a number word."""
    cents = round(amount * 100)
    if cents % 100 == 0 and says_number(text, cents // 100):
        return True
    return says_price(text, cents)


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text.strip())
    return (match.group(1) if match else text).strip()


def yes_or_no(text: str) -> str | None:
    """'yes', 'no' or None (a question back, or no answer) from the first sentence of a reply."""
    first = first_sentence(text).lower().replace("’", "'")
    if not first or first.endswith("?") or _NON_ANSWER.search(text.lower().replace("’", "'")):
        return None
    if _YES.search(first):
        return "yes"
    if _NO.search(first) or _NEGATION.search(first):
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
        forms |= {str(twelve), NUMBER_WORDS[twelve]}
    return any(re.search(rf"(?<![\d:.]){form}(?![\d]|[:.]\d)", text.lower()) for form in forms)


def any_phrase(text: str, phrases: Iterable[str]) -> bool:
    return any(has_phrase(text, p) for p in phrases)
