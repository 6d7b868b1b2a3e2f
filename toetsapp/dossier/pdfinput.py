"""One input PDF, read once and checked: every way it can be unusable becomes a
:class:`~toetsapp.errors.FileProblem` that names the file."""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toetsapp.errors import FileProblem
from toetsapp.files.pdfguard import PDF_ERRORS, pdf_problem
from toetsapp.files.readfile import MAX_PDF_BYTES, read_file_bytes
from toetsapp.files.store import SUFFIX, toets_from_bytes
from toetsapp.i18n import _
from toetsapp.model.toets import Toets

TAIL = 2048
# pypdf reports repairs through logging; without a handler Python would print them on
# stderr of the command line. The dossier reports problems itself.
logging.getLogger("pypdf").addHandler(logging.NullHandler())


@dataclass
class PdfInput:
    """An input PDF: its exact bytes (attached unchanged), a pypdf reader over them,
    and the embedded toets when there is one."""

    path: Path
    data: bytes
    reader: Any  # pypdf.PdfReader
    pages: int
    title: str
    toets: Toets | None = None
    toets_bytes: bytes | None = None
    original: bytes | None = None  # the file as given, when the PDF was rendered from it

    @property
    def file_data(self) -> bytes:
        """The input file's exact bytes: the PDF, or the ``.toets`` it was rendered from
        (attached, pinned and hashed as it is)."""
        return self.original if self.original is not None else self.data

    @property
    def rendered(self) -> bool:
        """Whether the pages were rendered from a ``.toets`` while bundling."""
        return self.original is not None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.file_data).hexdigest()

    @property
    def maybe_signed(self) -> bool:
        """Whether the PDF may carry digital signatures (cheap test before pyHanko)."""
        return b"/ByteRange" in self.data


def check_pdf_bytes(path: Path, data: bytes) -> None:
    """Refuse empty files, files that are not PDFs and PDFs that were cut off."""
    if not data:
        raise FileProblem(path, _("het bestand is leeg (0 bytes)"))
    if b"%PDF-" not in data[:1024]:
        if path.suffix == SUFFIX or data.lstrip()[:1] == b"{":
            raise FileProblem(path, _("dit is geen PDF maar een toetsbestand; maak er eerst een "
                                      "PDF van met 'toetsapp render'"))
        raise FileProblem(path, _("dit is geen PDF-bestand"))
    if b"%%EOF" not in data[-TAIL:]:
        raise FileProblem(path, _("de PDF is onvolledig: het bestand houdt halverwege op "
                                  "(het eindkenmerk %%EOF ontbreekt). Kopieer of download "
                                  "het opnieuw"))


def damaged(path: Path, exc: BaseException) -> FileProblem:
    """The message for a PDF pypdf cannot make sense of."""
    return pdf_problem(path, exc)


READ_ERRORS: tuple[type[BaseException], ...] = PDF_ERRORS


def open_pdf(path: Path | str, *, need_toets: bool) -> PdfInput:
    """Read and check one PDF. With ``need_toets`` it must be a Toetsapp PDF: its
    embedded ``.toets`` is read back (and must be a valid toets)."""
    path = Path(path)
    return pdf_from_bytes(path, read_file_bytes(path, MAX_PDF_BYTES), need_toets=need_toets)


def pdf_from_bytes(path: Path, data: bytes, *, need_toets: bool) -> PdfInput:
    """:func:`open_pdf` for bytes already read (``path`` names them in messages)."""
    from pypdf import PdfReader

    check_pdf_bytes(path, data)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise FileProblem(path, _("de PDF is versleuteld (beveiligd met een wachtwoord of "
                                      "met beperkingen); lever een onbeveiligde versie aan"))
        pages = len(reader.pages)
        title = _pdf_title(reader)
    except FileProblem:
        raise
    except READ_ERRORS as exc:
        raise damaged(path, exc) from None
    if pages == 0:
        raise FileProblem(path, _("de PDF heeft geen pagina's"))
    found = PdfInput(path, data, reader, pages, title)
    if need_toets:
        try:
            attached = _embedded_toets(reader)
        except READ_ERRORS as exc:
            raise damaged(path, exc) from None
        if attached is None:
            raise FileProblem(path, _("deze PDF bevat geen toets (geen .toets-bijlage): het is "
                                      "geen Toetsapp-PDF. Zet hem als 'document' in het "
                                      "manifest, of maak de PDF met 'toetsapp render'"))
        name, toets_bytes = attached
        found.toets = toets_from_bytes(toets_bytes, f"{path}#{name}")
        found.toets_bytes = toets_bytes
        _check_pairing(path, reader, found.toets)
    return found


def _check_pairing(path: Path, reader: Any, toets: Any) -> None:
    """Refuse a PDF whose attached toets is not the one its pages were rendered from."""
    from pypdf.errors import PdfReadError

    from toetsapp.signing.integrity import HASH_KEY, pairing_problem

    try:
        recorded = (reader.metadata or {}).get(HASH_KEY)
    except (PdfReadError, *READ_ERRORS):
        return
    problem = pairing_problem(str(recorded) if recorded is not None else None, toets)
    if problem:
        raise FileProblem(path, problem)


def _embedded_toets(reader: Any) -> tuple[str, bytes] | None:
    """The attached ``.toets`` (by name, else by content), as Toetsapp embeds it."""
    files = {name: contents[0] for name, contents in reader.attachments.items() if contents}
    for name, content in files.items():
        if name.endswith(SUFFIX):
            return name, content
    for name, content in files.items():
        if b'"toetsapp/toets"' in content.lstrip()[:200]:
            return name, content
    return None


def _pdf_title(reader: Any) -> str:
    try:
        meta = reader.metadata
        return str(meta.title or "").strip() if meta is not None else ""
    except READ_ERRORS:
        return ""
