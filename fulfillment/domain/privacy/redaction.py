"""Removes personal data from what shoppers say before it is stored.

`redact(text)` finds card numbers, security codes, IBANs, e-mail addresses and phone numbers, written or spoken
("four one one one ...", "john dot smith at gmail dot com"). Shop language stays: order ids (K7M3PX), prices
(149.95 euros), sizes, quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fulfillment.domain.privacy.numbers import (
    DigitRun,
    Token,
    digit_runs,
    digits_at,
    iban_valid,
    joined,
    luhn_valid,
    tokenize,
)

CARD, CVV, IBAN, EMAIL, PHONE = "card", "cvv", "iban", "email", "phone"
SECRET = frozenset({CARD, CVV})
"""Kinds never stored at all, not even in the raw text supervisors see."""

LABELS = {CVV: "[security code]", IBAN: "[iban]", EMAIL: "[email]", PHONE: "[phone]"}

_CARD_WORDS = frozenset({"card", "credit", "debit", "visa", "mastercard", "amex", "maestro", "expiry", "expires",
                         "karte", "kreditkarte", "kartennummer", "kreditkartennummer", "debitkarte", "girocard",
                         "ec", "gültig", "ablaufdatum"})
_PHONE_WORDS = frozenset({"phone", "mobile", "cell", "telephone", "call", "ring", "whatsapp", "fax", "landline",
                          "telefon", "telefonnummer", "handy", "handynummer", "mobilnummer", "festnetz", "anrufen",
                          "rückruf", "zurückrufen", "erreichbar", "ruf", "rufen"})
_CVV_BEFORE = re.compile(
    r"\b(?:security\s+code|cvv2?|cvc2?|csc|card\s+verification(?:\s+(?:code|value|number))?|"
    r"sicherheitscode|prüfnummer|kartenprüfnummer|prüfziffer)\b"
    r"[\s:,\-]*(?:(?:is|it's|its|it|was|number|code|value|of|my|the|on|back|are|"
    r"ist|lautet|die|der|meine|mein|hinten|auf|von)\b[\s:,\-]*){0,4}$",
    re.IGNORECASE,
)
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}")
_WRITTEN_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ \-]?[A-Za-z0-9]){11,34}")

_TLDS = frozenset({"com", "de", "org", "net", "eu", "io", "co", "uk", "at", "ch", "fr", "nl", "it", "es", "be",
                   "info", "me", "biz", "email"})
# Atomic groups (?>...) and possessive quantifiers keep this linear: a name is spelled ("j o h n") or a word.
# Spoken German says "punkt" for the dot, "ät" (or "at") for @, "unterstrich" and "bindestrich" for _ and -.
_CHAR = "[a-z0-9äöüß]"
_NAME = rf"(?:{_CHAR}(?:\s+{_CHAR}\b)++|{_CHAR}++)"
_LABEL = rf"(?:{_CHAR}(?:\s+{_CHAR}\b)++|{_CHAR}++(?:-{_CHAR}++)*+)"
"""A domain label: as a name, or with hyphens ("t-online")."""
_SPOKEN_DOT = r"(?:dot|punkt)"
_SPOKEN_AT = r"(?:at|ät)(?:\s+(?:sign|symbol|zeichen))?"
_EMAIL = re.compile(
    rf"\b(?>{_NAME}(?:(?:\s*[._+\-]\s*|\s+(?:{_SPOKEN_DOT}|underscore|unterstrich|dash|hyphen|"
    rf"bindestrich|minus|plus)\s+){_NAME})*+)"
    rf"(?:\s*@\s*|\s+{_SPOKEN_AT}\s+)"
    rf"(?>{_LABEL}(?:(?:\s*\.\s*|\s+{_SPOKEN_DOT}\s+){_LABEL})++)",
    re.IGNORECASE,
)
_WRITTEN_EMAIL = re.compile(r"[\w.+'%-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
_MAIL_PROVIDERS = frozenset({
    "gmail", "googlemail", "gmx", "web", "yahoo", "outlook", "hotmail", "icloud", "me", "live", "aol", "posteo",
    "proton", "protonmail", "mailbox", "freenet", "t-online", "mail",
})
_AT = re.compile(rf"\s*@\s*|\s+{_SPOKEN_AT}\s+", re.IGNORECASE)
_DOT = re.compile(rf"\s*\.\s*|\s+{_SPOKEN_DOT}\s+", re.IGNORECASE)
_EMAIL_WORDS = re.compile(r"\b(?:e-?mail|mail|address|contact|write|reach|adresse|mailadresse|schreib\w*|"
                          r"kontakt|erreichen)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Redacted:
    """One text after redaction."""

    text: str
    """Every kind of personal data replaced: what is stored in `turns.text` and what agents see."""
    raw: str
    """Only card numbers and security codes replaced: `turns.text_raw`, seen by supervisors."""
    found: tuple[str, ...]
    """The kinds found, in reading order: card, cvv, iban, email, phone."""


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    kind: str
    label: str


def redact(text: str) -> Redacted:
    """Redacts `text`; shop language (order ids, prices, sizes, quantities) is left alone."""
    if not text:
        return Redacted(text, text, ())
    tokens = tokenize(text)
    runs = digit_runs(text, tokens)
    hits: list[_Hit] = []
    for candidates in (_cvvs(text, runs), _ibans(text, tokens), _emails(text), _numbers(text, tokens, runs)):
        for hit in candidates:
            if all(hit.end <= kept.start or hit.start >= kept.end for kept in hits):
                hits.append(hit)
    hits.sort(key=lambda h: h.start)
    return Redacted(
        _replace(text, hits), _replace(text, [h for h in hits if h.kind in SECRET]), tuple(h.kind for h in hits)
    )


def redact_entities(entities: list[dict[str, Any]] | tuple[dict[str, Any], ...]) -> list[dict[str, Any]]:
    """Entity values go through `redact` too: NLU may have picked a card number up as a "number"."""
    cleaned = []
    for entity in entities:
        value = entity.get("value")
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            redacted = redact(str(value))
            if redacted.found:
                entity = {**entity, "value": redacted.text}
        cleaned.append(entity)
    return cleaned


def redact_result(result: dict[str, Any]) -> dict[str, Any]:
    """A turn's public JSON with its transcript, reply and entities redacted (same shape)."""
    cleaned = dict(result)
    for key in ("transcript", "reply"):
        if isinstance(cleaned.get(key), str):
            cleaned[key] = redact(cleaned[key]).text
    if isinstance(cleaned.get("entities"), list):
        cleaned["entities"] = redact_entities(cleaned["entities"])
    return cleaned


