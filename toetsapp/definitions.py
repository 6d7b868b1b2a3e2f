"""Loading and checking forms and rubrics: JSON Schema, pydantic, cross-references.

Every problem is reported with the file and the JSON path it concerns.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

from toetsapp.canonical import content_hash
from toetsapp.definition_conditions import condition_issues
from toetsapp.errors import FileProblem, Issue, json_path
from toetsapp.files.jsonfile import read_json
from toetsapp.i18n import N_, _, ngettext
from toetsapp.model.condition import referenced_questions
from toetsapp.model.form import CHOICE_TYPES, NUMERIC_TYPES, Form, Question
from toetsapp.model.rubric import Rubric
from toetsapp.resources import resource_dir

M = TypeVar("M", bound=BaseModel)

SCHEMA_FILES = {
    Form: ("forms", "form.schema.json"),
    Rubric: ("rubrics", "rubric.schema.json"),
}


@cache
def _validator(folder: str, name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # imported on first use: ~60 ms

    schema = json.loads((resource_dir(folder) / name).read_text("utf-8"))
    return Draft202012Validator(schema)


def schema_issues(data: Any, model: type[BaseModel]) -> list[Issue]:
    """Structural problems found by the JSON Schema beside the definitions."""
    validator = _validator(*SCHEMA_FILES[model])
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return [Issue(json_path(list(e.absolute_path)), _short(e.message)) for e in errors]


def _short(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


def pydantic_issues(exc: ValidationError) -> list[Issue]:
    """Turn pydantic's errors into issues with JSON paths, in Toetsapp's language."""
    issues = []
    for error in exc.errors(include_url=False):
        location = [p for p in error["loc"] if not _is_union_tag(p)]
        issues.append(Issue(json_path(location), _short(pydantic_message(error))))
    return issues


_PYDANTIC_MESSAGES = {
    "missing": N_("verplicht veld ontbreekt"),
    "extra_forbidden": N_("onbekend veld"),
    "string_type": N_("verwacht tekst"),
    "int_type": N_("verwacht een geheel getal"),
    "int_parsing": N_("verwacht een geheel getal"),
    "int_from_float": N_("verwacht een geheel getal"),
    "float_type": N_("verwacht een getal"),
    "float_parsing": N_("verwacht een getal"),
    "bool_type": N_("verwacht true of false"),
    "bool_parsing": N_("verwacht true of false"),
    "date_type": N_("verwacht een datum (JJJJ-MM-DD)"),
    "date_parsing": N_("verwacht een datum (JJJJ-MM-DD)"),
    "date_from_datetime_parsing": N_("verwacht een datum (JJJJ-MM-DD)"),
    "datetime_type": N_("verwacht een datum met tijd (ISO 8601)"),
    "datetime_parsing": N_("verwacht een datum met tijd (ISO 8601)"),
    "datetime_from_date_parsing": N_("verwacht een datum met tijd (ISO 8601)"),
    "uuid_type": N_("verwacht een UUID"),
    "uuid_parsing": N_("verwacht een UUID"),
    "dict_type": N_("verwacht een object"),
    "model_type": N_("verwacht een object"),
    "model_attributes_type": N_("verwacht een object"),
    "list_type": N_("verwacht een lijst"),
    "literal_error": N_("verwacht een van: {expected}"),
    "enum": N_("verwacht een van: {expected}"),
    "string_pattern_mismatch": N_("heeft niet de juiste vorm (patroon {pattern})"),
    "greater_than_equal": N_("moet minstens {ge} zijn"),
    "greater_than": N_("moet groter zijn dan {gt}"),
    "less_than_equal": N_("mag hooguit {le} zijn"),
    "less_than": N_("moet kleiner zijn dan {lt}"),
}


def pydantic_message(error: Any) -> str:
    """One pydantic error as text for people; our own checks are translated already."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind in ("string_too_short", "too_short"):
        n = ctx.get("min_length", 0)
        return (ngettext("tekst moet minstens {n} teken hebben",
                         "tekst moet minstens {n} tekens hebben", n) if kind == "string_too_short"
                else ngettext("moet minstens {n} element hebben",
                              "moet minstens {n} elementen hebben", n)).format(n=n)
    if kind in ("string_too_long", "too_long"):
        n = ctx.get("max_length", 0)
        return (ngettext("tekst mag hooguit {n} teken hebben",
                         "tekst mag hooguit {n} tekens hebben", n) if kind == "string_too_long"
                else ngettext("mag hooguit {n} element hebben",
                              "mag hooguit {n} elementen hebben", n)).format(n=n)
    message = _PYDANTIC_MESSAGES.get(kind)
    if message is None:
        return str(error["msg"])
    values = {k: str(v) for k, v in ctx.items()}
    if "expected" in values:  # "'a', 'b' or 'c'"
        values["expected"] = values["expected"].replace("' or '", "' " + _("of") + " '")
    try:
        return _(message).format(**values)
    except (KeyError, IndexError, ValueError):
        return str(error["msg"])


