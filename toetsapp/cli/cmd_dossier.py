"""``toetsapp bundle`` (a parliamentary dossier from a manifest) and ``toetsapp compare``
(the comparison of toetsen alone). reportlab and pypdf load only when these run."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from toetsapp.i18n import _, ngettext


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", dest="pdf_language", choices=["nl", "en"],
                        help=_("taal van de pagina's die Toetsapp maakt (standaard: die van "
                               "het manifest, of Nederlands)"))
    parser.add_argument("--trust", type=Path, metavar=_("MAP"),
                        help=_("controleer handtekeningen met de CA-certificaten in deze map "
                               "(standaard: de eigen map met vertrouwde certificaten)"))


def register(sub: argparse._SubParsersAction) -> None:
    bundle = sub.add_parser("bundle", help=_("bundel toetsen en andere PDF's tot één dossier "
                                             "voor de Kamer"),
                            description=_("Maakt één PDF met omslag, inhoud (met de status van "
                                          "de handtekeningen), een vergelijking van de toetsen "
                                          "en alle documenten; de originelen zitten ongewijzigd "
                                          "als bijlage in het dossier."))
    bundle.add_argument("manifest", type=Path, metavar=_("MANIFEST.json"))
    bundle.add_argument("-o", "--output", type=Path, metavar=_("DOSSIER.pdf"),
                        help=_("het dossier (standaard: naast het manifest)"))
    _common(bundle)
    bundle.set_defaults(func=run_bundle)
    compare = sub.add_parser("compare", help=_("vergelijk toetsen (.toets of Toetsapp-PDF)"))
    compare.add_argument("files", nargs="+", type=Path, metavar=_("BESTAND"))
    compare.add_argument("-o", "--output", type=Path, metavar=_("VERGELIJKING.pdf"),
                         help=_("de vergelijking als PDF"))
    compare.add_argument("--json", action="store_true",
                         help=_("de vergelijking als JSON op de standaarduitvoer"))
    _common(compare)
    compare.set_defaults(func=run_compare)


def _trust(args: argparse.Namespace) -> object:
    from toetsapp.signing import load_trust_store

    return load_trust_store(args.trust, required=args.trust is not None)


def _language(args: argparse.Namespace) -> str | None:
    return args.pdf_language or getattr(args, "lang", None)


def run_bundle(args: argparse.Namespace) -> int:
    from toetsapp.cli.table import render_table
    from toetsapp.dossier.files import write_dossier
    from toetsapp.formatting import format_number

    target, result = write_dossier(args.manifest, args.output, trust=_trust(args),
                                   language=_language(args))
    for warning in result.warnings:
        print(_("Let op: {warning}").format(warning=warning), file=sys.stderr)
    rows = [[str(d.number), d.marked_title, str(d.first_page), format_number(d.pages),
             d.signatures.summary()] for d in result.documents]
    print(render_table([_("Nr."), _("Document"), _("Pagina"), _("Pagina's"),
                        _("Handtekeningen")], rows))
    count = len(result.documents)
    print(_("Dossier geschreven: {path}").format(path=target) + " ("
          + ngettext("{n} pagina", "{n} pagina's", result.pages).format(
              n=format_number(result.pages)) + ", "
          + ngettext("{n} document als bijlage", "{n} documenten als bijlage", count)
          .format(n=count) + ")")
    return 0


def run_compare(args: argparse.Namespace) -> int:
    from toetsapp.dossier.files import comparison_of_files, write_comparison
    from toetsapp.dossier.inputs import FileProblems

    if args.output is None and not args.json:
        print(_("Geef -o VERGELIJKING.pdf of --json."), file=sys.stderr)
        return 2
    try:
        if args.output is not None:
            comparison, warnings = write_comparison(args.files, args.output, trust=_trust(args),
                                                    language=_language(args))
        else:
            comparison, warnings = comparison_of_files(args.files, trust=_trust(args),
                                                       language=_language(args))
    except FileProblems as problems:
        print(problems.describe(), file=sys.stderr)
        return 3
    for warning in warnings:
        print(_("Let op: {warning}").format(warning=warning), file=sys.stderr)
    if args.json:
        print(json.dumps(comparison.as_dict(), indent=2, ensure_ascii=False, default=str))
    else:
        print(_("Vergelijking geschreven: {path} ({n} toetsen)").format(
            path=args.output, n=len(comparison.overview.rows)))
    return 0
