"""Editors for numbers, money, FTE and dates, in the user's own notation.

Whatever the user types is kept: text that is not a number (yet) is stored as
typed, so nothing is lost and the problems list says what is wrong.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from toetsapp.display import is_year
from toetsapp.formatting import format_date
from toetsapp.i18n import _
from toetsapp.parsing import date_input_text, number_input_text, parse_date_input, parse_number
from toetsapp.ui.editors.base import AppUndoLineEdit, Editor, Field
from toetsapp.ui.widgets import muted


class NumberEditor(Editor):
    """A number with its unit: '€' before money, 'fte' or the question's unit after."""

    def __init__(self, field: Field, type_: str, parent: QWidget | None = None) -> None:
        super().__init__(field, type_, parent)
        self.edit = AppUndoLineEdit(self)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 22)
        # words, not '0': an empty field must not look like an answer of nothing
        self.edit.setPlaceholderText({"money": _("bedrag"), "fte": _("aantal")}.get(type_, ""))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if type_ == "money":
            layout.addWidget(QLabel("€", self))
        layout.addWidget(self.edit)
        unit = _("fte") if type_ == "fte" else field.unit.get(self.language) if field.unit else ""
        if unit:
            layout.addWidget(QLabel(unit, self))
        layout.addStretch(1)
        self.edit.textEdited.connect(self._edited)
        self.edit.editingFinished.connect(self._tidy)

    def _edited(self, text: str) -> None:
        number = parse_number(text, self.language)
        self._report(number if number is not None else (text.strip() or None), True)

    def _tidy(self) -> None:
        """Show a valid number in the house notation once the user leaves the field."""
        if isinstance(self._value, int | float):
            self._show(self._value)

    def _show(self, value: Any) -> None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            current = parse_number(self.edit.text(), self.language)
            if current == value and self.edit.hasFocus():
                return  # the user is typing this number: leave their notation alone
            text = (str(int(value)) if is_year(self.field) and value == int(value)
                    else number_input_text(value, self.type, self.language))
        else:
            text = "" if value is None else str(value)
        if self.edit.text() != text:
            self.edit.setText(text)

    def focus_widget(self) -> QWidget:
        return self.edit


class DateEditor(Editor):
    """A date typed as 1-3-2026 or 2026-03-01, or picked from a calendar."""

    def __init__(self, field: Field, type_: str, parent: QWidget | None = None) -> None:
        super().__init__(field, type_, parent)
        self.edit = AppUndoLineEdit(self)
        self.edit.setPlaceholderText(_("dd-mm-jjjj") if self.language == "nl" else "yyyy-mm-dd")
        self.edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 16)
        self.pick = QToolButton(self)
        self.pick.setText(_("Kalender…"))
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # The menu arrow gets room of its own instead of being drawn over the label.
        arrow = self.fontMetrics().horizontalAdvance("0") * 2 + 6
        self.pick.setStyleSheet(f"QToolButton {{ padding-right: {arrow}px; }}")
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        menu = QMenu(self.pick)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.pick.setMenu(menu)
        self.hint = muted("", self, wrap=False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.pick)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.edit.textEdited.connect(self._edited)
        self.edit.editingFinished.connect(self._tidy)
        self.calendar.clicked.connect(self._picked)

    def _edited(self, text: str) -> None:
        parsed = parse_date_input(text)
        self._report(parsed.isoformat() if parsed else (text.strip() or None), True)
        self._update_hint()

    def _picked(self, qdate: QDate) -> None:
        self.pick.menu().hide()
        value = date(qdate.year(), qdate.month(), qdate.day()).isoformat()
        self._report(value)
        self._show(value)
        self.edit.setFocus()

    def _tidy(self) -> None:
        if parse_date_input(self.edit.text()) is not None:
            self._show(self._value)

    def _update_hint(self) -> None:
        parsed = parse_date_input(self._value) if isinstance(self._value, str) else None
        self.hint.setText(format_date(parsed, self.language) if parsed else "")
        if parsed:
            self.calendar.setSelectedDate(QDate(parsed.year, parsed.month, parsed.day))

    def _show(self, value: Any) -> None:
        parsed = parse_date_input(value) if isinstance(value, str) else None
        if parsed and self.edit.hasFocus() and parse_date_input(self.edit.text()) == parsed:
            self._update_hint()
            return
        text = date_input_text(value, self.language) if parsed else (value or "")
        if self.edit.text() != text:
            self.edit.setText(str(text))
        self._update_hint()

    def focus_widget(self) -> QWidget:
        return self.edit

    def describe(self, name: str, description: str = "") -> None:
        super().describe(name, description)
        self.pick.setAccessibleName(_("Kies een datum in de kalender: {q}").format(q=name))
