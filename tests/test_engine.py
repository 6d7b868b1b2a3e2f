"""The engine: visibility, completeness, scoring and explanations."""

from __future__ import annotations

import pytest

from toetsapp.engine import evaluate
from toetsapp.engine.compiled import compiled
from toetsapp.engine.explain import explain_dimension, explain_verdict
from toetsapp.model.toets import Override, Overrides


@pytest.fixture
def mini(mini_catalog):
    return mini_catalog.form("mini"), mini_catalog.rubric_for("mini")


def _levels(ev):
    return {s.dimension.id: s.level for s in ev.dimensions}


def test_empty_toets_has_no_scores_and_lists_required(mini):
    form, rubric = mini
    ev = evaluate(form, rubric, {})
    assert _levels(ev) == {"impact": None, "risico": None, "digitaal": None}
    assert ev.verdict.value is None
    assert [(p.kind, p.question) for p in ev.errors] == [("missing", "titel"),
                                                         ("missing", "gevolgen")]


def test_visibility_follows_conditions(mini):
    form, rubric = mini
    ev = evaluate(form, rubric, {"gevolgen": "beperkt"})
    assert "ict_detail" not in ev.visibility.questions
    assert "extra" not in ev.visibility.sections
    ev = evaluate(form, rubric, {"gevolgen": "ingrijpend", "aspecten": ["ict"]})
    assert {"ict_detail", "maatregelen"} <= ev.visibility.questions
    missing = {p.question for p in ev.errors if p.kind == "missing"}
    assert missing == {"titel", "ict_detail", "maatregelen"}  # required_when and section


def test_hidden_answers_do_not_count_and_are_reported(mini):
    form, rubric = mini
    answers = {"titel": "x", "gevolgen": "beperkt", "aspecten": ["fraude"],
               "ict_detail": "verborgen antwoord", "maatregelen": "ook verborgen"}
    ev = evaluate(form, rubric, answers)
    assert "ict_detail" not in ev.visibility.effective
    hidden = sorted(p.question for p in ev.problems if p.kind == "hidden")
    assert hidden == ["ict_detail", "maatregelen"]
    assert all(p.severity == "info" for p in ev.problems if p.kind == "hidden")


def test_worst_matching_rule_wins_and_is_explained(mini):
    form, rubric = mini
    answers = {"gevolgen": "ingrijpend", "aantal": 250_000}
    ev = evaluate(form, rubric, answers)
    impact = ev.dimensions[0]
    assert impact.computed == "slecht"
    # the "middelgroot or worse" band is subsumed by the worse rule on the same answer
    assert [r.level for r in impact.reasons] == ["slecht", "slecht"]
    explained = explain_dimension(impact, rubric, compiled(form), ev.visibility.effective, "nl")
    assert explained[0].because == "Ingrijpende gevolgen."
    assert explained[0].basis == (("Gevolgen?", "Ingrijpend"),)
    assert explained[1].basis == (("Aantal?", "250.000 personen"),)
    assert ev.verdict.value == "nee"


def test_default_level_when_no_rule_holds(mini):
    form, rubric = mini
    ev = evaluate(form, rubric, {"gevolgen": "beperkt", "digitaal": False})
    assert _levels(ev) == {"impact": "goed", "risico": None, "digitaal": "goed"}
    assert ev.dimensions[0].reasons[0].is_default
    assert ev.verdict.computed == "ja"
    explained = explain_verdict(ev.verdict, rubric, compiled(form), ev.visibility.effective,
                                ev.dimensions, "nl")
    assert explained[0].because == "Geen knelpunten."


def test_table_rules_any_row_and_row_count(mini):
    form, rubric = mini
    rows = [{"risico": "a", "ernst": "laag"}, {"risico": "b", "ernst": "midden"},
            {"risico": "c", "ernst": "laag"}]
    assert _levels(evaluate(form, rubric, {"risicos": rows}))["risico"] == "aandacht"
    rows.append({"risico": "d", "ernst": "hoog"})
    assert _levels(evaluate(form, rubric, {"risicos": rows}))["risico"] == "slecht"
    assert _levels(evaluate(form, rubric, {"risicos": rows[:1]}))["risico"] == "goed"


def test_invalid_values_are_errors_and_do_not_score(mini):
    form, rubric = mini
    ev = evaluate(form, rubric, {"gevolgen": "heel_groot", "aantal": -5, "fte": "veel",
                                 "start": "31-12-2027", "aspecten": ["ict", "ict"]})
    invalid = {p.question: p.message for p in ev.problems if p.kind == "invalid"}
    assert set(invalid) == {"gevolgen", "aantal", "fte", "start", "aspecten"}
    assert invalid["aantal"] == "mag niet kleiner zijn dan 0"
    assert "gevolgen" not in ev.visibility.effective


def test_table_cell_problems_name_row_and_column(mini):
    form, rubric = mini
    ev = evaluate(form, rubric, {"risicos": [{"ernst": "hoog"}, {"risico": "x", "bedrag": "?"}]})
    found = {(p.row, p.column, p.kind) for p in ev.problems if p.question == "risicos"}
    assert found == {(0, "risico", "missing"), (1, "bedrag", "invalid")}


def test_text_limit(mini):
    form, rubric = mini
    ev = evaluate(form, rubric, {"titel": "x" * 501})
    assert [p.message for p in ev.errors if p.question == "titel"] == [
        "tekst is te lang (501 tekens; maximaal 500)"]


def test_override_keeps_computed_and_flows_into_verdict(mini):
    form, rubric = mini
    answers = {"gevolgen": "ingrijpend"}
    overrides = Overrides(dimensions={"impact": Override(
        value="aandacht", motivation="Mitigerende maatregelen zijn al gefinancierd.",
        computed="slecht")})
    ev = evaluate(form, rubric, answers, overrides)
    impact = ev.dimensions[0]
    assert (impact.computed, impact.level, impact.overridden) == ("slecht", "aandacht", True)
    assert ev.verdict.computed == "voorwaarden"


