"""The organisations involved in a toets: name, abbreviation and role (lead or co)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from toetsapp.editing import MetaField
from toetsapp.i18n import _
from toetsapp.ui.document import Document
from toetsapp.ui.editors.base import AppUndoLineEdit, block
from toetsapp.ui.fieldhints import set_placeholder
from toetsapp.ui.widgets import fit_rows, row_table

ROLES = ("lead", "co")


def role_label(role: str) -> str:
    return _("Penvoerder") if role == "lead" else _("Mede-uitvoerder")


class OrganisationsEditor(QWidget):
    """A small table; new organisations are added with the fields below it."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.table = row_table([_("Naam"), _("Afkorting"), _("Rol")],
                               _("Betrokken organisaties"), self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._cell_changed)
        self.name = AppUndoLineEdit(self)
        set_placeholder(self.name, _("Naam van de organisatie"))
        self.name.setAccessibleName(_("Naam van een nieuwe organisatie"))
        self.abbreviation = AppUndoLineEdit(self)
        set_placeholder(self.abbreviation, _("Afkorting"))
        self.abbreviation.setAccessibleName(_("Afkorting van de nieuwe organisatie"))
        self.abbreviation.setMaxLength(40)
        self.role = QComboBox(self)
        self.role.addItems([role_label(r) for r in ROLES])
        self.role.setAccessibleName(_("Rol van de nieuwe organisatie"))
        self.add_button = QPushButton(_("Organisatie toevoegen"), self)
        self.remove_button = QPushButton(_("Geselecteerde verwijderen"), self)
        self.add_button.clicked.connect(self.add)
        self.name.returnPressed.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        adder = QHBoxLayout()
        adder.addWidget(self.name, 3)
        adder.addWidget(self.abbreviation, 1)
        adder.addWidget(self.role, 1)
        adder.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(adder)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        self.refresh()

    def _current(self) -> list[dict[str, Any]]:
        return list(self.doc.value(MetaField("organisations")))

    def _store(self, organisations: list[dict[str, Any]], text: str) -> None:
        self.doc.edit(MetaField("organisations"), organisations, text)

    def add(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.name.setFocus()
            return
        organisations = self._current()
        organisations.append({"name": name, "abbreviation": self.abbreviation.text().strip(),
                              "role": ROLES[self.role.currentIndex()]})
        self._store(organisations, _("Organisatie ‘{name}’ toegevoegd").format(name=name))
        self.name.clear()
        self.abbreviation.clear()
        self.name.setFocus()

    def remove(self) -> None:
        row = self.table.currentRow()
        organisations = self._current()
        if 0 <= row < len(organisations):
            gone = organisations.pop(row)
            self._store(organisations, _("Organisatie ‘{name}’ verwijderd")
                        .format(name=gone["name"]))

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        organisations = self._current()
        row, column = item.row(), item.column()
        if not 0 <= row < len(organisations):
            return
        key = ("name", "abbreviation")[column]
        text = item.text().strip()[: 300 if key == "name" else 40]
        if key == "name" and not text:
            self.refresh()  # a name is required: put the old one back
            return
        organisations[row][key] = text
        self._store(organisations, _("Organisatie gewijzigd"))

    def _role_changed(self, row: int, index: int) -> None:
        organisations = self._current()
        if 0 <= row < len(organisations):
            organisations[row]["role"] = ROLES[index]
            self._store(organisations, _("Rol van organisatie gewijzigd"))

    def refresh(self) -> None:
        organisations = self._current()
        with block(self.table):
            self.table.setRowCount(len(organisations))
            for row, org in enumerate(organisations):
                self.table.setItem(row, 0, QTableWidgetItem(org["name"]))
                self.table.setItem(row, 1, QTableWidgetItem(org.get("abbreviation", "")))
                combo = QComboBox(self.table)
                combo.addItems([role_label(r) for r in ROLES])
                combo.setCurrentIndex(0 if org.get("role") == "lead" else 1)
                combo.setAccessibleName(_("Rol van {name}").format(name=org["name"]))
                combo.activated.connect(lambda index, r=row: self._role_changed(r, index))
                self.table.setCellWidget(row, 2, combo)
        fit_rows(self.table, len(organisations), 2)
        self.remove_button.setEnabled(bool(organisations))
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
