"""Keyboard-only use and accessible names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QTextEdit,
    QWidget,
)

from tests.conftest import EXAMPLES
from tests.uihelp import dispose, open_window, when_dialog
from toetsapp.editing import AnswerPart
from toetsapp.files.store import load_toets
from toetsapp.ui.metafields import MetaLine

INTERACTIVE = (QAbstractButton, QLineEdit, QTextEdit, QComboBox, QAbstractItemView)


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(widget.parent(), QComboBox | QAbstractItemView) or widget.objectName() in (
                "qt_spinbox_lineedit", "qt_calendar_yearedit"):
            continue  # Qt's own internals
        if widget.window() is not root.window() or widget.inherits("QCalendarWidget"):
            continue
        iface = QAccessible.queryAccessibleInterface(widget)
        name = iface.text(QAccessible.Text.Name) if iface else ""
        if not name.strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} "
                           f"in {type(widget.parent()).__name__}")
    return missing


def test_every_control_has_an_accessible_name(qtbot, catalog):
    window = open_window(qtbot, catalog)
    try:
        assert _unnamed(window.start) == []
        assert window.open_path(EXAMPLES[-1])
        view = window.view
        for number in range(len(view.sections) + 1):
            view.show_page(number)
        assert _unnamed(window) == []
    finally:
        dispose(window)


def test_a_toets_from_start_to_saved_file_without_a_mouse(qtbot, mini_catalog, tmp_path):
    window = open_window(qtbot, mini_catalog)
    try:
        card = window.start.cards["mini"]
        window.start.focus_first()
        assert QApplication.focusWidget() is card
        QTest.keyClick(card, Qt.Key.Key_Space)
        doc = window.doc
        assert doc is not None
        title = window.view.metadata_page.fields["title"]
        assert isinstance(title, MetaLine) and QApplication.focusWidget() is title.edit
        QTest.keyClicks(title.edit, "Wet toetsen")
        QTest.keyClick(title.edit, Qt.Key.Key_Tab)
        short = window.view.metadata_page.fields["short_title"]
        assert QApplication.focusWidget() is short.edit  # tab order follows the page
        QTest.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is window.view.metadata_page.fields["ministry"].edit
        focus = QApplication.focusWidget()
        QTest.keyClick(focus, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        assert window.view.current_row() == 1
        first = QApplication.focusWidget()
        assert first is window.view.page(1).widgets["titel"].editor.edit
        QTest.keyClicks(first, "Wet X")
        QTest.keyClick(first, Qt.Key.Key_Tab)
        QTest.keyClicks(QApplication.focusWidget(), "Uitleg")
        assert doc.value(AnswerPart("toelichting")) == "Uitleg"
        control = Qt.KeyboardModifier.ControlModifier
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, control)
        assert doc.value(AnswerPart("toelichting")) is None
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F8)  # next problem: 'gevolgen'
        focused = QApplication.focusWidget()
        assert focused is window.view.page(1).widgets["gevolgen"].editor.focus_widget()
        QTest.keyClick(focused, Qt.Key.Key_Space)
        assert doc.value(AnswerPart("gevolgen")) == "beperkt"
        target = tmp_path / "toetsen.toets"

        def save_dialog(dialog: QWidget) -> None:
            assert isinstance(dialog, QFileDialog)
            dialog.selectFile(str(target))
            dialog.accept()

        when_dialog(save_dialog)
        QTest.keyClick(focused, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert not doc.modified and load_toets(target).answers["gevolgen"].value == "beperkt"
        window.activateWindow()  # the offscreen platform does not do this after a dialog
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_W,
                       Qt.KeyboardModifier.ControlModifier)
        assert window.doc is None
    finally:
        dispose(window)
