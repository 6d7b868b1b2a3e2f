"""A chain of toetsen of one bill from different organisations reads as one document:
totals, conditions and risks side by side, positions with remarks, and a flag where
two toetsen disagree (issue 13)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest

from tests.conftest import EXAMPLES
from tests.dossier_support import example, variant
from tests.export_support import squash
from toetsapp.catalog import default_catalog
from toetsapp.dossier import compare
from toetsapp.dossier.compare_pdf import comparison_flowables
from toetsapp.engine import evaluate_toets
from toetsapp.model.toets import Answer, CoSignature, Toets

pytestmark = pytest.mark.skipif(not EXAMPLES, reason="no examples yet")
CHAIN = ("uitvoerbaarheidstoets", "doenvermogentoets", "invoeringstoets",
         "uitvoerbaarheidstoets", "uitvoerbaarheidstoets", "uitvoerbaarheidstoets")
REMARK = "De planning van de ketentest is krap; wij vragen een extra mijlpaal."


def _cosign(toets: Toets, position: str, remarks: str) -> None:
    co = next(o for o in toets.metadata.organisations if o.role == "co")
    toets.signatures.append(CoSignature(
        organisation=co.name, name="J. Jansen", position=position, remarks=remarks,
        signed_at=datetime(2026, 3, 2, tzinfo=UTC), content_digest="sha256:" + "0" * 64,
        algorithm="ecdsa-sha256", signature="AA==", certificate="-----"))


def chain() -> list[Toets]:
    """Six toetsen of bill 36 812 by six different lead organisations."""
    toetsen = [variant(example(name), i) for i, name in enumerate(CHAIN)]
    for toets in (toetsen[0], toetsen[3]):  # assessed in the U&H itself, not elsewhere
        toets.answers["doenvermogen_aanpak"] = Answer(value="in_deze_toets")
        toets.answers["doenvermogen_oordeel"] = Answer(value="kleiner_beroep")
        toets.not_applicable_sections.pop("doenvermogen", None)
    _cosign(toetsen[0], "akkoord_met_kanttekeningen", REMARK)
    _cosign(toetsen[3], "niet_akkoord", "")
    return toetsen


@pytest.fixture(scope="module")
def compared():
    toetsen = chain()
    return toetsen, compare(toetsen, language="nl")


def test_the_chain_has_different_organisations(compared):
    toetsen, _comparison = compared
    leads = {next(o.name for o in t.metadata.organisations if o.role == "lead") for t in toetsen}
    assert len(leads) == len(toetsen) >= 5


def test_totals_add_up_the_slots_of_each_type(compared):
    toetsen, comparison = compared
    catalog = default_catalog()
    expected: dict[str, float] = {}
    for toets in toetsen:
        form = catalog.form(toets.form.id)
        if form.toets_type != "uitvoerbaarheid":
            continue
        for value in evaluate_toets(toets, form, catalog.rubric_for(form.id)).key_figures:
            if value.figure.slot and value.value is not None and value.type in ("money", "fte"):
                expected[value.figure.slot] = expected.get(value.figure.slot, 0) + value.value
    row = next(r for r in comparison.totals.rows if r.toets_type == "uitvoerbaarheid")
    for slot, total in expected.items():
        assert row.cell(slot).value == pytest.approx(total), slot
    assert row.cell("soort").text == "U&H-toets (4)"
    assert row.cell("kosten_incidenteel").note == "uit 4 van 4 toetsen"
    saving = row.cell("fte_structureel")  # the U&H variants save staff: a saving, as on page 1
    assert saving.value < 0 and saving.text.startswith("−") and saving.text.endswith(
        ", besparing")
    doen = next(r for r in comparison.totals.rows if r.toets_type == "doenvermogen")
    assert doen.cell("kosten_incidenteel").kind == "na"


def test_conditions_and_risks_sit_side_by_side(compared):
    toetsen, comparison = compared
    first = comparison.lists.rows[0]
    conditions = [row["voorwaarde"] for row in toetsen[0].answers["voorwaarden"].value]
    assert first.cell("lijst1").text.startswith("Voorwaarden (3)")
    assert conditions[0] in first.cell("lijst1").text
    assert first.cell("lijst2").text.startswith("Belangrijkste risico's")
    assert len(comparison.lists.rows) == len(toetsen)


def test_positions_carry_the_remarks(compared):
    _toetsen, comparison = compared
    rows = comparison.positions.rows
    remarked = [r for r in rows if r.cell("kanttekeningen").text]
    assert [r.cell("standpunt").text for r in remarked] == ["Akkoord met kanttekeningen"]
    assert remarked[0].cell("kanttekeningen").text == REMARK
    assert any(r.cell("standpunt").text == "Niet akkoord" for r in rows)
    assert any(r.cell("standpunt").text == "nog geen standpunt" for r in rows)


def test_disagreement_on_doenvermogen_is_flagged(compared):
    _toetsen, comparison = compared
    flagged = [f for f in comparison.flags if "doenvermogentoets nr. 2" in f]
    assert flagged, comparison.flags
    assert any(f.startswith("Toets nr. 1 ") for f in flagged)
    agreeing = chain()[:2]
    dv = evaluate_toets(agreeing[1], default_catalog().form("doenvermogentoets"),
                        default_catalog().rubric_for("doenvermogentoets"))
    ranks = ["niet_relevant_ongewijzigd", "kleiner_beroep", "groter_beroep",
             "groter_beroep_aandachtspunt"]
    verdicts = [v.value for v in default_catalog().rubric_for("doenvermogentoets").verdicts]
    agreeing[0].answers["doenvermogen_oordeel"].value = ranks[verdicts.index(dv.verdict.value)]
    assert not [f for f in compare(agreeing, language="nl").flags if "doenvermogen" in f]


def test_the_comparison_pages_show_it_all(compared):
    from pypdf import PdfReader
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate

    from toetsapp.export.doc import Marks
    from toetsapp.export.style import house_style

    _toetsen, comparison = compared
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4))
    doc.build(comparison_flowables(comparison, Marks(), house_style(), doc.width))
    text = squash(" ".join(p.extract_text() for p in PdfReader(buffer).pages))
    for expected in ("Totalen van de keten", "Voorwaarden en risico's naast elkaar",
                     "Standpunten van de organisaties", "Waar de toetsen van elkaar afwijken",
                     REMARK, "€ 232.000.000"):
        assert squash(expected) in text, expected


def test_a_default_title_never_repeats_the_type():
    from toetsapp.dossier.build import default_title

    toets = example("invoeringstoets")
    assert toets.metadata.short_title.startswith("Invoeringstoets ")
    title = default_title("Invoeringstoets", toets, "", "36 812")  # another bill: named
    assert title == ("Invoeringstoets Vereniging van Nederlandse Gemeenten: "
                     + toets.metadata.short_title.removeprefix("Invoeringstoets "))
    assert title.count("Invoeringstoets") == 1


def test_the_comparison_does_not_report_file_format_migrations():
    toetsen = [example(t) for t in ("uitvoerbaarheidstoets", "doenvermogentoets")]
    assert all(t.migration_notes for t in toetsen), "the examples are an older format"
    comparison = compare(toetsen, language="nl")
    assert not any("formaatversie" in w for w in comparison.warnings)
