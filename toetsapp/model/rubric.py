"""Scoring rubrics (``rubrics/*.json``): dimensions, levels and verdict rules."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from toetsapp.model.condition import Condition
from toetsapp.model.form import ID_PATTERN, VERSION_PATTERN, Identifier
from toetsapp.model.text import Text

COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(_Strict):
    """One step of an ordered scale; scales run from best to worst."""

    value: Identifier = Field(pattern=ID_PATTERN)
    label: Text
    description: Text | None = None
    color: str = Field(pattern=COLOR_PATTERN)


class DimensionRule(_Strict):
    """When ``when`` holds, the dimension is at least as bad as ``level``."""

    when: Condition
    level: Identifier
    because: Text


class Monotone(_Strict):
    """A promise the property tests check: moving this answer towards the
    end of its scale (``worse_when: "later"``), to a larger number
    (``"higher"``), to yes or no, or to more or fewer ticked choices never
    improves the dimension."""

    question: Identifier
    worse_when: Literal["later", "earlier", "higher", "lower", "yes", "no", "more", "fewer"]


class Dimension(_Strict):
    """One scored aspect of a toets, e.g. processes and ICT."""

    id: Identifier = Field(pattern=ID_PATTERN)
    label: Text
    description: Text
    critical: bool = False
    inputs: list[Identifier] = Field(min_length=1)
    rules: list[DimensionRule] = Field(min_length=1)
    default_level: Identifier
    default_because: Text
    monotone: list[Monotone] = Field(default_factory=list)


class VerdictRule(_Strict):
    """When ``when`` holds (over dimension levels and answers), the verdict is
    at least as bad as ``verdict``."""

    when: Condition
    verdict: Identifier
    because: Text


class Rubric(_Strict):
    """How one form is scored."""

    schema_: str | None = Field(default=None, alias="$schema")
    id: Identifier = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    version: str = Field(pattern=VERSION_PATTERN)
    form: Identifier = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    title: Text
    levels: list[Level] = Field(min_length=2)
    dimensions: list[Dimension] = Field(min_length=1)
    verdicts: list[Level] = Field(min_length=2)
    verdict_label: Text
    verdict_rules: list[VerdictRule] = Field(default_factory=list)
    default_verdict: Identifier
    default_verdict_because: Text

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def level_rank(self, value: str) -> int:
        """Position of a dimension level: 0 is best."""
        return next(i for i, lvl in enumerate(self.levels) if lvl.value == value)

    def verdict_rank(self, value: str) -> int:
        """Position of a verdict: 0 is best."""
        return next(i for i, v in enumerate(self.verdicts) if v.value == value)

    def level(self, value: str) -> Level | None:
        return next((lvl for lvl in self.levels if lvl.value == value), None)

    def verdict(self, value: str) -> Level | None:
        return next((v for v in self.verdicts if v.value == value), None)

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)
