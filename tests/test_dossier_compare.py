"""The comparison as data (for the app) and ``toetsapp compare`` (files to PDF or JSON)."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from tests.dossier_support import example, render, variant, write_toets
from toetsapp.catalog import default_catalog
from toetsapp.cli import main
from toetsapp.dossier import Compared, compare
from toetsapp.dossier.compare_pdf import MAX_COLUMNS, blocks
from toetsapp.engine import evaluate_toets
from toetsapp.engine.explain import level_label, verdict_label
from toetsapp.model.toets import Answer

TYPES = ("uitvoerbaarheidstoets", "doenvermogentoets", "invoeringstoets")


def engine_view(toets, language="nl"):
    catalog = default_catalog()
    form = catalog.form(toets.form.id)
    rubric = catalog.rubric_for(form.id)
    evaluation = evaluate_toets(toets, form, rubric)
    return rubric, evaluation, language


def test_overview_and_groups_follow_the_engine():
    toetsen = [example(name) for name in TYPES]
    comparison = compare(toetsen)
    assert [t.id for t in comparison.tables] == [
        "overview", "uitvoerbaarheid", "doenvermogen", "invoering"]
    for row, toets in zip(comparison.overview.rows, toetsen, strict=True):
        rubric, evaluation, lang = engine_view(toets)
        verdict = row.cell("eindoordeel")
        assert verdict.text == verdict_label(rubric, evaluation.verdict.value, lang)
        assert verdict.value == evaluation.verdict.value
        assert verdict.rank == [v.value for v in rubric.verdicts].index(verdict.value)
        assert verdict.color == rubric.verdict(verdict.value).color
    for group, toets in zip(comparison.groups, toetsen, strict=True):
        rubric, evaluation, lang = engine_view(toets)
        (row,) = group.rows
        for score in evaluation.dimensions:
            cell = row.cell(score.dimension.id)
            assert cell.kind == "level" and cell.value == score.level
            assert cell.text == level_label(rubric, score.level, lang)
        assert [g.value for g in group.levels] == [lvl.value for lvl in rubric.levels]
        assert {c.id for c in group.columns if c.critical} == {
            d.id for d in rubric.dimensions if d.critical}


def test_overview_cells_by_type():
    ut, dv, inv = (compare([example(n)]).overview.rows[0] for n in TYPES)
    assert ut.cell("kosten_incidenteel").value == 46_400_000
    assert ut.cell("fte_structureel").text == "−18 fte, besparing"
    assert ut.cell("invoering_per").value == "2028-01-01"
    assert ut.cell("doenvermogen").text.startswith("n.v.t. — Het doenvermogen is beoordeeld")
    assert ut.cell("organisatie").note == "met BD, VNG"
    assert dv.cell("doenvermogen").kind == "verdict"
    assert [dv.cell(c).kind for c in ("kosten_incidenteel", "fte_incidenteel")] == ["na", "na"]
    assert inv.cell("invoering_per").note == "In werking getreden"
    assert inv.cell("kosten_structureel").value == 5_800_000
    assert ut.cell("ondertekening").text == "niet gecontroleerd"


def test_doenvermogen_comes_from_the_doenvermogentoets_of_the_same_proposal():
    ut = example("uitvoerbaarheidstoets")
    ut.answers.pop("doenvermogen_oordeel", None)
    dv = example("doenvermogentoets")
    other = variant(example("doenvermogentoets"), 4)
    comparison = compare([Compared(ut, 2), Compared(other, 5), Compared(dv, 7)])
    cell = comparison.overview.rows[0].cell("doenvermogen")
    assert cell.kind == "verdict" and cell.note == "uit toets nr. 7"
    assert cell.value == comparison.overview.rows[2].cell("eindoordeel").value


def test_overrides_are_marked_with_the_computed_level():
    toets = variant(example("uitvoerbaarheidstoets"), 3)  # every fifth has an override
    rubric, evaluation, _lang = engine_view(toets)
    score = evaluation.dimensions[0]
    assert score.overridden
    cell = compare([toets]).groups[0].rows[0].cell(score.dimension.id)
    assert cell.overridden and cell.value == score.level
    assert cell.note == "berekend: " + level_label(rubric, score.computed, "nl")


def test_english_and_plain_data():
    comparison = compare([example(n) for n in TYPES], language="en")
    assert comparison.language == "en"
    assert comparison.overview.rows[0].cell("eindoordeel").text == "Feasible subject to conditions"
    data = json.loads(json.dumps(comparison.as_dict(), default=str))
    assert data["groups"][0]["rows"][0]["cells"]["eindoordeel"]["value"]


def test_unknown_answers_do_not_break_the_comparison():
    toets = example("uitvoerbaarheidstoets")
    toets.answers["kosten_incidenteel"] = Answer(value="veel")
    row = compare([toets]).overview.rows[0]
    assert row.cell("kosten_incidenteel").text in ("", "veel")


@pytest.mark.parametrize(("count", "sizes"), [(1, [1]), (2, [2]), (7, [7]), (8, [4, 4]),
                                              (20, [7, 7, 6]), (50, [7] * 7 + [1])])
def test_blocks_are_even_and_never_too_wide(count, sizes):
    found = [len(part) for part in blocks(count, 740)]
    assert sum(found) == count and max(found) <= MAX_COLUMNS
    assert max(found) - min(found) <= 1 or found == sizes


def test_cli_compares_toets_files_and_pdfs(tmp_path, capsys):
    first = write_toets(tmp_path, "a.toets", example("uitvoerbaarheidstoets"))
    second = tmp_path / "b.pdf"
    second.write_bytes(render(variant(example("uitvoerbaarheidstoets"), 1)))
    output = tmp_path / "vergelijking.pdf"
    assert main(["compare", str(first), str(second), "-o", str(output)]) == 0
    out = capsys.readouterr().out
    assert str(output) in out and "2 toetsen" in out
    reader = PdfReader(output)
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Wet ATH variant B" in text and "a.toets" in text and "b.pdf" in text
    assert main(["--lang", "en", "compare", str(first), str(second), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["language"] == "en"
    assert [r["source"] for r in data["overview"]["rows"]] == ["a.toets", "b.pdf"]
    assert main(["compare", str(first)]) == 2
