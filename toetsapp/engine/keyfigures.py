"""Headline figures and short lists for the toetskaart, derived from answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from toetsapp.engine.compiled import CompiledForm
from toetsapp.engine.values import (
    as_number,
    filled_rows,
    is_answered,
    scale_position,
    value_problem,
)
from toetsapp.engine.visibility import Visibility
from toetsapp.model.form import KeyFigure, KeyList, Question


@dataclass(frozen=True)
class KeyFigureValue:
    figure: KeyFigure
    value: Any  # None when unanswered (or n.v.t., or invalid)
    type: str  # how to show it: a question or column type, or "count"
    question_id: str
    not_applicable: str | None = None  # the reason, when the question is 'n.v.t.'
    invalid: Any = None  # the value as entered, when it breaks a form rule


def _invalid(question: Question, figure: KeyFigure, raw: Any) -> Any:
    """What the user entered, when it is shown and breaks a rule (else None)."""
    if not is_answered(raw):
        return None
    if question.type != "table":
        return raw if value_problem(question, question.type, raw) else None
    if figure.aggregate == "row_count":
        return None
    columns = figure.columns or [c.id for c in question.columns or ()
                                 if c.type in ("money", "fte", "number")]
    for row in filled_rows(raw):
        for cid in columns:
            column = question.column(cid)
            if column and value_problem(column, column.type, row.get(cid)):
                return row.get(cid)
    return None


@dataclass(frozen=True)
class KeyListValue:
    key_list: KeyList
    items: tuple[str, ...]
    total: int
    details: tuple[Any, ...] = ()  # the ``detail_column`` value of each item, if any


def key_figures(cform: CompiledForm, vis: Visibility | Mapping[str, Any],
                answers: Mapping[str, Any] | None = None) -> list[KeyFigureValue]:
    """Every key figure; with the visibility and raw answers, n.v.t. and invalid values
    are marked instead of reading as 'not filled in'."""
    effective = vis.effective if isinstance(vis, Visibility) else vis
    nvt = vis.not_applicable if isinstance(vis, Visibility) else {}
    shown = vis.questions if isinstance(vis, Visibility) else frozenset(effective)
    out: list[KeyFigureValue] = []
    for figure in cform.form.key_figures:
        question = cform.questions[figure.question]
        qid = figure.question
        if qid in nvt:
            out_value = KeyFigureValue(figure, None, question.type, qid, nvt[qid])
            out.append(out_value)
            continue
        bad = _invalid(question, figure, (answers or {}).get(qid)) if qid in shown else None
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
        out.append(KeyFigureValue(figure, value, type_, question.id, None, bad))
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
        shown = [row for row in rows if row.get(key_list.column)]
        items = [str(row.get(key_list.column)) for row in shown]
        details = tuple(row.get(key_list.detail_column) for row in shown[: key_list.limit]
                        ) if key_list.detail_column else ()
        out.append(KeyListValue(key_list, tuple(items[: key_list.limit]), len(items), details))
    return out
