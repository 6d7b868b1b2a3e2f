"""Hypothesis strategies: random but type-correct answers for any form."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

from toetsapp.model.form import Column, Form, Question

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(
    max_size=20)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8),
                                                                      children, max_size=4),
    max_leaves=12,
)


def _bounds(field: Question | Column, low: float, high: float) -> tuple[float, float]:
    lo = field.min if field.min is not None else low
    hi = field.max if field.max is not None else high
    return lo, max(lo, hi)


def value_for(field: Question | Column, type_: str) -> st.SearchStrategy[Any]:
    """A valid value for a question or column of ``type_``."""
    if type_ in ("text", "textarea"):
        return st.text(min_size=1, max_size=40).filter(str.strip)
    if type_ in ("choice", "scale"):
        return st.sampled_from(field.choice_values())
    if type_ == "multichoice":
        return st.lists(st.sampled_from(field.choice_values()), unique=True, min_size=1)
    if type_ == "boolean":
        return st.booleans()
    if type_ == "number":
        lo, hi = _bounds(field, -1e6, 1e7)
        return st.integers(int(lo), int(hi)) | st.floats(lo, hi, allow_nan=False)
    if type_ == "money":
        lo, hi = _bounds(field, 0, 1e10)
        return st.integers(int(lo), int(hi))
    if type_ == "fte":
        lo, hi = _bounds(field, 0, 5000)
        return st.floats(lo, hi, allow_nan=False).map(lambda x: round(x, 1)).filter(
            lambda x: lo <= x <= hi)
    if type_ == "date":
        return st.dates(date(2020, 1, 1), date(2040, 12, 31)).map(date.isoformat)
    raise ValueError(type_)


def table_for(question: Question, max_rows: int = 6) -> st.SearchStrategy[list[dict]]:
    row = st.fixed_dictionaries(
        {}, optional={c.id: value_for(c, c.type) for c in question.columns or ()})
    limit = min(max_rows, question.max_rows or max_rows)
    return st.lists(row, max_size=limit)


def answer_value(question: Question) -> st.SearchStrategy[Any]:
    if question.type == "table":
        return table_for(question)
    return value_for(question, question.type)


def answers_for(form: Form) -> st.SearchStrategy[dict[str, Any]]:
    """Some questions answered, each with a valid value."""
    return st.fixed_dictionaries(
        {}, optional={q.id: answer_value(q) for _, q in form.questions()})
