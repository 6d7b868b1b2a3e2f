"""Forms and rubrics: the shipped ones validate; broken ones are rejected precisely."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toetsapp.catalog import Catalog, definition_files
from toetsapp.definitions import load_form, load_rubric, translation_issues
from toetsapp.errors import FileProblem
from toetsapp.resources import resource_dir
from toetsapp.schemas import TARGETS, schema_text

SHIPPED_FORMS = definition_files(resource_dir("forms"))
SHIPPED_RUBRICS = definition_files(resource_dir("rubrics"))


def test_three_toets_types_are_shipped(catalog):
    assert not catalog.problems, [p.describe() for p in catalog.problems]
    assert {f.toets_type for f in catalog.forms.values()} == {
        "uitvoerbaarheid", "doenvermogen", "invoering"}
    for form in catalog.forms.values():
        assert catalog.rubric_for(form.id) is not None, form.id
        assert len(form.question_index()) >= 30, f"{form.id} is too small to be real"


@pytest.mark.parametrize("path", SHIPPED_FORMS + SHIPPED_RUBRICS, ids=lambda p: p.name)
def test_shipped_definitions_are_fully_translated(path: Path):
    data = json.loads(path.read_text("utf-8"))
    assert translation_issues(data) == []


def test_shipped_forms_use_every_question_type(catalog):
    used = {q.type for form in catalog.forms.values() for _, q in form.questions()}
    assert used >= {"text", "textarea", "choice", "multichoice", "scale", "boolean", "number",
                    "money", "fte", "date", "table"}


@pytest.mark.parametrize("key", list(TARGETS), ids=lambda k: k[1])
def test_committed_schemas_match_the_models(key):
    folder, name = key
    model, title = TARGETS[key]
    committed = (resource_dir(folder) / name).read_text("utf-8")
    assert committed == schema_text(model, title, name), (
        "schema drifted: run python -m toetsapp.schemas")


def _write(tmp_path: Path, data: dict, name: str = "form.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), "utf-8")
    return path


def _issues(exc: pytest.ExceptionInfo[FileProblem]) -> list[str]:
    return [str(i) for i in exc.value.issues]


def test_mini_form_loads(mini_form_data, tmp_path):
    form, digest = load_form(_write(tmp_path, mini_form_data))
    assert form.id == "mini" and digest.startswith("sha256:")


def test_hash_ignores_formatting_but_not_content(mini_form_data, tmp_path):
    a = tmp_path / "a.json"
    a.write_text(json.dumps(mini_form_data, indent=4), "utf-8")
    b = tmp_path / "b.json"
    b.write_text(json.dumps(dict(reversed(list(mini_form_data.items())))), "utf-8")
    assert load_form(a)[1] == load_form(b)[1]
    mini_form_data["sections"][0]["questions"][0]["label"]["nl"] = "Andere titel?"
    assert load_form(_write(tmp_path, mini_form_data, "c.json"))[1] != load_form(a)[1]


def test_duplicate_question_id_names_file_and_path(mini_form_data, tmp_path):
    mini_form_data["sections"][1]["questions"][0]["id"] = "titel"
    path = _write(tmp_path, mini_form_data)
    with pytest.raises(FileProblem) as exc:
        load_form(path)
    assert exc.value.file == path
    assert _issues(exc) == ["$.sections[1].questions[0].id: dubbele vraag-id 'titel'"]


def test_unknown_question_in_condition(mini_form_data, tmp_path):
    mini_form_data["sections"][0]["questions"][4]["visible_when"]["question"] = "bestaat_niet"
    with pytest.raises(FileProblem) as exc:
        load_form(_write(tmp_path, mini_form_data))
    assert _issues(exc) == [
        "$.sections[0].questions[4].visible_when.question: onbekende vraag 'bestaat_niet'"]


def test_unknown_choice_value_in_condition(mini_form_data, tmp_path):
    mini_form_data["sections"][2]["visible_when"]["value"] = "enorm"
    with pytest.raises(FileProblem) as exc:
        load_form(_write(tmp_path, mini_form_data))
    assert _issues(exc) == [
        "$.sections[2].visible_when.value: 'enorm' is geen keuzewaarde van 'gevolgen'"]


def test_nested_condition_path(mini_form_data, tmp_path):
    q = mini_form_data["sections"][0]["questions"][1]
    q["visible_when"] = {"all": [{"question": "titel", "op": "answered"},
                                 {"not": {"question": "soort", "op": "in",
                                          "value": ["wet", "besluit"]}}]}
    with pytest.raises(FileProblem) as exc:
        load_form(_write(tmp_path, mini_form_data))
    assert _issues(exc) == ["$.sections[0].questions[1].visible_when.all[1].not.value[1]: "
                            "'besluit' is geen keuzewaarde van 'soort'"]


def test_operator_must_fit_question_type(mini_form_data, tmp_path):
    q = mini_form_data["sections"][0]["questions"][1]
    q["visible_when"] = {"question": "titel", "op": "contains", "value": "x"}
    with pytest.raises(FileProblem) as exc:
        load_form(_write(tmp_path, mini_form_data))
    assert _issues(exc) == ["$.sections[0].questions[1].visible_when.value: "
                            "'contains' kan alleen bij meerkeuze"]


def test_visibility_cycle_is_rejected(mini_form_data, tmp_path):
    questions = mini_form_data["sections"][0]["questions"]
    questions[0]["visible_when"] = {"question": "toelichting", "op": "answered"}
    questions[1]["visible_when"] = {"question": "titel", "op": "answered"}
    with pytest.raises(FileProblem) as exc:
        load_form(_write(tmp_path, mini_form_data))
    assert any("hangt (via andere vragen) van zichzelf af" in i for i in _issues(exc))


def test_schema_errors_carry_json_paths(mini_form_data, tmp_path):
    mini_form_data["sections"][0]["questions"][2]["type"] = "slider"
    del mini_form_data["version"]
    with pytest.raises(FileProblem) as exc:
        load_form(_write(tmp_path, mini_form_data))
    issues = _issues(exc)
    assert any(i.startswith("$: 'version' is a required property") for i in issues)
    assert any(i.startswith("$.sections[0].questions[2].type:") for i in issues)


def test_eval_like_strings_are_just_data(mini_form_data, tmp_path):
    mini_form_data["sections"][0]["questions"][1]["visible_when"] = "__import__('os')"
    with pytest.raises(FileProblem) as exc:
        load_form(_write(tmp_path, mini_form_data))
    assert _issues(exc)[0].startswith("$.sections[0].questions[1].visible_when:")


def test_rubric_rejects_unknown_levels_dimensions_and_questions(mini_dirs, mini_rubric_data):
    forms_dir, _rubrics = mini_dirs
    form, _ = load_form(forms_dir / "mini.json")
    mini_rubric_data["dimensions"][0]["rules"][0]["level"] = "matig"
    mini_rubric_data["dimensions"][1]["inputs"].append("spook")
    mini_rubric_data["verdict_rules"][0]["when"]["dimension"] = "onbekend"
    path = _write(forms_dir.parent, mini_rubric_data, "rubric.json")
    with pytest.raises(FileProblem) as exc:
        load_rubric(path, {"mini": form})
    assert _issues(exc) == [
        "$.dimensions[0].rules[0].level: onbekend niveau 'matig'",
        "$.dimensions[1].inputs[2]: onbekende vraag 'spook'",
        "$.verdict_rules[0].when.dimension: onbekende dimensie 'onbekend'",
    ]


def test_dimension_condition_not_allowed_in_forms(mini_form_data, tmp_path):
    mini_form_data["sections"][0]["questions"][1]["visible_when"] = {
        "dimension": "impact", "op": "assessed"}
    with pytest.raises(FileProblem) as exc:
        load_form(_write(tmp_path, mini_form_data))
    assert "alleen in een oordeelsregel" in _issues(exc)[0]


def test_broken_definition_lands_in_catalog_problems(mini_dirs):
    forms_dir, rubrics_dir = mini_dirs
    (forms_dir / "kapot.json").write_bytes(b'{"id": "kapot", ')
    catalog = Catalog.load(forms_dir, rubrics_dir)
    assert "mini" in catalog.forms
    assert [p.file.name for p in catalog.problems] == ["kapot.json"]
    assert "geen geldige JSON" in catalog.problems[0].describe()


def test_missing_translation_is_reported(mini_form_data):
    mini_form_data["sections"][0]["title"] = {"nl": "Basis"}
    assert [str(i) for i in translation_issues(mini_form_data)] == [
        "$.sections[0].title: Engelse vertaling ontbreekt"]


def test_section_cannot_depend_on_its_own_questions(mini_form_data, tmp_path):
    mini_form_data["sections"][2]["visible_when"] = {"question": "maatregelen", "op": "answered"}
    with pytest.raises(FileProblem) as exc:
        load_form(_write(tmp_path, mini_form_data))
    assert "$.sections[2].visible_when: een sectie kan niet afhangen van haar eigen vragen" in (
        _issues(exc)[0])


def test_count_condition_is_checked(mini_dirs, mini_rubric_data):
    forms_dir, _rubrics = mini_dirs
    form, _ = load_form(forms_dir / "mini.json")
    mini_rubric_data["verdict_rules"][0]["when"] = {
        "count_at_least": "rampzalig", "min": 5, "dimensions": ["impact", "spook"]}
    path = _write(forms_dir.parent, mini_rubric_data, "rubric.json")
    with pytest.raises(FileProblem) as exc:
        load_rubric(path, {"mini": form})
    assert _issues(exc) == [
        "$.verdict_rules[0].when.count_at_least: onbekend niveau 'rampzalig'",
        "$.verdict_rules[0].when.dimensions[1]: onbekende dimensie 'spook'",
        "$.verdict_rules[0].when.min: min is groter dan het aantal dimensies",
    ]
