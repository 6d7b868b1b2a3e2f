"""The history of one answer: old and new values, by whom, when; restore as an edit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from toetsapp.formatting import format_datetime
from toetsapp.i18n import _
from toetsapp.review.diff import PART_LABELS, value_text
from toetsapp.review.history import HistoryEntry, answer_history
from toetsapp.review.items import part_of
from toetsapp.ui.document import Document
from toetsapp.ui.widgets import heading, muted

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


class HistoryDialog(QDialog):
    """Every recorded change of one answer, newest first. 'Herstellen' sets the chosen
    old value again as a normal edit (Ctrl+Z takes it back)."""

    def __init__(self, doc: Document, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.question = doc, question
        self.q = doc.question(question)
        title = self.q.title(doc.language)
        self.setWindowTitle(_("Geschiedenis — {title}").format(title=title))
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, 1.2, self))
        layout.addWidget(muted(_("Elke opslag legt vast welke antwoorden veranderden. Kies een "
                                 "wijziging en herstel de oude of de nieuwe waarde; dat is een "
                                 "gewone bewerking die je ongedaan kunt maken."), self))
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([_("Wanneer"), _("Wie"), _("Onderdeel"), _("Oude waarde"),
                                   _("Nieuwe waarde")])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName(_("Wijzigingen van dit antwoord"))
        header = self.tree.header()
        for column, width in enumerate((170, 150, 130)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.tree, 1)
        self.empty = muted(_("Er zijn nog geen wijzigingen van dit antwoord vastgelegd."), self)
        layout.addWidget(self.empty)
        row = QHBoxLayout()
        row.addStretch(1)
        self.restore_old = QPushButton(_("&Oude waarde herstellen"), self)
        self.restore_old.clicked.connect(lambda: self.restore("old"))
        self.restore_new = QPushButton(_("&Nieuwe waarde herstellen"), self)
        self.restore_new.clicked.connect(lambda: self.restore("new"))
        close = QPushButton(_("&Sluiten"), self)
        close.clicked.connect(self.accept)
        for button in (self.restore_old, self.restore_new, close):
            row.addWidget(button)
        layout.addLayout(row)
        self.tree.currentItemChanged.connect(lambda *_a: self._sync())
        self.refill()

    def refill(self) -> None:
        self.tree.clear()
        entries = answer_history(self.doc.toets, self.question)
        for entry in entries:
            part = part_of(entry.key) or "value"
            dropped = _("(waarde niet bewaard)")
            item = QTreeWidgetItem([
                format_datetime(entry.revision.at), entry.revision.by or _("onbekend"),
                _(PART_LABELS.get(part, part)),
                dropped if entry.dropped else self._text(part, entry.old),
                dropped if entry.dropped else self._text(part, entry.new)])
            item.setToolTip(0, entry.revision.summary)
            item.setData(0, ENTRY_ROLE, entry)
            self.tree.addTopLevelItem(item)
        self.empty.setVisible(not entries)
        self.tree.setVisible(bool(entries))
        if entries:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._sync()

    def _text(self, part: str, value: Any) -> str:
        return value_text(self.q, part, value, self.doc.language)

    def _sync(self) -> None:
        entry = self.current()
        usable = entry is not None and not entry.dropped
        self.restore_old.setEnabled(usable)
        self.restore_new.setEnabled(usable)

    def current(self) -> HistoryEntry | None:
        item = self.tree.currentItem()
        return item.data(0, ENTRY_ROLE) if item is not None else None

    def restore(self, which: str) -> None:
        entry = self.current()
        if entry is None or entry.dropped:
            return
        part = part_of(entry.key) or "value"
        value = entry.old if which == "old" else entry.new
        if part not in ("value", "evidence", "involved"):
            return
        if part != "value" and value is None:
            value = ""
        self.doc.edit_answer(self.question, part, value)
