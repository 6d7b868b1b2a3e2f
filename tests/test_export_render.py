"""The uniform PDF of the real examples: structure, toetskaart content, metadata, fonts."""

from __future__ import annotations

import re

import pytest

from tests.conftest import EXAMPLES
from tests.export_support import (
    MINI,
    MINI_RUB,
    all_text,
    mini_toets,
    outline,
    page_text,
    reader,
    render_mini,
    squash,
)
from toetsapp.engine import evaluate_toets
from toetsapp.export import render_toets_pdf
from toetsapp.export.view import build_view, status_label
from toetsapp.files.store import load_toets
from toetsapp.model.toets import Override

pytestmark = pytest.mark.skipif(not EXAMPLES, reason="no examples yet")


@pytest.fixture(scope="module")
def rendered(catalog) -> dict[str, tuple]:
    """Each example rendered once: (toets, form, rubric, pdf bytes)."""
    out = {}
    for path in EXAMPLES:
        toets = load_toets(path)
        form = catalog.form(toets.form.id)
        rubric = catalog.rubric_for(form.id)
        out[path.stem] = (toets, form, rubric, render_toets_pdf(toets, form, rubric,
                                                                invariant=True))
    return out


def _ids():
    return [p.stem for p in EXAMPLES]


@pytest.mark.parametrize("name", _ids())
def test_outline_mirrors_the_form(rendered, name):
    _toets, form, rubric, pdf = rendered[name]
    entries = outline(pdf)
    top = [title for level, title, _ in entries if level == 0]
    sections = [f"{i}. {s.title.get('nl')}" for i, s in enumerate(form.sections, start=1)]
    assert top == ["Toetskaart", "Inhoud", "Gegevens van de toets", *sections,
                   "Bijlage A. Toelichting op de scores", "Bijlage B. Ondertekening", "Colofon"]
    questions = [title for level, title, _ in entries if level == 1 and not title.startswith("A.")]
    assert len(questions) == len(form.question_index())
    annex = [title for level, title, _ in entries if level == 1 and title.startswith("A.")]
    assert len(annex) == len(rubric.dimensions) + 1
    pages = [page for _level, _title, page in entries]
    assert pages == sorted(pages), "outline follows the page order"
    assert entries[0][2] == 1 and entries[1][2] == 2


@pytest.mark.parametrize("name", _ids())
def test_page_count_and_running_footer(rendered, name):
    pdf = rendered[name][3]
    pages = reader(pdf).pages
    assert 8 <= len(pages) <= 60
    total = len(pages)
    for number in (1, 2, total):
        assert f"pagina {number} van {total}" in pages[number - 1].extract_text()


@pytest.mark.parametrize("name", _ids())
def test_contents_page_numbers_match_the_outline(rendered, name):
    _t, form, _r, pdf = rendered[name]
    where = {title: page for level, title, page in outline(pdf) if level == 0}
    contents = page_text(pdf, 2)
    for number, section in enumerate(form.sections, start=1):
        title = section.title.get("nl")
        match = re.search(rf"^{number} {re.escape(title)}.*?(\d+)$", contents, re.MULTILINE)
        assert match, f"{title} not in contents"
        assert int(match.group(1)) == where[f"{number}. {title}"]
    assert re.search(r"^Colofon (\d+)$", contents, re.MULTILINE).group(1) == str(where["Colofon"])


@pytest.mark.parametrize("name", _ids())
def test_metadata_language_and_embedded_fonts(rendered, name):
    toets, _f, _r, pdf = rendered[name]
    pdf_reader = reader(pdf)
    meta = pdf_reader.metadata
    assert toets.metadata.title in meta.title
    assert "Dienst Toeslagen" in meta.author or toets.metadata.organisations[0].name in meta.author
    assert toets.metadata.citation() in meta.subject
    assert "Toetsapp" in meta["/Keywords"] and toets.metadata.dossiernummer in meta["/Keywords"]
    assert pdf_reader.trailer["/Root"]["/Lang"] == "nl-NL"
    fonts = set()
    for page in pdf_reader.pages[:3]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, "TrueType font is embedded"
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= fonts


