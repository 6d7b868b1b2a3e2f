"""Small shared widgets: headings, muted and error labels, level chips, banners."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from toetsapp.i18n import _
from toetsapp.ui.theme import muted_colour, scaled_font, text_on, tint, tinted


def heading(text: str, factor: float = 1.45, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setFont(scaled_font(label.font(), factor, bold=True))
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def muted(text: str, parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    """Secondary text in the palette's placeholder colour."""
    label = QLabel(text, parent)
    label.setWordWrap(wrap)
    tint(label, "muted")
    return label


class ErrorLabel(QLabel):
    """A red message under a field; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        tint(self, "error")
        self.hide()

    def show_message(self, text: str) -> None:
        if text != self.text():
            self.setText(text)
        self.setVisible(bool(text))


class LevelChip(QWidget):
    """A rounded label in a rubric level's colour (outlined when there is no level)."""

    def __init__(self, parent: QWidget | None = None, *, large: bool = False) -> None:
        super().__init__(parent)
        self._text = ""
        self._colour: QColor | None = None
        self._provisional = False
        self._large = large
        if large:
            self.setFont(scaled_font(self.font(), 1.15, bold=True))
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def set_level(self, text: str, colour: str | None, provisional: bool = False) -> None:
        """Show ``text`` in ``colour``; a provisional level is a pale tint, dashed edge."""
        new = QColor(colour) if colour else None
        if (text, new, provisional) == (self._text, self._colour, self._provisional):
            return
        self._text, self._colour, self._provisional = text, new, provisional
        self.setAccessibleName(text)
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        return self._text

    def is_provisional(self) -> bool:
        return self._provisional

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        pad = metrics.height() // 2 + (4 if self._large else 2)
        return QSize(metrics.horizontalAdvance(self._text) + 2 * pad,
                     metrics.height() + (12 if self._large else 6))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = rect.height() / 2
        if self._colour is not None and self._provisional:
            fill = tinted(self._colour, self.palette().color(QPalette.ColorRole.Base))
            painter.setBrush(fill)
            painter.setPen(QPen(self._colour, 2, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
            painter.setPen(text_on(fill))
        elif self._colour is not None:
            painter.setBrush(self._colour)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(rect, radius, radius)
            painter.setPen(text_on(self._colour))
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(muted_colour(self), 1, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(rect, radius, radius)
            painter.setPen(muted_colour(self))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._text)


class Banner(QFrame):
    """A notice above the page, with an optional action and a close button."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.close_button = QPushButton(_("Melding sluiten"), self)
        self.close_button.setAccessibleName(_("Melding sluiten"))
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setAccessibleName(text)

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)


def link_button(text: str, parent: QWidget | None = None) -> QPushButton:
    """A flat, link-like button (still focusable and keyboard-activated)."""
    button = QPushButton(text, parent)
    button.setObjectName("link")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setAccessibleName(text.replace("&", ""))
    return button


class ReadableColumn(QScrollArea):
    """A vertically scrolling page whose content keeps a readable width, centred.

    Word-wrapped text makes the content's height depend on its width, which Qt's
    scroll area only re-measures on resize; every relayout of the content is passed
    on here so the scroll range always fits (nothing is squeezed or clipped).
    """

    def __init__(self, max_width: int, margin: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_width, self.margin = max_width, margin
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Never clip: narrower than its content, the page scrolls sideways as well.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.body = QWidget(self)
        self.column = QVBoxLayout(self.body)
        self.column.setSpacing(14)
        self.setWidget(self.body)
        self.body.installEventFilter(self)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Qt hands LayoutRequest to the body's layout before event filters see it, so the
        # content is measured here already: fit the scroll range right away.
        if watched is self.body and event.type() == QEvent.Type.LayoutRequest:
            self.refit_now()
        elif watched is self.body and event.type() == QEvent.Type.Show:
            self.refit()
        return super().eventFilter(watched, event)

    def refit(self) -> None:
        """Re-measure the content soon (after its layout has settled)."""
        QCoreApplication.postEvent(self, QEvent(QEvent.Type.LayoutRequest))

    def refit_now(self) -> None:
        """Re-measure the content now (its layout must be up to date)."""
        QCoreApplication.sendEvent(self, QEvent(QEvent.Type.LayoutRequest))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        side = max(self.margin, (self.viewport().width() - self.max_width) // 2)
        margins = self.column.contentsMargins()
        if margins.left() != side:
            self.column.setContentsMargins(side, self.margin, side, self.margin)


def who(name: str, organisation: str) -> str:
    """'Name (Organisation)', or the name alone."""
    return f"{name} ({organisation})" if organisation else name


def row_table(headers: list[str], name: str, parent: QWidget) -> QTableWidget:
    """A small editable table of records: one row selected at a time, Tab leaves it."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    return table


def fit_rows(table: QTableWidget, rows: int, least: int, most: int = 6) -> None:
    """As high as ``rows`` rows (at least ``least``, at most ``most``; then it scrolls)."""
    line = table.verticalHeader().defaultSectionSize()
    table.setFixedHeight(table.horizontalHeader().height()
                         + line * max(least, min(rows, most)) + 4)
