"""The app's editors for n.v.t. (question and whole section), the toelichting beside a
closed answer, 'anders, namelijk', and the measures of a package."""

from __future__ import annotations

import os
import shutil

from PySide6.QtCore import Qt

from tests.conftest import ROOT
from tests.fill import click_box, fill_editor, fill_table
from tests.uihelp import dispose, open_window, type_text
from toetsapp.editing import AnswerPart, SectionSlot
from toetsapp.files.store import load_toets

UH = ROOT / "examples" / "uitvoerbaarheidstoets.toets"
DV = ROOT / "examples" / "doenvermogentoets.toets"
SHOTS = os.environ.get("TOETSAPP_TEST_SHOTS")  # a folder: keep screenshots for looking


def open_copy(qtbot, catalog, tmp_path, source):
    path = tmp_path / source.name
    shutil.copy(source, path)
    window = open_window(qtbot, catalog)
    assert window.open_path(path)
    return window, path


def page_of(window, section_id: str):
    view = window.view
    number = view.section_index[section_id] + 1
    view.go_to(number)
    return view.page(number)


def chip(window, dimension: str) -> str:
    return window.scores.rows[dimension].chip.text()


def test_a_whole_section_is_declared_nvt_in_one_step(qtbot, catalog, tmp_path):
    window, path = open_copy(qtbot, catalog, tmp_path, UH)
    try:
        doc = window.doc
        assert chip(window, "decentrale_overheden") == "Aanzienlijk risico"
        page = page_of(window, "decentrale_overheden")
        assert page.nvt_box is not None and not page.nvt_reason.isVisible()
        click_box(qtbot, page.nvt_box)
        assert page.nvt_reason.isVisible()
        type_text(qtbot, page.nvt_reason, "Gemeenten voeren niets uit")
        assert doc.value(SectionSlot("decentrale_overheden")) == "Gemeenten voeren niets uit"
        assert chip(window, "decentrale_overheden") == "n.v.t."
        widget = page.widgets["udo_taken"]
        assert not widget.editor.isEnabled()
        if SHOTS:
            window.grab().save(f"{SHOTS}/section-nvt.png")
        assert window.save_as(path)
        assert load_toets(path).not_applicable_sections[
            "decentrale_overheden"].reason == "Gemeenten voeren niets uit"
        # one undo step for the reason, one for the tick
        window.actions.undo.trigger()
        window.actions.undo.trigger()
        assert doc.value(SectionSlot("decentrale_overheden")) is None
        assert chip(window, "decentrale_overheden") == "Aanzienlijk risico"
        assert widget.editor.isEnabled() and not page.nvt_box.isChecked()
    finally:
        dispose(window)


def test_a_question_answered_nvt_with_a_reason(qtbot, catalog, tmp_path):
    window, _path = open_copy(qtbot, catalog, tmp_path, UH)
    try:
        doc = window.doc
        page = page_of(window, "communicatie")
        widget = page.widgets["communicatie_aanpak"]
        errors = len(doc.evaluation.errors)
        click_box(qtbot, widget.nvt_box)
        type_text(qtbot, widget.nvt_reason, "Geen nieuwe communicatie nodig")
        assert doc.value(AnswerPart("communicatie_aanpak", "not_applicable")) == (
            "Geen nieuwe communicatie nodig")
        assert doc.value(AnswerPart("communicatie_aanpak")) is not None  # kept
        assert not widget.editor.isEnabled()
        assert "communicatie_aanpak" in doc.evaluation.visibility.not_applicable
        assert len(doc.evaluation.errors) == errors
        click_box(qtbot, widget.nvt_box)
        assert doc.value(AnswerPart("communicatie_aanpak", "not_applicable")) is None
        assert widget.editor.isEnabled()
        # identification facts cannot be n.v.t.
        assert page_of(window, "identificatie").widgets["ketenbrede_toets"].nvt_box is None
    finally:
        dispose(window)


def test_a_toelichting_beside_a_scale_and_anders_namelijk(qtbot, catalog, tmp_path):
    window, path = open_copy(qtbot, catalog, tmp_path, UH)
    try:
        doc = window.doc
        page = page_of(window, "invoering")
        widget = page.widgets["portfolio_beslag"]
        assert widget.note_edit.text().startswith("Past in release 2027.2")
        widget.note_edit.selectAll()
        type_text(qtbot, widget.note_edit, "Release 2028.1")
        assert doc.value(AnswerPart("portfolio_beslag", "note")) == "Release 2028.1"
        assert doc.value(AnswerPart("portfolio_beslag")) == "aanzienlijk"  # value untouched
        ident = page_of(window, "identificatie")
        soort = ident.widgets["soort_regelgeving"]
        assert not soort.other_edit.isVisible()
        question = doc.form.question_index()["soort_regelgeving"]
        fill_editor(qtbot, soort.editor, question, "anders")
        assert soort.other_edit.isVisible()
        type_text(qtbot, soort.other_edit, "Experimenteerwet")
        assert doc.value(AnswerPart("soort_regelgeving", "other")) == "Experimenteerwet"
        if SHOTS:
            window.grab().save(f"{SHOTS}/other.png")
        assert window.save_as(path)
        saved = load_toets(path).answers
        assert (saved["portfolio_beslag"].note, saved["soort_regelgeving"].other) == (
            "Release 2028.1", "Experimenteerwet")
    finally:
        dispose(window)


