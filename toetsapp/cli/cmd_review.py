"""``toetsapp diff`` and ``toetsapp merge``: a review round between agencies."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from toetsapp.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    diff = sub.add_parser("diff", help=_("toon wat er verschilt tussen twee toetsen "
                                         "(.toets of Toetsapp-PDF)"))
    diff.add_argument("a", type=Path, metavar="A")
    diff.add_argument("b", type=Path, metavar="B")
    diff.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    diff.set_defaults(func=run_diff)
    merge = sub.add_parser("merge", help=_("neem opmerkingen en wijzigingen uit een "
                                           "teruggestuurde kopie over"))
    merge.add_argument("mine", type=Path, metavar=_("MIJN"))
    merge.add_argument("theirs", type=Path, metavar=_("HUN"))
    merge.add_argument("-o", "--output", required=True, type=Path, metavar=_("BESTAND"))
    merge.add_argument("--prefer", choices=["mine", "theirs"], default=None,
                       help=_("bij een conflict: mijn waarde (standaard) of hun waarde"))
    merge.add_argument("--take", action="append", default=[], metavar=_("SLEUTEL=KANT"),
                       help=_("keuze voor één conflict, bijv. risico_ict=theirs of "
                              "answers.risico_ict.evidence=mine; herhaalbaar"))
    merge.add_argument("--by", default="", metavar=_("NAAM"),
                       help=_("wie samenvoegt (voor het wijzigingslogboek)"))
    merge.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    merge.set_defaults(func=run_merge)
    migrate = sub.add_parser("migrate", help=_("werk een toets bij naar de nieuwste versie van "
                                               "zijn formulier (met een verslag)"))
    migrate.add_argument("file", type=Path, metavar=_("BESTAND"))
    migrate.add_argument("-o", "--output", type=Path, metavar=_("BESTAND"),
                         help=_("schrijf de bijgewerkte toets hierheen (zonder: alleen het "
                                "verslag)"))
    migrate.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    migrate.set_defaults(func=run_migrate)


def _definitions(form_id: str):
    from toetsapp.catalog import default_catalog

    catalog = default_catalog()
    form = catalog.forms.get(form_id)
    return form, catalog.rubric_for(form_id) if form else None


def run_diff(args: argparse.Namespace) -> int:
    from toetsapp.i18n import current_language
    from toetsapp.review.diff import diff_text, diff_toetsen
    from toetsapp.review.files import load_any

    a, b = load_any(args.a), load_any(args.b)
    form, rubric = _definitions(a.form.id)
    diff = diff_toetsen(a, b, form, rubric, language=current_language())
    if args.json:
        print(json.dumps({"a": str(args.a), "b": str(args.b), "same_toets": a.id == b.id,
                          **diff.as_dict()}, indent=2, ensure_ascii=False))
    else:
        if a.id != b.id:
            print(_("Let op: A en B zijn verschillende toetsen (geen kopieën van elkaar)."))
        print(diff_text(diff, str(args.a), str(args.b)))
    return 0 if diff.equal else 1


def _choices(takes: list[str]) -> dict[str, str] | None:
    """``--take`` values as key → side; None (after a message) when one is malformed."""
    out = {}
    for take in takes:
        key, sep, side = take.partition("=")
        if not sep or side not in ("mine", "theirs") or not key:
            _usage(_("--take verwacht SLEUTEL=mine of SLEUTEL=theirs, niet '{value}'")
                   .format(value=take))
            return None
        out[key] = side
    return out


def _usage(message: str) -> int:
    print(_("Fout: {error}").format(error=message), file=sys.stderr)
    return 2


def _expand(choices: dict[str, str], keys: list[str]) -> dict[str, Any]:
    """``question=side`` applies to every conflicting part of that answer."""
    out: dict[str, Any] = {}
    for key in keys:
        question = key.split(".")[1] if key.startswith("answers.") else None
        if key in choices:
            out[key] = choices[key]
        elif question in choices:
            out[key] = choices[question]
    return out


def run_merge(args: argparse.Namespace) -> int:
    from toetsapp.errors import ToetsappError
    from toetsapp.files.store import save_toets
    from toetsapp.review.files import load_any
    from toetsapp.review.merge import check_same_toets, merge

    choices = _choices(args.take)
    if choices is None:
        return 2
    mine, theirs = load_any(args.mine), load_any(args.theirs)
    try:
        check_same_toets(mine, theirs, str(args.mine), str(args.theirs))
    except ToetsappError as refused:
        print(_("Fout: {error}").format(error=refused), file=sys.stderr)
        return 1
    form, _rubric = _definitions(mine.form.id)
    first = merge(mine, theirs, form)  # to learn the conflicting keys
    keys = [c.key for c in first.conflicts]
    chosen = _expand(choices, keys)
    unknown = [k for k in choices if k not in chosen
               and not any(k == (c.split(".")[1] if c.startswith("answers.") else c)
                           for c in keys)]
    if unknown:
        return _usage(_("geen conflict over: {keys}").format(keys=", ".join(unknown)))
    result = merge(mine, theirs, form, choices=chosen, prefer=args.prefer or "mine",
                   by=args.by, name_theirs=args.theirs.name)
    save_toets(result.toets, args.output)
    undecided = [c for c in result.conflicts if c.key not in chosen] if not args.prefer else []
    if args.json:
        print(json.dumps({
            "output": str(args.output), "changed": result.changed, "taken": result.taken,
            "new_comments": result.new_comments,
            "conflicts": [{"key": c.key, "mine": c.mine, "theirs": c.theirs,
                           "mine_by": _touch(c.mine_by), "theirs_by": _touch(c.theirs_by),
                           "chosen": c.chosen} for c in result.conflicts]},
            indent=2, ensure_ascii=False))
    else:
        print(merge_text(result, args))
    return 1 if undecided else 0


def _touch(touch) -> dict[str, Any] | None:
    if touch is None:
        return None
    return {"by": touch.by, "at": touch.at.isoformat() if touch.at else None,
            "summary": touch.summary}


def who(touch) -> str:
    """'name date' of who changed a conflicting item last."""
    from toetsapp.formatting import format_datetime

    if touch is None:
        return _("onbekend")
    when = format_datetime(touch.at) if touch.at else ""
    return f"{touch.by or _('onbekend')} {when}".strip()


def merge_text(result, args: argparse.Namespace) -> str:
    lines = [_("Samengevoegd naar {file}.").format(file=args.output)]
    if not result.changed:
        lines.append(_("Er was niets over te nemen: de kopieën zijn gelijk."))
    lines.append(_("Overgenomen wijzigingen: {n}").format(n=len(result.taken)))
    for key in result.taken:
        lines.append(f"  + {key}")
    lines.append(_("Nieuwe opmerkingen: {n}").format(n=result.new_comments))
    if result.conflicts:
        lines += ["", _("Conflicten (beide kopieën wijzigden dit; de andere waarde staat in "
                        "een open opmerking):")]
        for c in result.conflicts:
            lines.append(f"- {c.key}  [" + _("gekozen: {side}").format(
                side=_("mijn") if c.chosen == "mine" else _("hun")) + "]")
            lines.append("    " + _("mijn ({who}): {value}").format(
                who=who(c.mine_by), value=json.dumps(c.mine, ensure_ascii=False)))
            lines.append("    " + _("hun ({who}): {value}").format(
                who=who(c.theirs_by), value=json.dumps(c.theirs, ensure_ascii=False)))
        lines.append(_("Kies per conflict met --take SLEUTEL=mine|theirs, of alle met "
                       "--prefer."))
    return "\n".join(lines)


def run_migrate(args: argparse.Namespace) -> int:
    from toetsapp.catalog import default_catalog
    from toetsapp.files.store import load_toets, save_toets
    from toetsapp.review.formversions import form_report, migrate_toets

    toets = load_toets(args.file)
    catalog = default_catalog()
    current = catalog.form(toets.form.id)
    if current.version == toets.form.version:
        print(_("{file} gebruikt al de huidige formulierversie {v}.").format(
            file=args.file, v=current.version))
        return 0
    old = catalog.pinned_form(toets.form)
    if old is None:
        print(_("Fout: formulierversie {v} van {id} wordt niet meer meegeleverd; het verslag "
                "kan niet worden gemaakt.").format(v=toets.form.version, id=toets.form.id),
              file=sys.stderr)
        return 1
    if args.output is None:
        report = form_report(old, current, toets)
    else:
        moved, report = migrate_toets(toets, old, current, catalog.form_ref(current.id))
        save_toets(moved, args.output)
    if args.json:
        print(json.dumps({**report.as_dict(), "written": str(args.output) if args.output
                          else None}, indent=2, ensure_ascii=False))
    else:
        print("\n".join(report.lines()))
        print(_("Bijgewerkte toets geschreven: {file}").format(file=args.output)
              if args.output else _("Niets geschreven; geef -o BESTAND om bij te werken."))
    return 0
