"""Fill the identity translations after ``pybabel update``.

Dutch is the source language, so the Dutch catalog translates every Dutch msgid
into itself; argparse's own messages are the exception (English msgids, see
``toetsapp/cli/argparse_i18n.py``): the Dutch catalog translates those by hand and
the English catalog keeps them as they are. Existing translations are never touched.

Usage: ``python i18n/fill_identity.py [I18N_DIR]`` (run by ``make i18n-update``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

DOMAIN = "toetsapp"
ENGLISH_SOURCES = ("toetsapp/cli/argparse_i18n.py",)
"""Files whose msgids are English (argparse's messages), not Dutch."""


def is_english_source(message: Message) -> bool:
    return bool(message.locations) and all(
        str(path).replace("\\", "/").endswith(ENGLISH_SOURCES) for path, _line in message.locations)


def untranslated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    return not any(strings)


def identity(message: Message, catalog: Catalog) -> None:
    if isinstance(message.id, (list, tuple)):
        singular, plural = message.id[0], message.id[1]
        forms = catalog.num_plurals
        message.string = tuple([singular] + [plural] * (forms - 1))
    else:
        message.string = message.id


def fill(path: Path, want_english_sources: bool) -> int:
    """Give untranslated messages of ``path`` their identity; returns how many were filled."""
    with path.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True)
    filled = 0
    for message in catalog:
        if not message.id or not untranslated(message):
            continue
        if is_english_source(message) == want_english_sources:
            identity(message, catalog)
            message.flags.discard("fuzzy")
            filled += 1
    if filled:
        with path.open("wb") as handle:
            write_po(handle, catalog, width=76)
    return filled


def main(argv: list[str]) -> int:
    base = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    nl = fill(base / "nl" / "LC_MESSAGES" / f"{DOMAIN}.po", want_english_sources=False)
    en = fill(base / "en" / "LC_MESSAGES" / f"{DOMAIN}.po", want_english_sources=True)
    print(f"identity filled: nl {nl}, en {en}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
