"""``toetsapp new`` and ``toetsapp score``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toetsapp.i18n import _, current_language, ngettext

if TYPE_CHECKING:  # the engine and catalog are imported when a command runs (fast start)
    from toetsapp.engine import Evaluation
    from toetsapp.engine.explain import ExplainedReason
    from toetsapp.model.toets import Toets


def register(sub: argparse._SubParsersAction) -> None:
    new = sub.add_parser("new", help=_("maak een nieuwe, lege toets"))
    new.add_argument("--type", required=True, dest="toets_type", metavar=_("SOORT"),
                     help=_("uitvoerbaarheid, doenvermogen of invoering"))
    new.add_argument("-o", "--output", required=True, type=Path, metavar=_("BESTAND"))
    new.add_argument("--title", default="", metavar=_("TITEL"),
                     help=_("titel van het voorstel"))
    new.add_argument("--force", action="store_true", help=_("overschrijf een bestaand bestand"))
    new.set_defaults(func=run_new)
    score = sub.add_parser("score", help=_("toon scores, eindoordeel en de uitleg"))
    score.add_argument("file", type=Path, metavar=_("BESTAND"))
    score.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    score.set_defaults(func=run_score)


def run_new(args: argparse.Namespace) -> int:
    from toetsapp.catalog import default_catalog
    from toetsapp.files.store import SUFFIX, new_toets, save_toets

    path: Path = args.output
    if path.suffix != SUFFIX:
        path = path.with_name(path.name + SUFFIX)
    if path.exists() and not args.force:
        print(_("{file} bestaat al; gebruik --force om het te overschrijven.").format(file=path))
        return 1
    toets = new_toets(default_catalog(), args.toets_type, title=args.title)
    save_toets(toets, path, replace_read_only=args.force)
    print(_("Nieuwe toets aangemaakt: {file}").format(file=path))
    return 0


def evaluate_file(path: Path) -> tuple[Toets, Evaluation]:
    from toetsapp.catalog import default_catalog
    from toetsapp.engine import evaluate_toets
    from toetsapp.files.store import load_toets

    toets = load_toets(path)
    catalog = default_catalog()
    form = catalog.form(toets.form.id)
    return toets, evaluate_toets(toets, form, catalog.rubric_for(form.id))


def run_score(args: argparse.Namespace) -> int:
    toets, evaluation = evaluate_file(args.file)
    if evaluation.rubric is None:
        print(_("Voor dit formulier is geen rubric beschikbaar."))
        return 1
    report = score_report(toets, evaluation, current_language())
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(score_text(report))
    return 0


def _reasons(reasons: list[ExplainedReason]) -> list[dict[str, Any]]:
    return [{"level": r.level, "because": r.because, "default": r.is_default,
             "undecided": r.undecided,
             "basis": [{"item": k, "value": v} for k, v in r.basis]} for r in reasons]


def score_report(toets: Toets, evaluation: Evaluation, lang: str) -> dict[str, Any]:
    """Scores and explanations as plain data (the ``--json`` output)."""
    from toetsapp.engine.compiled import compiled
    from toetsapp.engine.explain import (
        explain_dimension,
        explain_verdict,
        level_label,
        unassessed_text,
        verdict_label,
    )

    rubric = evaluation.rubric
    assert rubric is not None
    cform = compiled(evaluation.form)
    effective = evaluation.visibility.effective
    dims = []
    for score in evaluation.dimensions:
        dims.append({
            "id": score.dimension.id,
            "label": score.dimension.label.get(lang),
            "critical": score.dimension.critical,
            "computed": score.computed,
            "level": score.level,
            "level_label": _("n.v.t.") if score.not_applicable and score.level is None
            else level_label(rubric, score.level, lang),
            "not_applicable": score.not_applicable,
            "overridden": score.overridden,
            "motivation": score.override.motivation if score.override else None,
            "reasons": _reasons(explain_dimension(score, rubric, cform, effective, lang)),
            "not_assessed": None if score.computed else unassessed_text(score, cform, lang),
        })
    verdict = evaluation.verdict
    return {
        "title": toets.metadata.title,
        "citation": toets.metadata.citation(),
        "form": evaluation.form.title.get(lang),
        "dimensions": dims,
        "verdict": {
            "label": rubric.verdict_label.get(lang),
            "computed": verdict.computed if verdict else None,
            "value": verdict.value if verdict else None,
            "value_label": verdict_label(rubric, verdict.value if verdict else None, lang),
            "overridden": bool(verdict and verdict.overridden),
            "motivation": verdict.override.motivation if verdict and verdict.override else None,
            "reasons": _reasons(explain_verdict(verdict, rubric, cform, effective,
                                                evaluation.dimensions, lang)) if verdict else [],
        },
        "problems": {"errors": len(evaluation.errors),
                     "total": len(evaluation.problems)},
        "invalid": _invalid_answers(toets, evaluation, lang),
        "provisional": {"provisional": evaluation.provisional.is_provisional,
                        "assessed": evaluation.provisional.assessed,
                        "dimensions": evaluation.provisional.total,
                        "open_problems": evaluation.provisional.count,
                        "summary": evaluation.provisional.summary()},
    }


def _invalid_answers(toets: Toets, evaluation: Evaluation, lang: str) -> list[dict[str, Any]]:
    """Answers kept as entered that break a form rule (they do not count)."""
    questions = evaluation.form.question_index()
    out = []
    for problem in evaluation.problems:
        question = questions.get(problem.question or "")
        answer = toets.answers.get(problem.question or "")
        if problem.kind != "invalid" or question is None or answer is None:
            continue
        value = answer.value
        if problem.row is not None and isinstance(value, list) and problem.row < len(value):
            row = value[problem.row]
            value = row.get(problem.column) if isinstance(row, dict) else row
        out.append({"question": question.id, "title": question.title(lang), "value": value,
                    "row": problem.row, "column": problem.column, "message": problem.message})
    return out


def score_text(report: dict[str, Any]) -> str:
    from toetsapp.cli.table import render_table

    lines = [f"{report['title'] or _('(zonder titel)')} — {report['form']}"]
    if report["citation"]:
        lines.append(report["citation"])
    lines.append("")
    rows = []
    for dim in report["dimensions"]:
        mark = " *" if dim["overridden"] else ""
        rows.append([dim["label"] + (" (!)" if dim["critical"] else ""),
                     dim["level_label"] + mark])
    lines.append(render_table([_("Dimensie"), _("Niveau")], rows))
    verdict = report["verdict"]
    state = report["provisional"]
    lead = _("voorlopig") + " " if state["provisional"] and verdict["value"] else ""
    lines += ["", f"{verdict['label']}: {lead}{verdict['value_label']}"
              + (" *" if verdict["overridden"] else "")]
    if state["provisional"]:
        lines.append("  " + _("Voorlopig: {summary}").format(summary=state["summary"]))
    lines += ["", _("(!) kritieke dimensie   * afwijking door de toetser, met motivering"), ""]
    lines.append(_("Waarom"))
    for dim in report["dimensions"]:
        lines.append(f"\n{dim['label']} — {dim['level_label']}")
        if dim["not_assessed"]:
            lines.append(f"  {dim['not_assessed']}")
        lines += _reason_lines(dim["reasons"])
        if dim["overridden"]:
            lines.append("  " + _("Afwijking door de toetser. Motivering: {text}")
                         .format(text=dim["motivation"]))
    lines.append(f"\n{verdict['label']} — {verdict['value_label']}")
    lines += _reason_lines(verdict["reasons"])
    if verdict["overridden"]:
        lines.append("  " + _("Afwijking door de toetser. Motivering: {text}")
                     .format(text=verdict["motivation"]))
    if report.get("invalid"):
        lines += ["", _("Ongeldige antwoorden (bewaard zoals ingevuld; tellen niet mee)")]
        for item in report["invalid"]:
            where = (" " + _("rij {n}").format(n=item["row"] + 1)
                     if item["row"] is not None else "")
            shown = json.dumps(item["value"], ensure_ascii=False)
            lines.append(f"  • {item['title']}{where}: {shown} — {item['message']}")
    errors = report["problems"]["errors"]
    if errors:
        lines += ["", ngettext("Let op: {n} vraag is nog niet (goed) ingevuld; zie "
                               "'toetsapp validate'.",
                               "Let op: {n} vragen zijn nog niet (goed) ingevuld; zie "
                               "'toetsapp validate'.", errors).format(n=errors)]
    return "\n".join(lines)


def _reason_lines(reasons: list[dict[str, Any]]) -> list[str]:
    out = []
    for reason in reasons:
        out.append(f"  • {reason['level']}: {reason['because']}")
        if reason.get("undecided"):
            out.append("    " + reason["undecided"])
        if reason["basis"]:
            basis = "; ".join(f"{b['item']} = {b['value']}" for b in reason["basis"])
            out.append("    " + _("op basis van: {basis}").format(basis=basis))
    return out