def test_the_measures_of_a_package_and_the_package_verdict(qtbot, catalog, tmp_path):
    window, _path = open_copy(qtbot, catalog, tmp_path, DV)
    try:
        doc = window.doc
        rows = doc.value(AnswerPart("maatregelen"))
        assert len(rows) == 3
        assert doc.evaluation.verdict.value == "groter_beroep_aandachtspunt"
        page = page_of(window, "maatregelen")
        table = page.widgets["maatregelen"].editor
        question = doc.form.question_index()["maatregelen"]
        # rewrite the table with three lighter measures: the package follows the worst
        lighter = [dict(row, oordeel="kleiner_beroep") for row in rows]
        lighter[1]["oordeel"] = "groter_beroep"
        for _ in rows:
            table.select_row(0)
            qtbot.mouseClick(table.remove_button, Qt.MouseButton.LeftButton)
        assert not doc.value(AnswerPart("maatregelen"))
        fill_table(qtbot, table, lighter)
        assert [r["oordeel"] for r in doc.value(AnswerPart("maatregelen"))] == [
            "kleiner_beroep", "groter_beroep", "kleiner_beroep"]
        # a package gets the verdict of its worst measure
        assert doc.evaluation.verdict.value == "groter_beroep"
        assert window.scores.verdict.text() == "3. Groter beroep, geen aandachtspunt"
        if SHOTS:
            window.grab().save(f"{SHOTS}/measures.png")
        # a single-measure toets: 'no package' hides the section, and its rules
        ident = page_of(window, "identificatie")
        fill_editor(qtbot, ident.widgets["pakket"].editor,
                    doc.form.question_index()["pakket"], False)
        assert "maatregelen" not in doc.evaluation.visibility.questions
        assert question.id not in doc.evaluation.visibility.effective
        assert doc.evaluation.verdict.value == "groter_beroep_aandachtspunt"  # as before
    finally:
        dispose(window)


def test_a_saving_is_typed_as_a_negative_amount(qtbot, catalog, tmp_path):
    window, _path = open_copy(qtbot, catalog, tmp_path, UH)
    try:
        doc = window.doc
        page = page_of(window, "kosten_personeel")
        editor = page.widgets["fte_structureel"].editor
        editor.edit.selectAll()
        type_text(qtbot, editor.edit, "−12,5")
        editor.edit.clearFocus()
        qtbot.waitUntil(lambda: doc.value(AnswerPart("fte_structureel")) == -12.5)
        assert not [p for p in doc.evaluation.problems if p.question == "fte_structureel"]
        incidental = page.widgets["fte_incidenteel"]
        incidental.editor.edit.selectAll()
        type_text(qtbot, incidental.editor.edit, "-3")
        incidental.editor.edit.clearFocus()
        qtbot.waitUntil(lambda: doc.value(AnswerPart("fte_incidenteel")) == -3)  # kept
        assert "kleiner zijn dan 0" in incidental.problem_label.text()
    finally:
        dispose(window)


def test_joint_dossiers_on_the_data_page(qtbot, catalog, tmp_path):
    window, _path = open_copy(qtbot, catalog, tmp_path, UH)
    try:
        doc = window.doc
        window.view.go_to(0)
        field = window.view.metadata_page.fields["joint_dossiernummers"]
        type_text(qtbot, field.edit, "36813, 36 814")
        assert doc.toets.metadata.joint_dossiernummers == ["36 813", "36 814"]
        assert doc.toets.metadata.citation().endswith("36 812, 36 813 en 36 814, nr. 3")
        assert "36 813 en 36 814" in window.view.metadata_page.citation.text()
    finally:
        dispose(window)


def test_per_aspect_gevolgen_geen_gevolgen_or_nvt(qtbot, catalog, tmp_path):
    from toetsapp.display import answer_text

    window, path = open_copy(qtbot, catalog, tmp_path, UH)
    try:
        doc = window.doc
        page = page_of(window, "samenvatting")
        widget = page.widgets["aspecten"]
        question = doc.form.question_index()["aspecten"]
        keep = ("interactie_burgers_bedrijven", "maakbaarheid_systemen")
        for option, box in zip(widget.editor.options, widget.editor.boxes, strict=True):
            if option[0] not in keep and box.isChecked():
                click_box(qtbot, box)  # not ticked: geen gevolgen
        click_box(qtbot, widget.choice_nvt["fraudebestendigheid"])
        assert doc.value(AnswerPart("aspecten", "not_applicable_choices")) == [
            "fraudebestendigheid"]
        text = answer_text(question, doc.toets.answers["aspecten"], "nl")
        assert "Fraudebestendigheid: n.v.t." in text
        assert "Handhaafbaarheid: geen gevolgen" in text
        assert "Maakbaarheid systemen: gevolgen" in text
        if SHOTS:
            widget.grab().save(f"{SHOTS}/aspects.png")
        assert window.save_as(path)
        assert load_toets(path).answers["aspecten"].not_applicable_choices == [
            "fraudebestendigheid"]
    finally:
        dispose(window)
