"""Which sections and questions apply, and the answers that therefore count."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from toetsapp.engine.compiled import CompiledForm
from toetsapp.engine.conditions import holds
from toetsapp.engine.values import filled_rows, is_answered, value_problem
from toetsapp.model.form import Question


@dataclass(frozen=True)
class Visibility:
    questions: frozenset[str]
    sections: frozenset[str]
    effective: dict[str, Any]  # visible, valid answers only (n.v.t. ones left out)
    not_applicable: dict[str, str] = field(default_factory=dict)  # visible, n.v.t.: reason
    not_applicable_sections: dict[str, str] = field(default_factory=dict)

    def applies(self, question_id: str) -> bool:
        """Shown and not answered 'n.v.t.': an answer is expected."""
        return question_id in self.questions and question_id not in self.not_applicable


def usable_value(question: Question, value: Any) -> Any:
    """The value as scoring may use it: invalid values and cells are dropped, and a
    multichoice keeps its valid choices (conditions read the valid part)."""
    if not is_answered(value):
        return None
    if question.type == "multichoice" and isinstance(value, list):
        valid = [v for v in dict.fromkeys(x for x in value if isinstance(x, str))
                 if v in question.choice_positions]
        if len(valid) == len(value):
            return value
        return valid or None
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


def visibility(cform: CompiledForm, answers: Mapping[str, Any],
               not_applicable: Mapping[str, str] | None = None,
               sections_not_applicable: Mapping[str, str] | None = None) -> Visibility:
    """Decide visibility in dependency order, so hidden answers never count.

    ``not_applicable`` (question id to reason) and ``sections_not_applicable``
    (section id to reason) are the toetser's 'n.v.t.' answers; they count only
    where the form allows them. An n.v.t. question is shown but has no value.
    """
    na = not_applicable or {}
    na_sections = {s: r for s, r in (sections_not_applicable or {}).items()
                   if (sec := cform.form.section(s)) is not None and sec.allow_not_applicable}
    effective: dict[str, Any] = {}
    visible: set[str] = set()
    section_visible: dict[str, bool] = {}
    nvt: dict[str, str] = {}
    for qid in cform.visibility_order:
        question = cform.questions[qid]
        section = cform.section_of[qid]
        if section.id not in section_visible:
            section_visible[section.id] = section.visible_when is None or holds(
                section.visible_when, effective, cform.questions)
        shown = section_visible[section.id] and (
            section.id in na_sections or question.visible_when is None
            or holds(question.visible_when, effective, cform.questions))
        if not shown:
            continue
        visible.add(qid)
        if section.id in na_sections:
            nvt[qid] = na_sections[section.id]
            continue
        if qid in na and question.allow_not_applicable:
            nvt[qid] = na[qid]
            continue
        value = usable_value(question, answers.get(qid))
        if value is not None:
            effective[qid] = value
    sections = frozenset(s for s, shown in section_visible.items() if shown)
    return Visibility(frozenset(visible), sections, effective, nvt,
                      {s: r for s, r in na_sections.items() if s in sections})
