"""Nothing looks final that isn't: provisional state in the engine, concept PDFs, render."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import EXAMPLES
from tests.export_support import page_text
from toetsapp.cli import main
from toetsapp.engine import evaluate_toets
from toetsapp.engine.compiled import compiled
from toetsapp.engine.explain import explain_dimension, explain_verdict
from toetsapp.engine.provisional import NotFinal, check_final
from toetsapp.files.store import load_toets, new_toets, save_toets
from toetsapp.formatting import format_list
from toetsapp.i18n import set_language
from toetsapp.model.toets import Answer

UH = "uitvoerbaarheidstoets"


def one_answer(catalog):
    toets = new_toets(catalog, UH)
    toets.answers["gevolgen"] = Answer(value="beperkt")
    return toets


def evaluate(catalog, toets):
    form = catalog.form(toets.form.id)
    return evaluate_toets(toets, form, catalog.rubric_for(form.id))


def test_one_answer_gives_a_verdict_that_is_provisional(catalog):
    evaluation = evaluate(catalog, one_answer(catalog))
    state = evaluation.provisional
    assert evaluation.verdict.value == "uitvoerbaar"
    assert state.is_provisional
    # decentrale_overheden stays open until 'Decentrale overheden betrokken' is answered
    assert (state.assessed, state.total) == (1, 10)
    assert state.answered == 1 and state.applicable == 57
    assert "soort_regelgeving" in state.open_required
    assert len(state.unassessed) == 9
    errors = len(evaluation.errors)
    assert state.count == errors + 9
    assert state.summary() == (f"1 van 10 dimensies beoordeeld · 1 van 57 vragen beantwoord · "
                               f"{errors + 9} open problemen")


def test_a_complete_example_is_not_provisional(catalog):
    for path in EXAMPLES:
        state = evaluate(catalog, load_toets(path)).provisional
        assert not state.is_provisional and state.count == 0, path
        assert state.assessed == state.total > 0


def test_invalid_answers_are_open_problems(catalog):
    toets = new_toets(catalog, UH)
    toets.answers["gevolgen"] = Answer(value="bestaat_niet")
    state = evaluate(catalog, toets).provisional
    assert state.invalid == ("gevolgen",)
    assert any(p.kind == "invalid" and p.question == "gevolgen" for p in state.problems)


def test_no_rule_fired_names_the_answers_that_would_decide(catalog):
    toets = one_answer(catalog)
    evaluation = evaluate(catalog, toets)
    form = catalog.form(toets.form.id)
    score = next(s for s in evaluation.dimensions if s.dimension.id == "processen_ict")
    (reason,) = explain_dimension(score, catalog.rubric_for(form.id), compiled(form),
                                  evaluation.visibility.effective, "nl")
    assert reason.is_default
    assert "Geen van de regels geldt bij de antwoorden op Gevolgen." in reason.undecided
    assert "Risico procesverstoringen" in reason.undecided
    assert reason.undecided.endswith("Risico procesverstoringen en Gewijzigde processen te "
                                     "beantwoorden.")
    verdict = explain_verdict(evaluation.verdict, catalog.rubric_for(form.id), compiled(form),
                              evaluation.visibility.effective, evaluation.dimensions, "nl")
    assert "zodra Personeel en capaciteit" in verdict[0].undecided


def test_check_final_refuses_only_final_statuses_with_problems(catalog):
    state = evaluate(catalog, one_answer(catalog)).provisional
    check_final("concept", state, "x.toets")
    check_final("in_review", state, "x.toets")
    with pytest.raises(NotFinal) as caught:
        check_final("definitief", state, "x.toets")
    assert "x.toets" in caught.value.describe() and "--concept" in caught.value.describe()
    complete = evaluate(catalog, load_toets(EXAMPLES[0])).provisional
    check_final("vastgesteld", complete, "x.toets")


def test_lists_read_as_sentences():
    assert format_list(["A", "B", "C"], "nl") == "A, B en C"
    assert format_list(["A", "B"], "nl") == "A en B"
    assert format_list(["A"], "nl") == "A"
    assert format_list(["A", "B", "C"], "en") == "A, B and C"
    assert format_list([], "nl") == ""


# --- the CLI: render and score ------------------------------------------------------------

def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def incomplete(tmp_path, catalog) -> Path:
    path = tmp_path / "wet.toets"
    save_toets(one_answer(catalog), path)
    return path


def pages(pdf: Path) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages]


def test_render_incomplete_writes_a_concept_pdf(capsys, incomplete, catalog):
    count = evaluate(catalog, load_toets(incomplete)).provisional.count
    code, _out, err = run(capsys, "render", str(incomplete))
    assert code == 0, err
    pdf = incomplete.with_suffix(".pdf")
    first = page_text(pdf.read_bytes(), 1)
    assert "CONCEPT" in first
    assert f"{count} open problemen — zie ‘Open problemen’ op pagina 3" in first
    assert "Voorlopig: Uitvoerbaar" in first
    assert "Geen knelpunt" in first and "(voorlopig)" in first
    texts = pages(pdf)
    assert all(f"CONCEPT — {count} open problemen" in text for text in texts)
    listed = "\n".join(texts[2:4])
    assert "Open problemen" in texts[2] and "Deze PDF is een concept" in texts[2]
    assert listed.count("Verplichte vraag is niet beantwoord") == count - 9
    assert listed.count("is nog niet beoordeeld") == 9


def test_definitief_with_problems_exits_1_unless_concept(capsys, incomplete):
    toets = load_toets(incomplete)
    toets.metadata.status = "definitief"
    save_toets(toets, incomplete)
    pdf = incomplete.with_suffix(".pdf")
    pdf.write_bytes(b"earlier")
    code, out, err = run(capsys, "render", str(incomplete))
    assert code == 1 and "PDF geschreven" not in out
    assert "definitief" in err
    assert "(soort_regelgeving): Verplichte vraag is niet beantwoord." in err
    assert "--concept" in err
    assert pdf.read_bytes() == b"earlier", "nothing is written"
    code, out, err = run(capsys, "render", str(incomplete), "--concept")
    assert code == 0, err
    assert "CONCEPT" in page_text(pdf.read_bytes(), 1)


def test_final_complete_toets_has_no_concept_marks(capsys, tmp_path):
    target = tmp_path / EXAMPLES[0].name
    target.write_bytes(EXAMPLES[0].read_bytes())
    code, _out, err = run(capsys, "render", str(target))
    assert code == 0, err
    assert not any("CONCEPT" in text for text in pages(target.with_suffix(".pdf")))


def test_complete_but_in_review_is_still_a_concept(capsys, tmp_path):
    toets = load_toets(EXAMPLES[0])
    toets.metadata.status = "in_review"
    path = tmp_path / "review.toets"
    save_toets(toets, path)
    assert run(capsys, "render", str(path))[0] == 0
    first = page_text(path.with_suffix(".pdf").read_bytes(), 1)
    assert "CONCEPT" in first and "Status in review: nog niet definitief" in first


def test_score_says_provisional(capsys, incomplete):
    code, out, _err = run(capsys, "score", str(incomplete))
    assert code == 0
    assert "Eindoordeel: voorlopig Uitvoerbaar" in out
    assert "Voorlopig: 1 van 10 dimensies beoordeeld" in out
    assert "Het niveau kan nog veranderen door" in out
    code, out, _err = run(capsys, "score", "--json", str(incomplete))
    data = json.loads(out)
    assert data["provisional"]["provisional"] is True
    assert data["provisional"]["assessed"] == 1


def test_concept_pdf_in_english(capsys, incomplete):
    set_language("en")
    code, _out, err = run(capsys, "--lang", "en", "render", str(incomplete), "--lang", "en")
    assert code == 0, err
    first = page_text(incomplete.with_suffix(".pdf").read_bytes(), 1)
    assert "DRAFT" in first or "CONCEPT" in first
    assert "open problems" in first


def test_the_comparison_marks_provisional_levels_and_verdicts(catalog):
    from toetsapp.dossier import compare

    complete = load_toets(next(p for p in EXAMPLES if p.stem == UH))
    partial = one_answer(catalog)
    partial.metadata.short_title = "Half af"
    comparison = compare([complete, partial], catalog=catalog)
    first, second = comparison.overview.rows
    assert not first.cell("eindoordeel").provisional and first.cell("eindoordeel").note == ""
    verdict = second.cell("eindoordeel")
    assert verdict.provisional and verdict.text == "Uitvoerbaar"
    assert verdict.note.startswith("voorlopig: 1 van 10 beoordeeld, ")
    table = next(t for t in comparison.groups if any(c.id == "processen_ict" for c in t.columns))
    level = table.rows[1].cell("processen_ict")
    assert level.provisional and level.note == "voorlopig"
    assert not table.rows[1].cell("kosten").provisional, "not assessed: nothing provisional"