def _replace(text: str, hits: list[_Hit]) -> str:
    out, at = [], 0
    for hit in hits:
        out += [text[at:hit.start], hit.label]
        at = hit.end
    return "".join(out) + text[at:]


def _cvvs(text: str, runs: list[DigitRun]) -> list[_Hit]:
    # A run after "security code" is dropped whole, even if a longer number sticks to it.
    return [
        _Hit(run.start, run.end, CVV, LABELS[CVV])
        for run in runs if len(run.digits) >= 3 and _CVV_BEFORE.search(text[:run.start])
    ]


def _before(tokens: list[Token], run: DigitRun, words: frozenset[str], reach: int = 8) -> bool:
    return any(token.word in words for token in tokens[max(0, run.first - reach):run.first])


def _numbers(text: str, tokens: list[Token], runs: list[DigitRun]) -> list[_Hit]:
    hits = []
    for run in runs:
        digits = run.digits
        if len(digits) < 7:
            continue  # quantities, sizes, order ids, security codes without their keyword, PINs
        card_context = _before(tokens, run, _CARD_WORDS)
        if 13 <= len(digits) <= 19 and not run.international:
            # Written digits are checked; ASR mishears, so spoken ones count unless they sound like a phone.
            is_card = card_context or luhn_valid(digits) or (run.spoken and not _before(tokens, run, _PHONE_WORDS))
        else:
            is_card = card_context and len(digits) >= 13
        if is_card:
            hits.append(_Hit(run.start, run.end, CARD, f"card ending {digits[-4:]}"))
        elif run.spoken or run.international or _looks_like_phone(text[run.start:run.end], run):
            start = run.start - 1 if run.start and text[run.start - 1] == "(" else run.start
            hits.append(_Hit(start, run.end, PHONE, LABELS[PHONE]))
    return hits


