"""``toetsapp forms`` and ``toetsapp validate``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from toetsapp.i18n import _, current_language

if TYPE_CHECKING:  # definitions and engine are imported when a command runs (fast start)
    from toetsapp.model.form import Form


def register(sub: argparse._SubParsersAction) -> None:
    forms = sub.add_parser("forms", help=_("toon de beschikbare vragenlijsten"))
    forms.set_defaults(func=run_forms)
    validate = sub.add_parser("validate", help=_("controleer toetsen, vragenlijsten of rubrics"))
    validate.add_argument("files", nargs="+", type=Path, metavar=_("BESTAND"))
    validate.add_argument("--strict", action="store_true",
                          help=_("onbeantwoorde verplichte vragen tellen als fout"))
    validate.set_defaults(func=run_validate)


def run_forms(args: argparse.Namespace) -> int:
    from toetsapp.catalog import default_catalog
    from toetsapp.cli.table import render_table

    catalog = default_catalog()
    lang = current_language()
    rows = []
    for form in catalog.forms.values():
        rubric = catalog.rubric_for(form.id)
        rows.append([form.toets_type, form.id, form.version, form.title.get(lang),
                     str(len(form.sections)), str(len(form.question_index())),
                     rubric.id if rubric else "—"])
    print(render_table([_("type"), _("id"), _("versie"), _("titel"), _("secties"), _("vragen"),
                        _("rubric")], rows))
    for problem in catalog.problems:
        print(problem.describe())
    return 1 if catalog.problems else 0


def run_validate(args: argparse.Namespace) -> int:
    from toetsapp.errors import FileProblem

    failed = 0
    for path in args.files:
        try:
            errors, warnings = _validate_one(path, args.strict)
        except FileProblem as problem:
            errors, warnings = [str(i) for i in problem.issues], []
        status = _("FOUT") if errors else _("OK")
        print(f"{status}  {path}")
        for line in errors:
            print("    " + _("fout: {problem}").format(problem=line))
        for line in warnings:
            print("    " + _("let op: {problem}").format(problem=line))
        failed += bool(errors)
    return 1 if failed else 0


def _validate_one(path: Path, strict: bool) -> tuple[list[str], list[str]]:
    from toetsapp.catalog import default_catalog
    from toetsapp.definitions import form_issues, parse_model, rubric_issues, translation_issues
    from toetsapp.errors import FileProblem, Issue
    from toetsapp.files.jsonfile import read_json
    from toetsapp.model.form import Form
    from toetsapp.model.rubric import Rubric

    data = read_json(path)
    if isinstance(data, dict) and data.get("format") == "toetsapp/toets":
        return _validate_toets(data, path, strict)
    if isinstance(data, dict) and str(data.get("$schema", "")).startswith("https://json-schema"):
        from jsonschema import Draft202012Validator
        from jsonschema.exceptions import SchemaError

        try:
            Draft202012Validator.check_schema(data)
        except SchemaError as exc:
            return [_("ongeldig JSON Schema: {error}").format(error=exc.message)], []
        return [], [_("JSON Schema, geen definitie; alleen de vorm is gecontroleerd")]
    if isinstance(data, dict) and "sections" in data:
        form = parse_model(data, Form, path)
        errors = form_issues(form)
        return [str(i) for i in errors], [str(i) for i in translation_issues(data)]
    if isinstance(data, dict) and "dimensions" in data:
        rubric = parse_model(data, Rubric, path)
        forms = dict(default_catalog().forms)
        local = _local_form(path, rubric.form)
        if local is not None:
            forms[rubric.form] = local
        errors = rubric_issues(rubric, forms.get(rubric.form))
        return [str(i) for i in errors], [str(i) for i in translation_issues(data)]
    raise FileProblem(path, Issue("$", _("onbekend soort bestand: geen toets, vragenlijst of "
                                         "rubric")))


def _local_form(rubric_path: Path, form_id: str) -> Form | None:
    """The form a rubric belongs to when it lies beside it (``../forms/`` or the same folder)."""
    from toetsapp.definitions import parse_model
    from toetsapp.files.jsonfile import read_json
    from toetsapp.model.form import Form

    for folder in (rubric_path.parent.parent / "forms", rubric_path.parent):
        candidate = folder / f"{form_id}.json"
        if candidate.exists() and candidate.resolve() != rubric_path.resolve():
            data = read_json(candidate)
            if isinstance(data, dict) and "sections" in data:
                return parse_model(data, Form, candidate)
    return None


def _validate_toets(data: dict, path: Path, strict: bool) -> tuple[list[str], list[str]]:
    from toetsapp.catalog import default_catalog
    from toetsapp.engine import evaluate_toets
    from toetsapp.files.store import definition_warnings, toets_from_data

    toets = toets_from_data(data, path)
    catalog = default_catalog()
    if toets.form.id not in catalog.forms:
        return [_("onbekend formulier '{id}'").format(id=toets.form.id)], []
    form = catalog.form(toets.form.id)
    evaluation = evaluate_toets(toets, form, catalog.rubric_for(form.id))
    questions = form.question_index()
    lang = current_language()
    errors, warnings = [], list(definition_warnings(toets, catalog))
    for problem in evaluation.problems:
        where = questions[problem.question].title(lang) if problem.question in questions else ""
        if problem.row is not None:
            where += " " + _("rij {n}").format(n=problem.row + 1)
        text = f"{where}: {problem.message}" if where else problem.message
        is_error = problem.severity == "error" and (strict or problem.kind != "missing")
        (errors if is_error else warnings).append(text)
    return errors, warnings
