"""Helpers for the pytest-qt tests: a real window, real typing, answering real dialogs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QWidget

from toetsapp.catalog import Catalog
from toetsapp.files.locations import recovery_dir
from toetsapp.ui.autosave import Session
from toetsapp.ui.mainwindow import MainWindow
from toetsapp.ui.theme import apply_theme

TYPED_PREFIX = 12  # characters typed key by key; the rest of a long text is pasted


def open_window(qtbot: Any, catalog: Catalog) -> MainWindow:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "light")
    window = MainWindow(catalog, Session(recovery_dir()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def dispose(window: MainWindow) -> None:
    """Close without prompts (tests decide about saving themselves)."""
    if window.doc is not None:
        window.autosaver.attach(None)
        window.clear_document()
    window.session.release()


def when_dialog(handle: Callable[[QWidget], None], attempts: int = 200) -> None:
    """Run ``handle(dialog)`` as soon as the next modal dialog is open."""
    def poll(left: int = attempts) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if left:
                QTimer.singleShot(20, lambda: poll(left - 1))
            return
        handle(dialog)

    QTimer.singleShot(0, poll)


def press_in_dialog(button: str, seen: list[QWidget] | None = None) -> None:
    """Press the button with object name ``button`` in the next modal dialog."""
    def handle(dialog: QWidget) -> None:
        if seen is not None:
            seen.append(dialog)
        found = dialog.findChild(QAbstractButton, button)
        assert found is not None, f"no button {button!r} in {dialog!r}"
        found.click()

    when_dialog(handle)


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type the start of ``text`` key by key and paste the rest, as a person would."""
    widget.setFocus()
    head = ""
    for char in text[:TYPED_PREFIX]:  # QTest only types plain ASCII; paste the rest
        if not (char.isascii() and char.isprintable()):
            break
        head += char
    qtbot.keyClicks(widget, head)
    rest = text[len(head):]
    if rest:
        QGuiApplication.clipboard().setText(rest)
        QTest.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def choose_in_combo(combo: QComboBox, index: int) -> None:
    """Pick item ``index`` with the keyboard (Home, then Down)."""
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)
    for _step in range(index):
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentIndex() == index, combo.accessibleName()


def shortcut(window: MainWindow, key: Qt.Key,
             modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.ControlModifier) -> None:
    target = QApplication.focusWidget() or window
    QTest.keyClick(target, key, modifiers)


def save_shot(widget: QWidget, path: Path) -> None:
    """Let posted relayouts settle, as the event loop would, then save a non-empty grab."""
    for _round in range(4):
        QApplication.processEvents()
    image = widget.grab().toImage()
    assert image.width() > 300 and image.height() > 100
    assert image.save(str(path))
