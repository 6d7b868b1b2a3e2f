"""Atomic file writes: temp file in the same folder, fsync, rename.

The previous file stays intact until the new one is complete on disk.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from toetsapp.errors import FileProblem
from toetsapp.files.readfile import kind_problem
from toetsapp.i18n import _


class ReadOnlyFile(FileProblem):
    """The file to replace is read-only: replace it only when the user says so."""


def _target(path: Path) -> Path:
    """The file a write really replaces: through symbolic links (the links stay)."""
    if not path.is_symlink():
        return path
    try:
        return Path(os.path.realpath(path, strict=True))
    except (OSError, RuntimeError, ValueError):  # a dangling link or a loop
        return Path(os.path.realpath(path))


def _is_read_only(path: Path) -> bool:
    """Whether ``path`` exists and nobody may write it (its mode, not ``os.access``: that
    says yes to root for every file)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(st.st_mode) and not st.st_mode & 0o222


def check_replaceable(path: Path | str, *, replace_read_only: bool = False) -> Path:
    """The file a write to ``path`` would replace, or :class:`FileProblem` (a read-only
    file: :class:`ReadOnlyFile`) when it must not be replaced."""
    given = Path(path)
    target = _target(given)
    if _is_read_only(target) and not replace_read_only:
        raise ReadOnlyFile(given, _("het bestand is alleen-lezen; het is niet vervangen"))
    try:
        mode = os.stat(target).st_mode
    except (OSError, ValueError):
        return target
    problem = None if stat.S_ISREG(mode) else kind_problem(mode)
    if problem:
        raise FileProblem(given, problem)
    return target


def atomic_write_bytes(path: Path | str, data: bytes, *, replace_read_only: bool = False
                       ) -> None:
    """Replace ``path`` with ``data`` all at once, or leave it untouched.

    Through a symbolic link the file it points to is replaced (in that file's folder,
    so still atomically) and the link stays. A read-only file is refused with
    :class:`ReadOnlyFile` unless ``replace_read_only``; it stays read-only when replaced.
    Anything that is not a regular file (a device, a pipe) is never replaced.
    """
    path = check_replaceable(path, replace_read_only=replace_read_only)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileProblem(path, _("kan niet schrijven in de map: {error}")
                          .format(error=exc.strerror or exc)) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise FileProblem(path, _("opslaan mislukt: {error}")
                          .format(error=exc.strerror or exc)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def atomic_write_text(path: Path | str, text: str, *, replace_read_only: bool = False) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), replace_read_only=replace_read_only)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
