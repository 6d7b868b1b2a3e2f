"""Merging on pikepdf (qpdf): the dossier's own pages, then every document under its own
bookmark (its outline nested below), one structure tree, page labels, links, and the
originals attached unchanged.

qpdf copies each page with everything it refers to (resources, annotations, the pages
its links point to), once per source file; :meth:`pikepdf.Pdf.add_pages_from` carries
what the source's catalog holds for those pages (named destinations, renamed when two
documents use the same name; form fields; optional content). Toetsapp decides only what
the dossier adds: bookmarks, page labels, the contents links, the structure tree
(:mod:`toetsapp.dossier.structure`) and the attachments; signature fields are left out."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from toetsapp.dossier.layout import Links
from toetsapp.dossier.outline import Destinations, Node, read_outline, write_outline
from toetsapp.dossier.pdfinput import READ_ERRORS, PdfInput, damaged
from toetsapp.dossier.structure import StructureMerger

PDF_MIME = "application/pdf"
JSON_MIME = "application/json"


@dataclass(frozen=True)
class Attachment:
    """A file embedded unchanged in the dossier; ``relation`` its /AFRelationship."""

    name: str
    data: bytes
    description: str
    mime: str = PDF_MIME
    modified: datetime | None = None
    relation: str = "Source"


@dataclass(frozen=True)
class Part:
    """A document to append, with the title of its bookmark (and structure Part)."""

    title: str
    source: PdfInput


def _is_signature(annot: Any) -> bool:
    import pikepdf

    field = annot
    for _depth in range(8):
        if not isinstance(field, pikepdf.Dictionary):
            return False
        if field.get("/FT") == "/Sig":
            return True
        field = field.get("/Parent")
    return False


def drop_signature_fields(pages: Sequence[Any]) -> dict[tuple[int, int], Any]:
    """Remove signature widgets from the copied pages (the copy no longer matches what
    was signed, and the dossier carries no form). Returns the removed annotations."""
    import pikepdf

    dropped: dict[tuple[int, int], Any] = {}
    for page in pages:
        annots = page.get("/Annots")
        if not isinstance(annots, pikepdf.Array):
            continue
        kept = []
        for annot in annots:
            if annot.get("/Subtype") == "/Widget" and _is_signature(annot):
                dropped[annot.objgen] = annot
            else:
                kept.append(annot)
        if len(kept) != len(annots):
            page.Annots = pikepdf.Array(kept)
    return dropped


def drop_signature_form(out: Any) -> None:
    """Remove signature fields from the merged form (and the form when nothing else is
    left): the copied pages no longer match what was signed."""
    import pikepdf

    form = out.Root.get("/AcroForm")
    if not isinstance(form, pikepdf.Dictionary):
        return
    fields = [f for f in (form.get("/Fields") or []) if not _is_signature(f)]
    if fields:
        form.Fields = pikepdf.Array(fields)
        if "/SigFlags" in form:
            del form["/SigFlags"]
    else:
        del out.Root["/AcroForm"]


def explicit_links(pages: Sequence[Any], dests: Destinations) -> None:
    """Links to named destinations become explicit ones: the names live in the source's
    catalog, which is not copied."""
    import pikepdf

    for page in pages:
        annots = page.get("/Annots")
        if not isinstance(annots, pikepdf.Array):
            continue
        for annot in annots:
            if not isinstance(annot, pikepdf.Dictionary) or annot.get("/Subtype") != "/Link":
                continue
            dest, action = annot.get("/Dest"), annot.get("/A")
            goto = isinstance(action, pikepdf.Dictionary) and action.get("/S") == "/GoTo"
            named = dest if dest is not None else (action.get("/D") if goto else None)
            if isinstance(named, pikepdf.String | pikepdf.Name):
                target = dests.explicit(named)
                if target is not None:
                    annot.Dest = target
                    if "/A" in annot:
                        del annot["/A"]


def _copy_pages(out: Any, src: Any) -> bool:
    """Append the pages of ``src``. A file with a form or layers goes through
    :meth:`pikepdf.Pdf.add_pages_from`, which carries them (and its named destinations);
    others are copied page by page, which is quicker (signature fields are left out of
    the dossier anyway). Returns whether named destinations still need resolving."""
    import pikepdf

    root = src.Root
    form = root.get("/AcroForm")
    fields = form.get("/Fields") if isinstance(form, pikepdf.Dictionary) else None
    if "/OCProperties" in root or (isinstance(fields, pikepdf.Array)
                                   and not all(_is_signature(f) for f in fields)):
        out.add_pages_from(src, forms="preserve", layers="preserve", outlines="ignore")
        return False
    for page in src.pages:
        out.pages.append(page)
    return True


def _moved_annotations(out: Any, src: Any, pages: Sequence[Any]) -> dict[tuple[int, int], Any]:
    """Copying a form makes new copies of its annotations on the pages: the copy qpdf
    made first (which the structure tree's references lead to) -> the one on the page."""
    import pikepdf

    moved = {}
    for source, page in zip(src.pages, pages, strict=True):
        before, after = source.obj.get("/Annots"), page.get("/Annots")
        if not isinstance(before, pikepdf.Array) or not isinstance(after, pikepdf.Array) \
                or len(before) != len(after):
            continue
        for old, new in zip(before, after, strict=True):
            if isinstance(old, pikepdf.Dictionary) and old.is_indirect:
                first = out.copy_foreign(old)
                if first.objgen != new.objgen:
                    moved[first.objgen] = new
    return moved


def _append(out: Any, src: Any, structure: StructureMerger, title: str | None
            ) -> tuple[list[Any], list[Node]]:
    """Copy every page of ``src``; returns the copied pages and the outline below it."""
    import pikepdf

    start = len(out.pages)
    names = _copy_pages(out, src)
    pages = [out.copy_foreign(page.obj) for page in src.pages]  # the copies qpdf made
    if not names or len({page.objgen for page in pages}) != len(pages):
        pages = [out.pages[i].obj for i in range(start, len(out.pages))]  # forms; a page twice
    mapping = {page.objgen: copy for page, copy in zip(src.pages, pages, strict=True)}
    moved = {} if names else _moved_annotations(out, src, pages)
    dropped = drop_signature_fields(pages)
    dests = Destinations(src, mapping)
    if names:
        explicit_links(pages, dests)
    lang = src.Root.get("/Lang")
    structure.add(src, pages, title, str(lang) if isinstance(lang, pikepdf.String) else None,
                  dropped, moved)
    return pages, read_outline(src, dests)


def _links(out: Any, structure: StructureMerger, pages: list[Any], links: Links,
           starts: list[Any], titles: list[str]) -> None:
    import pikepdf

    from toetsapp.i18n import _

    for index, rect, number in links.spots:
        if not (1 <= number <= len(starts)) or index >= len(pages):
            continue
        x1, y1, x2, y2 = rect
        text = _("Naar document {title}").format(title=titles[number - 1])
        annot = out.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Border=[0, 0, 0], F=4,
            Rect=[min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)],
            Dest=pikepdf.Array([starts[number - 1], pikepdf.Name.Fit]),
            Contents=pikepdf.String(text)))
        page = pages[index]
        page.Annots = pikepdf.Array([*(page.get("/Annots") or []), annot])
        page.Tabs = pikepdf.Name.S
        if structure.tagged:
            structure.add_link(annot, page, text)


