"""Page 1 reads the same for every toets: the fixed slots in the same place for all
three types, nothing cut off, reader text only, totals present (issue 13)."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest

from tests.conftest import EXAMPLES
from tests.dossier_support import example, render
from tests.export_support import all_text, page_text, reader, squash
from toetsapp.catalog import default_catalog
from toetsapp.export import SignatureRow
from toetsapp.export.slots import SLOT_LABELS
from toetsapp.model.form import SLOT_IDS
from toetsapp.model.toets import Organisation

pytestmark = pytest.mark.skipif(not EXAMPLES, reason="no examples yet")
TYPES = ("uitvoerbaarheidstoets", "doenvermogentoets", "invoeringstoets")


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    return {name: render(example(name)) for name in TYPES}


def _words(pdf: bytes) -> list[dict]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0].filter(lambda obj: obj.get("object_type") != "char"
                                   or abs(obj["matrix"][1]) < 1e-6)  # not the CONCEPT mark
        return page.extract_words(keep_blank_chars=True, x_tolerance=1.5)


def slot_positions(pdf: bytes) -> dict[str, tuple[float, float]]:
    """(x, top) of each slot label on page 1, found by its text."""
    words = _words(pdf)
    found = {}
    for slot in SLOT_IDS:
        label = SLOT_LABELS[slot]
        hits = [w for w in words if w["text"].strip() == label]
        assert hits, f"slot label {label!r} not on page 1"
        found[slot] = (round(hits[0]["x0"], 1), round(hits[0]["top"], 1))
    return found


def test_every_type_puts_every_slot_label_in_the_same_place(pdfs):
    positions = {name: slot_positions(pdf) for name, pdf in pdfs.items()}
    first = positions[TYPES[0]]
    assert len(set(first.values())) == len(SLOT_IDS), "slots do not overlap"
    for name in TYPES[1:]:
        assert positions[name] == first, name
    # a grid: two rows of four, in the documented order
    rows = sorted({top for _x, top in first.values()})
    assert len(rows) == 2
    assert [first[s][1] for s in SLOT_IDS[:4]] == [rows[0]] * 4
    assert [first[s][0] for s in SLOT_IDS[:4]] == sorted(first[s][0] for s in SLOT_IDS[:4])


def test_slots_stay_put_with_other_answers_and_long_names(pdfs):
    toets = example("doenvermogentoets")
    toets.answers = {}
    toets.metadata.title = "Een heel lang voorstel " * 12
    toets.metadata.organisations = [Organisation(name="Organisatie " * 6, role="co")] * 6
    assert slot_positions(render(toets)) == slot_positions(pdfs["uitvoerbaarheidstoets"])


def test_slots_say_what_does_not_apply(pdfs):
    doen = squash(page_text(pdfs["doenvermogentoets"], 1))
    assert squash("niet van toepassing op dit type") in doen
    u = example("uitvoerbaarheidstoets")
    u.answers["decentrale_overheden_betrokken"].value = False
    card = page_text(render(u), 1)
    assert "n.v.t." in card
    assert {"Decentrale", "overheden", "betrokken:", "Nee"} <= set(card.split())


def test_uh_summary_is_complete_on_page_1(pdfs):
    text = page_text(pdfs["uitvoerbaarheidstoets"], 1)
    card, words = squash(text), set(text.split())
    toets = example("uitvoerbaarheidstoets")
    form = default_catalog().form(toets.form.id)
    for text in ("Gevolgen", "Ingrijpend", "Risico procesverstoringen", "Dekking kosten",
                 "Aspecten met gevolgen".upper(), "Dienstverlening", "Handhaving en toezicht",
                 "Automatisering", "Totaal", "€ 46.400.000", "€ 18.200.000",
                 "per jaar vanaf 2030", "85 fte", "1 januari 2028",
                 "Beslag op het portfolio", "Uitvoerbaar onder voorwaarden"):
        assert squash(text) in card or set(text.split()) <= words, text
    aspects = form.question_index()["aspecten"]
    for choice in aspects.choices:
        assert set(choice.label.get("nl").split()) <= words, choice.value
    portfolio = toets.answers["portfolio_toelichting"].value
    assert set(portfolio.split()) <= words


def test_twelve_long_organisation_names_are_all_on_page_1():
    toets = example("uitvoerbaarheidstoets")
    names = [f"Organisatie nummer {i:02d} " + "met een lange naam voor de keten " * 3
             for i in range(12)]
    names = [n[:80] for n in names]
    assert all(len(n) == 80 for n in names)
    toets.metadata.organisations = [Organisation(name=n, role="lead" if i == 0 else "co")
                                    for i, n in enumerate(names)]
    rows = [SignatureRow(n, "A. Ondertekenaar", "", "Akkoord met kanttekeningen",
                         "1 maart 2026", "Een kanttekening.", verified=True)
            for n in names[1:6]]
    catalog = default_catalog()
    form = catalog.form(toets.form.id)
    from toetsapp.export import render_toets_pdf

    pdf = render_toets_pdf(toets, form, catalog.rubric_for(form.id), invariant=True,
                           signature_rows=rows)
    card = page_text(pdf, 1)
    in_order = squash(reader(pdf).pages[0].extract_text())  # content-stream order
    for name in names:
        assert squash(name) in in_order, name
    assert "…" not in card
    assert squash("Akkoord met kanttekeningen") in in_order
    assert squash("zie bijlage B") in squash(card)


@pytest.mark.parametrize("name", TYPES)
def test_nothing_on_page_1_is_cut_off(pdfs, name):
    assert "…" not in page_text(pdfs[name], 1)


@pytest.mark.parametrize("name", TYPES)
def test_the_pdf_prints_no_guidance_for_the_toetser(pdfs, name):
    """Section intros and question guidance are for the person filling the toets."""
    text = squash(all_text(pdfs[name]))
    form = default_catalog().form(example(name).form.id)
    for section in form.sections:
        shown = section.reader_intro.get("nl") if section.reader_intro else ""
        intro = section.intro.get("nl") if section.intro else ""
        if intro and intro != shown:
            assert squash(intro)[-60:] not in text, section.id
        for question in section.questions:
            for line in question.guidance:
                assert squash(line.get("nl"))[:80] not in text, question.id
    for phrase in ("Loop ze aan het eind nog eens na", "U kunt er met een motivering van"):
        assert squash(phrase) not in text


def test_cost_tables_have_totals_and_no_row_counts(pdfs):
    text = all_text(pdfs["uitvoerbaarheidstoets"])
    assert not re.search(r"^\d+ rij(en)?$", text, re.MULTILINE), "no '3 rijen' under tables"
    body = squash(text)
    # incidental costs: 2027-2029 summed per category and per year
    assert squash("Totaal") in body
    assert squash("€ 46.400.000") in body


def test_each_aspect_shows_gevolgen_geen_gevolgen_or_nvt_on_page_1():
    toets = example("uitvoerbaarheidstoets")
    toets.answers["aspecten"] = toets.answers["aspecten"].model_copy(update={
        "value": ["interactie_burgers_bedrijven", "maakbaarheid_systemen"],
        "not_applicable_choices": ["fraudebestendigheid"]})
    with pdfplumber.open(io.BytesIO(render(toets))) as doc:  # the right-hand column
        page = doc.pages[0]
        card = squash(page.crop((page.width / 2, 0, page.width, page.height)).extract_text())
    assert squash("Gevolgen: ✓ Interactie met burgers en bedrijven · ✓ Maakbaarheid "
                  "systemen") in card
    assert squash("Geen gevolgen: Handhaafbaarheid · Complexiteitsgevolgen") in card
    assert squash("n.v.t.: Fraudebestendigheid") in card


def test_a_short_cost_table_stays_whole_with_its_question(pdfs):
    pages = [page.extract_text() or "" for page in reader(pdfs["uitvoerbaarheidstoets"]).pages]
    page = next(p for p in pages if "Kosten structureel\nWat zijn" in p
                or "4.2 Kosten structureel" in p.replace("\n", " ").replace("4.2  ", "4.2 "))
    for row in ("2029", "2030", "€ 19.500.000", "€ 18.200.000", "€ 37.700.000"):
        assert row in page, row
