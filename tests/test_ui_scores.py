"""The score panel: live levels, explanations on demand, overrides only with a motivation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget

from tests.uihelp import dispose, open_window, press_in_dialog, when_dialog
from toetsapp.ui.override import OverrideDialog


def test_levels_follow_answers_and_explain_why(qtbot, mini_catalog):
    window = open_window(qtbot, mini_catalog)
    try:
        window.new_toets("mini")
        doc, panel = window.doc, window.scores
        assert panel.rows["impact"].chip.text() == "niet beoordeeld"
        assert not panel.rows["impact"].explanation.isVisible()
        doc.edit_answer("gevolgen", "value", "middelgroot")
        assert panel.rows["impact"].chip.text() == "Aandacht"
        assert panel.verdict.text() == "Voorlopig: Onder voorwaarden"
        qtbot.mouseClick(panel.rows["impact"].why, Qt.MouseButton.LeftButton)
        text = panel.rows["impact"].explanation.text()
        assert "Middelgrote of grotere gevolgen." in text and "Gevolgen?" in text
        doc.edit_answer("gevolgen", "value", "ingrijpend")
        assert "Ingrijpende gevolgen." in panel.rows["impact"].explanation.text()
        panel.verdict_why.setChecked(True)
        assert "Kritieke dimensie op slecht." in panel.verdict_explanation.text()
        assert panel.rows["risico"].chip.text() == "niet beoordeeld"
    finally:
        dispose(window)


def test_override_needs_another_level_and_a_motivation(qtbot, mini_catalog):
    window = open_window(qtbot, mini_catalog)
    try:
        window.new_toets("mini")
        doc, panel = window.doc, window.scores
        doc.edit_answer("gevolgen", "value", "ingrijpend")
        steps = []

        def fill(dialog: QWidget) -> None:
            assert isinstance(dialog, OverrideDialog)
            steps.append(dialog.hint.text())  # nothing said before a first try
            dialog.save_button.click()
            steps.append(dialog.hint.text())
            dialog.group.button(2).setChecked(True)  # the computed level itself
            steps.append(dialog.hint.text())
            dialog.group.button(1).setChecked(True)
            QTest.keyClicks(dialog.motivation, "Klopt niet.")
            steps.append(dialog.hint.text())
            dialog.save_button.click()
            assert dialog.isVisible(), "too short: not saved"
            QTest.keyClicks(dialog.motivation, " Het ministerie compenseert de gevolgen.")
            steps.append(dialog.hint.text())
            dialog.save_button.click()

        when_dialog(fill)
        qtbot.mouseClick(panel.rows["impact"].adjust, Qt.MouseButton.LeftButton)
        assert steps[0] == "" and steps[1] == "Kies een niveau."
        assert "berekende niveau" in steps[2]
        assert "minstens 30 tekens en 4 woorden" in steps[3] and steps[4] == ""
        override = doc.toets.overrides.dimensions["impact"]
        assert (override.value, override.computed) == ("aandacht", "slecht")
        assert panel.rows["impact"].chip.text() == "Aandacht"
        assert "aangepast door de toetser" in panel.rows["impact"].note.text()
        press_in_dialog("remove")
        window.override("impact")  # 'Afwijking opheffen'
        assert doc.toets.overrides.dimensions == {}
        window.actions.undo.trigger()
        assert doc.toets.overrides.dimensions["impact"].motivation.startswith("Klopt niet. Het")
    finally:
        dispose(window)


def test_no_override_of_what_is_not_assessed(qtbot, mini_catalog):
    window = open_window(qtbot, mini_catalog)
    try:
        window.new_toets("mini")
        panel = window.scores
        assert not panel.rows["impact"].adjust.isEnabled()
        assert not panel.verdict_adjust.isEnabled()
        seen: list = []
        press_in_dialog("ok", seen)
        window.override("impact")
        assert "nog niet beoordeeld" in seen[0].text()
        press_in_dialog("ok", seen)
        window.override(None)
        assert "nog geen eindoordeel" in seen[1].text().lower()
        overrides = window.doc.toets.overrides
        assert overrides.dimensions == {} and overrides.verdict is None
        window.doc.edit_answer("gevolgen", "value", "ingrijpend")
        assert panel.rows["impact"].adjust.isEnabled() and panel.verdict_adjust.isEnabled()
        dialog = OverrideDialog("Impact", window.doc.rubric.levels, "slecht", None, "", "nl",
                                window)
        qtbot.addWidget(dialog)
        meanings = [w.text() for w in dialog.findChildren(QLabel)]
        assert all(level.description.get("nl") in meanings for level in window.doc.rubric.levels
                   if level.description)
    finally:
        dispose(window)
