"""The ``.toets`` file inside the PDF: written as an embedded file, read back with pypdf.

Writing happens inside reportlab's own object tree (no second pass over the PDF);
reading uses pypdf and turns every way a file can be unusable into a
:class:`~toetsapp.errors.FileProblem`.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from toetsapp.errors import FileProblem
from toetsapp.files.readfile import MAX_PDF_BYTES, read_file_bytes
from toetsapp.files.store import SUFFIX, toets_from_bytes
from toetsapp.i18n import _
from toetsapp.model.toets import Toets

MIME = "application/vnd.toetsapp.toets+json"


def attach_file(pdf_doc: object, name: str, data: bytes, description: str,
                modified: datetime | None = None) -> None:
    """Add ``data`` as an embedded file (also listed in the catalog's /AF array)."""
    from reportlab.pdfbase import pdfdoc as p

    digest = hashlib.md5(data, usedforsecurity=False).digest()
    params = {"Size": len(data), "CheckSum": p.PDFString(digest, enc="raw")}
    if modified is not None:
        params["ModDate"] = p.PDFString(modified.strftime("D:%Y%m%d%H%M%SZ"))
    stream = p.PDFStream(p.PDFDictionary({
        "Type": p.PDFName("EmbeddedFile"),
        "Subtype": "/" + MIME.replace("/", "#2F"),  # a PDF name; '/' must be escaped
        "Params": p.PDFDictionary(params),
    }), data, filters=[p.PDFZCompress])
    stream_ref = pdf_doc.Reference(stream)
    spec = p.PDFDictionary({
        "Type": p.PDFName("Filespec"), "F": p.PDFString(name), "UF": p.PDFString(name),
        "Desc": p.PDFString(description), "AFRelationship": p.PDFName("Source"),
        "EF": p.PDFDictionary({"F": stream_ref, "UF": stream_ref}),
    })
    spec_ref = pdf_doc.Reference(spec)
    catalog = pdf_doc.Catalog
    catalog.Names = p.PDFDictionary({"EmbeddedFiles": p.PDFDictionary({
        "Names": p.PDFArray([p.PDFString(name), spec_ref])})})
    catalog.AF = p.PDFArray([spec_ref])
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "AF"]


def record_content_hash(pdf_doc: object, digest: str | None, file_digest: str) -> None:
    """Write what the pages are rendered from into the PDF's ``/Info``: the embedded
    file's SHA-256 as ``/ToetsappAttachmentHash`` (stable across format versions) and
    the toets content hash of the colophon as ``/ToetsappContentHash``."""
    from reportlab.pdfbase import pdfdoc as p

    base = type(pdf_doc.info)
    extra = [(b"/ToetsappAttachmentHash ", file_digest)]
    if digest is not None:
        extra.append((b"/ToetsappContentHash ", digest))

    class _Info(base):  # type: ignore[misc, valid-type]
        def format(self, document: object) -> bytes:
            text = base.format(self, document)
            added = b"".join(key + p.PDFString(value).format(document) + b" "
                             for key, value in extra)
            return text[:text.rindex(b">>")] + added + b">>"

    info = _Info()
    info.__dict__.update(pdf_doc.info.__dict__)
    pdf_doc.info = info


def attachment_name(source: Path | str | None, toets: Toets) -> str:
    """The file name inside the PDF: the source's name, else one made from the id."""
    if source:
        name = Path(source).name
        return name if name.endswith(SUFFIX) else Path(name).stem + SUFFIX
    return f"toets-{str(toets.id)[:8]}{SUFFIX}"


def read_embedded_toets(pdf_path: Path | str) -> tuple[Toets, bytes]:
    """The toets embedded in a Toetsapp PDF, and its exact bytes.

    Raises :class:`FileProblem` when the file is missing, not a PDF, damaged,
    encrypted, carries no ``.toets`` attachment, or the attachment is not a valid toets.
    """
    path = Path(pdf_path)
    toets, data, _recorded = embedded_toets(read_file_bytes(path, MAX_PDF_BYTES), path)
    return toets, data


def embedded_toets(raw: bytes, path: Path) -> tuple[Toets, bytes, tuple[str | None, str | None]]:
    """:func:`read_embedded_toets` for a PDF already read, with what the pages recorded
    they were rendered from (file hash, content hash; see ``signing.integrity``), all
    from one opening of the PDF."""
    import io

    import pikepdf

    from toetsapp.files.pdfguard import core_errors, pdf_problem, read_stream
    from toetsapp.signing.integrity import recorded_hashes

    if b"%PDF-" not in raw[:1024]:
        raise FileProblem(path, _("dit is geen PDF-bestand"))
    try:  # pikepdf, not pypdf: `toetsapp verify` then never imports pypdf
        with pikepdf.open(io.BytesIO(raw)) as pdf:  # an empty user password opens
            chosen = _pick({name: [read_stream(spec.get_file().obj)]
                            for name, spec in pdf.attachments.items()})
            recorded = recorded_hashes(pdf.docinfo)
    except pikepdf.PasswordError:
        raise FileProblem(path, _("de PDF is versleuteld met een wachtwoord; de toets erin "
                                  "kan niet worden gelezen")) from None
    except core_errors() as exc:
        raise pdf_problem(path, exc) from None
    if chosen is None:
        raise FileProblem(path, _("deze PDF bevat geen toets (geen .toets-bijlage gevonden)"))
    name, data = chosen
    return toets_from_bytes(data, f"{path}#{name}"), data, recorded


def _pick(files: dict[str, list[bytes]]) -> tuple[str, bytes] | None:
    toetsen = [(n, c[0]) for n, c in files.items() if n.endswith(SUFFIX) and c]
    if toetsen:
        return toetsen[0]
    for name, contents in files.items():
        if contents and contents[0].lstrip()[:200].find(b'"toetsapp/toets"') >= 0:
            return name, contents[0]
    return None
