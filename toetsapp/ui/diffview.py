"""Side by side: the open toets and another file, or the version at a signature."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from toetsapp.i18n import _, ngettext
from toetsapp.model.toets import Toets
from toetsapp.review.diff import ToetsDiff, diff_toetsen
from toetsapp.ui.document import Document
from toetsapp.ui.theme import is_dark
from toetsapp.ui.widgets import heading, muted

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class DiffWindow(QDialog):
    """Every difference answer by answer, per section: left the other version, right
    the open toets. Double-click a row to go to the question."""

    def __init__(self, doc: Document, other: Toets, other_name: str, *,
                 parent: QWidget | None = None, title: str = "") -> None:
        super().__init__(parent)
        self.doc, self.other, self.other_name = doc, other, other_name
        self.setWindowTitle(title or _("Verschillen met {name}").format(name=other_name))
        self.resize(1100, 700)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle(), 1.25, self))
        self.summary = muted("", self)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([_("Vraag of gegeven"), other_name, _("Nu (deze toets)")])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAccessibleName(_("Verschillen, naast elkaar"))
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        header = self.tree.header()
        header.resizeSection(0, 360)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.itemDoubleClicked.connect(self._go)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.with_scores = QCheckBox(_("Ook &scores en eindoordeel"), self)
        self.with_scores.setChecked(True)
        self.with_scores.toggled.connect(lambda _on: self.refill())
        row.addWidget(self.with_scores)
        row.addStretch(1)
        close = QPushButton(_("&Sluiten"), self)
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        doc.sig_evaluated.connect(lambda _e: self.refill())
        self.refill()

    def diff(self) -> ToetsDiff:
        return diff_toetsen(self.other, self.doc.toets, self.doc.form, self.doc.rubric,
                            language=self.doc.language, scores=self.with_scores.isChecked())

    def refill(self) -> None:
        diff = self.diff()
        self.tree.clear()
        dark = is_dark(self)
        old_bg = QBrush(QColor("#5a2a2a" if dark else "#fdecea"))
        new_bg = QBrush(QColor("#1f4a2a" if dark else "#e8f5e9"))
        bold = QFont(self.font())
        bold.setBold(True)
        count = 0
        for group in diff.groups:
            if not group.differences:
                continue
            top = QTreeWidgetItem([group.title, "", ""])
            top.setFont(0, bold)
            top.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(top)
            for d in group.differences:
                item = QTreeWidgetItem([d.label, d.a_text, d.b_text])
                item.setBackground(1, old_bg)
                item.setBackground(2, new_bg)
                item.setData(0, KEY_ROLE, d.question)
                for column in (1, 2):
                    item.setToolTip(column, item.text(column))
                top.addChild(item)
                count += 1
            top.setExpanded(True)
        self.summary.setText(_("Geen verschillen.") if not count else ngettext(
            "{n} verschil: links {other}, rechts de toets zoals hij nu open staat.",
            "{n} verschillen: links {other}, rechts de toets zoals hij nu open staat.",
            count).format(n=count, other=self.other_name))

    def _go(self, item: QTreeWidgetItem, _column: int) -> None:
        question = item.data(0, KEY_ROLE)
        window = self.parent()
        view = getattr(window, "view", None)
        if question and view is not None:
            view.reveal(question, None, None)
