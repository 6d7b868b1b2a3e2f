"""Which sections and questions apply, and the answers that therefore count."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from toetsapp.engine.compiled import CompiledForm
from toetsapp.engine.conditions import holds
from toetsapp.engine.values import filled_rows, is_answered, value_problem
from toetsapp.model.form import Question


@dataclass(frozen=True)
class Visibility:
    questions: frozenset[str]
    sections: frozenset[str]
    effective: dict[str, Any]  # visible, valid answers only


def usable_value(question: Question, value: Any) -> Any:
    """The value as scoring may use it: invalid values and cells are dropped."""
    if not is_answered(value):
        return None
    if question.type != "table":
        return None if value_problem(question, question.type, value) else value
    if not isinstance(value, list):
        return None
    rows = []
    for row in filled_rows(value):
        clean = {}
        for column in question.columns or ():
            cell = row.get(column.id)
            if is_answered(cell) and not value_problem(column, column.type, cell):
                clean[column.id] = cell
        rows.append(clean)
    return rows


def visibility(cform: CompiledForm, answers: Mapping[str, Any]) -> Visibility:
    """Decide visibility in dependency order, so hidden answers never count."""
    effective: dict[str, Any] = {}
    visible: set[str] = set()
    section_visible: dict[str, bool] = {}
    for qid in cform.visibility_order:
        question = cform.questions[qid]
        section = cform.section_of[qid]
        if section.id not in section_visible:
            section_visible[section.id] = section.visible_when is None or holds(
                section.visible_when, effective, cform.questions)
        shown = section_visible[section.id] and (
            question.visible_when is None or holds(question.visible_when, effective,
                                                   cform.questions))
        if not shown:
            continue
        visible.add(qid)
        value = usable_value(question, answers.get(qid))
        if value is not None:
            effective[qid] = value
    sections = frozenset(s for s, shown in section_visible.items() if shown)
    return Visibility(frozenset(visible), sections, effective)
