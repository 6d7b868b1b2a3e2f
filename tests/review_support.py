"""Shared helpers for the review tests: an example toets, forks with logged edits."""

from __future__ import annotations

from pathlib import Path

from toetsapp.catalog import default_catalog
from toetsapp.files.store import load_toets
from toetsapp.model.toets import Toets
from toetsapp.review.history import record_revision

ROOT = Path(__file__).resolve().parent.parent
LARGEST = ROOT / "examples" / "uitvoerbaarheidstoets.toets"


def example() -> Toets:
    return load_toets(LARGEST)


def definitions(toets: Toets):
    catalog = default_catalog()
    form = catalog.form(toets.form.id)
    return form, catalog.rubric_for(form.id)


def text_questions(toets: Toets) -> list[str]:
    """Answered questions whose value is free text (safe to change to any text)."""
    form, _rubric = definitions(toets)
    index = form.question_index()
    return [q for q, a in toets.answers.items()
            if q in index and index[q].type in ("text", "textarea") and a.value]


def edited(toets: Toets, edits: dict[tuple[str, str], str], *, by: str,
           summary: str = "Bewerkt") -> Toets:
    """A copy of ``toets`` with ``edits`` ((question, part) → text), saved once (logged)."""
    copy = toets.model_copy(deep=True)
    previous = toets.model_copy(deep=True)
    for (question, part), text in edits.items():
        answer = copy.answers[question].model_copy()
        setattr(answer, part, text)
        copy.answers = {**copy.answers, question: answer}
    record_revision(copy, summary, by=by, previous=previous)
    return copy
