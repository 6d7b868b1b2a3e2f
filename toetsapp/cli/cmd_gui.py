"""``toetsapp gui [FILE]``: start the desktop application, optionally with a toets open."""

from __future__ import annotations

import argparse
from pathlib import Path

from toetsapp.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    gui = sub.add_parser("gui", help=_("start de applicatie (ook zonder opdracht)"))
    gui.add_argument("file", nargs="?", type=Path, metavar=_("BESTAND"),
                     help=_("een toets om meteen te openen"))
    gui.set_defaults(func=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    from toetsapp.ui.app import run_app

    argv = ["--lang", args.lang] if args.lang else []
    return run_app([*argv, *([str(args.file)] if args.file else [])])
