"""The parts of the dossier editor: the dossier's data and its ordered list of documents.

Both edit plain JSON-shaped data (as in ``*.dossier.json``); the editor validates it
with the dossier API and shows the messages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from toetsapp.i18n import N_, _
from toetsapp.model.parliament import join_dossiernummers, split_dossiernummers
from toetsapp.ui.dossierkinds import kind_text
from toetsapp.ui.fieldhints import set_placeholder

INFO_FIELDS = (  # key, label, placeholder (translated when shown)
    ("dossiernummer", N_("&Dossiernummer:"), N_("bijvoorbeeld 36 812 of 36 600 VI")),
    ("joint_dossiernummers", N_("Samen &behandeld met:"),
     N_("andere wetsvoorstellen, bijvoorbeeld 36 813, 36 814 (mag leeg blijven)")),
    ("title", N_("&Titel:"), N_("Wet automatische toekenning huurtoeslag")),
    ("vergaderjaar", N_("&Vergaderjaar:"), N_("bijvoorbeeld 2025/26")),
    ("ondernummer", N_("O&ndernummer:"), N_("bijvoorbeeld 3 (mag leeg blijven)")),
    ("date", N_("D&atum:"), N_("jjjj-mm-dd (leeg: de dag van het samenstellen)")),
)
PERSON_FIELDS = (
    ("name", N_("Naa&m:")), ("organisation", N_("Or&ganisatie:")), ("role", N_("&Functie:")),
    ("email", N_("&E-mail:")),
)


def _line(parent: QWidget, label: str, placeholder: str = "") -> tuple[QLabel, QLineEdit]:
    label, placeholder = _(label), _(placeholder) if placeholder else ""
    edit = QLineEdit(parent)
    edit.setAccessibleName(label.replace("&", "").rstrip(":"))
    set_placeholder(edit, placeholder)
    caption = QLabel(label, parent)
    caption.setBuddy(edit)
    return caption, edit


class DossierFields(QWidget):
    """Dossiernummer, title, vergaderjaar, Kamer, ondernummer, date, language, coordinator."""

    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        bill = QGroupBox(_("Wetsvoorstel"), self)
        form = QFormLayout(bill)
        self.edits: dict[str, QLineEdit] = {}
        for key, label, placeholder in INFO_FIELDS:
            caption, edit = _line(bill, label, placeholder)
            self.edits[key] = edit
            form.addRow(caption, edit)
            edit.textEdited.connect(lambda _t: self.sig_changed.emit())
        self.kamer = QComboBox(bill)
        self.kamer.addItem(_("Tweede Kamer (II)"), "II")
        self.kamer.addItem(_("Eerste Kamer (I)"), "I")
        self.language = QComboBox(bill)
        self.language.addItem(_("Nederlands"), "nl")
        self.language.addItem(_("Engels"), "en")
        for combo, label, name in ((self.kamer, _("&Kamer:"), _("Kamer")),
                                   (self.language, _("Taa&l:"), _("Taal van omslag, inhoud "
                                                                  "en vergelijking"))):
            combo.setAccessibleName(name)
            caption = QLabel(label, bill)
            caption.setBuddy(combo)
            form.addRow(caption, combo)
            combo.currentIndexChanged.connect(lambda _i: self.sig_changed.emit())
        coordinator = QGroupBox(_("Coördinator"), self)
        people = QFormLayout(coordinator)
        self.person: dict[str, QLineEdit] = {}
        for key, label in PERSON_FIELDS:
            caption, edit = _line(coordinator, label)
            edit.setAccessibleName(_("Coördinator: {field}").format(
                field=_(label).replace("&", "").rstrip(":")))
            self.person[key] = edit
            people.addRow(caption, edit)
            edit.textEdited.connect(lambda _t: self.sig_changed.emit())
        grid.addWidget(bill, 0, 0)
        grid.addWidget(coordinator, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

    def load(self, data: dict[str, Any], language: str) -> None:
        """Show ``data`` (the manifest's ``dossier`` object) without emitting changes."""
        self.blockSignals(True)
        for key, edit in self.edits.items():
            value = data.get(key)
            if key == "joint_dossiernummers" and isinstance(value, list):
                value = join_dossiernummers([str(v) for v in value])
            edit.setText("" if value is None else str(value))
        for key, edit in self.person.items():
            edit.setText(str((data.get("coordinator") or {}).get(key, "")))
        self.kamer.setCurrentIndex(max(0, self.kamer.findData(data.get("kamer", "II"))))
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.blockSignals(False)

    def data(self) -> dict[str, Any]:
        """The ``dossier`` object as typed (validation happens elsewhere)."""
        out: dict[str, Any] = {key: edit.text().strip() for key, edit in self.edits.items()}
        out["date"] = out["date"] or None
        out["joint_dossiernummers"] = split_dossiernummers(out["joint_dossiernummers"])
        out["kamer"] = self.kamer.currentData()
        out["coordinator"] = {key: edit.text().strip() for key, edit in self.person.items()}
        return out


class DocumentList(QWidget):
    """The documents in order: a table, the selected document's details, and buttons."""

    sig_changed = Signal()
    sig_add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[dict[str, str]] = []
        self.folder_of: Callable[[], Path | None] = lambda: None  # the manifest's folder
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 4, self)
        self.table.setAccessibleName(_("Documenten van het dossier"))
        self.table.setHorizontalHeaderLabels([_("Bestand"), _("Soort"), _("Titel"),
                                              _("Voorstel")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for number, width in ((1, 100), (2, 240), (3, 160)):
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(number, width)
        self.table.currentCellChanged.connect(lambda *_a: self._show_details())
        column.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("Documenten &toevoegen…"), self)
        self.add_button.setToolTip(_("PDF's of toetsbestanden (.toets); een toets wordt bij "
                                     "het samenstellen als PDF opgemaakt"))
        self.remove_button = QPushButton(_("Ver&wijderen"), self)
        self.up_button = QPushButton(_("Om&hoog"), self)
        self.down_button = QPushButton(_("Om&laag"), self)
        self.up_button.setToolTip(_("Eén plaats naar voren (Alt+Omhoog)"))
        self.down_button.setToolTip(_("Eén plaats naar achteren (Alt+Omlaag)"))
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.add_button.clicked.connect(self.sig_add_requested)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        for keys, slot in (("Alt+Up", lambda: self.move_current(-1)),
                           ("Alt+Down", lambda: self.move_current(1)),
                           (QKeySequence.StandardKey.Delete, self.remove_current)):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        details = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.addItem(_("Toets (.toets of Toetsapp-PDF; wordt vergeleken)"), "toets")
        self.kind.addItem(_("Ander document (bijv. memorie van toelichting)"), "document")
        self.kind.setAccessibleName(_("Soort document"))
        self.title = QLineEdit(self)
        self.title.setAccessibleName(_("Titel in de inhoudsopgave"))
        set_placeholder(self.title, _("leeg: uit de toets of de PDF"))
        self.proposal = QLineEdit(self)
        self.proposal.setAccessibleName(_("Voorstel of variant"))
        set_placeholder(self.proposal, _("leeg: de korte titel uit de toets"))
        for widget, label in ((self.kind, _("&Soort:")), (self.title, _("Tit&el in inhoud:")),
                              (self.proposal, _("&Voorstel of variant:"))):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            details.addRow(caption, widget)
        column.addLayout(details)
        self.kind.currentIndexChanged.connect(
            lambda _i: self._edit("kind", self.kind.currentData()))
        self.title.textEdited.connect(lambda text: self._edit("title", text))
        self.proposal.textEdited.connect(lambda text: self._edit("proposal", text))
        self._sync()

    # --- data --------------------------------------------------------------------------
    def load(self, entries: list[dict[str, str]]) -> None:
        self.entries = [dict(e) for e in entries]
        self._fill(0 if self.entries else -1)

    def add(self, files: list[str]) -> None:
        """Append documents (manifest-relative paths); a toets unless it is clearly not."""
        for name in files:
            self.entries.append({"file": name, "kind": "toets", "title": "", "proposal": ""})
        self._fill(len(self.entries) - 1)
        self.sig_changed.emit()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.entries):
            del self.entries[row]
            self._fill(min(row, len(self.entries) - 1))
            self.sig_changed.emit()

    def move_current(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if 0 <= row < len(self.entries) and 0 <= target < len(self.entries):
            self.entries[row], self.entries[target] = self.entries[target], self.entries[row]
            self._fill(target)
            self.sig_changed.emit()

    def _edit(self, key: str, value: str) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.entries) and self.entries[row].get(key, "") != value:
            self.entries[row][key] = value
            self._fill_row(row)
            self.sig_changed.emit()

    # --- showing -----------------------------------------------------------------------
    def _fill(self, current: int) -> None:
        self.table.setRowCount(len(self.entries))
        for row in range(len(self.entries)):
            self._fill_row(row)
        self.table.setVerticalHeaderLabels([str(n) for n in range(1, len(self.entries) + 1)])
        if current >= 0:
            self.table.setCurrentCell(current, 0)
        self._show_details()

    def _fill_row(self, row: int) -> None:
        entry = self.entries[row]
        texts = (entry["file"], kind_text(entry, self.folder_of()),
                 entry.get("title", ""), entry.get("proposal", ""))
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.table.setItem(row, column, item)

    def _show_details(self) -> None:
        row = self.table.currentRow()
        entry = self.entries[row] if 0 <= row < len(self.entries) else None
        for widget in (self.kind, self.title, self.proposal):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData((entry or {}).get("kind", "toets"))))
        self.title.setText((entry or {}).get("title", ""))
        self.proposal.setText((entry or {}).get("proposal", ""))
        for widget in (self.kind, self.title, self.proposal):
            widget.blockSignals(False)
        self._sync()

    def _sync(self) -> None:
        row = self.table.currentRow()
        has = 0 <= row < len(self.entries)
        for widget in (self.kind, self.title, self.proposal, self.remove_button):
            widget.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < len(self.entries) - 1)