def _is_union_tag(part: object) -> bool:
    return isinstance(part, str) and part[:1].isupper() and part.endswith("Condition")


def parse_model(data: Any, model: type[M], path: Path | str) -> M:
    """Validate ``data`` against the schema and then the model, or raise."""
    issues = schema_issues(data, model) if model in SCHEMA_FILES else []
    if issues:
        raise FileProblem(path, issues)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise FileProblem(path, pydantic_issues(exc)) from None


# ---------------------------------------------------------------------- forms


def _duplicates(ids: Iterable[tuple[str, list[object]]], what: str) -> Iterator[Issue]:
    items = list(ids)
    counts = Counter(i for i, _where in items)
    seen: set[str] = set()
    for ident, where in items:
        if counts[ident] > 1 and ident in seen:
            yield Issue(json_path(where), _("dubbele {what} '{id}'").format(what=what, id=ident))
        seen.add(ident)


def form_issues(form: Form) -> list[Issue]:
    """Cross-reference problems in a form that the schema cannot see."""
    issues: list[Issue] = []
    questions = form.question_index()
    issues += _duplicates(((s.id, ["sections", i, "id"]) for i, s in enumerate(form.sections)),
                          _("sectie-id"))
    issues += _duplicates(
        ((q.id, ["sections", si, "questions", qi, "id"])
         for si, s in enumerate(form.sections) for qi, q in enumerate(s.questions)),
        _("vraag-id"))
    for si, section in enumerate(form.sections):
        base: list[object] = ["sections", si]
        issues += condition_issues(section.visible_when, [*base, "visible_when"], questions)
        own = {q.id for q in section.questions} & set(referenced_questions(section.visible_when))
        if own:
            issues.append(Issue(json_path([*base, "visible_when"]), _(
                "een sectie kan niet afhangen van haar eigen vragen ({ids})")
                .format(ids=", ".join(sorted(own)))))
        for qi, question in enumerate(section.questions):
            issues += _question_issues(question, [*base, "questions", qi], questions)
    issues += _cycle_issues(form)
    issues += _key_issues(form, questions)
    return issues


def _question_issues(question: Question, where: list[object],
                     questions: dict[str, Question]) -> Iterator[Issue]:
    yield from _field_issues(question, question.type, where)
    yield from condition_issues(question.visible_when, [*where, "visible_when"], questions)
    yield from condition_issues(question.required_when, [*where, "required_when"], questions)
    if question.type == "table":
        if not question.columns:
            yield Issue(json_path([*where, "columns"]), _("een tabel heeft kolommen nodig"))
            return
        yield from _duplicates(((c.id, [*where, "columns", i, "id"])
                                for i, c in enumerate(question.columns)), _("kolom-id"))
        for i, column in enumerate(question.columns):
            yield from _field_issues(column, column.type, [*where, "columns", i])
    elif question.columns:
        yield Issue(json_path([*where, "columns"]), _("alleen een tabel heeft kolommen"))


def _field_issues(field: Any, type_: str, where: list[object]) -> Iterator[Issue]:
    if type_ in CHOICE_TYPES:
        if not field.choices or len(field.choices) < 2:
            yield Issue(json_path([*where, "choices"]),
                        _("een keuzevraag heeft minstens twee keuzes"))
        else:
            yield from _duplicates(((c.value, [*where, "choices", i, "value"])
                                    for i, c in enumerate(field.choices)), _("keuzewaarde"))
    elif field.choices:
        yield Issue(json_path([*where, "choices"]),
                    _("keuzes horen alleen bij keuze-, meerkeuze- en schaalvragen"))
    if field.min is not None and field.max is not None and field.min > field.max:
        yield Issue(json_path([*where, "min"]), _("min is groter dan max"))


def _cycle_issues(form: Form) -> Iterator[Issue]:
    """Visibility that (indirectly) depends on itself can never be decided."""
    deps: dict[str, list[str]] = {}
    for section, question in form.questions():
        deps[question.id] = referenced_questions(question.visible_when) + referenced_questions(
            section.visible_when)
    state: dict[str, int] = {}

    def visit(node: str) -> bool:
        state[node] = 1
        for dep in deps.get(node, ()):
            if state.get(dep) == 1 or (dep not in state and dep in deps and visit(dep)):
                return True
        state[node] = 2
        return False

    for si, section in enumerate(form.sections):
        for qi, question in enumerate(section.questions):
            if question.id not in state and visit(question.id):
                yield Issue(json_path(["sections", si, "questions", qi, "visible_when"]),
                            _("zichtbaarheid van '{id}' hangt (via andere vragen) van zichzelf af")
                            .format(id=question.id))
                return


