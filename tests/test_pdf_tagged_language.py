"""Dutch answer text in an English PDF says so wherever it is: text answers (``P``
with ``/Lang``), the text cells of table answers (``TD`` with ``/Lang``; headers and
totals stay English), and labelled lines (an English label, then Dutch evidence,
notes, 'other' text) as a ``/Span <</Lang (nl-NL)>>`` inside the paragraph's marked
content, from where the Dutch text starts. Checked on the English rendering of an
example; the Dutch rendering has no language marks inside."""

from __future__ import annotations

import io

import pdfplumber
import pikepdf
import pytest

from tests.dossier_support import example, rendered_examples
from tests.pdf_tags import elements, mcid_texts, open_pdf, pdfua_findings, tree, unmarked
from toetsapp.catalog import default_catalog
from toetsapp.export import render_toets_pdf
from toetsapp.i18n import _, set_language

NAME = "uitvoerbaarheidstoets"


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def english() -> bytes:
    toets = example(NAME)
    catalog = default_catalog()
    form = catalog.form(toets.form.id)
    return render_toets_pdf(toets, form, catalog.rubric_for(form.id), invariant=True,
                            language="en")


def span_text(pdf: bytes) -> str:
    """All text drawn inside language spans."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return squash("".join(c["text"] for page in doc.pages for c in page.chars
                              if c.get("tag") == "Span"))


def test_text_cells_of_table_answers_carry_the_answer_language(english):
    doc = open_pdf(english)
    cells = elements(doc, "TD")
    dutch = [c for c in cells if str(c.get("/Lang", "")) == "nl-NL"]
    assert dutch, "the text columns of the table answers are Dutch"
    assert all("/Lang" not in h for h in elements(doc, "TH"))  # form labels: English
    pages = {p.objgen: i for i, p in enumerate(doc.pages)}
    per_page: dict[int, dict[int, str]] = {}
    texts = []
    for cell in dutch:
        page = pages[cell.Pg.objgen]
        if page not in per_page:
            per_page[page] = mcid_texts(english, page)
        kids = list(cell.K) if isinstance(cell.K, pikepdf.Array) else [cell.K]
        texts.append(squash("".join(per_page[page].get(int(k), "") for k in kids)))
    texts = [t for t in texts if t]
    toets = example(NAME)
    cells_given = {squash(str(v)) for a in toets.answers.values() if isinstance(a.value, list)
                   for row in a.value if isinstance(row, dict)
                   for v in row.values() if isinstance(v, str)}
    assert texts and all(any(t in given or given.startswith(t) for given in cells_given)
                         for t in texts)  # only answer text is marked Dutch
    set_language("en")
    try:
        total = squash(_("Totaal"))
    finally:
        set_language("nl")
    assert not any(t.startswith(total) for t in texts)


def test_labelled_lines_mark_the_dutch_part_only(english):
    toets = example(NAME)
    spans = span_text(english)
    evidence = [a.evidence.strip() for a in toets.answers.values() if a.evidence.strip()]
    assert evidence and all(squash(e)[:30] in spans for e in evidence[:10])
    set_language("en")
    try:
        labels = [squash(_("Hoe weet je dit?")), squash(_("Betrokken:"))]
    finally:
        set_language("nl")
    assert labels[0] != squash("Hoe weet je dit?")  # the English catalog is in use
    assert not any(label in spans for label in labels)  # labels stay English
    text = "".join(n.text for n in tree(english, 3).walk() if n.role == "P")
    assert squash(evidence[1])[:30] in squash(text)  # still the paragraph's own text


def test_english_pdf_with_spans_passes_the_checks(english, tmp_path):
    assert pdfua_findings(english, tmp_path) == []
    assert unmarked(english) == []


def test_a_dutch_pdf_has_no_language_spans():
    assert span_text(rendered_examples()[NAME][1]) == ""