@pytest.mark.parametrize("name", _ids())
def test_toetskaart_shows_the_toets(rendered, name):
    toets, form, rubric, pdf = rendered[name]
    card = squash(page_text(pdf, 1))
    view = build_view(toets, form, rubric, "nl")
    for text in (toets.metadata.title, toets.metadata.citation(), form.title.get("nl"),
                 status_label(toets.metadata.status), view.verdict.label, view.date,
                 rubric.verdict_label.get("nl").upper()):
        assert squash(text) in card, text
    words = set(page_text(pdf, 1).split())
    for dim in view.dimensions:
        assert set(dim.label.split()) <= words and squash(dim.grade.label) in card
    for figure in view.figures:
        assert squash(figure.label) in card
        shown = figure.text[:1].upper() + figure.text[1:] if figure.answered else "niet ingevuld"
        assert squash(shown)[:14] in card, figure.label
    for block in view.lists:
        assert squash(f"{block.label} ({block.total})".upper()) in card
        for item in block.items[:3]:
            assert set(item.split()[:4]) <= words, item


@pytest.mark.parametrize("name", _ids())
def test_body_has_every_answer_and_evidence(rendered, name):
    toets, form, rubric, pdf = rendered[name]
    text = squash(all_text(pdf))
    evaluation = evaluate_toets(toets, form, rubric)
    questions = form.question_index()
    for qid, answer in toets.answers.items():
        if qid in evaluation.visibility.questions and questions[qid].type in ("text",
                                                                               "textarea"):
            assert squash(answer.value)[:60] in text, qid
        if answer.evidence:
            assert squash(answer.evidence)[:60] in text, qid


@pytest.mark.parametrize("name", _ids())
def test_the_card_has_the_same_layout_for_every_toets_of_a_type(rendered, name):
    """Two toetsen of one type put their regions at the same heights on page 1."""
    import io

    import pdfplumber

    def anchors(pdf: bytes) -> dict[str, float]:
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            words = doc.pages[0].extract_words()
        wanted = ("SCORES", "KERNCIJFERS", "Dimensie")
        return {w["text"]: round(w["top"], 1) for w in words if w["text"] in wanted}

    toets, form, rubric, pdf = rendered[name]
    other = toets.model_copy(deep=True)
    other.metadata.title = "Een heel ander voorstel met een veel langere titel " * 3
    other.answers = {}
    assert anchors(render_toets_pdf(other, form, rubric, invariant=True)) == anchors(pdf)


def test_overrides_are_marked_on_the_card_and_motivated_in_the_annex():
    toets = mini_toets({"titel": "T", "gevolgen": "beperkt", "digitaal": True})
    toets.overrides.dimensions["impact"] = Override(
        value="slecht", computed="goed", motivation="De ketenpartners melden grote risico's.",
        by="A. Toetser")
    pdf = render_mini(toets)
    card = page_text(pdf, 1)
    assert "✱" in card and "berekend: Goed" in card
    text = all_text(pdf)
    assert "Afwijking door de toetser: berekend Goed, vastgesteld Slecht" in text
    assert "De ketenpartners melden grote risico's." in text


def test_english_rendering_uses_the_english_texts():
    toets = mini_toets({"titel": "T", "gevolgen": "ingrijpend"})
    pdf = render_toets_pdf(toets, MINI, MINI_RUB, language="en", invariant=True)
    assert reader(pdf).trailer["/Root"]["/Lang"] == "en-GB"
    text = all_text(pdf)
    assert "Impact (en)" in text and "Ingrijpend (en)" in text


def test_signatures_page_states_not_cosigned_or_lists_the_rows():
    from toetsapp.export import SignatureRow

    toets = mini_toets({"titel": "T"})
    assert "Deze toets is niet medeondertekend." in all_text(render_mini(toets))
    rows = [SignatureRow("UWV", "J. Jansen", "directeur", "Akkoord met kanttekeningen",
                         "1 maart 2026", "Let op de planning.", verified=True,
                         subject="CN=J. Jansen, O=UWV, C=NL", fingerprint="AB12 CD34"),
            SignatureRow("SVB", "P. Pieters", "", "Niet akkoord", "2 maart 2026",
                         verified=False)]
    text = squash(all_text(render_mini(toets, signature_rows=rows)))
    assert "nietmedeondertekend" not in text
    for expected in ("UWV", "J. Jansen, directeur", "Akkoord met kanttekeningen", "geldig",
                     "ONGELDIG", "Kanttekeningen van UWV", "Let op de planning.",
                     "Certificaat: CN=J. Jansen, O=UWV, C=NL", "SHA-256: AB12 CD34"):
        assert squash(expected) in text
