"""Reading what people type into number and date fields, in their own notation."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from toetsapp.formatting import babel_locale

_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_DECIMALS = {"money": 2, "fte": 1, "number": 4}


def parse_number(text: str, language: str) -> int | float | None:
    """'1.250.000' or '12,5' (Dutch), '1,250,000' or '12.5' (English), '€ 10'; else None."""
    cleaned = text.strip().replace("€", "").replace("\u00a0", "").replace(" ", "").replace(
        "\u2212", "-")
    cleaned = re.sub(r"(?i)(fte)$", "", cleaned)
    if not cleaned:
        return None
    number: Decimal | None
    try:
        number = parse_decimal(cleaned, locale=babel_locale(language), strict=True)
    except NumberFormatError:
        number = None
    if number is None:
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            return None
    if not number.is_finite():
        return None
    return int(number) if number == number.to_integral_value() else float(number)


def number_input_text(value: object, type_: str, language: str) -> str:
    """A stored number as it appears in an input field (grouped, no unit)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    decimals = _DECIMALS.get(type_, 4)
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=babel_locale(language))


def parse_date_input(text: str) -> date | None:
    """'2026-03-01', '1-3-2026', '01/03/2026' or '1.3.2026' (day first); else None."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = _DMY.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None


def date_input_text(value: object, language: str) -> str:
    """A stored ISO date as shown in an input field: '01-03-2026' (nl) or '2026-03-01'."""
    if not isinstance(value, str):
        return ""
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return value
    return parsed.strftime("%d-%m-%Y") if language == "nl" else parsed.isoformat()
