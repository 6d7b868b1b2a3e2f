"""A read-only Qt table model over the rows of a table answer (a list of dicts)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from toetsapp.display import format_value
from toetsapp.model.form import Column

Index = QModelIndex | QPersistentModelIndex
CELL_LIMIT = 90


class RowsModel(QAbstractTableModel):
    """Columns of a table question; cells shown as the PDF and the CLI show them."""

    def __init__(self, columns: list[Column], language: str) -> None:
        super().__init__()
        self.columns = columns
        self.language = language
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        if len(rows) == len(self.rows):
            self.rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(rows) - 1, len(self.columns) - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        row = self.rows[index.row()]
        cell = row.get(column.id) if isinstance(row, dict) else None
        if role == Qt.ItemDataRole.DisplayRole:
            text = " ".join(format_value(column, column.type, cell, self.language).split())
            return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            return format_value(column, column.type, cell, self.language) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.type in ("number", "money",
                                                                        "fte"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            column = self.columns[section]
            return column.label.get(self.language) + (" *" if column.required else "")
        return str(section + 1)
