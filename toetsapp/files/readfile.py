"""Reading a whole file defensively: a size cap and one clear message per failure."""

from __future__ import annotations

from pathlib import Path

from toetsapp.errors import FileProblem
from toetsapp.formatting import format_number
from toetsapp.i18n import _

MAX_PDF_BYTES = 512 * 2**20


def read_file_bytes(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of ``path``, or :class:`FileProblem` saying why they cannot be had."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileProblem(path, _("het bestand is te groot ({size} MB; maximaal {max} MB)")
                              .format(size=format_number(size / 2**20, max_decimals=1),
                                      max=format_number(max_bytes / 2**20, max_decimals=1)))
        return path.read_bytes()
    except FileNotFoundError:
        raise FileProblem(path, _("het bestand bestaat niet")) from None
    except IsADirectoryError:
        raise FileProblem(path, _("dit is een map, geen bestand")) from None
    except PermissionError:
        raise FileProblem(path, _("geen toestemming om het bestand te lezen")) from None
    except OSError as exc:
        raise FileProblem(path, _("het bestand kan niet worden gelezen: {error}")
                          .format(error=exc.strerror or exc)) from None
