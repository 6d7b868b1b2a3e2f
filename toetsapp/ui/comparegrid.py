"""One comparison table on screen: what is compared down, the toetsen across.

Levels and verdicts are drawn as chips in their rubric colour with the label inside
(colour never carries meaning alone); a toetser's override is marked ✱ with the
computed level on a second line. Rows where every toets agrees can be hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from toetsapp.dossier.comparison import Cell, ComparisonTable
from toetsapp.i18n import _
from toetsapp.ui.theme import muted_colour, text_on

COLOUR_ROLE = Qt.ItemDataRole.UserRole + 1
OVERRIDE_MARK = " ✱"
PAD = 6
COLUMN_WIDTH = 230
Index = QModelIndex | QPersistentModelIndex


def cell_text(cell: Cell) -> str:
    """What a cell says, note included: '—' when empty, 'n.v.t.' when not applicable."""
    if cell.kind == "na":
        return cell.text or _("n.v.t.")
    if cell.empty:
        return "—"
    text = cell.text + (OVERRIDE_MARK if cell.overridden else "")
    return f"{text}\n{cell.note}" if cell.note else text


def same_everywhere(cells: list[Cell]) -> bool:
    """True when every toets has the same value here (what 'alleen verschillen' hides)."""
    keys = {(c.kind, c.text, str(c.value), c.overridden) for c in cells}
    return len(keys) <= 1


def wrapped(text: str, metrics: QFontMetrics, width: int = COLUMN_WIDTH - 16) -> str:
    """``text`` broken into lines that fit ``width`` pixels (headers do not wrap)."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


class ChipDelegate(QStyledItemDelegate):
    """Paints level and verdict cells as coloured chips with their label; the rest as text."""

    def _text_rect(self, rect: QRect) -> QRect:
        return rect.adjusted(PAD + 4, PAD, -PAD - 4, -PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        colour = index.data(COLOUR_ROLE)
        if not colour:
            super().paint(painter, option, index)
            return
        background = QColor(str(colour))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if option.state & QStyle.StateFlag.State_Selected:  # type: ignore[attr-defined]
            painter.fillRect(option.rect, option.palette.highlight())  # type: ignore[attr-defined]
        chip = QRectF(option.rect).adjusted(3.5, 3.5, -3.5, -3.5)  # type: ignore[attr-defined]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(chip, 8, 8)
        painter.setPen(text_on(background))
        font = QFont(option.font)  # type: ignore[attr-defined]
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(self._text_rect(option.rect),  # type: ignore[attr-defined]
                         int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                         str(index.data(Qt.ItemDataRole.DisplayRole)))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        font = QFont(option.font)  # type: ignore[attr-defined]
        font.setBold(True)
        metrics = QFontMetrics(font)
        width = option.rect.width() or COLUMN_WIDTH  # type: ignore[attr-defined]
        box = metrics.boundingRect(self._text_rect(QRect(0, 0, width, 10_000)),
                                   int(Qt.TextFlag.TextWordWrap), text)
        return QSize(width, box.height() + 2 * PAD + 6)


class ComparisonGrid(QTableWidget):
    """A :class:`ComparisonTable` turned a quarter: a row per column, a column per toets."""

    def __init__(self, table: ComparisonTable, parent: QWidget | None = None) -> None:
        super().__init__(len(table.columns), len(table.rows), parent)
        self.table = table
        self.setAccessibleName(table.title)
        self.setItemDelegate(ChipDelegate(self))
        self.setWordWrap(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAlternatingRowColors(True)
        metrics = self.fontMetrics()
        self.setHorizontalHeaderLabels([wrapped(f"{r.number}. {r.label}", metrics)
                                        + f"\n{r.source}" for r in table.rows])
        for place, row in enumerate(table.rows):
            self.horizontalHeaderItem(place).setToolTip(f"{row.number}. {row.label}\n{row.source}")
        self.setVerticalHeaderLabels([c.label for c in table.columns])
        for number, column in enumerate(table.columns):
            head = self.verticalHeaderItem(number)
            tip = column.description
            if column.critical:
                head.setText(f"{column.label} ●")
                tip = _("Kritieke dimensie") + (f": {tip}" if tip else "")
            if column.kind in ("verdict",):
                font = head.font()
                font.setBold(True)
                head.setFont(font)
            head.setToolTip(tip)
            for place, row in enumerate(table.rows):
                self.setItem(number, place, self._item(row.cell(column.id), column.label,
                                                       row.label))
        top = self.horizontalHeader()
        top.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        top.setDefaultSectionSize(COLUMN_WIDTH)
        top.setMinimumSectionSize(120)
        top.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        side = self.verticalHeader()
        side.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        side.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        side.setMaximumWidth(320)
        top.sectionResized.connect(lambda *_args: self.resizeRowsToContents())
        self.resizeRowsToContents()

    def _item(self, cell: Cell, what: str, toets: str) -> QTableWidgetItem:
        text = cell_text(cell)
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if cell.kind in ("level", "verdict") and cell.color:
            item.setData(COLOUR_ROLE, cell.color)
        elif cell.kind == "na" or cell.empty:
            item.setForeground(QBrush(muted_colour(self)))
        item.setToolTip(f"{toets} — {what}: {text}")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{what}: {text}")
        return item

    def differing_rows(self) -> list[int]:
        """Indexes of the rows where the toetsen do not all agree."""
        return [n for n, column in enumerate(self.table.columns)
                if not same_everywhere([r.cell(column.id) for r in self.table.rows])]

    def show_only_differences(self, only: bool) -> int:
        """Hide the rows where every toets agrees (``only``); returns how many are hidden."""
        keep = set(self.differing_rows()) if only else set(range(self.rowCount()))
        for number in range(self.rowCount()):
            self.setRowHidden(number, number not in keep)
        return self.rowCount() - len(keep)

    def row_texts(self, number: int) -> list[str]:
        """The texts of one row, one per toets (for tests and accessibility)."""
        return [self.item(number, c).text() for c in range(self.columnCount())]
