"""Dimension levels and the verdict, each with the reasons that produced it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from toetsapp.engine.compiled import CompiledForm
from toetsapp.engine.conditions import holds
from toetsapp.engine.visibility import Visibility
from toetsapp.model.condition import Condition, CountCondition, DimensionCondition, iter_leaves
from toetsapp.model.condition import referenced_questions as _questions_in
from toetsapp.model.rubric import Dimension, Rubric
from toetsapp.model.text import Text
from toetsapp.model.toets import Override, Overrides


@dataclass(frozen=True)
class Reason:
    """A rule that held: its level, its text, and the answers or dimensions it read."""

    level: str
    because: Text
    questions: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    is_default: bool = False
    when: Condition | None = None


@dataclass(frozen=True)
class DimensionScore:
    dimension: Dimension
    computed: str | None  # None: not assessed (no input answered), or n.v.t.
    override: Override | None
    reasons: tuple[Reason, ...]
    unanswered_inputs: tuple[str, ...]  # inputs shown, not n.v.t. and not answered
    not_applicable: bool = False  # every input is hidden or answered 'n.v.t.'
    not_applicable_reasons: tuple[str, ...] = ()
    applicable_inputs: tuple[str, ...] | None = None  # inputs shown and not n.v.t.

    @property
    def expected_inputs(self) -> tuple[str, ...]:
        """The inputs an answer is expected for (all of them when visibility is unknown)."""
        if self.applicable_inputs is None:
            return tuple(self.dimension.inputs)
        return self.applicable_inputs

    @property
    def level(self) -> str | None:
        """The level that counts: the toetser's override, else the computed one."""
        return self.override.value if self.override else self.computed

    @property
    def overridden(self) -> bool:
        return self.override is not None and self.override.value != self.computed


@dataclass(frozen=True)
class VerdictScore:
    computed: str | None
    override: Override | None
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    @property
    def value(self) -> str | None:
        return self.override.value if self.override else self.computed

    @property
    def overridden(self) -> bool:
        return self.override is not None and self.override.value != self.computed


def _dimensions_in(condition: Condition, all_dimensions: list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for leaf in iter_leaves(condition):
        if isinstance(leaf, DimensionCondition):
            seen.setdefault(leaf.dimension, None)
        elif isinstance(leaf, CountCondition):
            for name in leaf.dimensions or all_dimensions:
                seen.setdefault(name, None)
    return tuple(seen)


def undecided_gates(inputs: tuple[str, ...] | list[str], cform: CompiledForm, vis: Visibility,
                    effective: Mapping[str, Any]) -> tuple[str, ...]:
    """The shown, unanswered questions whose answer decides whether hidden ``inputs`` apply.

    A hidden input is 'n.v.t.' only once its condition is decided; while the question it
    depends on (directly, or through another hidden question) is open, it is still open.
    """
    found: dict[str, None] = {}
    stack = [q for q in inputs if q not in vis.questions]
    seen: set[str] = set()
    while stack:
        qid = stack.pop(0)
        if qid in seen or qid not in cform.visibility_reads:
            continue
        seen.add(qid)
        for gate in cform.visibility_reads[qid]:
            if gate not in vis.questions:
                stack.append(gate)
            elif vis.applies(gate) and gate not in effective:
                found.setdefault(gate, None)
    return tuple(found)


def score_dimension(dim: Dimension, rubric: Rubric, cform: CompiledForm,
                    effective: Mapping[str, Any], override: Override | None,
                    vis: Visibility | None = None) -> DimensionScore:
    """Worst level among the rules that hold; default when none; None when unassessable.

    With ``vis``, a dimension none of whose inputs is answered is 'n.v.t.' when every
    input is hidden or answered 'n.v.t.', and only inputs that apply are asked for.
    """
    applies = vis.applies if vis is not None else (lambda _q: True)
    applicable = tuple(q for q in dim.inputs if applies(q)) if vis is not None else None
    unanswered = tuple(q for q in dim.inputs if q not in effective and applies(q))
    if not any(q in effective for q in dim.inputs):
        if not unanswered and vis is not None:
            gates = undecided_gates(dim.inputs, cform, vis, effective)
            if gates:  # hidden only because what decides it is not answered yet
                return DimensionScore(dim, None, override, (), gates,
                                      applicable_inputs=applicable)
            reasons = tuple(dict.fromkeys(
                r for q in dim.inputs if (r := vis.not_applicable.get(q, "").strip())))
            return DimensionScore(dim, None, override, (), (), True, reasons, applicable)
        return DimensionScore(dim, None, override, (), unanswered,
                              applicable_inputs=applicable)
    reasons = tuple(
        Reason(rule.level, rule.because, tuple(_questions_in(rule.when)), when=rule.when)
        for rule in dim.rules if holds(rule.when, effective, cform.questions)
    )
    if not reasons:
        answered = tuple(q for q in dim.inputs if q in effective)
        reasons = (Reason(dim.default_level, dim.default_because, answered, is_default=True),)
    reasons = tuple(sorted(reasons, key=lambda r: -rubric.level_rank(r.level)))
    return DimensionScore(dim, reasons[0].level, override, _without_subsumed(reasons, rubric),
                          unanswered, applicable_inputs=applicable)


def _without_subsumed(reasons: tuple[Reason, ...], rubric: Rubric) -> tuple[Reason, ...]:
    """Drop a reason when a worse one read the same answers (a lower band of one threshold)."""
    kept: list[Reason] = []
    for reason in reasons:
        rank = rubric.level_rank(reason.level)
        if not any(rubric.level_rank(k.level) > rank and set(reason.questions) <= set(k.questions)
                   for k in kept):
            kept.append(reason)
    return tuple(kept)


def score_verdict(rubric: Rubric, cform: CompiledForm, effective: Mapping[str, Any],
                  scores: list[DimensionScore], override: Override | None) -> VerdictScore:
    """Worst verdict among the rules that hold, over the effective dimension levels."""
    levels = {s.dimension.id: s.level for s in scores}
    if all(level is None for level in levels.values()):
        return VerdictScore(None, override)

    def rank(value: str) -> int | None:
        return rubric.level_rank(value) if rubric.level(value) else None

    reasons = tuple(
        Reason(rule.verdict, rule.because, tuple(_questions_in(rule.when)),
               _dimensions_in(rule.when, list(levels)), when=rule.when)
        for rule in rubric.verdict_rules
        if holds(rule.when, effective, cform.questions, levels, rank)
    )
    if not reasons:
        reasons = (Reason(rubric.default_verdict, rubric.default_verdict_because,
                          is_default=True),)
    reasons = tuple(sorted(reasons, key=lambda r: -rubric.verdict_rank(r.level)))
    return VerdictScore(reasons[0].level, override, reasons)


def score(rubric: Rubric, cform: CompiledForm, effective: Mapping[str, Any],
          overrides: Overrides, vis: Visibility | None = None,
          ) -> tuple[list[DimensionScore], VerdictScore]:
    """All dimension scores and the verdict."""
    scores = []
    for dim in rubric.dimensions:
        override = overrides.dimensions.get(dim.id)
        if override is not None and rubric.level(override.value) is None:
            override = None
        scores.append(score_dimension(dim, rubric, cform, effective, override, vis))
    verdict_override = overrides.verdict
    if verdict_override is not None and rubric.verdict(verdict_override.value) is None:
        verdict_override = None
    return scores, score_verdict(rubric, cform, effective, scores, verdict_override)
