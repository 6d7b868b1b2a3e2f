"""What counts as an answer, and whether a value fits its question type."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from toetsapp.i18n import _
from toetsapp.model.form import CHOICE_TYPES, NUMERIC_TYPES, TEXT_TYPES, Column, Question

MAX_MAGNITUDE = {"number": 1e15, "money": 1e15, "fte": 1e7}
"""The largest size a number may have, whatever the sign: beyond any real amount (a
thousand trillion euros, ten million FTE), well within what sums and Decimals handle."""


def is_answered(value: Any) -> bool:
    """Non-blank text, a chosen value, a non-empty list or table, a bool, a number."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(_row_filled(item) if isinstance(item, dict) else is_answered(item)
                   for item in value)
    if isinstance(value, dict):
        return _row_filled(value)
    return True


def _row_filled(row: dict[str, Any]) -> bool:
    return any(is_answered(v) for v in row.values())


def filled_rows(value: Any) -> list[dict[str, Any]]:
    """The rows of a table answer that hold anything."""
    if not isinstance(value, list):
        return []
    return [row for row in value if isinstance(row, dict) and _row_filled(row)]


def as_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def as_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def value_problem(field: Question | Column, type_: str, value: Any) -> str | None:
    """Why ``value`` does not fit ``field`` (in the active language), or None."""
    if not is_answered(value):
        return None
    if type_ in TEXT_TYPES:
        if not isinstance(value, str):
            return _("verwacht tekst")
        limit = field.text_limit(type_)
        if len(value) > limit:
            return _("tekst is te lang ({n} tekens; maximaal {max})").format(
                n=len(value), max=limit)
        return None
    if type_ in ("choice", "scale"):
        if not isinstance(value, str) or value not in field.choice_positions:
            return _("'{value}' is geen geldige keuze").format(value=_clip(value))
        return None
    if type_ == "multichoice":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return _("verwacht een lijst met keuzes")
        wrong = [v for v in value if v not in field.choice_positions]
        if wrong:
            return _("'{value}' is geen geldige keuze").format(value=_clip(wrong[0]))
        if len(set(value)) != len(value):
            return _("een keuze staat er dubbel in")
        return None
    if type_ == "boolean":
        return None if isinstance(value, bool) else _("verwacht ja of nee")
    if type_ in NUMERIC_TYPES:
        number = as_number(value)
        if number is None:
            return _("verwacht een getal")
        if abs(number) > MAX_MAGNITUDE[type_]:
            return _("het getal is te groot (maximaal {max} in absolute waarde)").format(
                max=_num(MAX_MAGNITUDE[type_]))
        if field.min is not None and number < field.min:
            return _("mag niet kleiner zijn dan {min}").format(min=_num(field.min))
        if field.max is not None and number > field.max:
            return _("mag niet groter zijn dan {max}").format(max=_num(field.max))
        if type_ != "number" and number < 0 and field.min is None and not field.allow_negative:
            return _("mag niet negatief zijn")
        return None
    if type_ == "date":
        return None if as_date(value) else _("verwacht een datum (JJJJ-MM-DD)")
    return None


def _clip(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _num(value: float) -> str:
    from toetsapp.formatting import format_number

    return format_number(value)


def scale_position(field: Question | Column, value: Any) -> int | None:
    """Position of a choice value in its list (0 = first), or None."""
    return field.choice_positions.get(value) if isinstance(value, str) else None


__all__ = [
    "CHOICE_TYPES",
    "as_date",
    "as_number",
    "filled_rows",
    "is_answered",
    "scale_position",
    "value_problem",
]
