"""Bound fields of the metadata page: each edits one metadata field through the document."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from toetsapp.editing import MetaField, check_metadata, normalised_metadata
from toetsapp.i18n import _
from toetsapp.model.form import Column
from toetsapp.model.parliament import join_dossiernummers, split_dossiernummers
from toetsapp.model.text import Text
from toetsapp.parsing import parse_date_input
from toetsapp.ui.document import Document
from toetsapp.ui.editors.base import AppUndoLineEdit, block
from toetsapp.ui.editors.numeric import DateEditor
from toetsapp.ui.editors.text import GrowingTextEdit
from toetsapp.ui.widgets import ErrorLabel


class MetaLine(QWidget):
    """A one-line metadata field; text the model would reject is shown with the reason."""

    def __init__(self, doc: Document, name: str, label: str, placeholder: str = "",
                 parent: QWidget | None = None, *, multiline: bool = False) -> None:
        super().__init__(parent)
        self.doc, self.name = doc, name
        self.edit: AppUndoLineEdit | GrowingTextEdit
        if multiline:  # long titles: wrapped over a few lines, never a newline in them
            self.edit = GrowingTextEdit(1, 4, self)
            self.edit.textChanged.connect(lambda: self._edited(self.text()))
        else:
            self.edit = AppUndoLineEdit(self)
            self.edit.textEdited.connect(self._edited)
            self.edit.editingFinished.connect(self.refresh)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setAccessibleName(label)
        self.error = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self.label = label
        self.refresh()

    def text(self) -> str:
        if isinstance(self.edit, GrowingTextEdit):
            return " ".join(self.edit.toPlainText().splitlines())
        return self.edit.text()

    def set_text(self, text: str) -> None:
        if isinstance(self.edit, GrowingTextEdit):
            with block(self.edit):
                self.edit.setPlainText(text)
        else:
            self.edit.setText(text)

    def to_value(self, text: str) -> Any:
        """The model value for the typed text."""
        return text

    def to_text(self, value: Any) -> str:
        return str(value or "")

    def _edited(self, text: str) -> None:
        value = self.to_value(text)
        problem = check_metadata(self.doc.toets, self.name, value)
        self.error.show_message(problem or "")
        if problem is None:
            self.doc.edit(MetaField(self.name), value,
                          _("Gegevens: {field}").format(field=self.label), typing=True)

    def refresh(self) -> None:
        stored = self.doc.value(MetaField(self.name))
        value = self.to_text(stored)
        typed = self.text()
        if self.edit.hasFocus() and not self.error.text():
            try:
                if normalised_metadata(self.doc.toets, self.name,
                                       self.to_value(typed)) == stored:
                    return
            except ValueError:
                pass
        if typed != value:
            self.set_text(value)
        if not self.edit.hasFocus():
            self.error.show_message("")


class MetaList(MetaLine):
    """A list of dossiernummers typed on one line: '36 813, 36 814'."""

    def to_value(self, text: str) -> Any:
        return split_dossiernummers(text)

    def to_text(self, value: Any) -> str:
        return join_dossiernummers(value)


class MetaChoice(QComboBox):
    """A metadata field with fixed options (kamer, status)."""

    def __init__(self, doc: Document, name: str, label: str, options: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.name, self.label = doc, name, label
        self.values = [value for value, _text in options]
        for _value, text in options:
            self.addItem(text)
        self.setAccessibleName(label)
        self.activated.connect(self._activated)
        self.refresh()

    def _activated(self, index: int) -> None:
        self.doc.edit(MetaField(self.name), self.values[index],
                      _("Gegevens: {field}").format(field=self.label))

    def refresh(self) -> None:
        value = self.doc.value(MetaField(self.name))
        with block(self):
            self.setCurrentIndex(self.values.index(value) if value in self.values else 0)


class MetaDate(DateEditor):
    """A metadata date (toets date, deadline); text that is no date is not stored."""

    def __init__(self, doc: Document, name: str, label: str,
                 parent: QWidget | None = None) -> None:
        column = Column(id=name.replace(".", "_"), type="date", label=Text(nl=label))
        super().__init__(column, "date", parent)
        self.doc, self.name, self.label = doc, name, label
        self.error = ErrorLabel(self)
        self.layout().insertWidget(3, self.error)
        self.describe(label)
        self.sig_edited.connect(self._edited)
        self.refresh()

    def _edited(self, value: Any, typing: bool) -> None:
        parsed = parse_date_input(value) if isinstance(value, str) else None
        if value is not None and parsed is None:
            self.error.show_message(_("geen geldige datum"))
            return
        self.error.show_message("")
        self.doc.edit(MetaField(self.name), parsed,
                      _("Gegevens: {field}").format(field=self.label), typing=typing)

    def refresh(self) -> None:
        value = self.doc.value(MetaField(self.name))
        self.set_value(value.isoformat() if isinstance(value, date) else None)
