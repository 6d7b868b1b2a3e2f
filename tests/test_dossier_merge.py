"""How pages are copied: raw for ReportLab and pypdf files (inherited attributes and
internal links kept), through pypdf for files from other producers."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, FloatObject, NameObject

from tests.dossier_support import other_pdf, rendered_examples, write_manifest
from tests.export_support import outline
from toetsapp.dossier import build_dossier, load_manifest
from toetsapp.dossier.rawpdf import eligible
from toetsapp.signing.trust import TrustStore


def build(folder: Path, files: dict[str, bytes], kinds: dict[str, str] | None = None):
    for name, data in files.items():
        (folder / name).write_bytes(data)
    manifest = write_manifest(folder, [{"file": name, "kind": (kinds or {}).get(name,
                                                                                 "document")}
                                       for name in files])
    return build_dossier(load_manifest(manifest), manifest, trust=TrustStore())


def inherited_pdf() -> bytes:
    """Pages without /MediaBox and /Resources of their own: the page tree holds them."""
    source = PdfReader(io.BytesIO(other_pdf("Geërfd", 2)))
    writer = PdfWriter()
    for page in source.pages:
        writer.add_page(page)
    tree = writer.root_object["/Pages"].get_object()
    tree[NameObject("/MediaBox")] = ArrayObject([FloatObject(0), FloatObject(0),
                                                 FloatObject(500), FloatObject(700)])
    tree[NameObject("/Resources")] = writer.pages[0]["/Resources"]
    for page in writer.pages:
        del page["/MediaBox"]
        del page["/Resources"]
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_inherited_page_attributes_travel_with_the_page(tmp_path):
    data = inherited_pdf()
    assert eligible(PdfReader(io.BytesIO(data)), data)
    result = build(tmp_path, {"geerfd.pdf": data})
    page = PdfReader(io.BytesIO(result.pdf)).pages[result.starts[0]]
    assert [float(v) for v in page.mediabox] == [0, 0, 500, 700]
    assert "Geërfd — pagina 1" in page.extract_text()


def test_a_pdf_from_another_producer_is_rewritten_by_pypdf_first(tmp_path):
    data = other_pdf("Woordverwerker", 3).replace(b"ReportLab", b"Woordverw")
    reader = PdfReader(io.BytesIO(data))
    assert not eligible(reader, data)
    result = build(tmp_path, {"brief.pdf": data})
    merged = PdfReader(io.BytesIO(result.pdf))
    start = result.starts[0]
    assert [merged.pages[start + i].extract_text() for i in range(3)] == [
        page.extract_text() for page in reader.pages]
    below = [(level - 1, title, page - start) for level, title, page in outline(result.pdf)
             if level > 0 and page > start]
    assert below == outline(data)


def test_links_inside_a_toets_still_point_into_that_toets(tmp_path):
    toets_pdf = rendered_examples()["uitvoerbaarheidstoets"][1]
    result = build(tmp_path, {"mvt.pdf": other_pdf("Memorie"), "ut.pdf": toets_pdf},
                   {"ut.pdf": "toets"})
    original, merged = PdfReader(io.BytesIO(toets_pdf)), PdfReader(io.BytesIO(result.pdf))
    start = result.starts[1]

    def targets(reader: PdfReader, index: int) -> list[int]:
        return [reader.get_page_number(a.get_object()["/Dest"][0].get_object())
                for a in reader.pages[index].get("/Annots", []) if "/Dest" in a.get_object()]

    before = targets(original, 1)  # the toets's own contents page
    assert before and targets(merged, start + 1) == [t + start for t in before]
