"""The toets PDF is tagged (PDF/UA-1): the ``pdfua`` checker finds nothing in any
example, every piece of page content is tagged or an artifact, figures have
alternative text, table headers a scope, links are in the structure, and page 1
reads in the right order (verdict, key figures label then value, dimensions,
conditions as one list, then risks as one list)."""

from __future__ import annotations

import pikepdf
import pytest

from tests.dossier_support import TYPES, example, rendered_examples
from tests.pdf_tags import (
    elements,
    open_pdf,
    pdfua_findings,
    reading_order,
    tree,
    unmarked,
)
from toetsapp.catalog import default_catalog
from toetsapp.export import render_toets_pdf
from toetsapp.export.view import build_view


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    return {name: pdf for name, (_toets, pdf) in rendered_examples().items()}


@pytest.fixture(scope="module")
def english() -> bytes:
    """A Dutch toets rendered as an English PDF: its answers stay Dutch."""
    toets = example("uitvoerbaarheidstoets")
    catalog = default_catalog()
    form = catalog.form(toets.form.id)
    return render_toets_pdf(toets, form, catalog.rubric_for(form.id), invariant=True,
                            language="en")


@pytest.mark.parametrize("name", TYPES)
def test_pdfua_checker_finds_nothing(pdfs, name, tmp_path):
    assert pdfua_findings(pdfs[name], tmp_path) == []


def test_pdfua_checker_finds_nothing_in_english(english, tmp_path):
    assert pdfua_findings(english, tmp_path) == []


@pytest.mark.parametrize("name", TYPES)
def test_no_text_or_form_outside_marked_content(pdfs, name):
    assert unmarked(pdfs[name]) == []


@pytest.mark.parametrize("name", TYPES)
def test_catalog_says_tagged_language_and_title(pdfs, name):
    doc = open_pdf(pdfs[name])
    root = doc.Root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == "nl-NL"
    assert root.ViewerPreferences.DisplayDocTitle is True
    assert str(doc.docinfo.Title)
    tree_root = root.StructTreeRoot
    assert tree_root.K.S == "/Document"
    assert len(root.Outlines.First.keys()) > 0  # bookmarks kept
    for index, page in enumerate(doc.pages):
        assert page.StructParents == index
        if "/Annots" in page:
            assert page.Tabs == "/S"


@pytest.mark.parametrize("name", TYPES)
def test_every_figure_has_alt_and_every_header_a_scope(pdfs, name):
    doc = open_pdf(pdfs[name])
    figures = elements(doc, "Figure")
    assert figures, "the verdict scale is a figure"
    assert all(str(f.get("/Alt", "")).strip() for f in figures)
    headers = elements(doc, "TH")
    assert headers
    assert all(str(h.A.Scope) in ("/Column", "/Row") for h in headers)
    for table in elements(doc, "Table"):
        rows = [k for k in table.K] if isinstance(table.K, pikepdf.Array) else [table.K]
        assert rows and all(r.S == "/TR" for r in rows)
        for row in rows:
            cells = list(row.K) if isinstance(row.K, pikepdf.Array) else [row.K]
            assert all(c.S in ("/TH", "/TD") for c in cells)


def test_the_verdict_scale_says_what_it_shows(pdfs):
    toets = example("uitvoerbaarheidstoets")
    catalog = default_catalog()
    form = catalog.form(toets.form.id)
    view = build_view(toets, form, catalog.rubric_for(form.id), "nl")
    doc = open_pdf(pdfs["uitvoerbaarheidstoets"])
    alt = str(elements(doc, "Figure")[0].Alt)
    for option in view.rubric.verdicts:
        assert option.label.get("nl") in alt
    assert alt.endswith(f"Geldend oordeel: {view.verdict.label}.")


@pytest.mark.parametrize("name", TYPES)
def test_links_are_link_elements_with_a_description(pdfs, name):
    doc = open_pdf(pdfs[name])
    nums = list(doc.Root.StructTreeRoot.ParentTree.Nums)
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    count = 0
    for page in doc.pages:
        for annot in page.get("/Annots", []):
            if annot.Subtype != "/Link":
                continue
            count += 1
            assert int(annot.F) & 4  # printed (PDF/A)
            assert str(annot.Contents).strip()
            link = parents[int(annot.StructParent)]
            assert link.S == "/Link"
            kids = list(link.K) if isinstance(link.K, pikepdf.Array) else [link.K]
            assert [k.Obj.objgen for k in kids if k.Type == "/OBJR"] == [annot.objgen]
    assert count > 10  # the contents links to every chapter


@pytest.mark.parametrize("name", TYPES)
def test_page_one_reads_in_order(pdfs, name):
    toets, pdf = rendered_examples()[name]
    catalog = default_catalog()
    form = catalog.form(toets.form.id)
    view = build_view(toets, form, catalog.rubric_for(form.id), "nl")
    root = tree(pdf, 0)
    order = reading_order(root)
    texts = [text for _role, text in order]

    def at(text: str, start: int = 0) -> int:
        return next(i for i, t in enumerate(texts) if i >= start and t == squash(text))

    title = at(view.title)
    assert order[title][0] == "H1"
    verdict = at(view.verdict.label[:1].upper() + view.verdict.label[1:])
    dimensions = next(i for i, (role, t) in enumerate(order)
                      if role == "H2" and t.startswith("SCORESPERDIMENSIE"))
    assert title < verdict < dimensions
    for slot in view.slots:  # each key-figure label is followed by its value
        label = at(slot.label)
        assert texts[label + 1].lower() == squash(slot.text).lower(), slot.label
        assert label < dimensions
    blocks = [n for n in root.walk() if n.role == "L" and any(k.text for k in n.walk())]
    assert len(blocks) == len(view.lists)
    lists = [(i, role, t) for i, (role, t) in enumerate(order) if role in ("H2", "LBody")]
    for block, items in zip(view.lists, blocks, strict=True):
        head = at(f"{block.label.upper()} ({block.total})")
        shown = [squash(n.text) for n in items.walk() if n.role == "LBody"]
        assert shown and all(t.split(".", 1)[1].startswith(squash(item)[:10])
                             for t, item in zip(shown, block.items, strict=False))
        following = [t for i, role, t in lists if i > head]
        assert following[:len(shown)] == shown  # the whole list, before the next heading


def test_dutch_answers_in_an_english_pdf_say_so(english):
    doc = open_pdf(english)
    assert str(doc.Root.Lang) == "en-GB"
    dutch = [p for p in elements(doc, "P") if str(p.get("/Lang", "")) == "nl-NL"]
    assert dutch
    toets = example("uitvoerbaarheidstoets")
    answer = next(a.value for a in toets.answers.values() if isinstance(a.value, str)
                  and len(a.value) > 80)
    assert answer  # a long text answer exists; its paragraphs are the Dutch ones


def test_a_concept_keeps_its_marks_out_of_the_structure(tmp_path):
    toets = example("invoeringstoets")
    toets.metadata.status = "concept"
    catalog = default_catalog()
    form = catalog.form(toets.form.id)
    pdf = render_toets_pdf(toets, form, catalog.rubric_for(form.id), invariant=True)
    assert pdfua_findings(pdf, tmp_path) == []
    assert unmarked(pdf) == []
    texts = [text for _role, text in reading_order(tree(pdf, 0))]
    assert "CONCEPT" not in texts  # the diagonal mark is an artifact
    assert not any(t.startswith("CONCEPT—status") for t in texts)  # so is the band
    assert any(t.startswith("CONCEPT:") for t in texts)  # the notice on the card is content