def _attach(out: Any, attachments: Sequence[Attachment]) -> None:
    import pikepdf
    from pikepdf.models.metadata import encode_pdf_date

    tree = pikepdf.NameTree.new(out)
    specs = []
    for item in attachments:
        spec = pikepdf.AttachedFileSpec(
            out, item.data, description=item.description, filename=item.name,
            mime_type=item.mime, relationship=pikepdf.Name("/" + item.relation),
            mod_date=encode_pdf_date(item.modified) if item.modified else "")
        obj = out.make_indirect(spec.obj)
        tree[item.name] = obj
        specs.append(obj)
    names = out.Root.get("/Names")
    if not isinstance(names, pikepdf.Dictionary):
        names = out.Root.Names = pikepdf.Dictionary()
    names.EmbeddedFiles = tree.obj
    out.Root.AF = pikepdf.Array(specs)


PDFA_ID = "{http://www.aiim.org/pdfa/ns/id/}"
PDFUA_ID = "{http://www.aiim.org/pdfua/ns/id/}"


def _metadata(out: Any, own: Any, *, all_tagged: bool) -> None:
    """XMP metadata: that of the dossier's own pages (the Kamerstuk, PDF/A and PDF/UA
    identification), brought in line with the document information. The PDF/A-3 and
    PDF/UA-1 claims stay only when every document in the dossier is tagged; a foreign
    PDF without tags (or fonts, or colour profile) cannot be vouched for."""
    import pikepdf

    xmp = own.Root.get("/Metadata")
    if isinstance(xmp, pikepdf.Stream):
        out.Root.Metadata = out.copy_foreign(xmp)
    with out.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta.load_from_docinfo(out.docinfo, raise_failure=False)
        if not all_tagged:
            for key in ("part", "conformance", "amd", "rev"):
                for ns in (PDFA_ID, PDFUA_ID):
                    if f"{ns}{key}" in meta:
                        del meta[f"{ns}{key}"]


