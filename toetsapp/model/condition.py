"""Declarative conditions: data, never code.

A condition is one of
``{"all": [...]}``, ``{"any": [...]}``, ``{"not": {...}}``,
``{"question": ID, "op": OP, "value": V}`` over an answer, or
``{"dimension": ID, "op": OP, "value": LEVEL}`` over a rubric dimension level, or
``{"count_at_least": LEVEL, "min": N, "dimensions": [...]}`` (only inside rubric
verdict rules).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from toetsapp.i18n import _

QuestionOp = Literal[
    "answered",  # any non-empty answer (non-empty table, list or text)
    "equals",
    "not_equals",
    "in",  # value is a list; the answer is one of them
    "contains",  # multichoice answer contains value
    "gte",  # numbers, dates (ISO) and scale levels (by position)
    "lte",
    "gt",
    "lt",
    "rows_at_least",  # table with at least ``value`` rows
    "any_row",  # some table row has ``column`` compared with ``row_op`` to value
]
RowOp = Literal["equals", "in", "gte", "lte", "gt", "lt", "answered"]
DimensionOp = Literal["equals", "at_least", "at_most", "assessed"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class QuestionCondition(_Strict):
    """Compares the answer to one question with a value."""

    question: str
    op: QuestionOp
    value: Any = None
    column: str | None = None
    row_op: RowOp | None = None

    @model_validator(mode="after")
    def _check_shape(self) -> QuestionCondition:
        if self.op == "answered":
            if self.value not in (None, True):
                raise ValueError(_("'answered' neemt geen waarde (of true)"))
        elif self.value is None and not (self.op == "any_row" and self.row_op == "answered"):
            raise ValueError(_("'{op}' heeft een 'value' nodig").format(op=self.op))
        if self.op == "in" and not isinstance(self.value, list):
            raise ValueError(_("'in' heeft een lijst als 'value' nodig"))
        if self.op == "any_row" and (self.column is None or self.row_op is None):
            raise ValueError(_("'any_row' heeft 'column' en 'row_op' nodig"))
        if self.op != "any_row" and (self.column is not None or self.row_op is not None):
            raise ValueError(_("'column' en 'row_op' horen alleen bij 'any_row'"))
        return self


class DimensionCondition(_Strict):
    """Compares the level of a rubric dimension (verdict rules only)."""

    dimension: str
    op: DimensionOp
    value: str | None = None

    @model_validator(mode="after")
    def _check_shape(self) -> DimensionCondition:
        if (self.op == "assessed") != (self.value is None):
            raise ValueError(_("alleen 'assessed' komt zonder 'value'"))
        return self


class CountCondition(_Strict):
    """At least ``min`` dimensions (of ``dimensions``, default all) are at
    ``level`` or worse (verdict rules only)."""

    count_at_least: str
    min: int = Field(ge=1)
    dimensions: list[str] | None = Field(default=None, min_length=1)


class AllCondition(_Strict):
    all: list[Condition] = Field(min_length=1)


class AnyCondition(_Strict):
    any: list[Condition] = Field(min_length=1)


class NotCondition(_Strict):
    not_: Condition = Field(alias="not")


Condition = (AllCondition | AnyCondition | NotCondition | QuestionCondition | DimensionCondition
             | CountCondition)

for _model in (AllCondition, AnyCondition, NotCondition):
    _model.model_rebuild()


Leaf = QuestionCondition | DimensionCondition | CountCondition


def iter_leaves(condition: Condition) -> Iterator[Leaf]:
    """Every comparison inside ``condition``, depth first."""
    if isinstance(condition, AllCondition):
        for part in condition.all:
            yield from iter_leaves(part)
    elif isinstance(condition, AnyCondition):
        for part in condition.any:
            yield from iter_leaves(part)
    elif isinstance(condition, NotCondition):
        yield from iter_leaves(condition.not_)
    else:
        yield condition


def referenced_questions(condition: Condition | None) -> list[str]:
    """Question ids a condition reads, in order of first appearance."""
    if condition is None:
        return []
    seen: dict[str, None] = {}
    for leaf in iter_leaves(condition):
        if isinstance(leaf, QuestionCondition):
            seen.setdefault(leaf.question, None)
    return list(seen)
