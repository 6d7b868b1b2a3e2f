"""'Niet van toepassing' as an answer: complete, shown, and never asking for hidden
questions; savings; invalid values kept; the valid part of a multichoice."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from tests.strategies import answer_value
from toetsapp.catalog import default_catalog
from toetsapp.engine import evaluate, evaluate_toets
from toetsapp.engine.compiled import compiled
from toetsapp.engine.explain import unassessed_text
from toetsapp.files.store import load_toets
from toetsapp.model.toets import NotApplicable

UH = ROOT / "examples" / "uitvoerbaarheidstoets.toets"


def uh():
    catalog = default_catalog()
    toets = load_toets(UH)
    return toets, catalog.forms[toets.form.id], catalog.rubric_for(toets.form.id)


def dim(ev, dim_id: str):
    return next(s for s in ev.dimensions if s.dimension.id == dim_id)


def test_a_required_question_answered_nvt_is_complete_and_has_no_value():
    toets, form, rubric = uh()
    toets.answers["communicatie_aanpak"].not_applicable = NotApplicable(
        reason="Er verandert niets voor de doelgroep.")
    ev = evaluate_toets(toets, form, rubric)
    assert "communicatie_aanpak" in ev.visibility.not_applicable
    assert "communicatie_aanpak" not in ev.visibility.effective
    assert not [p for p in ev.problems if p.question == "communicatie_aanpak"]
    done, shown = ev.section_progress("communicatie")
    assert done == shown


def test_nvt_without_a_reason_is_a_warning_not_an_error():
    toets, form, rubric = uh()
    toets.answers["communicatie_aanpak"].not_applicable = NotApplicable()
    ev = evaluate_toets(toets, form, rubric)
    found = [p for p in ev.problems if p.question == "communicatie_aanpak"]
    assert [(p.severity, "waarom" in p.message) for p in found] == [("warning", True)]


def test_nvt_where_the_form_does_not_allow_it_is_an_error():
    toets, form, rubric = uh()
    assert not form.question_index()["gevolgen"].allow_not_applicable
    toets.answers["gevolgen"].not_applicable = NotApplicable(reason="geen idee")
    ev = evaluate_toets(toets, form, rubric)
    assert [p.kind for p in ev.problems if p.question == "gevolgen"] == ["invalid"]
    assert ev.visibility.effective["gevolgen"] == toets.answers["gevolgen"].value


def test_a_hidden_section_makes_its_dimension_nvt_not_unassessed():
    toets, form, rubric = uh()
    toets.answers["decentrale_overheden_betrokken"].value = False
    ev = evaluate_toets(toets, form, rubric)
    udo = dim(ev, "decentrale_overheden")
    assert udo.not_applicable and udo.level is None and udo.unanswered_inputs == ()


def test_a_section_hidden_only_because_its_gate_is_open_is_not_yet_nvt():
    toets, form, rubric = uh()
    del toets.answers["decentrale_overheden_betrokken"]
    ev = evaluate_toets(toets, form, rubric)
    udo = dim(ev, "decentrale_overheden")
    assert not udo.not_applicable and udo.level is None
    assert udo.unanswered_inputs == ("decentrale_overheden_betrokken",)
    text = unassessed_text(udo, compiled(form), "nl")
    assert "beantwoord eerst Decentrale overheden betrokken" in text
    assert any(p.dimension == "decentrale_overheden" for p in ev.provisional.problems)


def test_a_section_declared_nvt_in_one_step(tmp_path):
    toets, form, rubric = uh()
    assert form.section("decentrale_overheden").allow_not_applicable
    toets.not_applicable_sections["decentrale_overheden"] = NotApplicable(
        reason="De decentrale overheden voeren niets uit.")
    ev = evaluate_toets(toets, form, rubric)
    udo = dim(ev, "decentrale_overheden")
    assert udo.not_applicable
    assert udo.not_applicable_reasons == ("De decentrale overheden voeren niets uit.",)
    section_questions = {q.id for q in form.section("decentrale_overheden").questions}
    assert section_questions <= set(ev.visibility.not_applicable)
    assert not [p for p in ev.problems if p.section == "decentrale_overheden"]


def test_a_section_that_may_not_be_nvt_ignores_the_declaration():
    toets, form, rubric = uh()
    toets.not_applicable_sections["eindoordeel"] = NotApplicable(reason="x")
    ev = evaluate_toets(toets, form, rubric)
    assert "eindoordeel_motivering" in ev.visibility.effective


def test_the_explanation_never_asks_for_a_hidden_question():
    catalog = default_catalog()
    form = catalog.forms["uitvoerbaarheidstoets"]
    rubric = catalog.rubric_for(form.id)
    ev = evaluate(form, rubric, {"ict_omvang": "beperkt", "processen_wijzigingen": ""})
    for score in ev.dimensions:
        assert set(score.unanswered_inputs) <= ev.visibility.questions, score.dimension.id
        if score.computed is None and not score.not_applicable:
            text = unassessed_text(score, compiled(form), "nl")
            for qid in score.dimension.inputs:
                if qid not in ev.visibility.questions:
                    assert form.question_index()[qid].title("nl") not in text


def test_a_multichoice_with_one_bad_choice_keeps_the_valid_part_for_conditions():
    catalog = default_catalog()
    form = catalog.forms["uitvoerbaarheidstoets"]
    ev = evaluate(form, None, {"aspecten": ["maakbaarheid_systemen", "bestaat_niet"]})
    assert ev.visibility.effective["aspecten"] == ["maakbaarheid_systemen"]
    assert "ict_omvang" in ev.visibility.questions  # depends on the valid choice
    assert [p.kind for p in ev.problems if p.question == "aspecten"] == ["invalid"]


def test_an_aspect_cannot_be_both_ticked_and_nvt_nor_an_unknown_choice():
    catalog = default_catalog()
    form = catalog.forms["uitvoerbaarheidstoets"]
    ticked = ["maakbaarheid_systemen", "complexiteitsgevolgen"]
    fine = evaluate(form, None, {"aspecten": ticked},
                    choices_not_applicable={"aspecten": ["fraudebestendigheid"]})
    assert not [p for p in fine.problems if p.question == "aspecten"]
    both = evaluate(form, None, {"aspecten": ticked},
                    choices_not_applicable={"aspecten": ["complexiteitsgevolgen", "bestaat_niet"]})
    messages = [p.message for p in both.problems
                if p.question == "aspecten" and p.severity == "error"]
    assert len(messages) == 2
    assert "‘Complexiteitsgevolgen’ is zowel aangevinkt" in messages[0]
    assert "‘bestaat_niet’ staat als n.v.t. aangemerkt" in messages[1]
    elsewhere = evaluate(form, None, {"fte_structureel": 3},
                         choices_not_applicable={"fte_structureel": ["x"]})
    assert any(p.kind == "invalid" for p in elsewhere.problems if p.question == "fte_structureel")


def test_negative_structural_fte_and_costs_are_savings_not_errors():
    catalog = default_catalog()
    form = catalog.forms["uitvoerbaarheidstoets"]
    answers = {"fte_structureel": -12.5, "fte_incidenteel": -1,
               "kosten_structureel": [{"jaar": 2028, "dienstverlening": -2_000_000,
                                       "handhaving_toezicht": 0, "automatisering": 0}]}
    ev = evaluate(form, None, answers)
    kinds = {p.question: p.kind for p in ev.problems if p.kind == "invalid"}
    assert "fte_structureel" not in kinds and "kosten_structureel" not in kinds
    assert kinds.get("fte_incidenteel") == "invalid"  # only structural amounts may be <0
    figures = {f.figure.id: f for f in ev.key_figures}
    assert figures["fte_structureel"].value == -12.5
    assert figures["kosten_structureel"].value == -2_000_000
    assert figures["fte_incidenteel"].value is None
    assert figures["fte_incidenteel"].invalid == -1  # kept, shown as invalid


def test_zero_costs_do_not_ask_about_cost_coverage_but_real_costs_do():
    catalog = default_catalog()
    form = catalog.forms["uitvoerbaarheidstoets"]
    zero = [{"jaar": 2028, "dienstverlening": 0, "handhaving_toezicht": 0, "automatisering": 0}]
    ev = evaluate(form, None, {"kosten_structureel": zero})
    assert not [p for p in ev.problems if p.question == "kosten_dekking"]
    assert {f.figure.id: f.value for f in ev.key_figures}["kosten_structureel"] == 0
    costs = [{"jaar": 2028, "dienstverlening": 10, "handhaving_toezicht": 0,
              "automatisering": 0}]
    ev = evaluate(form, None, {"kosten_structureel": costs})
    assert [p.kind for p in ev.problems if p.question == "kosten_dekking"] == ["missing"]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_property_nvt_never_changes_the_scores_of_other_dimensions(data):
    """Answering a question 'n.v.t.' scores every dimension exactly as leaving it
    unanswered; only a dimension whose every input is now hidden or n.v.t. says so."""
    catalog = default_catalog()
    form_id = data.draw(st.sampled_from(sorted(catalog.forms)), label="form")
    form = catalog.forms[form_id]
    rubric = catalog.rubric_for(form_id)
    questions = [q for _s, q in form.questions() if q.allow_not_applicable]
    answers: dict[str, Any] = {}
    for question in [q for _s, q in form.questions()]:
        if data.draw(st.booleans(), label=f"answer {question.id}"):
            answers[question.id] = data.draw(answer_value(question), label=question.id)
    picked = data.draw(st.lists(st.sampled_from(questions), unique_by=lambda q: q.id,
                                min_size=1, max_size=4), label="n.v.t.")
    nvt = {q.id: "niet van toepassing" for q in picked}
    unanswered = {q: v for q, v in answers.items() if q not in nvt}
    with_nvt = evaluate(form, rubric, answers, not_applicable=nvt)
    without = evaluate(form, rubric, unanswered)
    for a, b in zip(with_nvt.dimensions, without.dimensions, strict=True):
        assert a.level == b.level, a.dimension.id
        assert a.reasons == b.reasons, a.dimension.id
        if a.not_applicable and not b.not_applicable:
            assert set(a.dimension.inputs) & set(nvt), a.dimension.id
    assert (with_nvt.verdict.value if with_nvt.verdict else None) == (
        without.verdict.value if without.verdict else None)
