"""One input PDF, read once with pikepdf (qpdf) and checked: every way it can be unusable
becomes a :class:`~toetsapp.errors.FileProblem` that names the file. The opened
:class:`pikepdf.Pdf` is kept for the merge, so each input is parsed only once."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pikepdf

from toetsapp.errors import FileProblem
from toetsapp.files.pdfguard import core_errors, open_pikepdf, pdf_problem, read_stream
from toetsapp.files.readfile import MAX_PDF_BYTES, read_file_bytes
from toetsapp.files.store import SUFFIX, toets_from_bytes
from toetsapp.i18n import _
from toetsapp.model.toets import Toets

TAIL = 2048
SNIFF = 200  # bytes of an attachment read to recognise a toets by its content


@dataclass
class PdfInput:
    """An input PDF: its exact bytes (attached unchanged), the pikepdf document over
    them, and the embedded toets when there is one."""

    path: Path
    data: bytes
    pdf: Any  # pikepdf.Pdf
    pages: int
    title: str
    toets: Toets | None = None
    toets_bytes: bytes | None = None
    tagged: bool = False
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

    @cached_property
    def sha256(self) -> str:
        """The hex SHA-256 of :attr:`file_data` (pinned, listed and put in the record)."""
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
    """The message for a PDF the library cannot make sense of."""
    return pdf_problem(path, exc)


def read_errors() -> tuple[type[BaseException], ...]:
    """What reading with pikepdf raises (pypdf is not loaded for the dossier, pyHanko
    only when an input is signed)."""
    return core_errors()


def is_tagged(pdf: Any) -> bool:
    """Whether the PDF is a tagged PDF: a structure tree and ``/MarkInfo /Marked true``."""
    root = pdf.Root
    info = root.get("/MarkInfo")
    return (isinstance(root.get("/StructTreeRoot"), pikepdf.Dictionary)
            and isinstance(info, pikepdf.Dictionary) and bool(info.get("/Marked", False)))


def open_pdf(path: Path | str, *, need_toets: bool) -> PdfInput:
    """Read and check one PDF. With ``need_toets`` it must be a Toetsapp PDF: its
    embedded ``.toets`` is read back (and must be a valid toets)."""
    path = Path(path)
    return pdf_from_bytes(path, read_file_bytes(path, MAX_PDF_BYTES), need_toets=need_toets)


def pdf_from_bytes(path: Path, data: bytes, *, need_toets: bool,
                   original: bytes | None = None) -> PdfInput:
    """:func:`open_pdf` for bytes already read (``path`` names them in messages);
    ``original``: the ``.toets`` the PDF was rendered from."""
    check_pdf_bytes(path, data)
    pdf = open_pikepdf(data, path)
    try:
        pages = len(pdf.pages)
        if pdf.get_warnings():
            pdf = _repaired(pdf, data, path)
            pages = len(pdf.pages)
        title = _pdf_title(pdf)
        tagged = is_tagged(pdf)
        found = PdfInput(path, data, pdf, pages, title, tagged=tagged, original=original)
        attached = _embedded_toets(pdf) if need_toets and pages else None
    except FileProblem:
        raise
    except read_errors() as exc:
        raise damaged(path, exc) from None
    if pages == 0:
        raise FileProblem(path, _("de PDF heeft geen pagina's"))
    if need_toets:
        if attached is None:
            raise FileProblem(path, _("deze PDF bevat geen toets (geen .toets-bijlage): het is "
                                      "geen Toetsapp-PDF. Zet hem als 'document' in het "
                                      "manifest, of maak de PDF met 'toetsapp render'"))
        name, toets_bytes = attached
        found.toets = toets_from_bytes(toets_bytes, f"{path}#{name}")
        found.toets_bytes = toets_bytes
        _check_pairing(path, pdf, found.toets, toets_bytes)
    return found


def _repaired(pdf: Any, data: bytes, path: Path) -> Any:
    """qpdf reported damage (it may have dropped a page it could not find): let pypdf
    rewrite the file too, and keep whichever copy has more pages."""
    from pypdf import PdfReader, PdfWriter

    from toetsapp.files import pdfguard

    pdfguard.limit_decompression()  # pypdf reads here: its streams stay within our cap
    try:
        writer = PdfWriter()
        writer.append(PdfReader(io.BytesIO(data), strict=False))
        buffer = io.BytesIO()
        writer.write(buffer)
        other = open_pikepdf(buffer.getvalue(), path)
    except (FileProblem, *pdfguard.PDF_ERRORS):
        return pdf
    if len(other.pages) > len(pdf.pages):
        pdf.close()
        return other
    other.close()
    return pdf


def _check_pairing(path: Path, pdf: Any, toets: Any, raw: bytes) -> None:
    """Refuse a PDF whose attached toets is not the one its pages were rendered from."""
    from toetsapp.signing.integrity import pairing_problem, recorded_hashes

    try:
        recorded = recorded_hashes(pdf.docinfo)
    except read_errors():
        return
    problem = pairing_problem(recorded, toets, raw)
    if problem:
        raise FileProblem(path, problem)


def _embedded_toets(pdf: Any) -> tuple[str, bytes] | None:
    """The attached ``.toets`` (by name, else by content), as Toetsapp embeds it; read
    with the decompression cap (a bomb ends as a message)."""
    files = {name: spec.get_file().obj for name, spec in pdf.attachments.items()}
    for name, stream in files.items():
        if name.endswith(SUFFIX):
            return name, read_stream(stream)
    for name, stream in files.items():
        content = read_stream(stream)
        if b'"toetsapp/toets"' in content.lstrip()[:SNIFF]:
            return name, content
    return None


def _pdf_title(pdf: Any) -> str:
    try:
        return str(pdf.docinfo.get("/Title", "")).strip()
    except read_errors():
        return ""
