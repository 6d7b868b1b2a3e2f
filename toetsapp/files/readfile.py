"""Reading a whole file defensively: regular files only, a cap enforced while reading, and
one clear message per failure.

The size a file claims (``st_size``) is never trusted: ``/dev/zero`` claims 0 bytes, a
file can grow while it is read. Devices, named pipes and sockets are refused before they
are opened (a FIFO would block forever); the file is opened non-blocking and checked
again on the open descriptor, so a swap between the check and the open is caught too.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from toetsapp.errors import FileProblem
from toetsapp.formatting import format_number
from toetsapp.i18n import _

MAX_PDF_BYTES = 512 * 2**20
CHUNK = 1 * 2**20


def _megabytes(n: int) -> str:
    return format_number(n / 2**20, max_decimals=1)


def _too_big(path: Path, max_bytes: int) -> FileProblem:
    return FileProblem(path, _("het bestand is te groot (meer dan {max} MB)")
                       .format(max=_megabytes(max_bytes)))


def kind_problem(mode: int) -> str | None:
    """Why a file of this ``st_mode`` cannot be read as a document (None: it can)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _("dit is een map, geen bestand")
    if stat.S_ISFIFO(mode):
        return _("dit is een named pipe (FIFO), geen gewoon bestand")
    if stat.S_ISSOCK(mode):
        return _("dit is een socket, geen gewoon bestand")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("dit is een apparaat (zoals /dev/zero), geen gewoon bestand")
    return _("dit is geen gewoon bestand")


def os_problem(path: Path, exc: OSError | ValueError, *, writing: bool = False) -> FileProblem:
    """The message for an error of the operating system on ``path``."""
    if isinstance(exc, ValueError):  # "embedded null byte"
        return FileProblem(path, _("de bestandsnaam bevat een ongeldig teken (NUL)"))
    code = exc.errno
    if code == errno.ENOENT:
        return FileProblem(path, _("het bestand bestaat niet"))
    if code == errno.EISDIR:
        return FileProblem(path, _("dit is een map, geen bestand"))
    if code in (errno.EACCES, errno.EPERM):
        return FileProblem(path, _("geen toestemming om het bestand te schrijven") if writing
                           else _("geen toestemming om het bestand te lezen"))
    if code == errno.ELOOP:
        return FileProblem(path, _("de symbolische koppeling verwijst (via andere koppelingen) "
                                   "naar zichzelf"))
    if code == errno.ENAMETOOLONG:
        return FileProblem(path, _("de bestandsnaam is te lang"))
    if code == errno.ENOTDIR:
        return FileProblem(path, _("een deel van het pad is geen map"))
    detail = exc.strerror or str(exc)
    if writing:
        return FileProblem(path, _("opslaan mislukt: {error}").format(error=detail))
    return FileProblem(path, _("het bestand kan niet worden gelezen: {error}")
                       .format(error=detail))


def check_readable(path: Path | str) -> None:
    """Raise :class:`FileProblem` unless ``path`` is an existing regular file (after links)."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError) as exc:
        raise os_problem(path, exc) from None
    problem = kind_problem(mode)
    if problem:
        raise FileProblem(path, problem)


def read_file_bytes(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of ``path`` (at most ``max_bytes``), or :class:`FileProblem` saying why
    they cannot be had."""
    path = Path(path)
    check_readable(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError) as exc:
        raise os_problem(path, exc) from None
    try:
        problem = kind_problem(os.fstat(fd).st_mode)
        if problem:
            raise FileProblem(path, problem)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise _too_big(path, max_bytes)
        return b"".join(chunks)
    except OSError as exc:
        raise os_problem(path, exc) from None
    finally:
        os.close(fd)


def read_file_text(path: Path | str, max_bytes: int) -> str:
    """A UTF-8 text file (a BOM is dropped), read as :func:`read_file_bytes` does."""
    data = read_file_bytes(path, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(path, _("het bestand is geen geldige UTF-8-tekst (byte {pos})")
                          .format(pos=exc.start)) from None
