"""Altered copies of a signed PDF, built as an attacker would: incremental updates
written with pyHanko (so the earlier, signed bytes stay as they are), or a full
rewrite with pikepdf."""

from __future__ import annotations

import io
from collections.abc import Callable

import pikepdf
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

PAINT = (b"q 1 1 1 rg 0 0 595 842 re f Q BT /Helv 28 Tf 1 0 0 rg 80 700 Td "
         b"(Akkoord zonder voorbehoud) Tj ET")


def incremental(pdf: bytes, change: Callable[[IncrementalPdfFileWriter], None]) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _first_page(writer: IncrementalPdfFileWriter):
    ref = writer.root["/Pages"]["/Kids"].raw_get(0)
    return ref, ref.get_object()


def _paint_over_page_one(writer: IncrementalPdfFileWriter) -> None:
    _ref, page = _first_page(writer)
    stream = writer.add_object(generic.StreamObject(stream_data=PAINT))
    old = page.raw_get("/Contents")
    page["/Contents"] = generic.ArrayObject(
        [*(old if isinstance(old, generic.ArrayObject) else [old]), stream])
    writer.update_container(page)


def strip_signatures(pdf: bytes) -> bytes:
    """Paint over page 1 and delete /AcroForm and the signature widgets in one update."""
    def change(writer: IncrementalPdfFileWriter) -> None:
        del writer.root["/AcroForm"]
        writer.update_root()
        _ref, page = _first_page(writer)
        if "/Annots" in page:
            del page["/Annots"]
        _paint_over_page_one(writer)
    return incremental(pdf, change)


def paint_over(pdf: bytes) -> bytes:
    return incremental(pdf, _paint_over_page_one)


def change_info(pdf: bytes, key: str = "/Title", value: str = "Andere titel") -> bytes:
    def change(writer: IncrementalPdfFileWriter) -> None:
        info = writer.trailer["/Info"]
        info[key] = generic.TextStringObject(value)
        writer.update_container(info)
    return incremental(pdf, change)


def add_annotation(pdf: bytes) -> bytes:
    def change(writer: IncrementalPdfFileWriter) -> None:
        _ref, page = _first_page(writer)
        note = writer.add_object(generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
            generic.NameObject("/Rect"): generic.ArrayObject(
                [generic.FloatObject(x) for x in (72, 600, 500, 680)]),
            generic.NameObject("/Contents"): generic.TextStringObject("Vervalst akkoord"),
            generic.NameObject("/DA"): generic.TextStringObject("/Helv 20 Tf 1 0 0 rg")}))
        annots = page.get("/Annots", generic.ArrayObject())
        page["/Annots"] = generic.ArrayObject([*annots, note])
        writer.update_container(page)
    return incremental(pdf, change)


def swap_attachment(pdf: bytes, data: bytes) -> bytes:
    """Replace the embedded .toets with ``data`` (e.g. another toets) in an update."""
    def change(writer: IncrementalPdfFileWriter) -> None:
        names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
        spec = names[1]
        stream = writer.add_object(generic.StreamObject({
            generic.NameObject("/Type"): generic.NameObject("/EmbeddedFile")},
            stream_data=data))
        ef = spec["/EF"]
        ef["/F"] = stream
        ef["/UF"] = stream
        writer.update_container(spec)
    return incremental(pdf, change)


def rewrite_with_attachment(pdf: bytes, data: bytes) -> bytes:
    """A full rewrite (pikepdf) of an unsigned PDF with another toets attached instead."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        name = next(iter(doc.attachments))
        doc.attachments[name] = pikepdf.AttachedFileSpec(doc, data, filename=name)
        out = io.BytesIO()
        doc.save(out)
    return out.getvalue()
