"""Repeatable tables: an overview of the rows and a form with typed editors for one row."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from toetsapp.i18n import _, ngettext
from toetsapp.model.form import MAX_TABLE_ROWS, Question
from toetsapp.ui.editors.base import Editor, Field
from toetsapp.ui.editors.tablemodel import RowsModel
from toetsapp.ui.widgets import muted


class TableEditor(Editor):
    """Rows of typed cells: add, remove, reorder; edit the selected row below the table."""

    def __init__(self, field: Field, type_: str, parent: QWidget | None = None) -> None:
        super().__init__(field, type_, parent)
        assert isinstance(field, Question)
        self.columns = list(field.columns or ())
        self.max_rows = field.max_rows or MAX_TABLE_ROWS
        self.model = RowsModel(self.columns, self.language)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._size_columns()
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._row_selected())
        self.view.activated.connect(lambda _index: self.focus_row_editor())
        self._build_buttons()
        self._build_row_form()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.button_bar)
        layout.addWidget(self.view)
        layout.addWidget(self.row_box)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_row)
        self._show([])

    # --- building --------------------------------------------------------------------
    def _build_buttons(self) -> None:
        self.add_button = QPushButton(_("Rij &toevoegen"), self)
        self.remove_button = QPushButton(_("Rij verwijderen"), self)
        self.up_button = QToolButton(self)  # arrows, named: the bar must fit a narrow card
        self.down_button = QToolButton(self)
        for button, arrow, name in ((self.up_button, Qt.ArrowType.UpArrow, _("Rij omhoog")),
                                    (self.down_button, Qt.ArrowType.DownArrow, _("Rij omlaag"))):
            button.setArrowType(arrow)
            button.setAccessibleName(name)
            button.setToolTip(name)
        self.count_label = muted("", self, wrap=False)
        self.button_bar = QHBoxLayout()
        for button, slot in ((self.add_button, self.add_row), (self.remove_button, self.remove_row),
                             (self.up_button, lambda: self.move_row(-1)),
                             (self.down_button, lambda: self.move_row(1))):
            button.clicked.connect(slot)
            self.button_bar.addWidget(button)
        self.button_bar.addStretch(1)
        self.button_bar.addWidget(self.count_label)

    def _build_row_form(self) -> None:
        self.row_box = QGroupBox(self)
        form = QFormLayout(self.row_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: label above
        self.cell_editors: dict[str, Editor] = {}
        from toetsapp.ui.editors.factory import editor_for

        for column in self.columns:
            editor = editor_for(column, column.type, self.row_box, compact=True)
            label = column.label.get(self.language) + (" *" if column.required else "")
            form.addRow(label + ":", editor)
            editor.sig_edited.connect(
                lambda value, typing, cid=column.id: self._cell_edited(cid, value, typing))
            self.cell_editors[column.id] = editor
        self.empty_note = muted(_("Nog geen rijen. Kies ‘Rij toevoegen’ om te beginnen."), self)
        form.addRow(self.empty_note)

    def _size_columns(self) -> None:
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        unit = self.fontMetrics().averageCharWidth() * 9
        bold = header.fontMetrics()
        for index, column in enumerate(self.columns):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.Interactive)
            title = str(self.model.headerData(index, Qt.Orientation.Horizontal))
            self.view.setColumnWidth(index, max(int(column.width * unit),
                                                bold.horizontalAdvance(title) + 28))
        header.setStretchLastSection(True)  # fills the room, never below its own width:
        header.setMinimumSectionSize(min(self.view.columnWidth(i)  # narrower, the table
                                         for i in range(len(self.columns))))  # scrolls

    def describe(self, name: str, description: str = "") -> None:
        self.setAccessibleName(name)
        self.view.setAccessibleName(_("Tabel: {q}").format(q=name))
        if description:
            self.view.setAccessibleDescription(description)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            label = button.text().replace("&", "") or button.toolTip()  # arrows: their tip
            button.setAccessibleName(f"{label} — {name}")
        for column in self.columns:
            self.cell_editors[column.id].describe(
                f"{column.label.get(self.language)} — {name}")

    # --- state -------------------------------------------------------------------------
    def rows(self) -> list[dict[str, Any]]:
        return self._value if isinstance(self._value, list) else []

    def current_row(self) -> int:
        index = self.view.selectionModel().currentIndex()
        return index.row() if index.isValid() else -1

    def _show(self, value: Any) -> None:
        rows = [row if isinstance(row, dict) else {} for row in value or []] \
            if isinstance(value, list) else []
        self._value = rows
        current = self.current_row()
        self.model.set_rows(rows)
        line = self.view.verticalHeader().defaultSectionSize()
        visible = min(max(len(rows), 2), 8)
        bar = self.view.horizontalScrollBar().sizeHint().height()  # room for it when needed
        self.view.setFixedHeight(line * visible + self.view.horizontalHeader().height() + 4
                                 + bar)
        self.count_label.setText(ngettext("{n} rij", "{n} rijen", len(rows)).format(n=len(rows)))
        if rows and (current < 0 or current >= len(rows)):
            current = min(max(current, 0), len(rows) - 1)
        self.select_row(current if rows else -1)

    def select_row(self, row: int) -> None:
        if 0 <= row < len(self.rows()):
            index = self.model.index(row, 0)
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        self._row_selected()

    def _row_selected(self) -> None:
        row = self.current_row()
        rows = self.rows()
        has_row = 0 <= row < len(rows)
        self.row_box.setTitle(_("Rij {n}").format(n=row + 1) if has_row else _("Rij"))
        for column in self.columns:
            editor = self.cell_editors[column.id]
            editor.setEnabled(has_row)
            editor.set_value(rows[row].get(column.id) if has_row else None)
        self.empty_note.setVisible(not rows)
        self.add_button.setEnabled(len(rows) < self.max_rows)
        self.remove_button.setEnabled(has_row)
        self.up_button.setEnabled(has_row and row > 0)
        self.down_button.setEnabled(has_row and row < len(rows) - 1)

    # --- editing -----------------------------------------------------------------------
    def _cell_edited(self, column_id: str, value: Any, typing: bool) -> None:
        row = self.current_row()
        rows = copy.deepcopy(self.rows())
        if not 0 <= row < len(rows):
            return
        if value is None:
            rows[row].pop(column_id, None)
        else:
            rows[row][column_id] = value
        self._report(rows, typing)
        self.model.set_rows(rows)

    def add_row(self) -> None:
        rows = copy.deepcopy(self.rows())
        if len(rows) >= self.max_rows:
            return
        rows.append({})
        self._report(rows)
        self._show(rows)
        self.select_row(len(rows) - 1)
        self.focus_row_editor()

    def remove_row(self) -> None:
        row = self.current_row()
        rows = copy.deepcopy(self.rows())
        if 0 <= row < len(rows):
            del rows[row]
            self._report(rows or None)
            self._show(rows)

    def move_row(self, step: int) -> None:
        row = self.current_row()
        rows = copy.deepcopy(self.rows())
        target = row + step
        if 0 <= row < len(rows) and 0 <= target < len(rows):
            rows[row], rows[target] = rows[target], rows[row]
            self._report(rows)
            self._show(rows)
            self.select_row(target)

    def focus_row_editor(self, column_id: str | None = None) -> None:
        """Put the cursor in the row form (first column, or ``column_id``)."""
        if not self.columns or self.current_row() < 0:
            return
        editor = self.cell_editors.get(column_id or self.columns[0].id)
        if editor is not None:
            editor.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_widget(self) -> QWidget:
        return self.view
