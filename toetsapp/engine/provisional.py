"""How final a toets is: open problems, assessed dimensions, and what would decide a level.

Pure data from the engine's own results. The score panel, the navigator, page 1
of the PDF and the comparison only show it; ``render`` and signing only count it.
A toets is *provisional* while a required question is open, an answer is invalid,
an override is broken or a dimension is not assessed yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from toetsapp.engine.compiled import CompiledForm
from toetsapp.engine.scoring import DimensionScore, VerdictScore
from toetsapp.engine.validation import Problem
from toetsapp.errors import ToetsappError
from toetsapp.i18n import _, ngettext
from toetsapp.model.condition import referenced_questions
from toetsapp.model.rubric import Rubric

OpenKind = Literal["missing", "invalid", "override", "unassessed"]
FINAL_STATUSES = ("definitief", "vastgesteld")


@dataclass(frozen=True)
class OpenProblem:
    """One reason the toets is not final yet, pointing at a question or a dimension."""

    kind: OpenKind
    message: str
    question: str | None = None
    section: str | None = None
    dimension: str | None = None
    row: int | None = None
    label: str | None = None  # the question's label, for messages


@dataclass(frozen=True)
class Provisional:
    """The state of completion of a toets as a whole."""

    assessed: int  # dimensions with a level
    total: int  # dimensions in the rubric (0 without a rubric)
    answered: int  # applicable questions answered
    applicable: int  # applicable (visible) questions
    problems: tuple[OpenProblem, ...]

    @property
    def count(self) -> int:
        """How many open problems remain."""
        return len(self.problems)

    @property
    def is_provisional(self) -> bool:
        return bool(self.problems)

    @property
    def open_required(self) -> tuple[str, ...]:
        return _ids(p.question for p in self.problems if p.kind == "missing")

    @property
    def invalid(self) -> tuple[str, ...]:
        return _ids(p.question for p in self.problems if p.kind == "invalid")

    @property
    def unassessed(self) -> tuple[str, ...]:
        return _ids(p.dimension for p in self.problems if p.kind == "unassessed")

    def summary(self, with_problems: bool = True) -> str:
        """'3 van 9 dimensies beoordeeld · 20 van 59 vragen beantwoord · 12 open problemen'."""
        parts = [ngettext("{a} van {n} dimensie beoordeeld", "{a} van {n} dimensies beoordeeld",
                          self.total).format(a=self.assessed, n=self.total)] if self.total else []
        parts.append(_("{a} van {n} vragen beantwoord").format(a=self.answered,
                                                               n=self.applicable))
        if self.count and with_problems:
            parts.append(problems_text(self.count))
        return " · ".join(parts)


def problems_text(count: int) -> str:
    return ngettext("{n} open probleem", "{n} open problemen", count).format(n=count)


def _ids(values: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def provisional(problems: list[Problem], dimensions: list[DimensionScore],
                progress: tuple[int, int], language: str,
                labels: Mapping[str, str] | None = None) -> Provisional:
    """Collect the open problems: every error, then every dimension not assessed.

    ``labels`` maps question ids to the labels the user sees, for messages.
    """
    labels = labels or {}
    found = [OpenProblem(p.kind if p.kind in ("missing", "invalid") else "override",
                         p.message, p.question, p.section, row=p.row,
                         label=labels.get(p.question or ""))
             for p in problems if p.severity == "error"]
    applicable = [s for s in dimensions if not _not_applicable(s)]
    for score in applicable:
        if score.computed is None:
            found.append(OpenProblem("unassessed", _("Dimensie ‘{dim}’ is nog niet beoordeeld.")
                                     .format(dim=score.dimension.label.get(language)),
                                     dimension=score.dimension.id))
    assessed = sum(1 for s in applicable if s.level is not None)
    return Provisional(assessed, len(applicable), progress[0], progress[1], tuple(found))


def _not_applicable(score: DimensionScore) -> bool:
    """A dimension whose inputs are all hidden or answered 'n.v.t.' is complete, not open."""
    return bool(getattr(score, "not_applicable", False))


@dataclass(frozen=True)
class Undecided:
    """Why no rule fired for a dimension: the answers the rules read.

    ``open``: inputs the rules read that are not answered (answering them may decide
    the level); ``checked``: answered inputs the rules read, none of which met a rule.
    """

    open: tuple[str, ...]
    checked: tuple[str, ...]


def undecided(score: DimensionScore, effective: Mapping[str, Any]) -> Undecided | None:
    """For a dimension at its default level (no rule held): which answers would decide it."""
    if score.computed is None or not score.reasons or not all(r.is_default
                                                               for r in score.reasons):
        return None
    read: dict[str, None] = {}
    for rule in score.dimension.rules:
        for qid in referenced_questions(rule.when):
            read.setdefault(qid, None)
    for qid in score.dimension.inputs:
        read.setdefault(qid, None)
    inputs = set(score.dimension.inputs)
    waiting = set(score.unanswered_inputs)  # inputs that apply and are not answered
    return Undecided(tuple(q for q in read if q not in effective
                           and (q in waiting or q not in inputs)),
                     tuple(q for q in read if q in effective))


def verdict_undecided(verdict: VerdictScore | None,
                      dimensions: list[DimensionScore]) -> tuple[str, ...]:
    """For a verdict at its default: the dimensions not assessed that rules could still use."""
    if verdict is None or verdict.computed is None or not all(r.is_default
                                                              for r in verdict.reasons):
        return ()
    return tuple(s.dimension.id for s in dimensions if s.level is None)


def question_titles(ids: tuple[str, ...], cform: CompiledForm, language: str) -> list[str]:
    return [cform.questions[q].title(language) for q in ids if q in cform.questions]


def dimension_labels(ids: tuple[str, ...], rubric: Rubric, language: str) -> list[str]:
    out = []
    for dim_id in ids:
        dim = rubric.dimension(dim_id)
        if dim is not None:
            out.append(dim.label.get(language))
    return out


class NotFinal(ToetsappError):
    """A toets marked final (definitief, vastgesteld) that still has open problems."""

    def __init__(self, source: str, status: str, state: Provisional) -> None:
        self.source, self.status, self.state = source, status, state
        super().__init__(self.describe())

    def describe(self, limit: int = 30) -> str:
        lines = [_("{file}: de status is ‘{status}’, maar de toets heeft nog {problems}:")
                 .format(file=self.source, status=self.status,
                         problems=problems_text(self.state.count))]
        lines += [f"  - {problem_where(p)}{p.message}" for p in self.state.problems[:limit]]
        if self.state.count > limit:
            lines.append("  " + _("… en nog {n}").format(n=self.state.count - limit))
        lines.append(_("Los ze op, zet de status terug, of geef --concept om een concept-PDF "
                       "te maken."))
        return "\n".join(lines)


def problem_where(problem: OpenProblem) -> str:
    """'Label (vraag_id): ' / 'Label (vraag_id), rij 2: ' for one-line messages.

    '' for a dimension; the id alone when the label is unknown.
    """
    if not problem.question:
        return ""
    row = _(", rij {n}").format(n=problem.row + 1) if problem.row is not None else ""
    where = f"{problem.label} ({problem.question})" if problem.label else problem.question
    return f"{where}{row}: "


def check_final(status: str, state: Provisional, source: str) -> None:
    """Refuse a final status while problems remain (raises :class:`NotFinal`)."""
    if status in FINAL_STATUSES and state.is_provisional:
        raise NotFinal(source, status, state)
