"""Ctrl+F: search the toets and filter its questions; hits listed by section, jump on Enter.

The searching itself is pure (``toetsapp/search.py``); this panel sits above the
navigator, follows every change of the document while open, and closes with Esc.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from toetsapp.i18n import _, ngettext
from toetsapp.search import FILTERS, Filter, Hit, filtered, search, where_label
from toetsapp.ui.document import Document
from toetsapp.ui.fieldhints import set_placeholder
from toetsapp.ui.widgets import muted

QUESTION_ROLE = Qt.ItemDataRole.UserRole + 1


def filter_label(kind: Filter) -> str:
    return {"all": _("Alle vragen"), "unanswered": _("Alleen onbeantwoorde vragen"),
            "invalid": _("Alleen ongeldige antwoorden"),
            "commented": _("Alleen vragen met opmerkingen")}[kind]


class _Field(QLineEdit):
    """The search field: Down goes into the hits, Esc closes the panel."""

    sig_escape = Signal()
    sig_down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.sig_escape.emit()
        elif event.key() == Qt.Key.Key_Down:
            self.sig_down.emit()
        else:
            super().keyPressEvent(event)


class SearchPanel(QWidget):
    """Search text and a filter; ``sig_jump(question_id)`` asks to show a question."""

    sig_jump = Signal(str)
    sig_closed = Signal()

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        language = doc.language
        self.section_titles = {s.id: f"{n}. {s.title.get(language)}"
                               for n, s in enumerate(doc.form.sections, start=1)}
        self.questions = doc.form.question_index()
        self.field = _Field(self)
        set_placeholder(self.field, _("Zoek in vragen, antwoorden, bronnen, opmerkingen"))
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName(_("Zoeken in de toets"))
        close = QToolButton(self)
        close.setText("×")
        close.setToolTip(_("Zoeken sluiten (Esc)"))
        close.setAccessibleName(_("Zoeken sluiten"))
        close.clicked.connect(self.close_panel)
        top = QHBoxLayout()
        top.addWidget(self.field, 1)
        top.addWidget(close)
        self.filter = QComboBox(self)
        for kind in FILTERS:
            self.filter.addItem(filter_label(kind), kind)
        self.filter.setAccessibleName(_("Welke vragen"))
        filter_caption = QLabel(_("&Toon:"), self)
        filter_caption.setBuddy(self.filter)
        row = QHBoxLayout()
        row.addWidget(filter_caption)
        row.addWidget(self.filter, 1)
        self.summary = muted("", self)
        self.hits = QTreeWidget(self)
        self.hits.setHeaderHidden(True)
        self.hits.setColumnCount(1)
        self.hits.setUniformRowHeights(False)
        self.hits.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.hits.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hits.setAccessibleName(_("Zoekresultaten"))
        self.hits.itemActivated.connect(self._activated)
        self.hits.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.hits, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.field.returnPressed.connect(self.next_hit)
        self.field.sig_escape.connect(self.close_panel)
        self.field.sig_down.connect(self._into_hits)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        doc.sig_evaluated.connect(lambda _e: self.isVisible() and self._timer.start())
        self.hit_list: list[Hit | str] = []

    # --- opening and closing -------------------------------------------------------------
    def open_panel(self) -> None:
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self.refresh()

    def close_panel(self) -> None:
        self.hide()
        self.sig_closed.emit()

    def set_filter(self, kind: Filter) -> None:
        self.filter.setCurrentIndex(FILTERS.index(kind))

    # --- results -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Run the search (and the filter) on the document as it is now."""
        doc, text = self.doc, self.field.text()
        kind: Filter = self.filter.currentData() or "all"
        only = None if kind == "all" else set(filtered(kind, doc.toets, doc.form,
                                                        doc.evaluation))
        found: list[Hit | str]
        if text.strip():
            found = list(search(doc.toets, doc.form, text, doc.language, only))
        elif only is not None:
            found = list(filtered(kind, doc.toets, doc.form, doc.evaluation))
        else:
            found = []
        self.hit_list = found
        self._fill(found)
        questions = {h.question if isinstance(h, Hit) else h for h in found}
        sections = {self._section_of(h) for h in found}
        if not text.strip() and only is None:
            self.summary.setText(_("Typ om te zoeken, of kies welke vragen je wilt zien."))
        elif not found:
            self.summary.setText(_("Niets gevonden."))
        else:
            self.summary.setText(ngettext("{n} vraag", "{n} vragen", len(questions))
                                 .format(n=len(questions)) + " · "
                                 + ngettext("{n} sectie", "{n} secties", len(sections))
                                 .format(n=len(sections)))

    def _section_of(self, hit: Hit | str) -> str:
        if isinstance(hit, Hit):
            return hit.section
        return next(s.id for s, q in self.doc.form.questions() if q.id == hit)

    def _fill(self, found: list[Hit | str]) -> None:
        self.hits.setUpdatesEnabled(False)
        self.hits.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        counts: dict[str, int] = {}
        language = self.doc.language
        for hit in found:
            section = self._section_of(hit)
            group = groups.get(section)
            if group is None:
                group = groups[section] = QTreeWidgetItem([self.section_titles[section]])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                self.hits.addTopLevelItem(group)
            counts[section] = counts.get(section, 0) + 1
            question_id = hit.question if isinstance(hit, Hit) else hit
            title = self.questions[question_id].title(language)
            text = (f"{title}\n{where_label(hit.where)}: {hit.snippet}"
                    if isinstance(hit, Hit) else title)
            item = QTreeWidgetItem([text])  # two lines: the question, then where and what
            item.setToolTip(0, f"<p>{escape(text).replace(chr(10), '<br>')}</p>")
            item.setData(0, QUESTION_ROLE, question_id)
            group.addChild(item)
        for section, group in groups.items():
            group.setText(0, f"{self.section_titles[section]} ({counts[section]})")
        self.hits.expandAll()
        self.hits.setUpdatesEnabled(True)

    def items(self) -> list[QTreeWidgetItem]:
        """The hit rows (not the section headings), in order."""
        out = []
        for i in range(self.hits.topLevelItemCount()):
            group = self.hits.topLevelItem(i)
            out += [group.child(j) for j in range(group.childCount())]
        return out

    def next_hit(self) -> None:
        """Enter: go to the next hit (after the current one), wrapping around."""
        if self._timer.isActive():
            self._timer.stop()
            self.refresh()
        rows = self.items()
        if not rows:
            return
        current = self.hits.currentItem()
        index = (rows.index(current) + 1) % len(rows) if current in rows else 0
        self.hits.setCurrentItem(rows[index])
        self._activated(rows[index])
        self.field.setFocus()

    def _into_hits(self) -> None:
        rows = self.items()
        if rows:
            self.hits.setCurrentItem(rows[0])
            self.hits.setFocus()

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        question = item.data(0, QUESTION_ROLE)
        if isinstance(question, str):
            self.sig_jump.emit(question)
