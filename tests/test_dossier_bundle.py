"""A dossier of the three examples and two other PDFs: outline, contents page numbers
against real page positions, page labels, the comparison table, links, attachments."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.dossier_pdf import Grid, labels, landscape_pages, overview_rows, page_words
from tests.dossier_support import other_pdf, rendered_examples, write_manifest
from tests.export_support import outline, squash
from toetsapp.catalog import default_catalog
from toetsapp.display import amount_text
from toetsapp.dossier import DossierResult, build_dossier, load_manifest, write_dossier
from toetsapp.dossier.manifest_io import manifest_from_data
from toetsapp.engine import evaluate_toets
from toetsapp.engine.explain import level_label, verdict_label
from toetsapp.formatting import format_fte, format_money
from toetsapp.signing.trust import TrustStore

OVERVIEW = ["Nr.", "Voorstel", "Soort", "Organisatie", "Eindoordeel", "Kosten", "Kosten", "FTE",
            "FTE", "Invoering", "Doenvermogen", "Ondertekening"]
ORDER = ["mvt", "uitvoerbaarheidstoets", "doenvermogentoets", "advies", "invoeringstoets"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dossier")
    (folder / "stukken").mkdir()
    (folder / "stukken" / "mvt.pdf").write_bytes(other_pdf("Memorie van toelichting", 5))
    (folder / "stukken" / "advies.pdf").write_bytes(other_pdf("Advies Raad van State", 3,
                                                              outline=False))
    for name, (_toets, pdf) in rendered_examples().items():
        (folder / f"{name}.pdf").write_bytes(pdf)
    write_manifest(folder, [
        {"file": "stukken/mvt.pdf", "kind": "document", "title": "Memorie van toelichting"},
        {"file": "uitvoerbaarheidstoets.pdf"}, {"file": "doenvermogentoets.pdf"},
        {"file": "stukken/advies.pdf", "kind": "document"},
        {"file": "invoeringstoets.pdf", "proposal": "Wet VKLB (ter vergelijking)"}],
        name="wet-ath.dossier.json")
    return folder


@pytest.fixture(scope="module")
def built(folder) -> tuple[Path, DossierResult]:
    return write_dossier(folder / "wet-ath.dossier.json", folder / "dossier.pdf",
                         trust=TrustStore())


@pytest.fixture(scope="module")
def pdf(built) -> bytes:
    return built[0].read_bytes()


def source_pdf(folder: Path, number: int) -> bytes:
    name = ORDER[number - 1]
    path = folder / (f"stukken/{name}.pdf" if name in ("mvt", "advies") else f"{name}.pdf")
    return path.read_bytes()


def spaced(text: str) -> str:
    """Text as words come out of the PDF (a no-break space separates words too)."""
    return " ".join(text.replace("\xa0", " ").split())


def expected(toets) -> dict:
    """What the comparison must say, worked out from the engine directly."""
    catalog = default_catalog()
    form = catalog.form(toets.form.id)
    rubric = catalog.rubric_for(form.id)
    evaluation = evaluate_toets(toets, form, rubric)
    figures = {kf.figure.id: kf.value for kf in evaluation.key_figures}
    shown = evaluation.visibility.questions
    slots = {kf.figure.slot: kf.value for kf in evaluation.key_figures
             if kf.figure.slot and kf.question_id in shown and kf.not_applicable is None}
    return {"verdict": verdict_label(rubric, evaluation.verdict.value, "nl"),
            "levels": [(s.dimension.label.nl, level_label(rubric, s.level, "nl"))
                       for s in evaluation.dimensions],
            "figures": figures, "slots": slots}


def test_the_dossier_is_written_whole(built, folder):
    path, result = built
    assert path.read_bytes() == result.pdf
    assert result.pages == len(PdfReader(path).pages)
    assert result.front_pages >= 4
    assert [d.pages for d in result.documents] == [
        len(PdfReader(io.BytesIO(source_pdf(folder, n))).pages) for n in range(1, 6)]
    assert not list(folder.glob(".*.tmp"))


def test_outline_nests_each_document_with_its_own_bookmarks(pdf, built, folder):
    result = built[1]
    tree = outline(pdf)
    top = [title for level, title, _page in tree if level == 0]
    assert top == ["Omslag", "Inhoud", "Handtekeningen en bijlagen",
                   "Vergelijking van de toetsen", "1. Memorie van toelichting",
                   "2. U&H-toets Dienst Toeslagen", "3. Doenvermogen Dienst Toeslagen",
                   "4. Advies Raad van State",
                   "5. Invoeringstoets Vereniging van Nederlandse Gemeenten: "
                   "Wet VKLB (ter vergelijking)"]
    comparison = [t for level, t, _p in tree if level == 1][:7]
    assert comparison == ["Overzicht van de toetsen", "Totalen van de keten",
                          "Voorwaarden en risico's naast elkaar",
                          "Standpunten van de organisaties",
                          "Uitvoerbaarheids- en handhaafbaarheidstoets: scores per dimensie",
                          "Doenvermogentoets: scores per dimensie",
                          "Invoeringstoets: scores per dimensie"]
    for number in range(1, 6):
        start = result.starts[number - 1]
        at = next(i for i, (level, title, _p) in enumerate(tree)
                  if level == 0 and title.startswith(f"{number}. "))
        assert tree[at][2] == start + 1
        below = []
        for level, title, page in tree[at + 1:]:
            if level == 0:
                break
            below.append((level - 1, title, page - start))
        assert below == outline(source_pdf(folder, number))  # same tree, pages shifted
    assert any(level == 2 for level, _t, _p in tree)  # questions under sections


def test_contents_page_numbers_are_the_real_positions(pdf, built, folder):
    result = built[1]
    words = page_words(pdf, 1)
    heading = min(w.top for w in words if w.text == "Handtekeningen" and w.x0 < 60)
    grid = Grid(words, ["Nr.", "Document", "Handtekeningen", "Pagina"], bottom=heading)
    rows = [row for row in grid.rows() if row[0].isdigit()]
    assert [int(row[0]) for row in rows] == [1, 2, 3, 4, 5]
    page_labels = labels(pdf)
    for row, doc, start in zip(rows, result.documents, result.starts, strict=True):
        assert row[1].startswith(doc.title)
        assert row[3] == str(doc.first_page) == page_labels[start]
        assert row[2] == "niet ondertekend"
        first = PdfReader(io.BytesIO(source_pdf(folder, doc.number))).pages[0].extract_text()
        merged = PdfReader(io.BytesIO(pdf)).pages[start].extract_text()
        assert unnumbered(merged) == unnumbered(first)  # numbers: test_dossier_pages.py
    assert "Vergelijking van de toetsen" in " ".join(w.text for w in words)


def unnumbered(text: str) -> str:
    """The page's text without its page number (inside the dossier: the dossier's)."""
    return squash(re.sub(r"(dossier, )?pagina \d+ van \d+", "", text))


def test_page_labels_roman_then_continuous(pdf, built):
    result = built[1]
    found = labels(pdf)
    assert found[:result.front_pages] == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii",
                                          "ix", "x"][:result.front_pages]
    assert found[result.front_pages:] == [str(n) for n in range(1, result.pages
                                                               - result.front_pages + 1)]


def test_links_on_the_contents_go_to_each_document(pdf, built):
    reader = PdfReader(io.BytesIO(pdf))
    targets = set()
    for annot in reader.pages[1].get("/Annots", []):
        dest = annot.get_object().get("/Dest")
        if dest is not None:
            targets.add(reader.get_page_number(dest[0].get_object()))
    assert set(built[1].starts) <= targets


def test_comparison_overview_matches_the_toetsen(pdf, built):
    result = built[1]
    pages = landscape_pages(pdf, result.front_pages)
    assert pages, "the comparison is on landscape pages"
    rows = {int(r[0]): r for r in overview_rows(page_words(pdf, pages[0]), OVERVIEW)}
    assert sorted(rows) == [2, 3, 5]  # the toetsen, not the other documents
    examples = rendered_examples()
    ut = expected(examples["uitvoerbaarheidstoets"][0])
    row = rows[2]
    assert row[1].startswith("Wet ATH") and "36 812" in row[1]
    assert row[2] == "U&H-toets"
    assert row[3].startswith("Dienst Toeslagen (DT)")
    assert row[4] == ut["verdict"]
    slots = ut["slots"]  # the overview is filled from the page-1 key-figure slots
    assert row[5] == spaced(format_money(slots["kosten_incidenteel"], "nl"))
    assert row[6] == spaced(format_money(slots["kosten_structureel"], "nl"))
    assert row[7] == spaced(format_fte(slots["fte_incidenteel"], "nl"))
    assert row[8] == spaced(amount_text(slots["fte_structureel"], "fte", "nl"))
    assert slots["fte_structureel"] < 0 and row[8].endswith("besparing")  # a saving
    assert row[9] == "1 januari 2028"
    assert row[11] == "niet ondertekend"
    dv = expected(examples["doenvermogentoets"][0])
    # the U&H-toets's doenvermogen section is n.v.t.: the doenvermogentoets speaks
    assert row[10] == dv["verdict"] + " uit toets nr. 3"
    assert rows[3][4] == rows[3][10] == dv["verdict"]
    assert rows[3][5:9] == ["n.v.t."] * 4
    assert rows[3][9] == "1 januari 2028 Beoogd"
    inv = expected(examples["invoeringstoets"][0])
    assert rows[5][4] == inv["verdict"]
    assert rows[5][1].startswith("Wet VKLB (ter vergelijking)")
    assert rows[5][9] == "1 juli 2025 In werking getreden"


def test_comparison_matrices_show_every_dimension_level(pdf, built):
    result = built[1]
    examples = rendered_examples()
    found: dict[str, str] = {}
    for index in landscape_pages(pdf, result.front_pages):
        words = page_words(pdf, index)
        tops = sorted({w.top for w in words if w.text == "Nr." and w.x0 > 150})
        for top in tops:
            grid = Grid(words, ["Nr."], header_top=top, label_column=True)
            for row in grid.rows():
                found.setdefault(row[0], row[1])
    for name in ("uitvoerbaarheidstoets", "doenvermogentoets", "invoeringstoets"):
        for dimension, level in expected(examples[name][0])["levels"]:
            label = next(k for k in found if k.startswith(dimension))
            assert found[label].startswith(level), (dimension, found[label])


def test_attachments_are_the_originals_and_the_pinned_manifest(pdf, built, folder, tmp_path):
    attached = PdfReader(io.BytesIO(pdf)).attachments
    result = built[1]
    for doc in result.documents:
        assert attached[doc.attachment] == [source_pdf(folder, doc.number)]
    pinned = manifest_from_data(json.loads(attached["wet-ath.dossier.json"][0]), "bijlage")
    assert [d.file for d in pinned.documents] == [d.attachment for d in result.documents]
    assert [d.sha256 for d in pinned.documents] == [d.sha256 for d in result.documents]
    for name, contents in attached.items():  # the dossier can be rebuilt from itself
        (tmp_path / name).write_bytes(contents[0])
    again = build_dossier(load_manifest(tmp_path / "wet-ath.dossier.json"),
                          tmp_path / "wet-ath.dossier.json", trust=TrustStore())
    assert again.pages == result.pages and again.starts == result.starts


def test_metadata_and_viewer_settings(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title.startswith("Dossier Kamerstukken II 2025/26, 36 812")
    assert reader.metadata.author == "Sanne de Wit"
    root = reader.trailer["/Root"]
    assert root["/PageMode"] == "/UseOutlines" and root["/Lang"] == "nl-NL"


def test_english_dossier_uses_english_rubric_labels(folder):
    path = folder / "wet-ath.dossier.json"
    result = build_dossier(load_manifest(path), path, trust=TrustStore(), language="en")
    text = "".join(PdfReader(io.BytesIO(result.pdf)).pages[i].extract_text()
                   for i in range(result.front_pages))
    assert "Feasible subject to conditions" in text and "No issue" in text
    assert "Uitvoerbaar onder voorwaarden" not in text
    assert PdfReader(io.BytesIO(result.pdf)).trailer["/Root"]["/Lang"] == "en-GB"
