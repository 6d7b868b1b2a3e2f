"""Where a command may write: never over one of its own inputs."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from toetsapp.errors import FileProblem
from toetsapp.i18n import _


def _identity(path: Path | str) -> object:
    """The file itself (device and inode) when it exists, else its absolute path."""
    try:
        st = os.stat(path)
        return (st.st_dev, st.st_ino)
    except (OSError, ValueError):
        pass
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError, ValueError):  # a link loop, a NUL byte
        return Path(os.path.abspath(path))


def is_same_file(a: Path | str, b: Path | str) -> bool:
    """Whether ``a`` and ``b`` are one file (through links and other spellings too)."""
    return _identity(a) == _identity(b)


def refuse_overwriting_inputs(target: Path | str, sources: Iterable[Path | str]) -> None:
    """Raise :class:`FileProblem` when writing ``target`` would replace an input."""
    for source in sources:
        if is_same_file(target, source):
            raise FileProblem(target, _("dit is ook een invoerbestand; kies een ander "
                                        "uitvoerbestand"))
