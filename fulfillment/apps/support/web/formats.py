"""Dates and numbers on the pages, written the way the reader's locale writes them (Babel's CLDR data)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent

NONE = "–"


@dataclass(frozen=True)
class Formats:
    """The filters of one language: `when`, `day`, `number`, `percent`, `euros`."""

    locale: Locale

    @classmethod
    def of(cls, language: str) -> Formats:
        return cls(Locale.parse(language))

    def when(self, value: str | None) -> str:
        """An ISO timestamp in UTC: `Jan 31, 2025, 14:05` / `31.01.2025, 14:05` (24 hours: staff compare logs)."""
        if not value:
            return ""
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
        day = format_date(moment, "medium", locale=self.locale)
        clock = format_skeleton("Hm", moment, tzinfo=UTC, locale=self.locale)
        return str(self.locale.datetime_formats["medium"]).format(clock, day)

    def day(self, value: str | date) -> str:
        """A day on a chart axis: `Jan 31` / `31. Jan.`."""
        try:
            when = value if isinstance(value, date) else date.fromisoformat(value)
        except ValueError:
            return str(value)
        return format_skeleton("MMMd", when, locale=self.locale)

    def number(self, value: float | None, digits: int = 0) -> str:
        if value is None:
            return NONE
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, pattern, locale=self.locale)

    def percent(self, value: float | None, digits: int = 1) -> str:
        if value is None:
            return NONE
        pattern = str(self.locale.percent_formats[None].pattern)  # "#,##0%", "#,##0\u00a0%"
        return format_percent(value, pattern.replace("#,##0", "#,##0." + "0" * digits) if digits else pattern,
                              locale=self.locale)

    def euros(self, value: float | None, cents: bool = True) -> str:
        if value is None:
            return NONE
        if cents:
            return format_currency(value, "EUR", locale=self.locale)
        pattern = str(self.locale.currency_formats["standard"].pattern).replace(".00", "")  # "¤#,##0", "#,##0 ¤"
        return format_currency(value, "EUR", format=pattern, currency_digits=False, locale=self.locale)

    def filters(self) -> dict[str, Callable[..., str]]:
        return {"when": self.when, "day": self.day, "number": self.number, "percent": self.percent,
                "euros": self.euros}
