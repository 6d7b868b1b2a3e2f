"""Diff and merge of two copies of the largest example, each with 50 comments and some
edited answers (one review round between two agencies)."""

from __future__ import annotations

from pathlib import Path

from bench.common import median_seconds, report
from toetsapp.catalog import default_catalog
from toetsapp.files.store import load_toets
from toetsapp.model.toets import Toets
from toetsapp.resources import resource_dir
from toetsapp.review.comments import Author, add_comment
from toetsapp.review.diff import diff_toetsen
from toetsapp.review.history import record_revision
from toetsapp.review.merge import merge

RUNS = 15
COMMENTS = 50


def largest_example() -> Path:
    return max((resource_dir("examples")).glob("*.toets"), key=lambda p: p.stat().st_size)


def copy_with_comments(base: Toets, form, who: Author, edit_every: int) -> Toets:
    """A copy with ``COMMENTS`` comments and every ``edit_every``-th answer's evidence
    edited (logged as one save)."""
    copy = base.model_copy(deep=True)
    previous = base.model_copy(deep=True)
    questions = [q for _s, q in form.questions()]
    for n in range(COMMENTS):
        add_comment(copy, form, f"Opmerking {n} van {who.organisation}", who,
                    question=questions[n % len(questions)].id)
    for n, question in enumerate(list(copy.answers)):
        if n % edit_every == 0:
            answer = copy.answers[question].model_copy()
            answer.evidence = f"{answer.evidence} (aangevuld door {who.organisation})"
            copy.answers = {**copy.answers, question: answer}
    record_revision(copy, "Reviewronde", by=who.name, previous=previous)
    return copy


def main() -> None:
    path = largest_example()
    base = load_toets(path)
    catalog = default_catalog()
    form = catalog.form(base.form.id)
    rubric = catalog.rubric_for(form.id)
    mine = copy_with_comments(base, form, Author("Eva", "UWV"), 5)
    theirs = copy_with_comments(base, form, Author("Bram", "Belastingdienst"), 7)
    result = merge(mine, theirs, form)
    report("review", {
        "example": path.name,
        "comments_per_copy": str(COMMENTS),
        "differences": str(len(diff_toetsen(mine, theirs, form, rubric).differences())),
        "conflicts": str(len(result.conflicts)),
        "diff_median": median_seconds(lambda: diff_toetsen(mine, theirs, form, rubric), RUNS),
        "diff_without_scores_median": median_seconds(
            lambda: diff_toetsen(mine, theirs, form, rubric, scores=False), RUNS),
        "merge_median": median_seconds(lambda: merge(mine, theirs, form), RUNS),
    })


if __name__ == "__main__":
    main()