def _labels(front: int, total: int) -> Any:
    """i, ii, … for the dossier's own pages; 1, 2, … from the first document on."""
    import pikepdf

    nums: list[Any] = [0, pikepdf.Dictionary(S=pikepdf.Name.r)]
    if total > front:
        nums += [front, pikepdf.Dictionary(S=pikepdf.Name.D, St=1)]
    return pikepdf.Dictionary(Nums=pikepdf.Array(nums))


def merge(front: bytes, parts: Sequence[Part], links: Links, attachments: Sequence[Attachment],
          metadata: dict[str, str], language: str, made: datetime,
          finish: Callable[[Any, list[int]], object] | None = None
          ) -> tuple[bytes, list[int]]:
    """The dossier PDF and the page index (from 0) where each part starts. ``finish``
    (the merged :class:`pikepdf.Pdf`, the starts) runs just before the file is written,
    e.g. to number the pages, so the dossier is written once.

    Raises :class:`~toetsapp.errors.FileProblem` naming a part whose pages cannot be
    copied (damage that only shows when they are read).
    """
    import pikepdf
    from pikepdf.models.metadata import encode_pdf_date

    out = pikepdf.new()
    structure = StructureMerger(out)
    own = pikepdf.open(io.BytesIO(front))
    front_pages, nodes = _append(out, own, structure, None)
    starts, first_pages = [], []
    for part in parts:
        starts.append(len(out.pages))
        try:
            pages, below = _append(out, part.source.pdf, structure, part.title)
        except READ_ERRORS as exc:
            raise damaged(part.source.path, exc) from None
        first_pages.append(pages[0])
        nodes.append(Node(part.title, pikepdf.Array([pages[0], pikepdf.Name.Fit]), below))
    _links(out, structure, front_pages, links, first_pages, [p.title for p in parts])
    drop_signature_form(out)
    structure.finish(language)
    write_outline(out, nodes)
    root = out.Root
    root.PageLabels = _labels(len(front_pages), len(out.pages))
    root.PageMode = pikepdf.Name.UseOutlines
    root.Lang = pikepdf.String(language)
    root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    intents = own.Root.get("/OutputIntents")  # the sRGB intent of the own pages (PDF/A)
    if isinstance(intents, pikepdf.Array):
        root.OutputIntents = out.copy_foreign(intents if intents.is_indirect
                                              else own.make_indirect(intents))
    _attach(out, attachments)
    stamp = encode_pdf_date(made)
    out.docinfo = out.make_indirect(pikepdf.Dictionary(
        {**{f"/{key}": pikepdf.String(value) for key, value in metadata.items()},
         "/CreationDate": pikepdf.String(stamp), "/ModDate": pikepdf.String(stamp)}))
    if finish is not None:
        finish(out, starts)
    _metadata(out, own, all_tagged=structure.tagged and all(p.source.tagged for p in parts))
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True, compress_streams=False,
             stream_decode_level=pikepdf.StreamDecodeLevel.none, fix_metadata_version=False)
    own.close()
    return buffer.getvalue(), starts
