"""How pages are copied (pikepdf on qpdf): inherited attributes travel with the page,
internal links keep pointing into their own document (explicit and named destinations,
with or without a form), signature fields are left out."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, FloatObject, NameObject

from tests.dossier_support import other_pdf, rendered_examples, write_manifest
from tests.export_support import outline
from toetsapp.dossier import build_dossier, load_manifest
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
    assert data.count(b"/MediaBox") == 1  # in the page tree only
    result = build(tmp_path, {"geerfd.pdf": data})
    page = PdfReader(io.BytesIO(result.pdf)).pages[result.starts[0]]
    assert [float(v) for v in page.mediabox] == [0, 0, 500, 700]
    assert "Geërfd — pagina 1" in page.extract_text()


def test_a_pdf_from_another_producer_keeps_its_pages_and_outline(tmp_path):
    data = other_pdf("Woordverwerker", 3).replace(b"ReportLab", b"Woordverw")
    reader = PdfReader(io.BytesIO(data))
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


def named_links_pdf(form: bool) -> bytes:
    """Three pages; page 1 links to page 3 through the named destination 'slot' (the
    name lives in the catalog's /Names /Dests, which a page copy does not carry), and
    a GoTo action to the name 'midden'; with ``form`` also a text field."""
    pdf = pikepdf.open(io.BytesIO(other_pdf("Verwijzingen", 3, outline=False)))
    tree = pikepdf.NameTree.new(pdf)
    tree["slot"] = pikepdf.Array([pdf.pages[2].obj, pikepdf.Name.Fit])
    tree["midden"] = pikepdf.Array([pdf.pages[1].obj, pikepdf.Name.Fit])
    pdf.Root.Names = pikepdf.Dictionary(Dests=tree.obj)
    first = pdf.pages[0].obj
    annots = [pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[72, 750, 300, 770],
        Dest=pikepdf.String("slot"))), pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[72, 700, 300, 720],
            A=pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=pikepdf.String("midden"))))]
    if form:
        field = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx,
            T=pikepdf.String("naam"), V=pikepdf.String("Eva"), Rect=[72, 600, 300, 620],
            P=first))
        annots.append(field)
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]))
    first.Annots = pikepdf.Array(annots)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def _link_targets(data: bytes, index: int) -> list[int]:
    reader = PdfReader(io.BytesIO(data))
    found = []
    for annot in reader.pages[index].get("/Annots", []):
        annot = annot.get_object()
        if annot.get("/Subtype") != "/Link":
            continue
        dest = annot.get("/Dest")
        if dest is None:
            dest = annot["/A"]["/D"]
        if isinstance(dest, str):
            dest = reader.named_destinations[dest]
            found.append(reader.get_destination_page_number(dest))
        else:
            found.append(reader.get_page_number(dest[0].get_object()))
    return found


def test_named_destinations_still_lead_into_their_document(tmp_path):
    for form in (False, True):
        data = named_links_pdf(form)
        folder = tmp_path / f"form-{form}"
        folder.mkdir()
        result = build(folder, {"mvt.pdf": other_pdf("Memorie"), "verwijzing.pdf": data})
        start = result.starts[1]
        assert sorted(_link_targets(result.pdf, start)) == [start + 1, start + 2], form
        merged = PdfReader(io.BytesIO(result.pdf))
        if form:  # a form other than signatures is carried along
            assert merged.get_fields()["naam"]["/V"] == "Eva"
        assert merged.attachments["02-verwijzing.pdf"] == [data]


def looping_outline_pdf() -> bytes:
    """Bookmarks whose /Next leads back to the first (an endless list to a naive
    reader), one of them nested 40 levels deep."""
    pdf = pikepdf.open(io.BytesIO(other_pdf("Lus", 2, outline=False)))
    outlines = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    items = [pdf.make_indirect(pikepdf.Dictionary(
        Title=pikepdf.String(f"Lus {i + 1}"), Parent=outlines,
        Dest=pikepdf.Array([pdf.pages[i].obj, pikepdf.Name.Fit]))) for i in range(2)]
    items[0].Next, items[1].Next = items[1], items[0]
    parent = items[1]
    for depth in range(40):
        child = pdf.make_indirect(pikepdf.Dictionary(Title=pikepdf.String(f"Diep {depth}"),
                                                     Parent=parent, Count=1))
        parent.First = parent.Last = child
        parent = child
    outlines.First, outlines.Last, outlines.Count = items[0], items[1], 2
    pdf.Root.Outlines = outlines
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def test_a_looping_or_very_deep_outline_is_cut_off(tmp_path):
    result = build(tmp_path, {"lus.pdf": looping_outline_pdf()})
    found: list[tuple[int, str]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            found.append((level, item.title))
            walk(item.children, level + 1)

    with pikepdf.open(io.BytesIO(result.pdf)) as merged:
        walk(merged.open_outline(max_depth=100).root, 0)
    entry = next(i for i, (level, title) in enumerate(found) if title.startswith("1. "))
    below = found[entry + 1:]
    assert [t for level, t in below if level == 1] == ["Lus 1", "Lus 2"]
    assert 1 < max(level for level, _t in below) <= 14  # cut off at the maximum depth
