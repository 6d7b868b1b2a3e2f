"""Locale-aware display of numbers, money, FTE and dates (babel, never by hand)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.dates import format_time as _babel_time
from babel.numbers import format_currency, format_decimal

from toetsapp.i18n import current_language

LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def babel_locale(language: str | None = None) -> str:
    """The babel locale used for ``language`` (default: the active language)."""
    return LOCALES.get(language or current_language(), "nl_NL")


def format_number(value: float | int | Decimal, language: str | None = None,
                  max_decimals: int = 2) -> str:
    """A number with the locale's grouping and decimal mark: 1.234,5 / 1,234.5."""
    pattern = "#,##0" + ("." + "#" * max_decimals if max_decimals else "")
    return format_decimal(value, format=pattern, locale=babel_locale(language))


def format_money(value: float | int | Decimal, language: str | None = None) -> str:
    """Euros: '€ 1.234.567' in Dutch, '€1,234,567' in English; cents only when present."""
    locale = babel_locale(language)
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    if Decimal(str(value)) == Decimal(int(value)):
        pattern = pattern.replace(".00", "")
    return format_currency(value, "EUR", format=pattern, currency_digits=False, locale=locale)


def format_fte(value: float | int | Decimal, language: str | None = None) -> str:
    """Full-time equivalents: '12,5 fte' / '12.5 FTE'."""
    unit = "fte" if (language or current_language()) == "nl" else "FTE"
    return f"{format_number(value, language, max_decimals=1)} {unit}"


def format_date(value: date, language: str | None = None) -> str:
    """'22 november 2026' / '22 November 2026'."""
    return _babel_date(value, format="long", locale=babel_locale(language))


def format_datetime(value: datetime, language: str | None = None) -> str:
    """Date and time in the locale's medium form."""
    return _babel_datetime(value, format="medium", locale=babel_locale(language))


def format_time(value: time | datetime, language: str | None = None) -> str:
    """A time of day with seconds in the locale's form: '14:05:09'."""
    return _babel_time(value, format="medium", locale=babel_locale(language))


def _dutch_time() -> tzinfo | None:
    """The time zone of the Dutch parliament (None if this system has no tz data)."""
    try:
        return ZoneInfo("Europe/Amsterdam")
    except (ZoneInfoNotFoundError, ValueError):
        return None


def format_moment(value: datetime, language: str | None = None) -> str:
    """A moment for readers in parliament: Dutch local time, to the minute, with its
    zone ('16 maart 2026, 15:05 CET'); in UTC when the system lacks time-zone data."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    zone = _dutch_time()
    local = value.astimezone(zone) if zone is not None else value.astimezone(UTC)
    name = local.tzname() if zone is not None else "UTC"
    return f"{format_date(local.date(), language)}, {local:%H:%M} {name}"


def format_list(items: Sequence[str], language: str | None = None) -> str:
    """'A, B en C' / 'A, B and C': a list as a sentence in the locale's words."""
    from babel.lists import format_list as _babel_list

    items = [str(item) for item in items]
    return _babel_list(items, locale=babel_locale(language)) if items else ""