def _looks_like_phone(written: str, run: DigitRun) -> bool:
    """Written digits: a date or a list of sizes ("42 43 44 45") is not a phone number."""
    if _DATE.fullmatch(written):
        return False
    return len(run.groups) == 1 or run.digits.startswith("0") or max(len(g) for g in run.groups) >= 3


def _ibans(text: str, tokens: list[Token]) -> list[_Hit]:
    hits = []
    for match in _WRITTEN_IBAN.finditer(text):
        chars = [(ch.upper(), match.start() + k + 1) for k, ch in enumerate(match.group()) if ch.isalnum()]
        hit = _longest_iban(text, match.start(), chars)
        if hit:
            hits.append(hit)
    for i, token in enumerate(tokens):
        if len(token.text) <= 2 and token.text.isalpha():
            hit = _longest_iban(text, token.start, _spoken_iban_chars(text, tokens, i))
            if hit:
                hits.append(hit)
    return hits


def _spoken_iban_chars(text: str, tokens: list[Token], i: int) -> list[tuple[str, int]]:
    """ "d e eight nine three seven ..." -> [("D", end), ("E", end), ("8", end), ...]."""
    chars = [(ch.upper(), tokens[i].end) for ch in tokens[i].text]
    j = i + 1
    while j < len(tokens) and len(chars) < 34 and joined(text, tokens[j - 1], tokens[j]):
        token = tokens[j]
        found = digits_at(tokens, j) if len(chars) >= 2 else None
        if found:
            chars += [(d, tokens[j + found[1] - 1].end) for d in found[0]]
            j += found[1]
        elif len(token.text) == 1 and token.text.isalpha():
            chars.append((token.text.upper(), token.end))
            j += 1
        else:
            break
    return chars


def _longest_iban(text: str, start: int, chars: list[tuple[str, int]]) -> _Hit | None:
    for length in range(min(len(chars), 34), 14, -1):
        end = chars[length - 1][1]
        if (end == len(text) or not text[end].isalnum()) and iban_valid("".join(c for c, _ in chars[:length])):
            return _Hit(start, end, IBAN, LABELS[IBAN])
    return None


def _emails(text: str) -> list[_Hit]:
    hits = [_Hit(m.start(), m.end(), EMAIL, LABELS[EMAIL]) for m in _WRITTEN_EMAIL.finditer(text)]
    at = 0
    while match := _EMAIL.search(text, at):
        local, domain = _AT.split(match.group(), maxsplit=1)
        end = _tld_end(domain)
        if end is None or ("@" not in match.group() and not _plausible_spoken(text[:match.start()], local, domain)):
            at = match.start() + 1  # "me at a.b@c.de": the address may start inside a rejected candidate
            continue
        hits.append(_Hit(match.start(), match.end() - len(domain) + end, EMAIL, LABELS[EMAIL]))
        at = hits[-1].end
    return hits


def _tld_end(domain: str) -> int | None:
    """Where the domain ends: after its last label that is a top-level domain ("gmail dot com")."""
    end = None
    for dot in _DOT.finditer(domain):
        label = _DOT.split(domain[dot.end():], maxsplit=1)[0]
        word = re.match(rf"(?:{_CHAR}(?:\s+{_CHAR}\b)+|{_CHAR}+)", label, re.IGNORECASE)
        if word and re.sub(r"\s", "", word.group()).lower() in _TLDS:
            end = dot.end() + word.end()
    return end


def _plausible_spoken(before: str, local: str, domain: str) -> bool:
    """ "looking at nike dot com" is not an address: a spoken one needs a mail provider, a dotted, spelled or
    numbered name, or talk of e-mail just before."""
    provider = _DOT.split(domain, maxsplit=1)[0].lower()
    structured = bool(re.search(r"\s|[._+\-]|\d", local))
    return provider in _MAIL_PROVIDERS or structured or bool(_EMAIL_WORDS.search(before[-60:]))
