"""argparse's own messages (usage, errors, help) through Toetsapp's catalogs.

argparse writes English msgids; the Dutch catalog translates them, the English
catalog keeps them. Listed here so extraction puts them in the catalogs.
"""

from __future__ import annotations

import argparse

from toetsapp.i18n import N_, _, ngettext

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("ignored explicit argument %r"),
    N_("unexpected option string: %s"),
)


def _plural_messages(n: int) -> str:
    """Never called: lets extraction see argparse's message with a plural."""
    return ngettext("expected %s argument", "expected %s arguments", n)


def install() -> None:
    """Route argparse's gettext calls to the active Toetsapp translation."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
