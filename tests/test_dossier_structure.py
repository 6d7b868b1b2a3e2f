"""The merged dossier is one tagged document: one structure tree with a Document root,
each tagged input under its own Part (its elements on the copied pages, one parent tree
with renumbered keys, merged role maps); untagged inputs are included and listed as
untagged. Pages, labels, bookmarks and attachments survive any mix of inputs."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pikepdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from tests.dossier_pdf import page_words
from tests.dossier_support import other_pdf, write_manifest
from tests.export_support import outline
from tests.tagged_support import kids, marked_content, page_text_ops, tagged_pdf, walk
from toetsapp.cli import main
from toetsapp.dossier import build_dossier, load_manifest
from toetsapp.dossier.layout import Links
from toetsapp.dossier.merge import JSON_MIME, Attachment, Part, merge
from toetsapp.dossier.pdfinput import PdfInput, is_tagged
from toetsapp.signing.trust import TrustStore


def parent_tree(pdf: pikepdf.Pdf) -> dict[int, object]:
    return dict(pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree).items())


def parts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    (document,) = kids(pdf.Root.StructTreeRoot)
    assert document.S == "/Document"
    return [k for k in kids(document) if k.get("/S") == "/Part"]


def assert_structure_consistent(pdf: pikepdf.Pdf) -> None:
    """Every marked-content reference and every annotation reference of the structure
    is found again through its page's key in the one parent tree, and back."""
    tree = parent_tree(pdf)
    keys = [p.obj.StructParents for p in pdf.pages if "/StructParents" in p.obj]
    assert len(keys) == len(set(keys)), "each page its own parent-tree key"
    root = pdf.Root.StructTreeRoot
    assert int(root.ParentTreeNextKey) > max(tree, default=-1)
    (document,) = kids(root)
    for elem in walk(document):
        for page, mcid in marked_content(elem):
            assert tree[int(page.StructParents)][mcid].objgen == elem.objgen
        for kid in kids(elem):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                assert tree[int(kid.Obj.StructParent)].objgen == elem.objgen
                assert any(a.objgen == kid.Obj.objgen for a in kid.Pg.get("/Annots", []))


def _input(name: str, data: bytes) -> PdfInput:
    pdf = pikepdf.open(io.BytesIO(data))
    return PdfInput(Path(name), data, pdf, len(pdf.pages), name, tagged=is_tagged(pdf))


documents = st.lists(st.tuples(st.integers(1, 4), st.booleans(), st.booleans(),
                               st.booleans()), min_size=1, max_size=5)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.booleans())
