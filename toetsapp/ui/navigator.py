"""The navigator: the toets's data page and every section, with progress and score state."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPalette,
    QPen,
    QPolygonF,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from toetsapp.engine import Evaluation
from toetsapp.i18n import _, ngettext
from toetsapp.model.form import Form
from toetsapp.model.rubric import Rubric
from toetsapp.ui.theme import error_colour, muted_colour, success_colour

STATE_ROLE = Qt.ItemDataRole.UserRole + 1
COMMENT_COLOUR = "#f5c542"


@dataclass(frozen=True)
class EntryState:
    """What the navigator shows for one entry."""

    answered: int = 0
    visible: int = 0
    errors: int = 0
    hidden: bool = False
    level_label: str = ""
    level_colour: str | None = None
    is_data_page: bool = False
    level_rank: int = 0  # 0 is the best level: the dot's shape says the rank too
    comments: int = 0  # open comments in the section
    provisional: bool = False  # the toets has open problems: the level may still change


def section_dimensions(form: Form, rubric: Rubric | None) -> dict[str, list[str]]:
    """Section id -> ids of the dimensions that read a question of that section."""
    if rubric is None:
        return {}
    section_of = {q.id: s.id for s, q in form.questions()}
    out: dict[str, list[str]] = {s.id: [] for s in form.sections}
    for dim in rubric.dimensions:
        for section in dict.fromkeys(section_of[q] for q in dim.inputs if q in section_of):
            out[section].append(dim.id)
    return out


def level_mark(painter: QPainter, box: QRectF, colour: QColor, rank: int,
               outline: QColor, hollow: bool = False) -> None:
    """A score dot that is not colour-only: circle, triangle, diamond, square by rank
    (best to worst), outlined in the text colour so it stands out 3:1 on any theme;
    ``hollow`` (a provisional level): a thick ring in the level's colour between two thin
    text-coloured lines, empty inside."""
    if hollow:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        box = box.adjusted(1.5, 1.5, -1.5, -1.5)
        for pen in (QPen(outline, 5), QPen(colour, 2.6)):
            painter.setPen(pen)
            _shape(painter, box, rank)
        return
    painter.setPen(QPen(outline, 1.2))
    painter.setBrush(colour)
    _shape(painter, box, rank)


def _shape(painter: QPainter, box: QRectF, rank: int) -> None:
    c, r = box.center(), box.width() / 2
    if rank <= 0:
        painter.drawEllipse(box)
    elif rank == 1:
        painter.drawPolygon(QPolygonF([QPointF(c.x(), box.top()),
                                       QPointF(box.right(), box.bottom()),
                                       QPointF(box.left(), box.bottom())]))
    elif rank == 2:
        painter.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - r), QPointF(c.x() + r, c.y()),
                                       QPointF(c.x(), c.y() + r), QPointF(c.x() - r, c.y())]))
    else:
        painter.drawRect(box.adjusted(1, 1, -1, -1))


class _Delegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        height = option.fontMetrics.height()
        return QSize(200, int(height * 2.4))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        state: EntryState = index.data(STATE_ROLE) or EntryState()
        widget = option.widget
        style = widget.style() if widget else None
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = option.palette.color(text_role)
        quiet = text_colour if selected else muted_colour(widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(10, 0, -10, 0)
        ring = QRectF(rect.left(), rect.center().y() - 7, 14, 14)
        self._ring(painter, ring, state, text_colour, quiet, widget)
        right = rect.right()
        if state.level_colour:
            dot = QRectF(right - 12, rect.center().y() - 6, 12, 12)
            level_mark(painter, dot, QColor(state.level_colour), state.level_rank, text_colour,
                       hollow=state.provisional)
        right -= 20
        if state.comments:
            label = str(state.comments)
            width = option.fontMetrics.horizontalAdvance(label) + 12
            bubble = QRectF(right - width, rect.center().y() - 8, width, 16)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(COMMENT_COLOUR))
            painter.drawRoundedRect(bubble, 8, 8)
            painter.setPen(QColor("#3d2e00"))
            painter.drawText(bubble, Qt.AlignmentFlag.AlignCenter, label)
            right -= width + 6
        counts = (_("n.v.t.") if state.hidden else "" if state.is_data_page
                  else f"{state.answered}/{state.visible}")
        painter.setPen(quiet)
        count_width = option.fontMetrics.horizontalAdvance(counts) + 4
        painter.drawText(QRect(right - count_width, rect.top(), count_width, rect.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, counts)
        title_rect = QRect(int(ring.right()) + 10, rect.top(),
                           right - count_width - int(ring.right()) - 16, rect.height())
        title = option.fontMetrics.elidedText(str(index.data() or ""),
                                              Qt.TextElideMode.ElideRight, title_rect.width())
        painter.setPen(quiet if state.hidden else text_colour)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         title)
        painter.restore()

    @staticmethod
    def _ring(painter: QPainter, ring: QRectF, state: EntryState, colour: QColor,
              quiet: QColor, widget: QWidget | None) -> None:
        """Progress: an empty ring, an arc, or a filled check; red when something is wrong."""
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(quiet, 1.2))
        if state.is_data_page:
            painter.drawRoundedRect(ring.adjusted(1, 0, -1, 0), 2, 2)
            for step in (4, 7, 10):
                painter.drawLine(int(ring.left()) + 4, int(ring.top()) + step,
                                 int(ring.right()) - 4, int(ring.top()) + step)
            return
        painter.drawEllipse(ring)
        if state.hidden:
            return
        fraction = state.answered / state.visible if state.visible else 0
        if fraction >= 1 and not state.errors:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(success_colour(widget))
            painter.drawEllipse(ring.adjusted(-1, -1, 1, 1))
            painter.setPen(QPen(QColor("#ffffff"), 2))
            c = ring.center()
            painter.drawPolyline([QPointF(c.x() - 3.5, c.y()), QPointF(c.x() - 1, c.y() + 3),
                                  QPointF(c.x() + 4, c.y() - 3)])
            return
        accent = error_colour(widget) if state.errors else colour
        painter.setPen(QPen(accent, 2.5))
        if fraction >= 1:
            painter.drawEllipse(ring)
        elif fraction > 0:
            painter.drawArc(ring, 90 * 16, -int(360 * 16 * fraction))


class Navigator(QListView):
    """Entry 0 is the data page ('Gegevens'); entry n is section n."""

    sig_page_requested = Signal(int)

    def __init__(self, form: Form, rubric: Rubric | None, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form, self.rubric, self.language = form, rubric, language
        self.dims_of = section_dimensions(form, rubric)
        self.comment_counts: dict[str, int] = {}
        self.entries = QStandardItemModel(self)
        first = QStandardItem(_("Gegevens van de toets"))
        first.setData(EntryState(is_data_page=True), STATE_ROLE)
        first.setToolTip(first.text())
        self.entries.appendRow(first)
        for number, section in enumerate(form.sections, start=1):
            item = QStandardItem(f"{number}. {section.title.get(language)}")
            item.setToolTip(item.text())  # the full title, however narrow the panel
            self.entries.appendRow(item)
        for row in range(self.entries.rowCount()):
            self.entries.item(row).setEditable(False)
        self.setModel(self.entries)
        self.setItemDelegate(_Delegate(self))
        self.setUniformItemSizes(True)
        self.setAccessibleName(_("Onderdelen van de toets"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        self.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.sig_page_requested.emit(current.row()))

    def preferred_width(self) -> int:
        """Wide enough to show every title in full, with its progress and score mark."""
        metrics = self.fontMetrics()
        longest = max(metrics.horizontalAdvance(self.entries.item(row).text())
                      for row in range(self.entries.rowCount()))
        return longest + metrics.horizontalAdvance("10/10") + 110

    def select_page(self, row: int) -> None:
        if self.currentIndex().row() != row:
            self.setCurrentIndex(self.entries.index(row, 0))

    def apply_evaluation(self, evaluation: Evaluation) -> None:
        errors: dict[str, int] = {}
        for problem in evaluation.errors:
            if problem.section:
                errors[problem.section] = errors.get(problem.section, 0) + 1
        levels = {s.dimension.id: s.level for s in evaluation.dimensions}
        for row, section in enumerate(self.form.sections, start=1):
            answered, visible = evaluation.section_progress(section.id)
            label, colour, rank = self._worst_level(self.dims_of.get(section.id, []), levels)
            state = EntryState(answered, visible, errors.get(section.id, 0),
                               section.id not in evaluation.visibility.sections, label, colour,
                               level_rank=rank,
                               comments=self.comment_counts.get(section.id, 0),
                               provisional=evaluation.provisional.is_provisional)
            self._set_state(row, state)

    def apply_comments(self, per_section: Mapping[str, int]) -> None:
        """Open comments per section id; shown as a yellow count beside the progress."""
        self.comment_counts = dict(per_section)
        for row, section in enumerate(self.form.sections, start=1):
            state = self.entries.item(row).data(STATE_ROLE) or EntryState()
            self._set_state(row, replace(state, comments=self.comment_counts.get(section.id, 0)))

    def _set_state(self, row: int, state: EntryState) -> None:
        item = self.entries.item(row)
        if item.data(STATE_ROLE) != state:
            item.setData(state, STATE_ROLE)
            described = self._describe(state)
            item.setData(described, Qt.ItemDataRole.AccessibleDescriptionRole)
            item.setToolTip(f"{item.text()}\n{described}")

    def _worst_level(self, dims: list[str],
                     levels: dict[str, str | None]) -> tuple[str, str | None, int]:
        rubric = self.rubric
        found = [levels[d] for d in dims if levels.get(d)]
        if rubric is None or not found:
            return "", None, 0
        worst = max(found, key=lambda v: rubric.level_rank(v) if rubric.level(v) else -1)
        level = rubric.level(worst)
        if level is None:
            return "", None, 0
        return level.label.get(self.language), level.color, rubric.level_rank(worst)

    @staticmethod
    def _describe(state: EntryState) -> str:
        if state.hidden:
            return _("niet van toepassing")
        text = _("{a} van {n} vragen beantwoord").format(a=state.answered, n=state.visible)
        if state.errors:
            text += ", " + _("{n} problemen").format(n=state.errors)
        if state.level_label and state.provisional:
            text += ", " + _("voorlopige score: {level}").format(level=state.level_label)
        elif state.level_label:
            text += ", " + _("score: {level}").format(level=state.level_label)
        if state.comments:
            text += ", " + ngettext("{n} open opmerking", "{n} open opmerkingen",
                                    state.comments).format(n=state.comments)
        return text
