"""Related Kamerstukken on the data page: added, validated, edited, undone, in the PDF."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.conftest import ROOT
from tests.uihelp import choose_in_combo, dispose, open_window, save_shot, type_text

UITV = ROOT / "examples" / "uitvoerbaarheidstoets.toets"


def test_related_kamerstukken_are_edited_on_the_data_page(qtbot, catalog, shots, tmp_path):
    window = open_window(qtbot, catalog)
    try:
        assert window.open_path(UITV)
        doc = window.doc
        window.resize(QSize(1024, 700))
        window.show()
        window.view.go_to(0)
        before = list(doc.toets.metadata.related_kamerstukken)
        editor = window.view.metadata_page.kamerstukken
        assert editor.table.rowCount() == len(before)
        type_text(qtbot, editor.title, "Advies Raad van State")
        type_text(qtbot, editor.vergaderjaar, "2025/26")
        type_text(qtbot, editor.dossiernummer, "36 8x2")
        QTest.keyClick(editor.dossiernummer, Qt.Key.Key_Return)
        assert editor.error.isVisible() and editor.error.text(), "a wrong number says why"
        assert doc.toets.metadata.related_kamerstukken == before, "nothing stored"
        editor.dossiernummer.clear()
        type_text(qtbot, editor.dossiernummer, "36812")
        type_text(qtbot, editor.ondernummer, "4")
        editor.add_button.click()
        refs = doc.toets.metadata.related_kamerstukken
        assert len(refs) == len(before) + 1 and not editor.error.isVisible()
        added = refs[-1]
        assert (added.title, added.dossiernummer, added.ondernummer) == (
            "Advies Raad van State", "36 812", "4")
        row = editor.table.rowCount() - 1
        assert editor.table.item(row, 5).text() == added.citation()
        assert "36 812, nr. 4" in added.citation()
        editor.table.item(row, 4).setText("ABC1")  # not an ondernummer
        assert doc.toets.metadata.related_kamerstukken[-1].ondernummer == "4"
        assert editor.table.item(row, 4).text() == "4" and editor.error.isVisible()
        choose_in_combo(editor.table.cellWidget(row, 1), 1)
        editor.table.cellWidget(row, 1).activated.emit(1)
        assert doc.toets.metadata.related_kamerstukken[-1].kamer == "I"
        page = window.view.metadata_page
        for _round in range(4):
            QApplication.processEvents()
        page.ensureWidgetVisible(editor)
        # never the widest part of the page: no wider than the organisations editor + 20%
        widest = 1.2 * page.organisations.minimumSizeHint().width()
        assert editor.minimumSizeHint().width() <= widest
        save_shot(window, shots / "11-verwante-kamerstukken-1024.png")
        window.resize(QSize(1600, 1000))
        for _round in range(4):
            QApplication.processEvents()
        page.ensureWidgetVisible(editor)
        save_shot(window, shots / "11-verwante-kamerstukken-1600.png")
        window.actions.undo.trigger()
        window.actions.undo.trigger()
        assert doc.toets.metadata.related_kamerstukken == before
        assert editor.table.rowCount() == len(before)
        window.autosaver.attach(None)
        window.clear_document()
    finally:
        dispose(window)
