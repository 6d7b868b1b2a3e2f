"""What every answer editor shares, and text widgets that leave undo to the app."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QTextEdit, QWidget

from toetsapp.i18n import current_language
from toetsapp.model.form import Column, Question
from toetsapp.ui.fieldhints import HintedLineEdit, hint_placeholder

Field = Question | Column


def _is_undo_key(event: QEvent) -> bool:
    return (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
            and (event.matches(QKeySequence.StandardKey.Undo)
                 or event.matches(QKeySequence.StandardKey.Redo)))


class AppUndoLineEdit(HintedLineEdit):
    """A line edit whose Ctrl+Z / Ctrl+Y reach the window's undo stack."""

    def event(self, event: QEvent) -> bool:
        if _is_undo_key(event):
            event.ignore()
            return False
        return super().event(event)


class AppUndoTextEdit(QTextEdit):
    """Plain-text multi-line edit; Tab moves focus; undo belongs to the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)

    def setPlaceholderText(self, text: str) -> None:
        super().setPlaceholderText(text)
        hint_placeholder(self)

    def event(self, event: QEvent) -> bool:
        if _is_undo_key(event):
            event.ignore()
            return False
        return super().event(event)


class Editor(QWidget):
    """Shows one answer (or table cell) and reports the user's edits.

    ``sig_edited(value, typing)``: the new value; ``typing`` marks keystrokes that
    may merge into one undo step. :meth:`set_value` never emits.
    """

    sig_edited = Signal(object, bool)  # the new answer value (JSON-like), typing

    def __init__(self, field: Field, type_: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.type = type_
        self.language = current_language()
        self._value: Any = None
        self._loaded = False

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        """Show ``value`` (from the model) without reporting an edit."""
        if self._loaded and value == self._value:
            return  # already shown (typically: the model echoing the user's own edit)
        self._loaded = True
        self._value = value
        self._show(value)

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def _report(self, value: Any, typing: bool = False) -> None:
        self._value = value
        self.sig_edited.emit(value, typing)

    def focus_widget(self) -> QWidget:
        """The widget that takes keyboard focus when the user jumps here."""
        return self

    def describe(self, name: str, description: str = "") -> None:
        """Accessible name and description for the focusable parts."""
        target = self.focus_widget()
        target.setAccessibleName(name)
        if description:
            target.setAccessibleDescription(description)
        self.setAccessibleName(name)


def block(obj: QObject) -> _Blocker:
    """``with block(widget): ...`` changes a widget without emitting its signals."""
    return _Blocker(obj)


class _Blocker:
    def __init__(self, obj: QObject) -> None:
        self.obj = obj

    def __enter__(self) -> None:
        self.previous = self.obj.blockSignals(True)

    def __exit__(self, *_exc: object) -> None:
        self.obj.blockSignals(self.previous)
