"""Full revalidation + rescoring of the largest form, all questions answered."""

from __future__ import annotations

from datetime import date
from typing import Any

from bench.common import median_seconds, report, whole_process
from toetsapp.catalog import default_catalog
from toetsapp.engine import evaluate
from toetsapp.files.store import load_toets
from toetsapp.model.form import Column, Form, Question
from toetsapp.resources import resource_dir

TABLE_ROWS = 25


def _value(field: Question | Column, type_: str, index: int) -> Any:
    """A deterministic valid value; scales take their worst level to open every branch."""
    if type_ in ("text", "textarea"):
        return f"Antwoord {index} " + "met toelichting " * (40 if type_ == "textarea" else 2)
    if type_ in ("choice", "scale"):
        return field.choice_values()[-1]
    if type_ == "multichoice":
        return field.choice_values()
    if type_ == "boolean":
        return True
    if type_ in ("number", "money", "fte"):
        return field.max if field.max is not None else 1000 + index
    if type_ == "date":
        return date(2028, 1, 1).isoformat()
    raise ValueError(type_)


def all_answers(form: Form) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for index, (_, question) in enumerate(form.questions()):
        if question.type == "table":
            answers[question.id] = [
                {c.id: _value(c, c.type, row) for c in question.columns or ()}
                for row in range(min(TABLE_ROWS, question.max_rows or TABLE_ROWS))]
        else:
            answers[question.id] = _value(question, question.type, index)
    return answers


def largest_example() -> str:
    examples = sorted(resource_dir("examples").glob("*.toets"), key=lambda p: p.stat().st_size)
    return str(examples[-1])


def main() -> None:
    catalog = default_catalog()
    form = max(catalog.forms.values(), key=lambda f: len(f.question_index()))
    rubric = catalog.rubric_for(form.id)
    answers = all_answers(form)
    example = load_toets(largest_example())
    ex_form = catalog.form(example.form.id)
    ex_rubric = catalog.rubric_for(ex_form.id)
    report("engine", {
        "form": f"{form.id} ({len(form.question_index())} questions, all answered, "
                f"tables {TABLE_ROWS} rows)",
        "evaluate_all_answered_median": median_seconds(
            lambda: evaluate(form, rubric, answers), runs=200, warmup=5),
        "evaluate_largest_example_median": median_seconds(
            lambda: evaluate(ex_form, ex_rubric, example.answer_values(), example.overrides),
            runs=200, warmup=5),
        "whole_process_score_median_of_5": whole_process(["score", largest_example()], runs=5),
    })


if __name__ == "__main__":
    main()
