"""``toetsapp sign`` and ``toetsapp verify``, and the ``--sign`` options of ``render``.

Passwords for key files come from ``--password``, else ``$TOETSAPP_P12_PASSWORD``,
else a prompt on a terminal; without a terminal (CI) there is no prompt, but a message.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from toetsapp.errors import FileProblem, ToetsappError, UsageError
from toetsapp.i18n import _
from toetsapp.model.toets import POSITIONS

PASSWORD_ENV = "TOETSAPP_P12_PASSWORD"
MAX_REMARKS_BYTES = 1 * 2**20
PIN_ENV = "TOETSAPP_PKCS11_PIN"


def register(sub: argparse._SubParsersAction) -> None:
    from toetsapp.signing.paths import TRUST_ENV, default_trust_dir

    trust_help = _("map met vertrouwde CA-certificaten, PEM of DER (standaard: {folder}, "
                   "of de map in {env})").format(folder=default_trust_dir(), env=TRUST_ENV)
    sign = sub.add_parser("sign", help=_("onderteken een toets namens je organisatie"))
    sign.add_argument("file", type=Path, metavar=_("BESTAND"))
    source = sign.add_mutually_exclusive_group(required=True)
    source.add_argument("--p12", type=Path, metavar=_("SLEUTEL.p12"),
                        help=_("PKCS#12-bestand (.p12/.pfx) met je certificaat en sleutel"))
    _token_options(sign, source)
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
    sign.add_argument("--role", metavar=_("FUNCTIE"), help=_("functie van de ondertekenaar"))
    # organisation and name come from the certificate; the old options are refused
    for gone in ("--name", "--organisation"):
        sign.add_argument(gone, dest=f"typed_{gone[2:]}", help=argparse.SUPPRESS)
    sign.add_argument("--trust", type=Path, metavar=_("MAP"), help=trust_help)
    sign.add_argument("--tsa", metavar="URL",
                      help=_("tijdstempeldienst (RFC 3161): de handtekening krijgt een "
                             "tijdstempel die bewijst wanneer ze is gezet"))
    sign.add_argument("--force", action="store_true",
                      help=_("vervang de toets ook als het bestand alleen-lezen is"))
    sign.set_defaults(func=run_sign)
    verify = sub.add_parser("verify", help=_("controleer de handtekeningen van toetsen en PDF's"))
    verify.add_argument("files", nargs="+", type=Path, metavar=_("BESTAND"))
    verify.add_argument("--trust", type=Path, metavar=_("MAP"), help=trust_help)
    verify.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    verify.add_argument("--report", type=Path, metavar=_("BESTAND"),
                        help=_("schrijf een validatierapport: BESTAND.json en BESTAND.pdf "
                               "(wie, wanneer, uitkomst, certificaten, vertrouwde CA's en CRL's)"))
    verify.add_argument("--deep", action="store_true",
                        help=_("ook pyHanko's verschilanalyse van elke latere revisie van een "
                               "PDF (grondiger, duurt seconden)"))
    verify.add_argument("--complete", action="store_true",
                        help=_("ook niet in orde (code 1) zolang een organisatie van de toets "
                               "niet geldig heeft ondertekend"))
    verify.add_argument("-v", "--verbose", action="store_true",
                        help=_("toon ook certificaat en vingerafdruk van elke handtekening"))
    verify.set_defaults(func=run_verify)


def _token_options(parser: argparse.ArgumentParser, group=None) -> None:
    (group or parser).add_argument(
        "--pkcs11", metavar=_("MODULE"),
        help=_("onderteken met een smartcard of token: het pad van de PKCS#11-module "
               "(bijvoorbeeld /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so)"))
    parser.add_argument("--token", metavar=_("LABEL"), help=_("label van de token (met --pkcs11)"))
    parser.add_argument("--key", metavar=_("LABEL"),
                        help=_("label van sleutel en certificaat op de token (met --pkcs11); "
                               "de pincode komt uit {env} of een vraag").format(env=PIN_ENV))


def open_token(args: argparse.Namespace):  # -> TokenKey
    """The key on the token named by ``--pkcs11 --token --key``; the PIN from the
    environment or a prompt."""
    from toetsapp.signing.token import PinProblem, open_token_key

    if not args.token or not args.key:
        raise UsageError(_("--pkcs11 heeft ook --token LABEL en --key LABEL nodig"))
    pin = os.environ.get(PIN_ENV)
    if pin is not None:
        return open_token_key(args.pkcs11, args.token, args.key, pin)
    if not _interactive():
        raise FileProblem(args.pkcs11, _("de token heeft een pincode nodig: zet {env} of start "
                                         "op een terminal").format(env=PIN_ENV))
    for attempt in range(3):
        from getpass import getpass  # termios: only when a prompt is needed

        secret = getpass(_("Pincode voor token {token}: ").format(token=args.token))
        try:
            return open_token_key(args.pkcs11, args.token, args.key, secret)
        except PinProblem as problem:
            if attempt == 2:
                raise
            print(problem.issues[0].message, file=sys.stderr)
    raise AssertionError("unreachable")


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
        from getpass import getpass

        secret = getpass(_("Wachtwoord voor {file}: ").format(file=path.name))
        try:
            return load_p12(path, secret)
        except PasswordProblem as problem:
            if attempt == 2:
                raise
            print(problem.issues[0].message, file=sys.stderr)
    raise AssertionError("unreachable")


def run_sign(args: argparse.Namespace) -> int:
    from toetsapp.engine.provisional import problem_where, problems_text
    from toetsapp.files.atomic import check_replaceable
    from toetsapp.files.store import load_toets, save_toets
    from toetsapp.formatting import format_list
    from toetsapp.signing import (
        check_position,
        load_trust_store,
        sign_toets,
        signed_state,
        verify_toets,
    )
    from toetsapp.signing.status import position_label

    remarks = args.remarks
    if args.remarks_file is not None:
        from toetsapp.files.readfile import read_file_text

        remarks = read_file_text(args.remarks_file, MAX_REMARKS_BYTES)
    if args.typed_name is not None or args.typed_organisation is not None:
        raise UsageError(_("--name en --organisation bestaan niet meer: naam en "
                           "organisatie komen uit het certificaat"))
    toets = load_toets(args.file)
    check_replaceable(args.file, replace_read_only=args.force)  # before asking for a password
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
    key = open_token(args) if args.pkcs11 else open_key(args.p12, args.password)
    warn_before_signing(key, trust, toets)
    before = signed_state(toets)
    try:
        signed = sign_toets(toets, key, position=args.position, remarks=remarks,
                            role=args.role, open_problems=state.count, tsa=args.tsa)
    finally:
        _close(key)
    new = signed.signatures[-1]
    save_toets(signed, args.file, by=new.name, previous=toets, replace_read_only=args.force,
               summary=_(
        "Medeondertekend door {organisation} ({name}): {position}").format(
        organisation=new.organisation, name=new.name, position=position_label(new.position)))
    print(_("Ondertekend door {name} namens {organisation}: {position}.").format(
        name=new.name, organisation=new.organisation, position=position_label(new.position)))
    print(_("Opgeslagen: {file}").format(file=args.file))
    if state.count:
        print(_("Vastgelegd in de handtekening: ondertekend met {problems}.").format(
            problems=problems_text(state.count)))
    if len(signed.signatures) <= len(toets.signatures):
        print(_("Je eerdere handtekening op deze toets (zelfde certificaathouder) is "
                "vervangen."))
    outdated = [s.organisation for s in before.outdated if s in signed.signatures]
    if outdated:
        print(_("Let op: de handtekening van {organisations} hoort bij een eerdere versie van "
                "de toets; zij moeten opnieuw ondertekenen.").format(
            organisations=format_list(outdated)))
    check = verify_toets(signed, trust)[-1]
    if not check.valid:
        print(_("Waarschuwing: wie de toets controleert, ziet '{label}': {detail}.").format(
            label=check.status.label, detail=check.detail), file=sys.stderr)
    return 0


def _close(key) -> None:
    """End the session with a smartcard or token (key files need nothing)."""
    if hasattr(key, "close"):
        key.close()


def warn_before_signing(key, trust, toets=None) -> None:
    """Say on stderr, before signing, when verifiers will not accept this certificate:
    untrusted, revoked, wrong key usage, or not one of the toets's organisations."""
    from datetime import UTC, datetime

    from toetsapp.signing.identity import counts_for, describe
    from toetsapp.signing.trust import check_certificate

    problem = check_certificate(key.certificate, key.chain, trust, datetime.now(UTC))
    if problem:
        status, detail = problem
        print(_("Waarschuwing: dit certificaat wordt bij controle niet geaccepteerd "
                "({label}): {detail}.").format(label=status.label, detail=detail),
              file=sys.stderr)
    orgs = list(toets.metadata.organisations) if toets is not None else []
    if orgs and counts_for(key.certificate, orgs, trust) is None:
        print(_("Waarschuwing: het certificaat is van {who}, geen van de organisaties van "
                "deze toets ({listed}); de handtekening telt voor geen van hen.").format(
            who=describe(key.certificate), listed=", ".join(o.name for o in orgs)),
            file=sys.stderr)