def test_verdict_override(mini):
    form, rubric = mini
    overrides = Overrides(verdict=Override(value="voorwaarden", motivation="Zie bijlage 2."))
    ev = evaluate(form, rubric, {"gevolgen": "ingrijpend"}, overrides)
    assert (ev.verdict.computed, ev.verdict.value, ev.verdict.overridden) == (
        "nee", "voorwaarden", True)


def test_override_needs_motivation():
    with pytest.raises(ValueError):
        Override(value="goed", motivation="   ")


def test_unknown_override_target_is_reported_not_applied(mini):
    form, rubric = mini
    overrides = Overrides(dimensions={"impact": Override(value="super", motivation="m"),
                                      "nope": Override(value="goed", motivation="m")})
    ev = evaluate(form, rubric, {"gevolgen": "ingrijpend"}, overrides)
    assert ev.dimensions[0].level == "slecht"
    assert {p.severity for p in ev.problems if p.kind == "override"} == {"error", "warning"}


def test_key_figures_and_lists(mini):
    form, rubric = mini
    rows = [{"risico": "laag risico", "ernst": "laag", "bedrag": 100},
            {"risico": "hoog risico", "ernst": "hoog", "bedrag": 250.5},
            {"risico": "midden risico", "ernst": "midden"}]
    ev = evaluate(form, rubric, {"kosten": 1200, "risicos": rows})
    figures = {k.figure.id: (k.value, k.type) for k in ev.key_figures}
    assert figures == {"k_kosten": (1200, "money"), "k_risicos": (3, "count"),
                       "k_bedrag": (350.5, "money")}
    assert ev.key_lists[0].items == ("hoog risico", "midden risico")
    assert ev.key_lists[0].total == 3


def test_unknown_answer_is_a_warning(mini):
    form, rubric = mini
    ev = evaluate(form, rubric, {"verdwenen_vraag": "x"})
    assert [(p.kind, p.severity) for p in ev.problems if p.question == "verdwenen_vraag"] == [
        ("unknown", "warning")]


def test_section_progress(mini):
    form, rubric = mini
    ev = evaluate(form, rubric, {"titel": "x", "gevolgen": "beperkt"})
    assert ev.section_progress("basis") == (2, 6)


def test_table_explanation_names_matching_rows(mini):
    form, rubric = mini
    rows = [{"risico": "Uitval koppeling", "ernst": "hoog"}, {"risico": "Piek", "ernst": "laag"},
            {"risico": "Fraude", "ernst": "hoog"}]
    ev = evaluate(form, rubric, {"risicos": rows})
    explained = explain_dimension(ev.dimensions[1], rubric, compiled(form),
                                  ev.visibility.effective, "nl")
    assert explained[0].basis == (("Risico's?", "Uitval koppeling; Fraude"),)  # reader text
    assert len(explained) == 1  # "three or more rows" reads the same table: subsumed
    ev = evaluate(form, rubric, {"risicos": [{"risico": r} for r in "abc"]})
    explained = explain_dimension(ev.dimensions[1], rubric, compiled(form),
                                  ev.visibility.effective, "nl")
    assert explained[0].basis == (("Risico's?", "a; b; c"),)  # the rows by name, not '3 rijen'


def test_explanations_keep_whole_items_and_words():
    from toetsapp.engine.explain import _clip, _clip_items

    items = [f"Maatregel {i} met een beschrijving van enige lengte" for i in range(12)]
    text = _clip_items(items)
    assert text.endswith(")") and "(en nog " in text
    assert all(part in items for part in text.rsplit(" (en nog", 1)[0].split("; "))
    prose = "Eerste zin van het bewijs. " + "Een lange tweede zin met woorden " * 12
    clipped = _clip(prose)
    assert clipped == "Eerste zin van het bewijs. …" or clipped.endswith(" …")
    assert clipped.removesuffix(" …") in prose
    words = set(prose.replace(".", " ").split())
    assert set(clipped.removesuffix(" …").replace(".", " ").split()) <= words  # no cut word


def test_count_condition_in_verdict_rules(mini_catalog):
    from toetsapp.model.rubric import Rubric

    form = mini_catalog.form("mini")
    data = mini_catalog.rubric_for("mini").model_dump(mode="json", by_alias=True,
                                                     exclude_none=True)
    data["verdict_rules"] = [{"when": {"count_at_least": "aandacht", "min": 2},
                              "verdict": "nee", "because": {"nl": "Twee of meer.", "en": "x"}}]
    rubric = Rubric.model_validate(data)
    one = evaluate(form, rubric, {"gevolgen": "middelgroot", "digitaal": False})
    two = evaluate(form, rubric, {"gevolgen": "middelgroot", "digitaal": True})
    assert (one.verdict.computed, two.verdict.computed) == ("ja", "nee")
    assert set(two.verdict.reasons[0].dimensions) == {"impact", "risico", "digitaal"}
    data["verdict_rules"][0]["when"]["dimensions"] = ["impact", "risico"]
    narrowed = evaluate(form, Rubric.model_validate(data),
                        {"gevolgen": "middelgroot", "digitaal": True})
    assert narrowed.verdict.computed == "ja"


def test_lower_band_on_other_answers_is_kept(mini):
    form, rubric = mini
    ev = evaluate(form, rubric, {"gevolgen": "middelgroot", "aantal": 250_000})
    reasons = [(r.level, r.questions) for r in ev.dimensions[0].reasons]
    assert reasons == [("slecht", ("aantal",)), ("aandacht", ("gevolgen",))]
