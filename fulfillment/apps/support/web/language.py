"""Which language a page is in: the reader's own choice (a cookie), else EMMA_SUPPORT_LANGUAGE, else the
browser's Accept-Language, else English."""

from __future__ import annotations

import re
from collections.abc import Iterable

LANGUAGES = ("en", "de")
"""The languages the support app has a catalog for; English is the msgids themselves."""
DEFAULT = "en"
LANGUAGE_COOKIE = "emma_support_lang"

_RANGE = re.compile(r"^([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)$")
_QUALITY = re.compile(r"^[qQ]\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$")


def preferred(header: str | None) -> list[str]:
    """RFC 9110 Accept-Language: language ranges best first, by quality value; ties keep the header's order,
    `q=0` means "not this one" and malformed entries are skipped. `de-AT;q=0.8, en` -> ["en", "de-at"]."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        name, *options = (piece.strip() for piece in part.split(";"))
        if not _RANGE.match(name):
            continue
        quality = 1.0
        for option in options:
            found = _QUALITY.match(option)
            if found:
                quality = float(found.group(1))
            elif option:
                quality = -1.0  # a broken parameter: ignore the whole entry
        if quality > 0:
            ranked.append((-quality, position, name.lower()))
    return [name for _, _, name in sorted(ranked)]


def from_header(header: str | None, available: Iterable[str] = LANGUAGES) -> str | None:
    """The first of the browser's ranges we have a catalog for: "de-CH" matches "de", "*" the default."""
    languages = tuple(available)
    refused = {name for name in _refused(header)}
    for name in preferred(header):
        if name == "*":
            return next((lang for lang in (DEFAULT, *languages) if lang not in refused), None)
        primary = name.split("-", 1)[0]
        if primary in languages and primary not in refused:
            return primary
    return None


def choose(cookie: str | None, setting: str | None, header: str | None) -> str:
    """The reader's choice wins, then the shop's setting, then the browser, then English."""
    if cookie in LANGUAGES:
        return str(cookie)
    if setting in LANGUAGES:
        return str(setting)
    return from_header(header) or DEFAULT


def _refused(header: str | None) -> Iterable[str]:
    for part in (header or "").split(","):
        name, *options = (piece.strip() for piece in part.split(";"))
        if any((m := _QUALITY.match(o)) and float(m.group(1)) == 0 for o in options):
            yield name.lower()
