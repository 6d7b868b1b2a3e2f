"""Twenty toetsen (varied from the examples, rendered once): the dossier still reads
right — contents, overview and matrices — and a comparison of ten splits into blocks."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from tests.dossier_pdf import Grid, Word, labels, landscape_pages, overview_rows, page_words
from tests.dossier_support import example, other_pdf, variant, varied, write_manifest
from tests.test_dossier_bundle import OVERVIEW, expected, spaced, unnumbered
from toetsapp.catalog import default_catalog
from toetsapp.cli import main
from toetsapp.display import amount_text
from toetsapp.dossier import compare, render_comparison_pdf
from toetsapp.dossier.pdfinput import is_tagged

COUNT = 20
FIGURE_COLUMNS = [(5, "kosten_incidenteel", "money"), (6, "kosten_structureel", "money"),
                  (7, "fte_incidenteel", "fte"), (8, "fte_structureel", "fte")]


@pytest.fixture(scope="module")
def twenty(tmp_path_factory) -> tuple[Path, bytes]:
    folder = tmp_path_factory.mktemp("twintig")
    (folder / "mvt.pdf").write_bytes(other_pdf("Memorie van toelichting", 4))
    documents = [{"file": "mvt.pdf", "kind": "document"}]
    for i, (_toets, pdf) in enumerate(varied(COUNT)):
        (folder / f"toets-{i + 1:02d}.pdf").write_bytes(pdf)
        documents.append({"file": f"toets-{i + 1:02d}.pdf"})
    manifest = write_manifest(folder, documents)
    assert main(["bundle", str(manifest), "-o", str(folder / "dossier.pdf")]) == 0
    return folder, (folder / "dossier.pdf").read_bytes()


def front_pages(pdf: bytes) -> int:
    return sum(1 for label in labels(pdf) if not label.isdigit())


def test_contents_lists_every_document_at_its_real_page(twenty):
    folder, pdf = twenty
    reader = PdfReader(io.BytesIO(pdf))
    page_labels = labels(pdf)
    rows = []
    for index in range(front_pages(pdf)):
        words = page_words(pdf, index)
        if not any(w.text == "Pagina" for w in words):
            continue
        headings = [w.top for w in words if w.text == "Handtekeningen" and w.x0 < 60]
        grid = Grid(words, ["Nr.", "Document", "Handtekeningen", "Pagina"],
                    bottom=min(headings, default=1e9))
        rows += [row for row in grid.rows() if row[0].isdigit()]
    assert [int(row[0]) for row in rows] == list(range(1, COUNT + 2))
    catalog = default_catalog()
    for row, (toets, _pdf) in zip(rows[1:], varied(COUNT), strict=True):
        number = int(row[0])
        start = page_labels.index(row[3])
        source = PdfReader(folder / f"toets-{number - 1:02d}.pdf")
        assert unnumbered(reader.pages[start].extract_text()) == unnumbered(
            source.pages[0].extract_text())  # with the dossier's page number instead
        # type and lead organisation; the proposal only for a toets of another bill
        form = catalog.form(toets.form.id)
        meta = toets.metadata
        lead = next(o.name for o in meta.organisations if o.role == "lead")
        title = f"{form.short_title.nl} {lead}"
        if meta.dossiernummer != "36 812":
            title += f": {meta.short_title}"
        with pikepdf.open(folder / f"toets-{number - 1:02d}.pdf") as found:
            if not is_tagged(found):  # listed as untagged, after the title
                title += " (zonder tags)"
        assert row[1].startswith(f"{title} {form.title.nl} · "), row[1]


def test_overview_has_a_row_per_toets_matching_the_engine(twenty):
    _folder, pdf = twenty
    catalog = default_catalog()
    rows: dict[int, list[str]] = {}
    for index in landscape_pages(pdf, front_pages(pdf)):
        for row in overview_rows(page_words(pdf, index), OVERVIEW):
            rows[int(row[0])] = row
    assert sorted(rows) == list(range(2, COUNT + 2))
    for i, (toets, _pdf) in enumerate(varied(COUNT)):
        row = rows[i + 2]
        engine = expected(toets)
        assert row[1].startswith(toets.metadata.short_title)
        assert row[2] == catalog.form(toets.form.id).short_title.nl
        assert row[4] == engine["verdict"]
        for column, slot, kind in FIGURE_COLUMNS:  # the page-1 slots, as the engine has them
            value = engine["slots"].get(slot)
            if isinstance(value, int | float):
                assert row[column].startswith(spaced(amount_text(value, kind, "nl"))), \
                    (i, slot, row[column])
            else:
                assert row[column].startswith("n.v.t."), (i, slot, row[column])


def _matrix_cells(words: list[Word]) -> dict[int, dict[str, str]]:
    """toets number -> first column label -> cell text, for every block on the page."""
    found: dict[int, dict[str, str]] = {}
    heads = sorted({w.top for w in words if w.text == "Nr." and w.x0 > 150})
    for k, top in enumerate(heads):
        line = sorted((w for w in words if abs(w.top - top) < 2), key=lambda w: w.x0)
        numbers = [int(line[j + 1].text) for j, w in enumerate(line[:-1]) if w.text == "Nr."]
        bottom = heads[k + 1] if k + 1 < len(heads) else 1e9
        grid = Grid(words, ["Nr."] * len(numbers), header_top=top, bottom=bottom - 3,
                    label_column=True)
        for row in grid.rows():
            for number, cell in zip(numbers, row[1:], strict=True):
                found.setdefault(number, {})[row[0]] = cell
    return found


def test_matrices_show_each_toets_levels_in_blocks_of_at_most_seven(twenty):
    _folder, pdf = twenty
    cells: dict[int, dict[str, str]] = {}
    for index in landscape_pages(pdf, front_pages(pdf)):
        for number, column in _matrix_cells(page_words(pdf, index)).items():
            cells.setdefault(number, {}).update(column)
    assert sorted(cells) == list(range(2, COUNT + 2))
    for i, (toets, _pdf) in enumerate(varied(COUNT)):
        column = cells[i + 2]
        for dimension, level in expected(toets)["levels"]:
            label = next(k for k in column if k.startswith(dimension))
            assert column[label].startswith(level), (i, dimension, column[label])


def test_ten_of_one_type_split_into_two_blocks_with_captions():
    toetsen = [variant(example("uitvoerbaarheidstoets"), i) for i in range(10)]
    comparison = compare(toetsen)
    pdf = render_comparison_pdf(comparison, [f"{i}.toets" for i in range(10)])
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Toetsen 1–5 van 10" in text and "Toetsen 6–10 van 10" in text
    cells: dict[int, dict[str, str]] = {}
    for index in range(len(PdfReader(io.BytesIO(pdf)).pages)):
        for number, column in _matrix_cells(page_words(pdf, index)).items():
            cells.setdefault(number, {}).update(column)
    assert sorted(cells) == list(range(1, 11))
