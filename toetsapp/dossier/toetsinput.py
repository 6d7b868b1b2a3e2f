"""A dossier document given as a ``.toets`` file: rendered to its Toetsapp PDF while
bundling, exactly as ``toetsapp render`` would (an unfinished toets as a concept).

The rendering is invariant (the same toets gives the same pages), so a dossier rebuilt
from its own attachments — where the ``.toets`` itself is attached — is the same.
"""

from __future__ import annotations

from pathlib import Path

from toetsapp.dossier.pdfinput import PdfInput, pdf_from_bytes
from toetsapp.errors import FileProblem, ToetsappError
from toetsapp.files.readfile import MAX_PDF_BYTES, read_file_bytes
from toetsapp.files.store import SUFFIX, toets_from_bytes
from toetsapp.i18n import _


def is_toets_file(path: Path, data: bytes) -> bool:
    """A ``.toets`` file (by name, or JSON that is not a PDF)."""
    if b"%PDF-" in data[:1024]:
        return False
    return path.suffix.lower() == SUFFIX or data.lstrip()[:1] == b"{"


def render_toets_input(path: Path, data: bytes, *, need_toets: bool) -> PdfInput:
    """The Toetsapp PDF of the toets in ``data`` (read from ``path``), as a dossier input.

    Raises :class:`FileProblem` naming the file for an empty, invalid or unknown toets.
    """
    from toetsapp.export.files import toets_pdf_bytes

    if not data.strip():
        raise FileProblem(path, _("het bestand is leeg (0 bytes)"))
    toets = toets_from_bytes(data, path)
    try:
        pdf = toets_pdf_bytes(toets, data, path, invariant=True)
    except ToetsappError as exc:
        raise FileProblem(path, str(exc)) from None
    found = pdf_from_bytes(path, pdf, need_toets=False, original=data)
    found.title = toets.metadata.short_title or toets.metadata.title
    if need_toets:
        found.toets, found.toets_bytes = toets, data
    return found


def open_input(path: Path | str, *, need_toets: bool) -> PdfInput:
    """A dossier document: a PDF as it is, or a ``.toets`` rendered on the fly."""
    path = Path(path)
    data = read_file_bytes(path, MAX_PDF_BYTES)
    if is_toets_file(path, data):
        return render_toets_input(path, data, need_toets=need_toets)
    return pdf_from_bytes(path, data, need_toets=need_toets)
