"""The ``toetsapp`` command.

Exit codes: 0 success; 1 content not valid (problems found, signatures not
valid); 2 wrong usage; 3 a file could not be read or written; 70 internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from toetsapp import __version__
from toetsapp.cli import (
    argparse_i18n,
    cmd_definitions,
    cmd_dossier,
    cmd_export,
    cmd_gui,
    cmd_review,
    cmd_signing,
    cmd_toets,
)
from toetsapp.errors import FileProblem, ToetsappError, UsageError
from toetsapp.i18n import MissingCatalog, _, set_language

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_FILE, EXIT_INTERNAL = 0, 1, 2, 3, 70
COMMAND_MODULES = [cmd_definitions, cmd_toets, cmd_export, cmd_signing, cmd_review, cmd_dossier,
                   cmd_gui]


def _language_from_argv(argv: Sequence[str]) -> str | None:
    """Find ``--lang`` before parsing, so the help text itself is translated."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("TOETSAPP_LANG")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="toetsapp",
        description=_("Toetsapp: uniforme uitvoerbaarheids-, doenvermogen- en invoeringstoetsen."),
        epilog=_("Zonder opdracht start de applicatie. Afsluitcodes: 0 in orde, 1 niet geldig, "
                 "2 verkeerd gebruik, 3 bestand niet te lezen of te schrijven."),
    )
    parser.add_argument("--version", action="version", version=f"Toetsapp {__version__}",
                        help=_("toon het versienummer en stop"))
    parser.add_argument("--lang", choices=["nl", "en"], help=_("taal van de uitvoer"))
    sub = parser.add_subparsers(dest="command", metavar=_("opdracht"))
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        set_language(_language_from_argv(argv))
    except MissingCatalog as missing:  # an incomplete installation, said at once
        print(missing, file=sys.stderr)
        return EXIT_FILE
    argparse_i18n.install()
    parser = build_parser()
    if _opens_files(argv):  # `toetsapp wet.toets`, as the desktop file type starts it
        return _start_gui(argv)
    args = parser.parse_args(argv)
    if args.command is None:
        return _start_gui(argv)
    try:
        return int(args.func(args) or 0)
    except FileProblem as problem:
        print(problem.describe(), file=sys.stderr)
        return EXIT_FILE
    except UsageError as error:
        print(f"toetsapp {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except MissingCatalog as missing:
        print(missing, file=sys.stderr)
        return EXIT_FILE
    except ToetsappError as error:
        print(_("Fout: {error}").format(error=error), file=sys.stderr)
        return EXIT_FILE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into e.g. `head`, which closed early
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # last resort: a message, never a bare traceback
        if os.environ.get("TOETSAPP_DEBUG"):
            traceback.print_exc()
        print(_("Onverwachte fout ({kind}): {error}. Zet TOETSAPP_DEBUG=1 voor details.")
              .format(kind=type(exc).__name__, error=exc), file=sys.stderr)
        return EXIT_INTERNAL


def _opens_files(argv: list[str]) -> bool:
    """Whether the arguments name toets files rather than a command."""
    positional = [a for a in argv if not a.startswith("-") and a not in ("nl", "en")]
    return bool(positional) and all(a.endswith(".toets") for a in positional)


def _start_gui(argv: list[str]) -> int:
    try:
        from toetsapp.ui.app import run_app
    except ImportError:
        build_parser().print_help()
        return EXIT_OK
    return run_app(argv)


if __name__ == "__main__":
    sys.exit(main())
