"""Real toetsen fit, through the command line: savings, n.v.t., invalid answers kept,
joint dossiers and several Kamerstukken, one vocabulary, packages of measures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.export_support import page_text
from toetsapp.catalog import default_catalog
from toetsapp.cli import main
from toetsapp.files.store import load_toets, save_toets
from toetsapp.model.toets import Answer, NotApplicable

UH = ROOT / "examples" / "uitvoerbaarheidstoets.toets"
DV = ROOT / "examples" / "doenvermogentoets.toets"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def saving(tmp_path) -> Path:
    """The Wet ATH U&H-toets with a structural saving in staff and in money."""
    toets = load_toets(UH)
    toets.answers["fte_structureel"].value = -12.5
    toets.answers["kosten_structureel"].value = [
        {"jaar": 2029, "dienstverlening": -3_000_000, "handhaving_toezicht": 500_000,
         "automatisering": -250_000}]
    path = tmp_path / "besparing.toets"
    save_toets(toets, path)
    return path


def test_validate_accepts_negative_structural_fte_and_costs(capsys, saving):
    code, out, err = run(capsys, "validate", "--strict", str(saving))
    assert code == 0, out + err
    assert "negatief" not in out


def test_render_shows_savings_on_page_1(capsys, saving, tmp_path):
    pdf = tmp_path / "besparing.pdf"
    code, _out, err = run(capsys, "render", str(saving), "-o", str(pdf))
    assert code == 0, err
    first = squash(page_text(pdf.read_bytes(), 1))
    # each value may wrap in its cell: '−12,5 fte,' / 'besparing'
    assert "−12,5 fte," in first and "€ −2.750.000," in first, first
    assert first.count("besparing") >= 2


def test_render_in_english_says_saving(capsys, saving, tmp_path):
    pdf = tmp_path / "saving.pdf"
    assert run(capsys, "--lang", "en", "render", str(saving), "-o", str(pdf))[0] == 0
    first = squash(page_text(pdf.read_bytes(), 1))
    assert "−12.5 FTE," in first and first.count("saving") >= 2


def test_a_negative_incidental_fte_is_kept_and_shown_as_invalid(capsys, tmp_path):
    toets = load_toets(UH)
    toets.answers["fte_incidenteel"].value = -5
    path = tmp_path / "fout.toets"
    save_toets(toets, path)
    assert load_toets(path).answers["fte_incidenteel"].value == -5  # kept in the file
    code, out, _err = run(capsys, "validate", str(path))
    assert (code == 1 and "FTE incidenteel" in out) or "fte_incidenteel" in out
    code, out, _err = run(capsys, "score", str(path))
    assert code == 0 and "Ongeldige antwoorden" in out and "-5" in out
    pdf = tmp_path / "fout.pdf"
    code, out, _err = run(capsys, "render", str(path), "-o", str(pdf))
    assert code == 1 and "(fte_incidenteel): mag niet" in _err and not pdf.exists()  # definitief
    assert run(capsys, "render", str(path), "-o", str(pdf), "--concept")[0] == 0
    first = squash(page_text(pdf.read_bytes(), 1))
    assert "Ongeldig: -5" in first and "CONCEPT" in first
    assert first.count("niet ingevuld") == 0


@pytest.fixture
def udo_nvt(tmp_path) -> Path:
    toets = load_toets(UH)
    toets.not_applicable_sections["decentrale_overheden"] = NotApplicable(
        reason="Decentrale overheden voeren geen deel van de regeling uit.")
    path = tmp_path / "udo-nvt.toets"
    save_toets(toets, path)
    return path


def test_udo_nvt_reads_nvt_on_page_1_in_score_and_in_the_comparison(capsys, udo_nvt, tmp_path):
    pdf = tmp_path / "udo.pdf"
    assert run(capsys, "render", str(udo_nvt), "-o", str(pdf))[0] == 0
    first = squash(page_text(pdf.read_bytes(), 1))
    assert "Decentrale overheden n.v.t." in first
    assert "niet beoordeeld" not in first
    code, out, _err = run(capsys, "score", "--json", str(udo_nvt))
    dim = next(d for d in json.loads(out)["dimensions"] if d["id"] == "decentrale_overheden")
    assert (dim["level_label"], dim["not_applicable"]) == ("n.v.t.", True)
    assert "Decentrale overheden voeren geen deel" in dim["not_assessed"]
    code, out, _err = run(capsys, "compare", "--json", str(udo_nvt), str(UH))
    assert code == 0
    table = next(t for t in json.loads(out)["groups"] if t["toets_type"] == "uitvoerbaarheid")
    cells = [row["cells"]["decentrale_overheden"]["text"] for row in table["rows"]]
    assert cells == ["n.v.t.", "Aanzienlijk risico"]
    comparison = tmp_path / "vergelijking.pdf"
    assert run(capsys, "compare", str(udo_nvt), str(UH), "-o", str(comparison))[0] == 0
    text = squash(" ".join(page_text(comparison.read_bytes(), n) for n in (1, 2)))
    assert "n.v.t." in text


def test_the_examples_use_the_new_features():
    uh, dv = load_toets(UH), load_toets(DV)
    assert uh.answers["fte_structureel"].value < 0  # a saving
    assert uh.not_applicable_sections["doenvermogen"].reason  # n.v.t. section with reason
    assert uh.answers["portfolio_beslag"].note  # toelichting beside a scale
    assert dv.answers["pakket"].value is True and len(dv.answers["maatregelen"].value) >= 3


def test_page_1_of_a_package_lists_the_measures_with_their_verdicts(capsys, tmp_path):
    pdf = tmp_path / "dv.pdf"
    assert run(capsys, "render", str(DV), "-o", str(pdf))[0] == 0
    first = squash(page_text(pdf.read_bytes(), 1))
    assert "MAATREGELEN EN OORDEEL (3)" in first
    # worst first, each with its verdict (columns interleave in the text: compare words)
    words = set(first.split())
    for measure, verdict in (("Terugvordering bij nieuwe huurders", "4. Groter beroep en"),
                             ("Automatische toekenning zonder", "2. Kleiner beroep")):
        assert set(measure.split()) | set(verdict.split()) | {"—"} <= words, measure
    items = [line for line in page_text(pdf.read_bytes(), 1).splitlines()]
    assert any(line.startswith("1. Terugvordering") for line in items)


def test_the_package_verdict_is_the_worst_measure_unless_overridden(capsys, tmp_path):
    from toetsapp.engine import evaluate_toets

    catalog = default_catalog()
    toets = load_toets(DV)
    form, rubric = catalog.forms[toets.form.id], catalog.rubric_for(toets.form.id)
    package = [r for r in evaluate_toets(toets, form, rubric).verdict.reasons
               if r.questions == ("maatregelen",)]
    assert package[0].level == "groter_beroep_aandachtspunt"
    toets.answers["pakket"] = Answer(value=False)  # one measure: as simple as before
    single = evaluate_toets(toets, form, rubric)
    assert not [r for r in single.verdict.reasons if r.questions == ("maatregelen",)]


def test_one_vocabulary_for_the_doenvermogen_verdict():
    catalog = default_catalog()
    uh = catalog.forms["uitvoerbaarheidstoets"].question_index()["doenvermogen_oordeel"]
    dv = catalog.rubric_for("doenvermogentoets").verdicts
    column = catalog.forms["doenvermogentoets"].question_index()["maatregelen"].column(
        "oordeel")
    for lang in ("nl", "en"):
        verdicts = [v.label.get(lang) for v in dv]
        assert [c.label.get(lang) for c in uh.choices] == verdicts
        assert [c.label.get(lang) for c in column.choices] == verdicts


def test_title_and_ministry_are_asked_once():
    catalog = default_catalog()
    for form in catalog.forms.values():
        ids = set(form.question_index())
        assert not ids & {"voorstel_titel", "verantwoordelijk_ministerie", "titel_voorstel",
                          "ministerie"}, form.id


def test_joint_dossiers_and_related_kamerstukken_in_the_citation(capsys, tmp_path):
    toets = load_toets(UH)
    toets.metadata.joint_dossiernummers = ["36813", "36 814"]
    path = tmp_path / "samen.toets"
    save_toets(toets, path)
    again = load_toets(path)
    assert again.metadata.citation() == (
        "Kamerstukken II 2025/26, 36 812, 36 813 en 36 814, nr. 3")
    assert again.metadata.related_kamerstukken[0].citation() == (
        "Kamerstukken II 2025/26, 36 812, nr. 4")
    pdf = tmp_path / "samen.pdf"
    assert run(capsys, "render", str(path), "-o", str(pdf))[0] == 0
    assert "36 812, 36 813 en 36 814, nr. 3" in squash(page_text(pdf.read_bytes(), 1))


def test_error_messages_name_the_expected_form_in_words(capsys, tmp_path):
    data = json.loads(UH.read_text("utf-8"))
    data["metadata"]["vergaderjaar"] = "2025"
    data["metadata"]["kamerstuk_document"] = "D12345"
    data["metadata"]["joint_dossiernummers"] = ["3650"]
    path = tmp_path / "vorm.toets"
    path.write_text(json.dumps(data), "utf-8")
    code, out, err = run(capsys, "validate", str(path))
    text = out + err
    assert code in (1, 3)
    assert "2025/26" in text and "2025D12345" in text and "36 501" in text
    for regex in ("\\d", "^(", ")?$", "[A-Z]"):
        assert regex not in text, text


def test_a_joint_dossier_cites_every_bill_and_warns_about_a_foreign_document(tmp_path):
    from tests.dossier_support import render, write_manifest
    from toetsapp.dossier import build_dossier, load_manifest

    own = load_toets(UH)
    foreign = load_toets(DV)
    foreign.metadata.dossiernummer = "36 999"
    (tmp_path / "eigen.pdf").write_bytes(render(own))
    (tmp_path / "vreemd.pdf").write_bytes(render(foreign))
    path = write_manifest(tmp_path, [{"file": "eigen.pdf"}, {"file": "vreemd.pdf"}],
                          joint_dossiernummers=["36813"])
    manifest = load_manifest(path)
    assert manifest.dossier.citation() == "Kamerstukken II 2025/26, 36 812 en 36 813"
    result = build_dossier(manifest, path)
    warned = [w for w in result.warnings if "vreemd.pdf" in w]
    assert warned and "36 999" in warned[0] and "36 812 en 36 813" in warned[0]
    assert not [w for w in result.warnings if "eigen.pdf" in w]
    # a toets of the jointly treated bill belongs too
    foreign.metadata.dossiernummer = "36 813"
    (tmp_path / "vreemd.pdf").write_bytes(render(foreign))
    assert not [w for w in build_dossier(manifest, path).warnings if "vreemd.pdf" in w]
