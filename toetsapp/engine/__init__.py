"""The pure engine: (form, rubric, answers, overrides) -> visibility, problems, scores.

No Qt, no file I/O, no global state beyond a per-form lookup cache. Fast enough
to rerun on every keystroke (see ``bench/``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from toetsapp.engine.compiled import CompiledForm, compiled
from toetsapp.engine.keyfigures import KeyFigureValue, KeyListValue, key_figures, key_lists
from toetsapp.engine.provisional import OpenProblem, Provisional, provisional
from toetsapp.engine.scoring import DimensionScore, Reason, VerdictScore, score
from toetsapp.engine.validation import Problem, problems
from toetsapp.engine.visibility import Visibility, visibility
from toetsapp.model.form import Form
from toetsapp.model.rubric import Rubric
from toetsapp.model.toets import Overrides, Toets


@dataclass(frozen=True)
class Evaluation:
    """Everything the UI, the command line and the exports show about a toets."""

    form: Form
    rubric: Rubric | None
    visibility: Visibility
    problems: list[Problem]
    dimensions: list[DimensionScore]
    verdict: VerdictScore | None
    key_figures: list[KeyFigureValue]
    key_lists: list[KeyListValue]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def complete(self) -> bool:
        return not self.errors

    def section_progress(self, section_id: str) -> tuple[int, int]:
        """(answered, visible) question counts in one section."""
        section = self.form.section(section_id)
        if section is None:
            return (0, 0)
        shown = [q.id for q in section.questions if q.id in self.visibility.questions]
        answered = [q for q in shown if q in self.visibility.effective
                    or q in self.visibility.not_applicable]
        return len(answered), len(shown)

    def progress(self) -> tuple[int, int]:
        """(answered, applicable) question counts over the whole form."""
        counts = [self.section_progress(s.id) for s in self.form.sections]
        return sum(c[0] for c in counts), sum(c[1] for c in counts)

    @cached_property
    def provisional(self) -> Provisional:
        """Open problems and assessed dimensions: how final this toets is."""
        from toetsapp.i18n import current_language

        language = current_language()
        questions = compiled(self.form).questions
        labels = {p.question: questions[p.question].label.get(language) for p in self.errors
                  if p.question in questions}
        return provisional(self.problems, self.dimensions, self.progress(), language, labels)


def evaluate(form: Form, rubric: Rubric | None, answers: Mapping[str, Any],
             overrides: Overrides | None = None, *,
             not_applicable: Mapping[str, str] | None = None,
             sections_not_applicable: Mapping[str, str] | None = None,
             choices_not_applicable: Mapping[str, list[str]] | None = None) -> Evaluation:
    """Run visibility, validation, scoring and key figures in one pass.

    ``not_applicable`` maps question ids answered 'n.v.t.' to their reason,
    ``sections_not_applicable`` section ids declared 'n.v.t.' to theirs,
    ``choices_not_applicable`` per-choice multichoices to their 'n.v.t.' choices.
    """
    overrides = overrides or Overrides()
    cform: CompiledForm = compiled(form)
    vis = visibility(cform, answers, not_applicable, sections_not_applicable)
    found = problems(cform, answers, vis, rubric, overrides, not_applicable,
                     choices_not_applicable)
    dims: list[DimensionScore] = []
    verdict: VerdictScore | None = None
    if rubric is not None:
        dims, verdict = score(rubric, cform, vis.effective, overrides, vis)
    return Evaluation(form, rubric, vis, found, dims, verdict,
                      key_figures(cform, vis, answers), key_lists(cform, vis.effective))


def evaluate_toets(toets: Toets, form: Form, rubric: Rubric | None) -> Evaluation:
    """Evaluate a loaded toets document."""
    return evaluate(form, rubric, toets.answer_values(), toets.overrides,
                    not_applicable=toets.not_applicable(),
                    sections_not_applicable=toets.not_applicable_section_reasons(),
                    choices_not_applicable=toets.not_applicable_choices())


__all__ = [
    "DimensionScore",
    "Evaluation",
    "OpenProblem",
    "Problem",
    "Provisional",
    "Reason",
    "VerdictScore",
    "evaluate",
    "evaluate_toets",
]
