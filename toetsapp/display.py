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
        return _("Ja") if value is True else _("Nee") if value is False else str(value)
    number = as_number(value) if type_ in ("number", "money", "fte") else None
    if number is not None:
        if type_ in ("money", "fte"):
            return amount_text(number, type_, language)
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


def amount_text(number: float, type_: str, language: str | None = None) -> str:
    """Euros or fte; a negative amount is a saving: '−1 fte, besparing'."""
    text = (format_money if type_ == "money" else format_fte)(number, language)
    if number < 0:
        return text.replace("-", MINUS) + ", " + _("besparing")
    return text


MINUS = "\u2212"


def format_answer(question: Question, value: Any, language: str | None = None) -> str:
    return format_value(question, question.type, value, language)


def not_applicable_text(reason: str) -> str:
    """'n.v.t.', with the reason when there is one: 'n.v.t. — geen gemeenten betrokken'."""
    reason = " ".join(reason.split())
    return _("n.v.t.") + (f" — {reason}" if reason else "")


def choice_states(question: Question, answer: Any) -> list[tuple[str, str]]:
    """Per choice of a per-choice multichoice: (choice value, state), the state one of
    'gevolgen' (ticked), 'nvt' or 'geen_gevolgen'; empty when nothing is answered."""
    ticked = answer.value if isinstance(answer.value, list) else []
    nvt = set(answer.not_applicable_choices)
    if not ticked and not nvt:
        return []
    return [(c.value, "gevolgen" if c.value in ticked else "nvt" if c.value in nvt
             else "geen_gevolgen") for c in question.choices or ()]


def state_label(state: str) -> str:
    return {"gevolgen": _("gevolgen"), "geen_gevolgen": _("geen gevolgen"),
            "nvt": _("n.v.t.")}[state]


def choice_states_text(question: Question, answer: Any, language: str | None = None) -> str:
    """'Interactie: gevolgen; Handhaafbaarheid: geen gevolgen; Fraude: n.v.t.'."""
    language = language or current_language()
    parts = []
    for value, state in choice_states(question, answer):
        choice = question.choice(value)
        parts.append(f"{choice.label.get(language) if choice else value}: {state_label(state)}")
    return "; ".join(parts)


def answer_text(question: Question, answer: Any, language: str | None = None) -> str:
    """An :class:`~toetsapp.model.toets.Answer` as one line: n.v.t. with its reason, or
    the value with the 'anders, namelijk' text and the toelichting beside it."""
    if answer is None:
        return ""
    if answer.not_applicable is not None:
        return not_applicable_text(answer.not_applicable.reason)
    text = (choice_states_text(question, answer, language) if question.choice_states
            else format_answer(question, answer.value, language))
    other = " ".join(answer.other.split())
    if other and text:
        text += f": {other}"
    note = " ".join(answer.note.split())
    if note:
        text = f"{text} — {note}" if text else note
    return text
