"""Merging: the dossier's own pages, then every document under its own bookmark (its
outline nested below), page labels, links, and the originals attached unchanged.

Pages are copied object by object as raw bytes (:mod:`toetsapp.dossier.rawpdf`); a PDF
whose syntax that cannot rely on is first rewritten by pypdf."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
)

from toetsapp.dossier.layout import Links
from toetsapp.dossier.outline import Node, read_outline
from toetsapp.dossier.pdfinput import READ_ERRORS, PdfInput, damaged
from toetsapp.dossier.pdfsyntax import dictionary, pdf_date, pdf_number, pdf_string, ref
from toetsapp.dossier.rawpdf import RawError, RawSource, eligible
from toetsapp.dossier.rawwriter import (
    RawWriter,
    names_tree,
    page_labels,
    write_attachment,
    write_outline,
)

PDF_MIME = "application/pdf"
JSON_MIME = "application/json"


@dataclass(frozen=True)
class Attachment:
    """A file embedded unchanged in the dossier."""

    name: str
    data: bytes
    description: str
    mime: str = PDF_MIME
    modified: datetime | None = None


@dataclass(frozen=True)
class Part:
    """A document to append, with the title of its bookmark."""

    title: str
    source: PdfInput


def _is_signature(annot: DictionaryObject) -> bool:
    field = annot
    for _depth in range(8):
        if field.get("/FT") == "/Sig":
            return True
        parent = field.get("/Parent")
        if parent is None:
            return False
        field = parent.get_object()
    return False


def drop_signature_fields(writer: PdfWriter, pages: range) -> None:
    """Remove signature fields: the merged copy no longer matches what was signed."""
    form = writer.root_object.get("/AcroForm")
    if form is None:
        return
    form = form.get_object()
    for index in pages:
        page = writer.pages[index]
        annots = page.get("/Annots")
        if annots is None:
            continue
        kept = [a for a in annots.get_object() if not _is_signature(a.get_object())]
        page[NameObject("/Annots")] = ArrayObject(kept)
    fields = [f for f in form.get("/Fields", []) if not _is_signature(f.get_object())]
    if fields:
        form[NameObject("/Fields")] = ArrayObject(fields)
        form.pop("/SigFlags", None)
    else:
        del writer.root_object["/AcroForm"]


def normalised(source: PdfInput) -> tuple[bytes, PdfReader]:
    """``source`` rewritten by pypdf (plain syntax, no signature fields), for a PDF whose
    syntax raw copying cannot rely on."""
    writer = PdfWriter()
    writer.append(source.reader, import_outline=True)
    drop_signature_fields(writer, range(len(writer.pages)))
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    return data, PdfReader(io.BytesIO(data))


def _copy(out: RawWriter, pages_root: int, data: bytes, reader: PdfReader,
          annots: dict[int, list[int]] | None = None) -> tuple[list[int], list[Node]]:
    new = RawSource(data, reader).copy_pages(out, pages_root, annots)
    mapping = {page.indirect_reference.idnum: number
               for page, number in zip(reader.pages, new, strict=True)}
    return new, read_outline(reader, mapping, data)


def _copy_part(out: RawWriter, pages_root: int, part: Part) -> tuple[list[int], list[Node]]:
    """Raw copy when the file allows it, else (or when that fails) via pypdf first."""
    source = part.source
    try:
        if eligible(source.reader, source.data):
            try:
                return _copy(out, pages_root, source.data, source.reader)
            except RawError:
                pass
        return _copy(out, pages_root, *normalised(source))
    except (PdfReadError, RawError, *READ_ERRORS) as exc:
        raise damaged(source.path, exc) from None


def _link(out: RawWriter, rect: tuple[float, float, float, float], page: int) -> int:
    x1, y1, x2, y2 = rect
    box = [min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)]
    return out.add(dictionary({
        "Type": b"/Annot", "Subtype": b"/Link", "Border": b"[0 0 0]",
        "Rect": b"[" + b" ".join(pdf_number(v) for v in box) + b"]",
        "Dest": b"[" + ref(page) + b" /Fit]"}))


def merge(front: bytes, parts: Sequence[Part], links: Links, attachments: Sequence[Attachment],
          metadata: dict[str, str], language: str, made: datetime) -> tuple[bytes, list[int]]:
    """The dossier PDF and the page index (from 0) where each part starts.

    Raises :class:`~toetsapp.errors.FileProblem` naming a part whose pages cannot be
    copied (damage that only shows when they are read).
    """
    out = RawWriter()
    pages_root = out.reserve()
    doc_pages: list[list[int]] = []
    doc_nodes: list[Node] = []
    for part in parts:
        pages, children = _copy_part(out, pages_root, part)
        doc_pages.append(pages)
        doc_nodes.append(Node(part.title, (pages[0], b"/Fit"), children))
    annots: dict[int, list[int]] = {}
    for page, rect, number in links.spots:
        if 1 <= number <= len(doc_pages):
            annots.setdefault(page, []).append(_link(out, rect, doc_pages[number - 1][0]))
    front_pages, front_nodes = _copy(out, pages_root, front, PdfReader(io.BytesIO(front)),
                                     annots)
    kids = front_pages + [page for pages in doc_pages for page in pages]
    out.put(pages_root, dictionary({"Type": b"/Pages", "Count": b"%d" % len(kids),
                                    "Kids": b"[" + b" ".join(map(ref, kids)) + b"]"}))
    outline = write_outline(out, front_nodes + doc_nodes)
    labels = out.add(page_labels(len(front_pages), len(kids)))
    files = [(a.name, write_attachment(out, a.name, a.data, a.description, a.mime,
                                       a.modified)) for a in attachments]
    info = out.add(dictionary({**{key: pdf_string(value) for key, value in metadata.items()},
                               "CreationDate": pdf_date(made), "ModDate": pdf_date(made)}))
    catalog = out.add(dictionary({
        "Type": b"/Catalog", "Pages": ref(pages_root), "Outlines": ref(outline),
        "PageLabels": ref(labels), "PageMode": b"/UseOutlines", "Lang": pdf_string(language),
        "Names": dictionary({"EmbeddedFiles": ref(names_tree(out, files))}),
        "AF": b"[" + b" ".join(ref(number) for _name, number in files) + b"]",
        "ViewerPreferences": b"<< /DisplayDocTitle true >>"}))
    starts, at = [], len(front_pages)
    for pages in doc_pages:
        starts.append(at)
        at += len(pages)
    seed = repr((metadata, made.isoformat(), len(kids))).encode("utf-8")
    return out.finish(catalog, info, seed), starts
