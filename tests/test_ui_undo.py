"""Undo/redo over the pure model: merged keystrokes, separate fields, macros, clean state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.uihelp import dispose, open_window
from toetsapp.editing import AnswerPart, MetaField, OverrideSlot
from toetsapp.model.toets import Override
from toetsapp.ui.commands import MERGE_PAUSE


def _new_mini(qtbot, mini_catalog):
    window = open_window(qtbot, mini_catalog)
    assert window.new_toets("mini")
    return window


def test_keystrokes_in_one_field_are_one_step(qtbot, mini_catalog):
    window = _new_mini(qtbot, mini_catalog)
    try:
        doc = window.doc
        window.view.reveal("toelichting")
        edit = window.view.page(1).widgets["toelichting"].editor.edit
        qtbot.keyClicks(edit, "Eerste zin.")
        assert doc.value(AnswerPart("toelichting")) == "Eerste zin."
        assert doc.undo_stack.count() == 1
        window.view.reveal("titel")  # focus moves: the next typing is a new step
        window.view.reveal("toelichting")
        qtbot.keyClicks(edit, " Tweede.")
        assert doc.undo_stack.count() == 2
        QTest.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert doc.value(AnswerPart("toelichting")) == "Eerste zin."
        assert edit.toPlainText() == "Eerste zin."
        window.actions.undo.trigger()
        assert doc.value(AnswerPart("toelichting")) is None and not doc.modified
        assert "toelichting" not in doc.toets.answers
        window.actions.redo.trigger()
        window.actions.redo.trigger()
        assert doc.value(AnswerPart("toelichting")) == "Eerste zin. Tweede."
        assert window.actions.undo.text().startswith("&Ongedaan maken: Antwoord op")
    finally:
        dispose(window)


def test_a_pause_starts_a_new_step(qtbot, mini_catalog):
    window = _new_mini(qtbot, mini_catalog)
    try:
        doc = window.doc
        doc.edit_answer("titel", "value", "A", typing=True)
        command = doc.undo_stack.command(0)
        command.last -= MERGE_PAUSE + 1  # as if the typist paused
        doc.edit_answer("titel", "value", "AB", typing=True)
        assert doc.undo_stack.count() == 2
        doc.edit_answer("titel", "value", "ABC", typing=True)
        assert doc.undo_stack.count() == 2
        doc.edit_answer("titel", "value", "AB", typing=True)
        doc.edit_answer("titel", "value", "A", typing=True)  # back to where the step began
        assert doc.undo_stack.count() == 1
    finally:
        dispose(window)


def test_undo_redo_restore_every_kind_of_target_and_reveal_it(qtbot, mini_catalog):
    window = _new_mini(qtbot, mini_catalog)
    try:
        doc = window.doc
        doc.edit(MetaField("dossiernummer"), "36501", "dossier")
        assert doc.toets.metadata.dossiernummer == "36 501"
        doc.edit_answer("gevolgen", "value", "ingrijpend")
        override = Override(value="goed", motivation="Het valt mee.", computed="slecht")
        doc.edit(OverrideSlot("impact"), override, "afwijking")
        impact = next(s for s in doc.evaluation.dimensions if s.dimension.id == "impact")
        assert impact.level == "goed" and impact.computed == "slecht"
        with doc.macro("risico's"):
            doc.edit_answer("risicos", "value", [{"risico": "Storing", "ernst": "hoog"}])
            doc.edit_answer("risicos", "evidence", "Onderzoek")
        assert doc.undo_stack.count() == 4
        window.view.go_to(0)
        window.actions.undo.trigger()  # the macro: both parts at once
        assert doc.value(AnswerPart("risicos")) is None and "risicos" not in doc.toets.answers
        assert window.view.current_row() == 2  # undo shows where it happened
        window.actions.undo.trigger()
        assert doc.toets.overrides.dimensions == {}
        assert window.scores.rows["impact"].chip.text() == "Slecht"
        window.actions.undo.trigger()
        window.actions.undo.trigger()
        assert doc.toets.metadata.dossiernummer == "" and not doc.modified
        assert window.view.current_row() == 0
        for _step in range(4):
            window.actions.redo.trigger()
        assert doc.value(AnswerPart("risicos", "evidence")) == "Onderzoek"
        assert window.scores.rows["impact"].chip.text() == "Goed"
    finally:
        dispose(window)


def test_table_rows_through_the_widgets(qtbot, mini_catalog):
    window = _new_mini(qtbot, mini_catalog)
    try:
        doc = window.doc
        window.view.reveal("risicos")
        table = window.view.page(2).widgets["risicos"].editor
        qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(table.cell_editors["risico"].edit, "Storing")
        qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(table.cell_editors["risico"].edit, "Fraude")
        combo = table.cell_editors["ernst"].combo
        combo.setFocus()
        QTest.keyClick(combo, Qt.Key.Key_End)
        assert doc.value(AnswerPart("risicos")) == [{"risico": "Storing"},
                                                  {"risico": "Fraude", "ernst": "hoog"}]
        risk = next(s for s in doc.evaluation.dimensions if s.dimension.id == "risico")
        assert risk.level == "slecht"
        qtbot.mouseClick(table.up_button, Qt.MouseButton.LeftButton)
        assert doc.value(AnswerPart("risicos"))[0]["risico"] == "Fraude"
        assert table.current_row() == 0
        qtbot.mouseClick(table.remove_button, Qt.MouseButton.LeftButton)
        assert doc.value(AnswerPart("risicos")) == [{"risico": "Storing"}]
        window.actions.undo.trigger()
        assert len(doc.value(AnswerPart("risicos"))) == 2 and table.model.rowCount() == 2
        qtbot.keyClicks(table.cell_editors["bedrag"].edit, "1.250")
        assert doc.value(AnswerPart("risicos"))[0]["bedrag"] == 1250
        table.cell_editors["bedrag"].edit.setFocus()
        qtbot.keyClicks(table.cell_editors["bedrag"].edit, "x")
        assert any(p.row == 0 and p.column == "bedrag" for p in doc.evaluation.errors)
        assert "Rij 1" in window.view.page(2).widgets["risicos"].problem_label.text()
    finally:
        dispose(window)