def test_any_mix_of_inputs_keeps_pages_labels_outline_attachments_and_tags(docs, own_tagged):
    front = tagged_pdf("Omslag", 2, tagged=own_tagged)
    made = [(f"Stuk {i + 1}", tagged_pdf(f"Stuk {i + 1}", pages, tagged=tagged,
                                          outline=has_outline,
                                          attachment=b'{"format": "toetsapp/toets"}'
                                          if with_file else None))
            for i, (pages, tagged, has_outline, with_file) in enumerate(docs)]
    inputs = [Part(f"{i + 1}. {title}", _input(f"stuk-{i + 1}.pdf", data))
              for i, (title, data) in enumerate(made)]
    files = [Attachment(f"{i + 1}.pdf", data, "origineel") for i, (_t, data) in enumerate(made)]
    files.append(Attachment("validatierapport.json", b'{"ok": true}\n', "rapport", JSON_MIME))
    pdf_bytes, starts = merge(front, inputs, Links(), files, {"Title": "Dossier"}, "nl-NL",
                              datetime(2026, 3, 1))
    sizes = [pages for pages, *_rest in docs]
    assert starts == [2 + sum(sizes[:i]) for i in range(len(sizes))]
    reader = PdfReader(io.BytesIO(pdf_bytes))
    assert len(reader.pages) == 2 + sum(sizes)
    assert list(reader.page_labels) == ["i", "ii", *[str(n) for n in range(1, sum(sizes) + 1)]]
    assert {name: data[0] for name, data in reader.attachments.items()} == {
        f.name: f.data for f in files}
    tree = outline(pdf_bytes)
    top = [title for level, title, _page in tree if level == 0]
    assert top == ["Hoofdstuk 1", "Hoofdstuk 2", *[p.title for p in inputs]]
    for part, start, (_title, data) in zip(inputs, starts, made, strict=True):
        at = next(i for i, entry in enumerate(tree) if entry[:2] == (0, part.title))
        below = []
        for level, title, page in tree[at + 1:]:
            if level == 0:
                break
            below.append((level - 1, title, page - start))
        assert tree[at][2] == start + 1
        assert below == outline(data)
    merged = pikepdf.open(io.BytesIO(pdf_bytes))
    for part, start in zip(inputs, starts, strict=True):
        for i, page in enumerate(part.source.pdf.pages):
            assert page_text_ops(merged.pages[start + i]) == page_text_ops(page)
    tagged = [p for p in inputs if p.source.tagged]
    if not tagged and not own_tagged:
        assert "/StructTreeRoot" not in merged.Root
        return
    assert merged.Root.MarkInfo.Marked is True and str(merged.Root.Lang) == "nl-NL"
    assert [str(p.T) for p in parts(merged)] == [p.title for p in tagged]
    assert_structure_consistent(merged)
    for part, elem in zip(tagged, parts(merged), strict=True):
        start = starts[inputs.index(part)]
        own_pages = {merged.pages[start + i].obj.objgen for i in range(part.source.pages)}
        assert {page.objgen for e in walk(elem) for page, _m in marked_content(e)} == own_pages


def test_role_maps_merge_and_a_conflicting_role_is_renamed():
    front = tagged_pdf("Omslag", 1, link=False)
    one = _input("een.pdf", tagged_pdf("Een", 2, role="/Kop", role_map={"/Kop": "/H1"}))
    two = _input("twee.pdf", tagged_pdf("Twee", 2, role="/Kop", role_map={"/Kop": "/P"}))
    data, _starts = merge(front, [Part("1. Een", one), Part("2. Twee", two)], Links(), [],
                          {}, "nl-NL", datetime(2026, 3, 1))
    merged = pikepdf.open(io.BytesIO(data))
    roles = dict(merged.Root.StructTreeRoot.RoleMap.items())
    assert roles["/Kop"] == "/H1"
    renamed = next(k for k, v in roles.items() if v == "/P" and k.startswith("/Kop"))
    first, second = parts(merged)
    assert {str(e.S) for e in walk(first)} >= {"/Kop"}
    assert renamed in {str(e.S) for e in walk(second)} and "/Kop" not in {
        str(e.S) for e in walk(second)}
    assert_structure_consistent(merged)


def _dossier(folder: Path) -> tuple[Path, bytes]:
    (folder / "tagged.pdf").write_bytes(tagged_pdf("Advies met tags", 3))
    (folder / "plain.pdf").write_bytes(other_pdf("Brief zonder tags", 2))
    manifest = write_manifest(folder, [
        {"file": "tagged.pdf", "kind": "document", "title": "Advies met tags"},
        {"file": "plain.pdf", "kind": "document", "title": "Brief zonder tags"}])
    return manifest, build_dossier(load_manifest(manifest), manifest, trust=TrustStore()).pdf


def test_untagged_input_is_listed_as_untagged_and_left_out_of_the_tree(tmp_path, capsys):
    manifest, data = _dossier(tmp_path)
    words = " ".join(w.text for w in page_words(data, 1))
    assert "Brief zonder tags (zonder tags)" in words
    assert "Advies met tags (zonder tags)" not in words
    merged = pikepdf.open(io.BytesIO(data))
    assert [str(p.T) for p in parts(merged)] == ["1. Advies met tags"]
    assert str(parts(merged)[0].Lang) == "nl-NL"
    assert_structure_consistent(merged)
    assert main(["bundle", str(manifest), "-o", str(tmp_path / "d.pdf")]) == 0
    report = capsys.readouterr().out
    assert "Brief zonder tags (zonder tags)" in report
    assert "Advies met tags (zonder tags)" not in report


