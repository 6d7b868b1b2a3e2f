"""Checking conditions inside definitions: unknown ids, impossible values, wrong operators."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from toetsapp.errors import Issue, json_path
from toetsapp.i18n import _
from toetsapp.model.condition import (
    AllCondition,
    AnyCondition,
    Condition,
    CountCondition,
    DimensionCondition,
    NotCondition,
    QuestionCondition,
)
from toetsapp.model.form import CHOICE_TYPES, NUMERIC_TYPES, Question
from toetsapp.model.rubric import Rubric


def condition_issues(
    condition: Condition | None,
    where: list[object],
    questions: dict[str, Question],
    rubric: Rubric | None = None,
) -> Iterator[Issue]:
    """Unknown ids and impossible values inside one condition."""
    if condition is None:
        return
    if isinstance(condition, AllCondition | AnyCondition):
        key = "all" if isinstance(condition, AllCondition) else "any"
        parts = condition.all if isinstance(condition, AllCondition) else condition.any
        for i, part in enumerate(parts):
            yield from condition_issues(part, [*where, key, i], questions, rubric)
    elif isinstance(condition, NotCondition):
        yield from condition_issues(condition.not_, [*where, "not"], questions, rubric)
    elif isinstance(condition, DimensionCondition):
        yield from _dimension_leaf_issues(condition, where, rubric)
    elif isinstance(condition, CountCondition):
        yield from _count_leaf_issues(condition, where, rubric)
    else:
        yield from _question_leaf_issues(condition, where, questions)


def _dimension_leaf_issues(
    leaf: DimensionCondition, where: list[object], rubric: Rubric | None
) -> Iterator[Issue]:
    if rubric is None:
        yield Issue(json_path([*where, "dimension"]),
                    _("een dimensie-voorwaarde mag alleen in een oordeelsregel van een rubric"))
        return
    if rubric.dimension(leaf.dimension) is None:
        yield Issue(json_path([*where, "dimension"]),
                    _("onbekende dimensie '{id}'").format(id=leaf.dimension))
    if leaf.value is not None and rubric.level(leaf.value) is None:
        yield Issue(json_path([*where, "value"]),
                    _("onbekend niveau '{value}'").format(value=leaf.value))


def _count_leaf_issues(leaf: CountCondition, where: list[object],
                       rubric: Rubric | None) -> Iterator[Issue]:
    if rubric is None:
        yield Issue(json_path(where),
                    _("een telling van dimensies mag alleen in een oordeelsregel van een rubric"))
        return
    if rubric.level(leaf.count_at_least) is None:
        yield Issue(json_path([*where, "count_at_least"]),
                    _("onbekend niveau '{value}'").format(value=leaf.count_at_least))
    for i, name in enumerate(leaf.dimensions or ()):
        if rubric.dimension(name) is None:
            yield Issue(json_path([*where, "dimensions", i]),
                        _("onbekende dimensie '{id}'").format(id=name))
    if leaf.min > len(leaf.dimensions or rubric.dimensions):
        yield Issue(json_path([*where, "min"]), _("min is groter dan het aantal dimensies"))


def _question_leaf_issues(
    leaf: QuestionCondition, where: list[object], questions: dict[str, Question]
) -> Iterator[Issue]:
    question = questions.get(leaf.question)
    if question is None:
        yield Issue(json_path([*where, "question"]),
                    _("onbekende vraag '{id}'").format(id=leaf.question))
        return
    if leaf.op == "answered":
        return
    if leaf.op in ("rows_at_least", "any_row"):
        if question.type != "table":
            yield Issue(json_path([*where, "op"]),
                        _("'{op}' kan alleen bij een tabelvraag").format(op=leaf.op))
            return
        if leaf.op == "rows_at_least":
            if not isinstance(leaf.value, int) or isinstance(leaf.value, bool) or leaf.value < 0:
                yield Issue(json_path([*where, "value"]),
                            _("verwacht een aantal rijen (0 of meer)"))
            return
        column = question.column(leaf.column or "")
        if column is None:
            yield Issue(json_path([*where, "column"]),
                        _("onbekende kolom '{id}'").format(id=leaf.column))
            return
        if leaf.row_op != "answered":
            yield from _value_issues(column, column.type, leaf.row_op or "", leaf.value,
                                     [*where, "value"])
        return
    if question.type == "table":
        yield Issue(json_path([*where, "op"]),
                    _("bij een tabel kan alleen 'answered', 'rows_at_least' of 'any_row'"))
        return
    yield from _value_issues(question, question.type, leaf.op, leaf.value, [*where, "value"])


def _value_issues(field: Any, type_: str, op: str, value: Any,
                  where: list[object]) -> Iterator[Issue]:
    if op == "contains" and type_ != "multichoice":
        yield Issue(json_path(where), _("'contains' kan alleen bij meerkeuze"))
        return
    if op in ("gte", "lte", "gt", "lt") and type_ not in {"scale", "date", *NUMERIC_TYPES}:
        yield Issue(json_path(where),
                    _("'{op}' kan alleen bij getallen, datums en schalen").format(op=op))
        return
    values = value if op == "in" else [value]
    for i, item in enumerate(values):
        item_where = [*where, i] if op == "in" else where
        problem = _value_problem(field, type_, item)
        if problem:
            yield Issue(json_path(item_where), problem)


def _value_problem(field: Any, type_: str, value: Any) -> str | None:
    if type_ in CHOICE_TYPES:
        if value not in field.choice_values():
            return _("'{value}' is geen keuzewaarde van '{id}'").format(value=value, id=field.id)
    elif type_ == "boolean":
        if not isinstance(value, bool):
            return _("verwacht true of false")
    elif type_ in NUMERIC_TYPES:
        if not isinstance(value, int | float) or isinstance(value, bool):
            return _("verwacht een getal")
    elif type_ == "date":
        try:
            date.fromisoformat(str(value))
        except ValueError:
            return _("verwacht een datum als JJJJ-MM-DD")
    elif not isinstance(value, str):
        return _("verwacht tekst")
    return None
