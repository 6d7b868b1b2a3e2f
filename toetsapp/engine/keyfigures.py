"""Headline figures and short lists for the toetskaart, derived from answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from toetsapp.engine.compiled import CompiledForm
from toetsapp.engine.values import as_number, scale_position
from toetsapp.model.form import KeyFigure, KeyList


@dataclass(frozen=True)
class KeyFigureValue:
    figure: KeyFigure
    value: Any  # None when unanswered
    type: str  # how to show it: a question or column type, or "count"
    question_id: str


@dataclass(frozen=True)
class KeyListValue:
    key_list: KeyList
    items: tuple[str, ...]
    total: int


def key_figures(cform: CompiledForm, effective: Mapping[str, Any]) -> list[KeyFigureValue]:
    out = []
    for figure in cform.form.key_figures:
        question = cform.questions[figure.question]
        value = effective.get(figure.question)
        type_ = question.type
        if figure.aggregate != "value":
            rows = value or []
            if figure.aggregate == "row_count":
                value, type_ = (len(rows) if value is not None else None), "count"
            else:
                columns = figure.columns or [c.id for c in question.columns or ()
                                             if c.type in ("money", "fte", "number")]
                first = question.column(columns[0]) if columns else None
                type_ = first.type if first else "number"
                picked = rows[-1:] if figure.aggregate == "last_row_total" else rows
                numbers = [as_number(row.get(c)) for row in picked for c in columns]
                numbers = [n for n in numbers if n is not None]
                value = sum(numbers) if numbers else None
        out.append(KeyFigureValue(figure, value, type_, question.id))
    return out


def key_lists(cform: CompiledForm, effective: Mapping[str, Any]) -> list[KeyListValue]:
    out = []
    for key_list in cform.form.key_lists:
        question = cform.questions[key_list.question]
        rows = list(effective.get(key_list.question) or [])
        if key_list.order_by:
            column = question.column(key_list.order_by)

            def rank(row: dict[str, Any], column=column) -> int:
                pos = scale_position(column, row.get(column.id)) if column else None
                return -(pos if pos is not None else -1)

            rows.sort(key=rank)
        items = [str(row.get(key_list.column)) for row in rows if row.get(key_list.column)]
        out.append(KeyListValue(key_list, tuple(items[: key_list.limit]), len(items)))
    return out