def _key_issues(form: Form, questions: dict[str, Question]) -> Iterator[Issue]:
    for i, figure in enumerate(form.key_figures):
        where: list[object] = ["key_figures", i]
        question = questions.get(figure.question)
        if question is None:
            yield Issue(json_path([*where, "question"]),
                        _("onbekende vraag '{id}'").format(id=figure.question))
            continue
        is_table = question.type == "table"
        if is_table != (figure.aggregate in ("table_total", "last_row_total", "row_count")):
            yield Issue(json_path([*where, "aggregate"]),
                        _("'{agg}' past niet bij een vraag van type '{type}'")
                        .format(agg=figure.aggregate, type=question.type))
        for j, column_id in enumerate(figure.columns or ()):
            column = question.column(column_id)
            if column is None or column.type not in NUMERIC_TYPES:
                yield Issue(json_path([*where, "columns", j]),
                            _("'{id}' is geen numerieke kolom").format(id=column_id))
    for i, key_list in enumerate(form.key_lists):
        where = ["key_lists", i]
        question = questions.get(key_list.question)
        if question is None or question.type != "table":
            yield Issue(json_path([*where, "question"]),
                        _("'{id}' is geen tabelvraag").format(id=key_list.question))
            continue
        for key in ("column", "order_by"):
            column_id = getattr(key_list, key)
            if column_id is not None and question.column(column_id) is None:
                yield Issue(json_path([*where, key]),
                            _("onbekende kolom '{id}'").format(id=column_id))


# -------------------------------------------------------------------- rubrics


def rubric_issues(rubric: Rubric, form: Form | None) -> list[Issue]:
    """Cross-reference problems in a rubric, checked against its form."""
    issues: list[Issue] = []
    if form is None:
        return [Issue("$.form", _("onbekend formulier '{id}'").format(id=rubric.form))]
    questions = form.question_index()
    issues += _duplicates(((lvl.value, ["levels", i, "value"])
                           for i, lvl in enumerate(rubric.levels)), _("niveau"))
    issues += _duplicates(((v.value, ["verdicts", i, "value"])
                           for i, v in enumerate(rubric.verdicts)), _("oordeel"))
    issues += _duplicates(((d.id, ["dimensions", i, "id"])
                           for i, d in enumerate(rubric.dimensions)), _("dimensie-id"))
    levels = {lvl.value for lvl in rubric.levels}
    verdicts = {v.value for v in rubric.verdicts}
    for di, dim in enumerate(rubric.dimensions):
        where: list[object] = ["dimensions", di]
        if dim.default_level not in levels:
            issues.append(Issue(json_path([*where, "default_level"]),
                                _("onbekend niveau '{value}'").format(value=dim.default_level)))
        for ii, qid in enumerate(dim.inputs):
            if qid not in questions:
                issues.append(Issue(json_path([*where, "inputs", ii]),
                                    _("onbekende vraag '{id}'").format(id=qid)))
        for ri, rule in enumerate(dim.rules):
            rwhere = [*where, "rules", ri]
            if rule.level not in levels:
                issues.append(Issue(json_path([*rwhere, "level"]),
                                    _("onbekend niveau '{value}'").format(value=rule.level)))
            issues += condition_issues(rule.when, [*rwhere, "when"], questions)
        for mi, mono in enumerate(dim.monotone):
            if mono.question not in questions:
                issues.append(Issue(json_path([*where, "monotone", mi, "question"]),
                                    _("onbekende vraag '{id}'").format(id=mono.question)))
    for ri, rule in enumerate(rubric.verdict_rules):
        rwhere = ["verdict_rules", ri]
        if rule.verdict not in verdicts:
            issues.append(Issue(json_path([*rwhere, "verdict"]),
                                _("onbekend oordeel '{value}'").format(value=rule.verdict)))
        issues += condition_issues(rule.when, [*rwhere, "when"], questions, rubric)
    if rubric.default_verdict not in verdicts:
        issues.append(Issue("$.default_verdict",
                            _("onbekend oordeel '{value}'").format(value=rubric.default_verdict)))
    return issues


def definition_hash(data: Any) -> str:
    """Content hash of a form or rubric document (formatting never matters)."""
    return content_hash({k: v for k, v in data.items() if k != "$schema"})


def load_form(path: Path | str) -> tuple[Form, str]:
    """Load and fully check one form file; returns the form and its content hash."""
    data = read_json(path)
    form = parse_model(data, Form, path)
    issues = form_issues(form)
    if issues:
        raise FileProblem(path, issues)
    return form, definition_hash(data)


def load_rubric(path: Path | str, forms: dict[str, Form]) -> tuple[Rubric, str]:
    """Load and fully check one rubric file against the known forms."""
    data = read_json(path)
    rubric = parse_model(data, Rubric, path)
    issues = rubric_issues(rubric, forms.get(rubric.form))
    if issues:
        raise FileProblem(path, issues)
    return rubric, definition_hash(data)


def translation_issues(data: Any, location: tuple[object, ...] = ()) -> list[Issue]:
    """Texts in a definition that lack an English translation."""
    found: list[Issue] = []
    if isinstance(data, dict):
        if "nl" in data and isinstance(data.get("nl"), str):
            if not str(data.get("en") or "").strip():
                found.append(Issue(json_path(location), _("Engelse vertaling ontbreekt")))
            return found
        for key, value in data.items():
            found += translation_issues(value, (*location, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += translation_issues(value, (*location, index))
    return found