def open_problems_of(toets):  # -> Provisional
    """The open problems of ``toets`` against its own form and rubric."""
    from toetsapp.engine import evaluate_toets
    from toetsapp.export.files import catalog_for

    catalog = catalog_for(toets.form.id)
    form = catalog.form(toets.form.id)
    return evaluate_toets(toets, form, catalog.rubric_for(form.id)).provisional


def run_verify(args: argparse.Namespace) -> int:
    from toetsapp.signing.lean import defer_http_clients

    defer_http_clients()  # an offline check: pyHanko's HTTP clients are not needed
    from toetsapp.i18n import current_language
    from toetsapp.review.signed import changed_lines
    from toetsapp.signing import load_trust_store, verify_file
    from toetsapp.signing.report import report_text

    trust = load_trust_store(args.trust, required=args.trust is not None)
    reports, unreadable = [], 0
    for path in args.files:
        try:
            reports.append(verify_file(path, trust, deep=args.deep))
        except FileProblem as problem:
            print(problem.describe(), file=sys.stderr)
            unreadable += 1
    changes = [changed_lines(r.toets, current_language()) for r in reports]
    if args.json:
        print(json.dumps({"trust": str(trust.folder) if trust.folder else None,
                          "trust_problems": list(trust.problems),
                          "files": [{**_report_data(r), "changed_since_signing": c[1]}
                                    for r, c in zip(reports, changes, strict=True)]},
                         indent=2, ensure_ascii=False))
    else:
        for note in trust.problems:
            print(_("Let op: {note}").format(note=note), file=sys.stderr)
        print("\n\n".join("\n".join([report_text(r, verbose=args.verbose), *c[0]])
                           for r, c in zip(reports, changes, strict=True)))
    if args.report is not None:
        write_record(args.report, reports, trust)
    if unreadable:
        return 3
    good = (lambda r: r.complete) if args.complete else (lambda r: r.ok)
    return 0 if all(good(r) for r in reports) else 1


