"""Answers as text for people: the same wording in the CLI, the app and the PDF."""

from __future__ import annotations

from typing import Any

from toetsapp.engine.values import as_date, as_number, filled_rows, is_answered
from toetsapp.formatting import format_date, format_fte, format_money, format_number
from toetsapp.i18n import _, current_language, ngettext
from toetsapp.model.form import Column, Question


def is_year(field: Question | Column) -> bool:
    """A number field bounded to four-digit years: shown as 2026, never as 2.026."""
    return (field.min is not None and field.max is not None
            and field.min >= 1000 and field.max <= 9999)


def format_value(field: Question | Column, type_: str, value: Any,
                 language: str | None = None) -> str:
    """One answer or cell as display text ('' when unanswered)."""
    language = language or current_language()
    if not is_answered(value):
        return ""
    if type_ in ("choice", "scale"):
        choice = field.choice(value) if isinstance(value, str) else None
        return choice.label.get(language) if choice else str(value)
    if type_ == "multichoice" and isinstance(value, list):
        labels = []
        for item in value:
            choice = field.choice(item) if isinstance(item, str) else None
            labels.append(choice.label.get(language) if choice else str(item))
        return "; ".join(labels)
    if type_ == "boolean":
        return _("ja") if value is True else _("nee") if value is False else str(value)
    number = as_number(value) if type_ in ("number", "money", "fte") else None
    if number is not None:
        if type_ == "money":
            return format_money(number, language)
        if type_ == "fte":
            return format_fte(number, language)
        unit = f" {field.unit.get(language)}" if field.unit else ""
        if is_year(field) and number == int(number):
            return f"{int(number)}{unit}"
        return format_number(number, language) + unit
    if type_ == "date":
        parsed = as_date(value)
        return format_date(parsed, language) if parsed else str(value)
    if type_ == "table":
        n = len(filled_rows(value))
        return ngettext("{n} rij", "{n} rijen", n).format(n=n)
    return str(value)


def format_answer(question: Question, value: Any, language: str | None = None) -> str:
    return format_value(question, question.type, value, language)
