"""Editors for one-line and long text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from toetsapp.formatting import format_number
from toetsapp.i18n import _
from toetsapp.ui.editors.base import AppUndoLineEdit, AppUndoTextEdit, Editor, Field, block
from toetsapp.ui.widgets import muted


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


class LineEditor(Editor):
    """One line of text."""

    def __init__(self, field: Field, type_: str, parent: QWidget | None = None) -> None:
        super().__init__(field, type_, parent)
        self.edit = AppUndoLineEdit(self)
        self.edit.setMaxLength(field.text_limit("text"))
        placeholder = getattr(field, "placeholder", None)
        if placeholder is not None:
            self.edit.setPlaceholderText(placeholder.get(self.language))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.edit.textEdited.connect(lambda text: self._report(text or None, True))

    def _show(self, value: Any) -> None:
        text = _text(value)
        if self.edit.text() != text:
            self.edit.setText(text)

    def focus_widget(self) -> QWidget:
        return self.edit


class GrowingTextEdit(AppUndoTextEdit):
    """A text box that grows with its content between ``min_lines`` and ``max_lines``."""

    def __init__(self, min_lines: int = 3, max_lines: int = 16,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_lines, self.max_lines = min_lines, max_lines
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)

    def _fit(self, *_args: object) -> None:
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().lineSpacing()
        frame = 2 * self.frameWidth() + int(2 * self.document().documentMargin())
        content = int(self.document().size().height()) or line
        lines_px = max(self.min_lines * line, min(self.max_lines * line, content))
        return QSize(super().sizeHint().width(), lines_px + frame + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.updateGeometry()


class AreaEditor(Editor):
    """Long text: grows with the answer; Tab leaves the field; a counter near the limit."""

    def __init__(self, field: Field, type_: str, parent: QWidget | None = None, *,
                 min_lines: int = 4, max_lines: int = 18) -> None:
        super().__init__(field, type_, parent)
        self.limit = field.text_limit("textarea")
        self.edit = GrowingTextEdit(min_lines, max_lines, self)
        placeholder = getattr(field, "placeholder", None)
        if placeholder is not None:
            self.edit.setPlaceholderText(placeholder.get(self.language))
        self.counter = muted("", self)
        self.counter.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.counter)
        self.edit.textChanged.connect(self._changed)

    def _changed(self) -> None:
        text = self.edit.toPlainText()
        self._update_counter(len(text))
        self._report(text or None, True)

    def _update_counter(self, length: int) -> None:
        near = length >= 0.8 * self.limit
        if near:
            self.counter.setText(_("{n} van maximaal {max} tekens").format(
                n=format_number(length), max=format_number(self.limit)))
        if near != self.counter.isVisible():
            self.counter.setVisible(near)

    def _show(self, value: Any) -> None:
        text = _text(value)
        if self.edit.toPlainText() == text:
            return
        cursor = self.edit.textCursor()
        position = cursor.position()
        with block(self.edit):
            self.edit.setPlainText(text)
        cursor = self.edit.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.edit.setTextCursor(cursor)
        self._update_counter(len(text))

    def focus_widget(self) -> QWidget:
        return self.edit
