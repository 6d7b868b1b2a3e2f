"""``toetsapp render`` (toets to PDF) and ``toetsapp extract`` (PDF back to toets).

reportlab and pypdf are imported only when these commands run.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from toetsapp.cli import cmd_signing
from toetsapp.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    render = sub.add_parser("render", help=_("maak de uniforme PDF van een of meer toetsen"))
    render.add_argument("files", nargs="+", type=Path, metavar=_("BESTAND"))
    render.add_argument("-o", "--output", type=Path, metavar=_("PDF_OF_MAP"),
                        help=_("het PDF-bestand, of een map voor meerdere toetsen "
                               "(standaard: naast elke toets)"))
    render.add_argument("--lang", dest="pdf_language", choices=["nl", "en"],
                        help=_("taal van de PDF (standaard: de taal van de toets)"))
    render.add_argument("--invariant", action="store_true",
                        help=_("dezelfde toets geeft byte voor byte dezelfde PDF (ook met de "
                               "omgevingsvariabele SOURCE_DATE_EPOCH)"))
    render.add_argument("--with-comments", action="store_true",
                        help=_("een reviewexemplaar: met de opmerkingen uit de reviewronde"))
    render.add_argument("--concept", action="store_true",
                        help=_("maak ook een PDF van een definitieve toets met open problemen "
                               "(als concept); zonder deze optie stopt render dan met code 1"))
    cmd_signing.add_render_options(render)
    render.set_defaults(func=run_render)
    extract = sub.add_parser("extract", help=_("haal de toets uit een Toetsapp-PDF"))
    extract.add_argument("pdf", type=Path, metavar="PDF")
    extract.add_argument("-o", "--output", type=Path, metavar=_("BESTAND"),
                         help=_("het .toets-bestand (standaard: naast de PDF)"))
    extract.add_argument("--force", action="store_true",
                         help=_("overschrijf een bestaand bestand; haal de toets er ook uit "
                                "als hij na de laatste PDF-handtekening is gewijzigd"))
    extract.set_defaults(func=run_extract)


def run_render(args: argparse.Namespace) -> int:
    files: list[Path] = args.files
    output: Path | None = args.output
    if len(files) > 1 and output is not None and not output.is_dir():
        print(_("Bij meerdere toetsen moet -o een bestaande map zijn: {path}")
              .format(path=output), file=sys.stderr)
        return 2
    invariant = args.invariant or bool(os.environ.get("SOURCE_DATE_EPOCH", "").strip())
    language = args.pdf_language or getattr(args, "lang", None)
    signing = cmd_signing.signed_render(args)  # --sign: keys opened once, PAdES last
    try:
        return _render_all(files, output, signing, language, invariant,
                           concept=bool(args.concept), with_comments=args.with_comments)
    finally:
        if signing is not None:
            signing.close()


def _render_all(files: list[Path], output: Path | None, signing, language: str | None,
                invariant: bool, *, concept: bool = False,
                with_comments: bool = False) -> int:
    from toetsapp.engine.provisional import NotFinal
    from toetsapp.errors import ToetsappError
    from toetsapp.export.files import write_toets_pdf

    failed = unfinished = 0
    for path in files:
        try:
            if signing is not None:
                written = signing.write(path, output, language=language, invariant=invariant,
                                        concept=concept)
            else:
                written = write_toets_pdf(path, output, language=language, invariant=invariant,
                                          concept=concept, with_comments=with_comments)
        except NotFinal as error:
            print(error.describe(), file=sys.stderr)
            unfinished += 1
            continue
        except ToetsappError as error:
            describe = getattr(error, "describe", None)
            print(describe() if describe else _("Fout: {error}").format(error=error),
                  file=sys.stderr)
            failed += 1
            continue
        print(_("PDF geschreven: {path}").format(path=written))
    return 3 if failed else 1 if unfinished else 0


def _changed_after_signing(pdf: Path) -> bool:
    """Whether the embedded files of a signed PDF changed after its last signature."""
    from toetsapp.files.readfile import MAX_PDF_BYTES, read_file_bytes

    data = read_file_bytes(pdf, MAX_PDF_BYTES)
    if b"/ByteRange" not in data:
        return False
    from toetsapp.signing.pades import inspect_pdf
    from toetsapp.signing.trust import TrustStore

    return inspect_pdf(data, TrustStore(), source=pdf).integrity.embedded_changed


def run_extract(args: argparse.Namespace) -> int:
    from toetsapp.export.embed import read_embedded_toets
    from toetsapp.files.atomic import atomic_write_bytes
    from toetsapp.files.outputs import refuse_overwriting_inputs
    from toetsapp.files.store import SUFFIX

    _toets, data = read_embedded_toets(args.pdf)
    changed = _changed_after_signing(args.pdf)
    if changed and not args.force:
        print(_("{file}: de toets in deze PDF is gewijzigd na de laatste PDF-handtekening; "
                "hij is niet de ondertekende. Gebruik --force om hem toch op te slaan.")
              .format(file=args.pdf), file=sys.stderr)
        return 1
    if changed:
        print(_("Let op: de toets is gewijzigd na de laatste PDF-handtekening."),
              file=sys.stderr)
    target: Path = args.output or args.pdf.with_suffix(SUFFIX)
    if target.is_dir():
        target = target / args.pdf.with_suffix(SUFFIX).name
    refuse_overwriting_inputs(target, [args.pdf])
    if target.exists() and not args.force:
        print(_("{file} bestaat al; gebruik --force om het te overschrijven.").format(file=target),
              file=sys.stderr)
        return 1
    atomic_write_bytes(target, data, replace_read_only=args.force)
    print(_("Toets geschreven: {path}").format(path=target))
    return 0
