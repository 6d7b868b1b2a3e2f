"""Other Kamerstukken the toets refers to (e.g. the advice of the Raad van State)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from toetsapp.editing import MetaField, check_metadata
from toetsapp.i18n import _
from toetsapp.model.toets import KamerstukRef
from toetsapp.ui.document import Document
from toetsapp.ui.editors.base import AppUndoLineEdit, block
from toetsapp.ui.widgets import ErrorLabel, fit_rows, row_table

FIELD = MetaField("related_kamerstukken")
KAMERS = ("II", "I")
TEXT_COLUMNS = ("title", "vergaderjaar", "dossiernummer", "ondernummer")  # column 1 is kamer


def kamer_label(kamer: str) -> str:
    return _("Tweede Kamer") if kamer == "II" else _("Eerste Kamer")


class KamerstukkenEditor(QWidget):
    """A table of referenced Kamerstukken with their citation; new ones are added below."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.table = row_table([_("Omschrijving"), _("Kamer"), _("Vergaderjaar"),
                                _("Dossiernummer"), _("Ondernummer"), _("Vindplaats")],
                               _("Verwante Kamerstukken"), self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # the citation; narrow windows scroll sideways
        header.resizeSection(0, 220)
        self.table.setMinimumWidth(120)
        self.table.itemChanged.connect(self._cell_changed)
        self.title = self._line(_("bijv. Advies Raad van State"), _("Omschrijving van het stuk"))
        self.kamer = QComboBox(self)
        self.kamer.addItems([kamer_label(k) for k in KAMERS])
        self.kamer.setAccessibleName(_("Kamer van het stuk"))
        self.vergaderjaar = self._line("2025/26", _("Vergaderjaar van het stuk"))
        self.dossiernummer = self._line("36 501", _("Dossiernummer van het stuk"))
        self.ondernummer = self._line("4", _("Ondernummer van het stuk"))
        self.add_button = QPushButton(_("Kamerstuk toevoegen"), self)
        self.remove_button = QPushButton(_("Geselecteerde verwijderen"), self)
        self.error = ErrorLabel(self)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        adder = QGridLayout()
        self._caption(adder, _("Omschrijving"), self.title, 0, 0)
        adder.addWidget(self.title, 1, 0, 1, 4)
        for column, (label, widget) in enumerate((
                (_("Kamer"), self.kamer), (_("Vergaderjaar"), self.vergaderjaar),
                (_("Dossiernummer"), self.dossiernummer), (_("Ondernummer"), self.ondernummer))):
            self._caption(adder, label, widget, 2, column)
            adder.addWidget(widget, 3, column)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(adder)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.refresh()

    def _caption(self, grid: QGridLayout, text: str, buddy: QWidget, row: int,
                 column: int) -> None:
        caption = QLabel(text, self)
        caption.setBuddy(buddy)
        grid.addWidget(caption, row, column)

    def _line(self, placeholder: str, name: str) -> AppUndoLineEdit:
        edit = AppUndoLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        edit.returnPressed.connect(self.add)
        return edit

    def _current(self) -> list[dict[str, Any]]:
        return [dict(ref) for ref in self.doc.value(FIELD)]

    def _store(self, refs: list[dict[str, Any]], text: str) -> bool:
        """Store ``refs`` as one undoable edit; False (and the reason shown) when invalid."""
        problem = check_metadata(self.doc.toets, FIELD.name, refs)
        self.error.show_message(problem or "")
        if problem:
            return False
        self.doc.edit(FIELD, refs, text)
        return True

    def add(self) -> None:
        entry = {"title": self.title.text().strip(), "kamer": KAMERS[self.kamer.currentIndex()],
                 "vergaderjaar": self.vergaderjaar.text().strip(),
                 "dossiernummer": self.dossiernummer.text().strip(),
                 "ondernummer": self.ondernummer.text().strip()}
        if not entry["dossiernummer"]:
            self.error.show_message(_("Vul ten minste het dossiernummer van het stuk in."))
            self.dossiernummer.setFocus()
            return
        label = entry["title"] or entry["dossiernummer"]
        if self._store([*self._current(), entry],
                       _("Kamerstuk ‘{name}’ toegevoegd").format(name=label)):
            for edit in (self.title, self.vergaderjaar, self.dossiernummer, self.ondernummer):
                edit.clear()
            self.title.setFocus()

    def remove(self) -> None:
        refs = self._current()
        row = self.table.currentRow()
        if 0 <= row < len(refs):
            gone = refs.pop(row)
            self._store(refs, _("Kamerstuk ‘{name}’ verwijderd").format(
                name=gone.get("title") or gone["dossiernummer"]))

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        refs = self._current()
        row, column = item.row(), item.column()
        if not 0 <= row < len(refs) or column in (1, 5):
            return
        refs[row][TEXT_COLUMNS[0 if column == 0 else column - 1]] = item.text().strip()
        if not self._store(refs, _("Kamerstuk gewijzigd")):
            self.refresh()  # put the stored value back; the reason stays visible

    def _kamer_changed(self, row: int, index: int) -> None:
        refs = self._current()
        if 0 <= row < len(refs):
            refs[row]["kamer"] = KAMERS[index]
            self._store(refs, _("Kamer van Kamerstuk gewijzigd"))

    def refresh(self) -> None:
        refs = list(self.doc.toets.metadata.related_kamerstukken)
        with block(self.table):
            self.table.setRowCount(len(refs))
            for row, ref in enumerate(refs):
                self._fill_row(row, ref)
        for column in range(1, 5):
            self.table.resizeColumnToContents(column)
        fit_rows(self.table, len(refs), 1)
        self.remove_button.setEnabled(bool(refs))

    def _fill_row(self, row: int, ref: KamerstukRef) -> None:
        for column, key in zip((0, 2, 3, 4), TEXT_COLUMNS, strict=True):
            self.table.setItem(row, column, QTableWidgetItem(getattr(ref, key)))
        combo = QComboBox(self.table)
        combo.addItems([kamer_label(k) for k in KAMERS])
        combo.setCurrentIndex(KAMERS.index(ref.kamer))
        combo.setAccessibleName(_("Kamer van {name}").format(name=ref.title or ref.dossiernummer))
        combo.activated.connect(lambda index, r=row: self._kamer_changed(r, index))
        self.table.setCellWidget(row, 1, combo)
        citation = QTableWidgetItem(ref.citation())
        citation.setFlags(citation.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, 5, citation)
