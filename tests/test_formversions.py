"""Form versions: a toets pins its form version; migrating to a newer version happens on
request, with a report, through the explicit mapping in the newer form; rendering uses
the pinned version's labels while it is shipped (tests/data/formversions ships 1.0.0)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.export_support import all_text, squash
from toetsapp.catalog import Catalog
from toetsapp.cli import main
from toetsapp.engine import evaluate_toets
from toetsapp.export.files import write_toets_pdf
from toetsapp.files.store import load_toets, save_toets
from toetsapp.model.toets import Answer, DefinitionRef, Toets
from toetsapp.review.formversions import form_report, migrate_toets, rendering_form

DATA = ROOT / "tests" / "data" / "formversions"


@pytest.fixture
def versions() -> Catalog:
    catalog = Catalog.load(DATA / "forms", DATA / "rubrics")
    assert not catalog.problems, [p.describe() for p in catalog.problems]
    return catalog


def old_toets(catalog: Catalog) -> Toets:
    """A toets filled against mini 1.0.0 (the older, still shipped version)."""
    ref = DefinitionRef(id="mini", version="1.0.0", hash=catalog.archive_hashes["mini", "1.0.0"])
    toets = Toets(form=ref, rubric=catalog.rubric_ref("mini"))
    toets.metadata.title = "Wet oude versie"
    toets.answers = {"titel": Answer(value="Wet X"),
                     "toelichting": Answer(value="Uitleg in oude vraag", evidence="Nota"),
                     "soort": Answer(value="regeling"), "start": Answer(value="2027-01-01"),
                     "gevolgen": Answer(value="middelgroot")}
    return toets


def test_the_older_version_is_shipped_and_pinned(versions):
    assert versions.forms["mini"].version == "1.1.0"
    assert ("mini", "1.0.0") in versions.archive
    toets = old_toets(versions)
    assert versions.pinned_form(toets.form) is versions.archive["mini", "1.0.0"]
    assert versions.pinned_form(versions.form_ref("mini")) is versions.forms["mini"]


def test_report_names_added_removed_renamed_and_changed_choices(versions):
    report = form_report(versions.archive["mini", "1.0.0"], versions.forms["mini"],
                         old_toets(versions))
    assert report.renamed == {"toelichting": "uitleg"}
    assert report.added == ["bron"]
    assert report.removed == ["start"]
    assert report.choices_changed["soort"] == {"renamed": ["regeling→ministeriele_regeling"],
                                               "added": ["beleidsregel"]}
    assert report.answers_moved == ["toelichting"]
    assert report.answers_orphaned == ["start"]
    assert report.values_renamed == ["soort"]
    text = "\n".join(report.lines())
    assert "hernoemd: toelichting → uitleg" in text and "verwijderd: start" in text


def test_migrating_on_request_keeps_every_answer_and_logs_it(versions, tmp_path):
    toets = old_toets(versions)
    new = versions.forms["mini"]
    moved, _report = migrate_toets(toets, versions.archive["mini", "1.0.0"], new,
                                   versions.form_ref("mini"), by="Eva")
    assert toets.form.version == "1.0.0"  # never silently: the original is untouched
    assert moved.form.version == "1.1.0" and moved.id == toets.id
    assert moved.answers["uitleg"].value == "Uitleg in oude vraag"
    assert moved.answers["uitleg"].evidence == "Nota"
    assert moved.answers["soort"].value == "ministeriele_regeling"
    assert moved.answers["start"].value == "2027-01-01"  # kept (an unknown question now)
    assert "toelichting" not in moved.answers
    keys = {c.key for c in moved.revisions[-1].changes}
    assert {"answers.uitleg.value", "answers.toelichting.value", "answers.soort.value",
            "form"} <= keys
    path = tmp_path / "bijgewerkt.toets"
    save_toets(moved, path)
    again = load_toets(path)
    evaluation = evaluate_toets(again, new, versions.rubric_for("mini"))
    assert not [p for p in evaluation.errors if p.question in ("uitleg", "soort")]


def test_rendering_uses_the_pinned_labels_and_says_so(versions, tmp_path):
    toets = old_toets(versions)
    form, notes = rendering_form(toets, versions)
    assert form.version == "1.0.0" and "formulierversie 1.0.0" in notes[0]
    path = tmp_path / "oud.toets"
    save_toets(toets, path)
    pdf = write_toets_pdf(path, tmp_path / "oud.pdf", catalog=versions, invariant=True)
    text = squash(all_text(pdf.read_bytes()))
    assert "Toelichting?" in text  # the old label, not 'Uitleg bij het voorstel?'
    assert "Uitleg bij het voorstel?" not in text
    assert squash("Weergegeven met de vragen en labels van formulierversie 1.0.0") in text


def test_a_version_no_longer_shipped_renders_with_the_current_one(versions):
    toets = old_toets(versions)
    versions.archive.clear()
    form, notes = rendering_form(toets, versions)
    assert form.version == "1.1.0" and "niet meer meegeleverd" in notes[0]


def test_cli_migrate_report_then_write(versions, tmp_path, capsys, monkeypatch):
    import toetsapp.catalog

    monkeypatch.setattr(toetsapp.catalog, "default_catalog", lambda: versions)
    path, out = tmp_path / "oud.toets", tmp_path / "nieuw.toets"
    save_toets(old_toets(versions), path)
    assert main(["migrate", str(path)]) == 0
    text = capsys.readouterr().out
    assert "versie 1.0.0 → 1.1.0" in text and not out.exists()
    assert main(["migrate", "--json", str(path), "-o", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["renamed"] == {"toelichting": "uitleg"} and data["written"] == str(out)
    assert load_toets(out).form.version == "1.1.0"
    assert main(["migrate", str(out)]) == 0
    assert "al de huidige formulierversie" in capsys.readouterr().out
    versions.archive.clear()
    assert main(["migrate", str(path)]) == 1


_ = Path


def test_the_app_upgrades_the_form_on_request(qtbot, versions, tmp_path):
    from tests.uihelp import dispose, open_window

    path = tmp_path / "oud.toets"
    save_toets(old_toets(versions), path)
    window = open_window(qtbot, versions)
    try:
        assert window.open_path(path)
        assert window.doc.toets.form.version == "1.0.0"  # opening never migrates
        assert window.upgrade_form(ask=False)
        doc = window.doc
        assert doc.toets.form.version == "1.1.0" and doc.modified
        assert doc.toets.answers["uitleg"].value == "Uitleg in oude vraag"
        assert load_toets(path).form.version == "1.0.0"  # nothing saved until asked
        assert window.save()
        assert load_toets(path).form.version == "1.1.0"
        assert not window.upgrade_form(ask=False)
    finally:
        dispose(window)
