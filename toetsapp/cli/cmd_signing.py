"""``toetsapp sign`` and ``toetsapp verify``, and the ``--sign`` options of ``render``.

Passwords for key files come from ``--password``, else ``$TOETSAPP_P12_PASSWORD``,
else a prompt on a terminal; without a terminal (CI) there is no prompt, but a message.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from toetsapp.errors import FileProblem, ToetsappError
from toetsapp.i18n import _
from toetsapp.model.toets import POSITIONS

PASSWORD_ENV = "TOETSAPP_P12_PASSWORD"


def register(sub: argparse._SubParsersAction) -> None:
    from toetsapp.signing.paths import TRUST_ENV, default_trust_dir

    trust_help = _("map met vertrouwde CA-certificaten, PEM of DER (standaard: {folder}, "
                   "of de map in {env})").format(folder=default_trust_dir(), env=TRUST_ENV)
    sign = sub.add_parser("sign", help=_("onderteken een toets namens je organisatie"))
    sign.add_argument("file", type=Path, metavar=_("BESTAND"))
    sign.add_argument("--p12", required=True, type=Path, metavar=_("SLEUTEL.p12"),
                      help=_("PKCS#12-bestand (.p12/.pfx) met je certificaat en sleutel"))
    sign.add_argument("--position", required=True, choices=POSITIONS,
                      help=_("je standpunt over de toets (verplicht: er is geen standaard)"))
    sign.add_argument("--allow-problems", action="store_true",
                      help=_("onderteken ook als de toets nog open problemen heeft; de "
                             "handtekening legt vast hoeveel het er waren"))
    remarks = sign.add_mutually_exclusive_group()
    remarks.add_argument("--remarks", default="", metavar=_("TEKST"),
                         help=_("kanttekeningen of motivering"))
    remarks.add_argument("--remarks-file", type=Path, metavar=_("BESTAND"),
                         help=_("kanttekeningen uit een tekstbestand (UTF-8)"))
    _password_option(sign)
    sign.add_argument("--name", metavar=_("NAAM"),
                      help=_("naam van de ondertekenaar (standaard: uit het certificaat)"))
    sign.add_argument("--role", metavar=_("FUNCTIE"), help=_("functie van de ondertekenaar"))
    sign.add_argument("--organisation", metavar=_("ORGANISATIE"),
                      help=_("organisatie (standaard: uit het certificaat)"))
    sign.add_argument("--trust", type=Path, metavar=_("MAP"), help=trust_help)
    sign.set_defaults(func=run_sign)
    verify = sub.add_parser("verify", help=_("controleer de handtekeningen van toetsen en PDF's"))
    verify.add_argument("files", nargs="+", type=Path, metavar=_("BESTAND"))
    verify.add_argument("--trust", type=Path, metavar=_("MAP"), help=trust_help)
    verify.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    verify.add_argument("-v", "--verbose", action="store_true",
                        help=_("toon ook certificaat en vingerafdruk van elke handtekening"))
    verify.set_defaults(func=run_verify)


def _password_option(parser: argparse.ArgumentParser, *, repeat: bool = False) -> None:
    parser.add_argument("--password", action="append" if repeat else "store",
                        metavar=_("WACHTWOORD"),
                        help=_("wachtwoord van het sleutelbestand (anders {env} of een vraag)")
                        .format(env=PASSWORD_ENV))


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, OSError, ValueError):
        return False


def open_key(path: Path, password: str | None):  # -> SigningKey
    """Load a key file, getting the password from the option, environment or a prompt."""
    from toetsapp.signing.keys import PasswordProblem, load_p12

    if password is None:
        password = os.environ.get(PASSWORD_ENV)
    if password is not None:
        return load_p12(path, password)
    try:
        return load_p12(path, None)  # a key file without a password
    except PasswordProblem:
        if not _interactive():
            raise FileProblem(path, _("het sleutelbestand heeft een wachtwoord nodig: geef "
                                      "--password of zet {env}").format(env=PASSWORD_ENV)
                              ) from None
    for attempt in range(3):
        secret = getpass.getpass(_("Wachtwoord voor {file}: ").format(file=path.name))
        try:
            return load_p12(path, secret)
        except PasswordProblem as problem:
            if attempt == 2:
                raise
            print(problem.issues[0].message, file=sys.stderr)
    raise AssertionError("unreachable")


def run_sign(args: argparse.Namespace) -> int:
    from toetsapp.engine.provisional import problem_where, problems_text
    from toetsapp.files.store import load_toets, save_toets
    from toetsapp.formatting import format_list
    from toetsapp.signing import (
        check_position,
        load_trust_store,
        sign_toets,
        signed_state,
        verify_signature,
    )
    from toetsapp.signing.status import position_label

    remarks = args.remarks
    if args.remarks_file is not None:
        try:
            remarks = args.remarks_file.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise FileProblem(args.remarks_file, _("kan de kanttekeningen niet lezen: {error}")
                              .format(error=exc)) from None
    toets = load_toets(args.file)
    try:
        check_position(args.position, remarks)  # before asking for a password
    except ToetsappError as error:
        print(_("Fout: {error}").format(error=error), file=sys.stderr)
        return 2
    state = open_problems_of(toets)
    if state.count and not args.allow_problems:
        print(_("{file} heeft nog {problems}:").format(file=args.file,
                                                       problems=problems_text(state.count)),
              file=sys.stderr)
        for problem in state.problems[:30]:
            print(f"  - {problem_where(problem)}{problem.message}", file=sys.stderr)
        print(_("Onderteken pas als de toets af is, of geef --allow-problems om bewust te "
                "ondertekenen met deze open problemen."), file=sys.stderr)
        return 1
    trust = load_trust_store(args.trust, required=args.trust is not None)
    key = open_key(args.p12, args.password)
    before = signed_state(toets)
    signed = sign_toets(toets, key, position=args.position, remarks=remarks, name=args.name,
                        role=args.role, organisation=args.organisation,
                        open_problems=state.count)
    new = signed.signatures[-1]
    save_toets(signed, args.file, by=new.name, summary=_(
        "Medeondertekend door {organisation} ({name}): {position}").format(
        organisation=new.organisation, name=new.name, position=position_label(new.position)))
    print(_("Ondertekend door {name} namens {organisation}: {position}.").format(
        name=new.name, organisation=new.organisation, position=position_label(new.position)))
    print(_("Opgeslagen: {file}").format(file=args.file))
    if state.count:
        print(_("Vastgelegd in de handtekening: ondertekend met {problems}.").format(
            problems=problems_text(state.count)))
    if len(signed.signatures) <= len(toets.signatures):
        print(_("Je eerdere handtekening op deze toets is vervangen."))
    outdated = [s.organisation for s in before.outdated if s in signed.signatures]
    if outdated:
        print(_("Let op: de handtekening van {organisations} hoort bij een eerdere versie van "
                "de toets; zij moeten opnieuw ondertekenen.").format(
            organisations=format_list(outdated)))
    check = verify_signature(new, before.digest, trust)
    if not check.valid:
        print(_("Waarschuwing: wie de toets controleert, ziet '{label}': {detail}.").format(
            label=check.status.label, detail=check.detail), file=sys.stderr)
    return 0


def open_problems_of(toets):  # -> Provisional
    """The open problems of ``toets`` against its own form and rubric."""
    from toetsapp.engine import evaluate_toets
    from toetsapp.export.files import catalog_for

    catalog = catalog_for(toets.form.id)
    form = catalog.form(toets.form.id)
    return evaluate_toets(toets, form, catalog.rubric_for(form.id)).provisional


def run_verify(args: argparse.Namespace) -> int:
    from toetsapp.signing import load_trust_store, verify_file
    from toetsapp.signing.report import report_text

    trust = load_trust_store(args.trust, required=args.trust is not None)
    reports, unreadable = [], 0
    for path in args.files:
        try:
            reports.append(verify_file(path, trust))
        except FileProblem as problem:
            print(problem.describe(), file=sys.stderr)
            unreadable += 1
    if args.json:
        print(json.dumps({"trust": str(trust.folder) if trust.folder else None,
                          "trust_problems": list(trust.problems),
                          "files": [_report_data(r) for r in reports]},
                         indent=2, ensure_ascii=False))
    else:
        for note in trust.problems:
            print(_("Let op: {note}").format(note=note), file=sys.stderr)
        print("\n\n".join(report_text(r, verbose=args.verbose) for r in reports))
    if unreadable:
        return 3
    return 0 if all(r.ok for r in reports) else 1


def _report_data(report) -> dict[str, object]:
    return {"file": str(report.path), "kind": report.kind, "ok": report.ok,
            "signatures": [r.as_dict() for r in report.results],
            "missing": list(report.missing), "notes": list(report.notes)}


def add_render_options(render: argparse.ArgumentParser) -> None:
    """``--sign KEY.p12 [--password PW]`` (repeatable) and ``--trust`` for ``render``."""
    render.add_argument("--sign", action="append", type=Path, metavar=_("SLEUTEL.p12"),
                        help=_("onderteken de PDF (PAdES) met dit sleutelbestand; herhaalbaar, "
                               "één handtekening per organisatie"))
    _password_option(render, repeat=True)
    render.add_argument("--trust", type=Path, metavar=_("MAP"),
                        help=_("controleer de medeondertekeningen voor de ondertekeningspagina "
                               "met de CA-certificaten in deze map (met --sign: standaard de "
                               "eigen map met vertrouwde certificaten)"))


class SignedRender:
    """Keys (opened once) and trust store for ``render --sign`` / ``render --trust``."""

    def __init__(self, args: argparse.Namespace) -> None:
        from toetsapp.signing import load_trust_store

        keys: list[Path] = list(getattr(args, "sign", None) or [])
        passwords = list(getattr(args, "password", None) or [])
        if len(passwords) > len(keys):
            raise ToetsappError(_("meer wachtwoorden (--password) dan sleutelbestanden "
                                  "(--sign)"))
        self.keys = [open_key(path, passwords[i] if i < len(passwords) else None)
                     for i, path in enumerate(keys)]
        self.trust = load_trust_store(args.trust, required=args.trust is not None)

    def write(self, path: Path, output: Path | None, *, language: str | None,
              invariant: bool, concept: bool = True) -> Path:
        from toetsapp.signing.render import write_signed_pdf

        return write_signed_pdf(path, output, self.keys, self.trust, language=language,
                                invariant=invariant, concept=concept)


def signed_render(args: argparse.Namespace) -> SignedRender | None:
    """The set-up for ``render --sign``/``--trust``: the signatures page shows the checked
    co-signatures and the PDF is PAdES-signed last. None without those options."""
    wanted = any(getattr(args, name, None) for name in ("sign", "trust", "password"))
    return SignedRender(args) if wanted else None
