"""Completeness problems: missing required answers, invalid values, stray answers."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from toetsapp.engine.compiled import CompiledForm
from toetsapp.engine.conditions import holds
from toetsapp.engine.values import filled_rows, is_answered, value_problem
from toetsapp.engine.visibility import Visibility
from toetsapp.i18n import _, current_language, ngettext
from toetsapp.model.form import Question
from toetsapp.model.rubric import Rubric
from toetsapp.model.toets import Overrides

Kind = Literal["missing", "invalid", "hidden", "unknown", "override"]
Severity = Literal["error", "warning", "info"]
MAX_UNKNOWN_LISTED = 20  # answers to unknown questions listed one by one; the rest counted


@dataclass(frozen=True)
class Problem:
    """One thing to fix (or to know), pointing at a question, row and column."""

    kind: Kind
    severity: Severity
    message: str
    question: str | None = None
    section: str | None = None
    row: int | None = None
    column: str | None = None


def problems(cform: CompiledForm, answers: Mapping[str, Any], vis: Visibility,
             rubric: Rubric | None = None, overrides: Overrides | None = None,
             not_applicable: Mapping[str, str] | None = None,
             choices_not_applicable: Mapping[str, list[str]] | None = None) -> list[Problem]:
    """Every problem, in form order. An 'n.v.t.' answer is complete; it needs a reason."""
    found: list[Problem] = []
    marked = not_applicable or {}
    marked_choices = choices_not_applicable or {}
    for section_id, reason in vis.not_applicable_sections.items():
        if not reason.strip():
            found.append(Problem("missing", "warning", _(
                "Geef kort aan waarom dit onderdeel niet van toepassing is."),
                section=section_id))
    for qid in cform.order:
        question = cform.questions[qid]
        section = cform.section_of[qid].id
        value = answers.get(qid)
        if qid not in vis.questions:
            if is_answered(value):
                found.append(Problem("hidden", "info", _(
                    "Deze vraag is niet van toepassing; het antwoord telt niet mee."),
                    qid, section))
            continue
        if qid in vis.not_applicable:
            if section not in vis.not_applicable_sections and not vis.not_applicable[
                    qid].strip():
                found.append(Problem("missing", "warning", _(
                    "Geef kort aan waarom deze vraag niet van toepassing is."), qid, section))
            continue
        if qid in marked:
            found.append(Problem("invalid", "error", _(
                "Deze vraag kan niet met 'n.v.t.' worden beantwoord."), qid, section))
        found.extend(_choice_state_problems(question, value, marked_choices.get(qid), section))
        if not is_answered(value):
            if question.required or (question.required_when is not None and holds(
                    question.required_when, vis.effective, cform.questions)):
                found.append(Problem("missing", "error", _("Verplichte vraag is niet beantwoord."),
                                     qid, section))
            continue
        if question.type != "table" and vis.effective.get(qid) is value:
            continue  # visibility already found the value valid
        found.extend(_value_problems(question, value, section))
    unknown = [qid for qid in answers if qid not in cform.questions]
    for qid in unknown[:MAX_UNKNOWN_LISTED]:
        found.append(Problem("unknown", "warning", _(
            "Antwoord op een vraag die niet (meer) in het formulier staat: '{id}'.")
            .format(id=qid[:100]), qid))
    if len(unknown) > MAX_UNKNOWN_LISTED:
        more = len(unknown) - MAX_UNKNOWN_LISTED
        found.append(Problem("unknown", "warning", ngettext(
            "Nog {n} antwoord op een vraag die niet (meer) in het formulier staat.",
            "Nog {n} antwoorden op vragen die niet (meer) in het formulier staan.", more)
            .format(n=more)))
    if rubric is not None and overrides is not None:
        found.extend(_override_problems(rubric, overrides))
    return found


def _choice_state_problems(question: Question, value: Any, nvt: list[str] | None,
                           section: str) -> Iterator[Problem]:
    """An aspect marked 'n.v.t.' must be one of the choices and cannot also be ticked."""
    if not nvt:
        return
    if question.type != "multichoice" or not question.choice_states:
        yield Problem("invalid", "error", _(
            "Bij deze vraag kunnen keuzes niet afzonderlijk 'n.v.t.' zijn."), question.id, section)
        return
    ticked = set(value) if isinstance(value, list) else set()
    known = {c.value for c in question.choices or ()}
    for choice in dict.fromkeys(nvt):
        if choice not in known:
            yield Problem("invalid", "error", _(
                "‘{choice}’ staat als n.v.t. aangemerkt, maar is geen keuze van deze vraag.")
                .format(choice=str(choice)[:100]), question.id, section)
        elif choice in ticked:
            known_choice = question.choice(choice)
            label = known_choice.label.get(current_language()) if known_choice else choice
            yield Problem("invalid", "error", _(
                "‘{choice}’ is zowel aangevinkt (gevolgen) als n.v.t.; kies één van beide.")
                .format(choice=label), question.id, section)


def _value_problems(question: Question, value: Any, section: str) -> Iterator[Problem]:
    if question.type != "table":
        message = value_problem(question, question.type, value)
        if message:
            yield Problem("invalid", "error", message, question.id, section)
        return
    if not isinstance(value, list):
        yield Problem("invalid", "error", _("verwacht een tabel (lijst met rijen)"),
                      question.id, section)
        return
    rows = filled_rows(value)
    if question.min_rows and len(rows) < question.min_rows:
        yield Problem("missing", "error", _("Vul minstens {n} rijen in.")
                      .format(n=question.min_rows), question.id, section)
    if question.max_rows and len(rows) > question.max_rows:
        yield Problem("invalid", "error", _("Te veel rijen ({n}; maximaal {max}).")
                      .format(n=len(rows), max=question.max_rows), question.id, section)
    known = {c.id for c in question.columns or ()}
    for index, row in enumerate(value):
        if not isinstance(row, dict):
            yield Problem("invalid", "error", _("rij is geen rij met kolommen"),
                          question.id, section, index)
            continue
        if not any(is_answered(v) for v in row.values()):
            continue
        for column in question.columns or ():
            cell = row.get(column.id)
            if not is_answered(cell):
                if column.required:
                    yield Problem("missing", "error", _("Kolom '{col}' is verplicht.")
                                  .format(col=column.label.get(_lang())), question.id, section,
                                  index, column.id)
                continue
            message = value_problem(column, column.type, cell)
            if message:
                yield Problem("invalid", "error", message, question.id, section, index, column.id)
        for extra in sorted(set(row) - known):
            yield Problem("unknown", "warning", _("Onbekende kolom '{col}'.").format(col=extra),
                          question.id, section, index, extra)


def _override_problems(rubric: Rubric, overrides: Overrides) -> Iterator[Problem]:
    for dim_id, override in overrides.dimensions.items():
        if rubric.dimension(dim_id) is None:
            yield Problem("override", "warning", _(
                "Afwijking voor onbekende dimensie '{id}' wordt genegeerd.").format(id=dim_id))
        elif rubric.level(override.value) is None:
            yield Problem("override", "error", _(
                "Afwijking voor '{id}' noemt onbekend niveau '{value}'.")
                .format(id=dim_id, value=override.value))
    if overrides.verdict is not None and rubric.verdict(overrides.verdict.value) is None:
        yield Problem("override", "error", _("Afwijkend eindoordeel '{value}' bestaat niet.")
                      .format(value=overrides.verdict.value))


def _lang() -> str:
    from toetsapp.i18n import current_language

    return current_language()