def write_record(path: Path, reports, trust) -> None:
    """``path``.json and ``path``.pdf: the validation record of this check."""
    from toetsapp.files.atomic import atomic_write_bytes
    from toetsapp.signing.record import record_pdf, report_entry, validation_record

    base = path.with_suffix("") if path.suffix.lower() in (".json", ".pdf") else path
    record = validation_record([report_entry(r) for r in reports], trust)
    targets = [base.with_name(base.name + ".json"), base.with_name(base.name + ".pdf")]
    atomic_write_bytes(targets[0], (json.dumps(record, indent=2, ensure_ascii=False) + "\n")
                       .encode("utf-8"))
    atomic_write_bytes(targets[1], record_pdf(record))
    print(_("Validatierapport: {json} en {pdf}").format(json=targets[0], pdf=targets[1]),
          file=sys.stderr)


def _report_data(report) -> dict[str, object]:
    integrity = report.integrity
    return {"file": str(report.path), "kind": report.kind, "ok": report.ok,
            "complete": report.complete,
            "pages": None if integrity is None else {
                "signatures": integrity.signatures, "protected": integrity.pages_protected,
                "embedded_toets_changed": integrity.embedded_changed},
            "problems": list(report.problems),
            "organisations_signed": list(report.tally),
            "signatures": [r.as_dict() for r in report.results],
            "missing": list(report.missing), "notes": list(report.notes)}


def add_render_options(render: argparse.ArgumentParser) -> None:
    """``--sign KEY.p12 [--password PW]`` (repeatable) and ``--trust`` for ``render``."""
    render.add_argument("--sign", action="append", type=Path, metavar=_("SLEUTEL.p12"),
                        help=_("onderteken de PDF (PAdES) met dit sleutelbestand; herhaalbaar, "
                               "één handtekening per organisatie"))
    _password_option(render, repeat=True)
    _token_options(render)
    render.add_argument("--tsa", metavar="URL",
                        help=_("tijdstempeldienst (RFC 3161): elke PDF-handtekening krijgt een "
                               "tijdstempel, en na de validatiegegevens een documenttijdstempel "
                               "(PAdES B-LTA)"))
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
        if getattr(args, "pkcs11", None):
            self.keys.append(open_token(args))
        self.trust = load_trust_store(args.trust, required=args.trust is not None)
        self.tsa: str | None = getattr(args, "tsa", None)
        if self.tsa and not self.keys:
            raise UsageError(_("--tsa werkt alleen met --sign of --pkcs11"))
        for key in self.keys:
            warn_before_signing(key, self.trust)

    def write(self, path: Path, output: Path | None, *, language: str | None,
              invariant: bool, concept: bool = True) -> Path:
        from toetsapp.signing.render import write_signed_pdf

        return write_signed_pdf(path, output, self.keys, self.trust, language=language,
                                invariant=invariant, tsa=self.tsa, concept=concept)

    def close(self) -> None:
        for key in self.keys:
            _close(key)


def signed_render(args: argparse.Namespace) -> SignedRender | None:
    """The set-up for ``render --sign``/``--trust``: the signatures page shows the checked
    co-signatures and the PDF is PAdES-signed last. None without those options."""
    wanted = any(getattr(args, name, None)
                 for name in ("sign", "trust", "password", "pkcs11", "tsa"))
    return SignedRender(args) if wanted else None
