"""Evaluating declarative conditions against answers and dimension levels."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from toetsapp.engine.values import as_date, as_number, filled_rows, is_answered, scale_position
from toetsapp.model.condition import (
    AllCondition,
    AnyCondition,
    Condition,
    CountCondition,
    DimensionCondition,
    NotCondition,
    QuestionCondition,
)
from toetsapp.model.form import Column, Question

LevelRank = Callable[[str], int | None]


def holds(
    condition: Condition,
    answers: Mapping[str, Any],
    questions: Mapping[str, Question],
    levels: Mapping[str, str | None] | None = None,
    level_rank: LevelRank | None = None,
) -> bool:
    """Whether ``condition`` holds for these (effective) answers and levels."""
    if isinstance(condition, AllCondition):
        return all(holds(c, answers, questions, levels, level_rank) for c in condition.all)
    if isinstance(condition, AnyCondition):
        return any(holds(c, answers, questions, levels, level_rank) for c in condition.any)
    if isinstance(condition, NotCondition):
        return not holds(condition.not_, answers, questions, levels, level_rank)
    if isinstance(condition, DimensionCondition):
        return _dimension_holds(condition, levels or {}, level_rank)
    if isinstance(condition, CountCondition):
        return _count_holds(condition, levels or {}, level_rank)
    return _question_holds(condition, answers, questions)


def _count_holds(leaf: CountCondition, levels: Mapping[str, str | None],
                 level_rank: LevelRank | None) -> bool:
    if level_rank is None:
        return False
    threshold = level_rank(leaf.count_at_least)
    if threshold is None:
        return False
    names = leaf.dimensions if leaf.dimensions is not None else list(levels)
    ranks = [level_rank(level) for name in names if (level := levels.get(name)) is not None]
    return sum(1 for rank in ranks if rank is not None and rank >= threshold) >= leaf.min


def _dimension_holds(leaf: DimensionCondition, levels: Mapping[str, str | None],
                     level_rank: LevelRank | None) -> bool:
    level = levels.get(leaf.dimension)
    if level is None:
        return False
    if leaf.op == "assessed":
        return True
    if leaf.op == "equals":
        return level == leaf.value
    if level_rank is None:
        return False
    have, want = level_rank(level), level_rank(str(leaf.value))
    if have is None or want is None:
        return False
    return have >= want if leaf.op == "at_least" else have <= want


def _question_holds(leaf: QuestionCondition, answers: Mapping[str, Any],
                    questions: Mapping[str, Question]) -> bool:
    value = answers.get(leaf.question)
    question = questions.get(leaf.question)
    if question is None or not is_answered(value):
        return False
    if leaf.op == "answered":
        return True
    if leaf.op == "rows_at_least":
        return len(filled_rows(value)) >= int(leaf.value)
    if leaf.op == "any_row":
        return any(row_matches(leaf, question, row) for row in filled_rows(value))
    return _compare(question, question.type, leaf.op, value, leaf.value)


def row_matches(leaf: QuestionCondition, question: Question, row: Mapping[str, Any]) -> bool:
    """Whether one table row satisfies an ``any_row`` comparison."""
    column = question.column(leaf.column or "")
    if column is None:
        return False
    return _compare(column, column.type, leaf.row_op or "", row.get(column.id), leaf.value)


def _compare(field: Question | Column, type_: str, op: str, value: Any, target: Any) -> bool:
    if not is_answered(value):
        return False
    if op == "answered":
        return True
    if op == "equals":
        return value == target
    if op == "not_equals":
        return value != target
    if op == "in":
        return value in target
    if op == "contains":
        return isinstance(value, list) and target in value
    have, want = _ordinal(field, type_, value), _ordinal(field, type_, target)
    if have is None or want is None:
        return False
    return {"gte": have >= want, "lte": have <= want, "gt": have > want, "lt": have < want}.get(
        op, False)


def _ordinal(field: Question | Column, type_: str, value: Any) -> Any:
    if type_ in ("scale", "choice"):
        return scale_position(field, value)
    if type_ == "date":
        return as_date(value)
    return as_number(value)