def test_contents_links_are_tagged_when_the_dossier_is(tmp_path):
    _manifest, data = _dossier(tmp_path)
    merged = pikepdf.open(io.BytesIO(data))
    contents = merged.pages[1].obj
    links = [a for a in contents.get("/Annots", []) if a.get("/Subtype") == "/Link"
             and str(a.get("/Contents", "")).startswith("Naar document")]
    assert len(links) == 2 and contents.Tabs == "/S"
    assert str(links[1].Contents) == "Naar document 2. Brief zonder tags"
    tree = parent_tree(merged)
    for annot in links:
        assert int(annot.F) & 4, "printable (PDF/A)"
        link = tree[int(annot.StructParent)]
        assert link.S == "/Link" and link.K[0].Obj.objgen == annot.objgen


def with_signature_field(data: bytes, kind: str = "/Sig") -> bytes:
    """A tagged PDF with a visible signature field (or, with ``kind`` "/Tx", a text
    field) inside its structure (a Form element whose OBJR is the widget), as a signed
    Toetsapp PDF has it."""
    pdf = pikepdf.open(io.BytesIO(data))
    page = pdf.pages[-1].obj
    root = pdf.Root.StructTreeRoot
    key = int(root.ParentTreeNextKey)
    widget = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name(kind),
        T=pikepdf.String("Handtekening1"), TU=pikepdf.String("Handtekening"),
        Rect=[72, 100, 272, 150], F=4, P=page, StructParent=key))
    page.Annots = pikepdf.Array([*page.get("/Annots", []), widget])
    (document,) = kids(root)
    form = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.StructElem, S=pikepdf.Name.Form, P=document, Pg=page,
        K=pikepdf.Array([pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=widget, Pg=page)])))
    document.K.append(form)
    tree = pikepdf.NumberTree(root.ParentTree)
    tree[key] = form
    root.ParentTreeNextKey = key + 1
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([widget]), SigFlags=3)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def test_signature_fields_leave_the_pages_and_the_structure():
    front = tagged_pdf("Omslag", 1, link=False)
    signed = _input("getekend.pdf", with_signature_field(tagged_pdf("Getekend", 2)))
    data, _starts = merge(front, [Part("1. Getekend", signed)], Links(), [], {}, "nl-NL",
                          datetime(2026, 3, 1))
    merged = pikepdf.open(io.BytesIO(data))
    assert "/AcroForm" not in merged.Root
    assert not [a for p in merged.pages for a in p.obj.get("/Annots", [])
                if a.get("/Subtype") == "/Widget"]
    (part,) = parts(merged)
    forms = [e for e in walk(part) if e.S == "/Form"]
    assert forms and not [k for e in forms for k in kids(e)
                          if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
    assert_structure_consistent(merged)  # the other link (OBJR) is still on its page


def test_a_form_field_inside_the_structure_stays_linked_to_its_widget():
    front = tagged_pdf("Omslag", 1, link=False)
    form = _input("formulier.pdf", with_signature_field(tagged_pdf("Formulier", 2), "/Tx"))
    data, _starts = merge(front, [Part("1. Formulier", form)], Links(), [], {}, "nl-NL",
                          datetime(2026, 3, 1))
    merged = pikepdf.open(io.BytesIO(data))
    assert [str(f.T) for f in merged.Root.AcroForm.Fields] == ["Handtekening1"]
    (part,) = parts(merged)
    (field,) = [e for e in walk(part) if e.S == "/Form"]
    widget = field.K[0].Obj
    assert widget.FT == "/Tx" and widget.objgen in {
        a.objgen for a in merged.pages[-1].obj.Annots}
    assert_structure_consistent(merged)


def test_the_untagged_marker_is_translated(tmp_path):
    manifest, _data = _dossier(tmp_path)
    data = build_dossier(load_manifest(manifest), manifest, trust=TrustStore(),
                         language="en").pdf
    words = " ".join(w.text for w in page_words(data, 1))
    assert "Brief zonder tags (untagged)" in words and "(zonder tags)" not in words


def test_real_toetsapp_pdfs_keep_their_structure_under_their_part(tmp_path):
    """The three examples as Toetsapp renders them, and a tagged foreign PDF: whatever
    is tagged keeps its whole tree (every element, in order) under its own Part; what
    is not is marked in the contents."""
    from tests.dossier_support import rendered_examples

    files = {f"{name}.pdf": pdf for name, (_toets, pdf) in rendered_examples().items()}
    files["advies.pdf"] = tagged_pdf("Advies", 2)
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    manifest = write_manifest(tmp_path, [{"file": name, "kind": "document" if name ==
                                          "advies.pdf" else "toets"} for name in files])
    result = build_dossier(load_manifest(manifest), manifest, trust=TrustStore())
    merged = pikepdf.open(io.BytesIO(result.pdf))
    tagged = {name: is_tagged(pikepdf.open(io.BytesIO(data))) for name, data in files.items()}
    titles = [f"{d.number}. {d.title}" for d in result.documents if tagged[d.file]]
    assert [str(p.T) for p in parts(merged)] == titles
    assert [d.tagged for d in result.documents] == list(tagged.values())
    assert_structure_consistent(merged)
    for part, doc in zip(parts(merged), [d for d in result.documents if tagged[d.file]],
                         strict=True):
        with pikepdf.open(io.BytesIO(files[doc.file])) as source:
            top = kids(source.Root.StructTreeRoot)
            if len(top) == 1 and top[0].get("/S") == "/Document":
                top = kids(top[0])
            expected = [str(e.S) for t in top if isinstance(t, pikepdf.Dictionary)
                        and "/S" in t for e in walk(t)]
        assert [str(e.S) for k in kids(part) if isinstance(k, pikepdf.Dictionary)
                and "/S" in k for e in walk(k)] == expected
    text = PdfReader(io.BytesIO(result.pdf)).pages[1].extract_text()
    assert text.count("(zonder tags)") == sum(not d.tagged for d in result.documents)


def _examples_dossier(folder: Path, *, foreign: bool) -> bytes:
    from tests.dossier_support import TYPES, rendered_examples

    for name, (_toets, pdf) in rendered_examples().items():
        (folder / f"{name}.pdf").write_bytes(pdf)
    (folder / "mvt.pdf").write_bytes(other_pdf("Memorie van toelichting", 2))
    docs = [{"file": f"{name}.pdf"} for name in TYPES]
    if foreign:
        docs.insert(0, {"file": "mvt.pdf", "kind": "document"})
    manifest = write_manifest(folder, docs)
    return build_dossier(load_manifest(manifest), manifest, trust=TrustStore()).pdf


def test_a_dossier_of_tagged_toetsen_passes_the_pdfua_checker_and_says_so(tmp_path):
    from tests.pdf_tags import pdfua_findings, unmarked

    data = _examples_dossier(tmp_path, foreign=False)
    assert pdfua_findings(data, tmp_path) == []
    assert unmarked(data) == []
    meta = pikepdf.open(io.BytesIO(data)).open_metadata()
    assert meta["{http://www.aiim.org/pdfua/ns/id/}part"] == "1"
    assert meta["{http://www.aiim.org/pdfa/ns/id/}part"] == "3"
    assert meta["dc:title"].startswith("Dossier Kamerstukken II 2025/26, 36 812")


def test_with_an_untagged_document_the_dossier_claims_no_conformance(tmp_path):
    data = _examples_dossier(tmp_path, foreign=True)
    meta = pikepdf.open(io.BytesIO(data)).open_metadata()
    assert "{http://www.aiim.org/pdfua/ns/id/}part" not in meta
    assert "{http://www.aiim.org/pdfa/ns/id/}part" not in meta
    assert meta["dc:title"].startswith("Dossier Kamerstukken II 2025/26, 36 812")
