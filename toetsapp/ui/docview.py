"""The editing view of one document: navigator on the left, the current page on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout, QWidget

from toetsapp.editing import AnswerPart, MetaField, OverrideSlot, Target
from toetsapp.engine import Evaluation
from toetsapp.i18n import _
from toetsapp.ui.document import Document
from toetsapp.ui.metadata import MetadataPage
from toetsapp.ui.navigator import Navigator
from toetsapp.ui.search import SearchPanel
from toetsapp.ui.sectionpage import SectionPage
from toetsapp.ui.widgets import Banner


class DocumentView(QWidget):
    """Shows one document; section pages are built the first time they are opened."""

    sig_override_target = Signal(object)  # an OverrideSlot touched by undo/redo

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.sections = list(doc.form.sections)
        self.section_index = {s.id: i for i, s in enumerate(self.sections)}
        self.section_of = {q.id: s.id for s, q in doc.form.questions()}
        self.navigator = Navigator(doc.form, doc.rubric, doc.language, self)
        self.stack = QStackedWidget(self)
        self._metadata_page: MetadataPage | None = None
        self.pages: dict[int, SectionPage] = {}
        self.placeholders = []
        for _page in range(len(self.sections) + 1):
            placeholder = QWidget(self.stack)
            self.placeholders.append(placeholder)
            self.stack.addWidget(placeholder)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        if doc.warnings:
            self.banner = Banner(" ".join(doc.warnings), right)
            right_layout.addWidget(self.banner)
        self.signature_banner = Banner("", right)
        self.signature_banner.hide()
        right_layout.addWidget(self.signature_banner)
        right_layout.addWidget(self.stack, 1)
        self.search = SearchPanel(doc, self)
        self.search.hide()
        self.search.sig_jump.connect(lambda question: self.reveal(question, focus=False))
        self.search.sig_closed.connect(self.navigator.setFocus)
        self.left = QSplitter(Qt.Orientation.Vertical, self)  # search above the navigator
        self.left.addWidget(self.search)
        self.left.addWidget(self.navigator)
        self.left.setChildrenCollapsible(False)
        self.left.setStretchFactor(0, 3)
        self.left.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, True)  # the navigator folds away; the page never
        self.splitter.setCollapsible(1, False)
        # navigator titles in full where the window has room; on a small screen the page
        room = self.window().width() if parent is not None else 1200  # comes first
        share = room * (30 if room >= 1600 else 25 if room >= 1280 else 20) // 100
        left = min(self.navigator.preferred_width(), max(self.navigator.minimumWidth(), share))
        self.splitter.setSizes([left, max(600, room - left)])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.navigator.sig_page_requested.connect(self.show_page)
        doc.sig_answer_changed.connect(self._answer_changed)
        doc.sig_section_changed.connect(self._section_changed)
        doc.sig_evaluated.connect(self.apply_evaluation)
        doc.sig_reveal.connect(self.reveal_target)
        self.navigator.apply_evaluation(doc.evaluation)
        doc.sig_comments_changed.connect(self.apply_comments)
        self.apply_comments()
        start = 1 if any(doc.toets.answers) or doc.toets.metadata.title else 0
        self.navigator.select_page(start)
        self.show_page(start)

    def apply_comments(self) -> None:
        """Open comments per section in the navigator."""
        from toetsapp.review.comments import open_counts

        self.navigator.apply_comments(open_counts(self.doc.toets)[0])

    # --- pages (built the first time they are shown) ------------------------------------
    def _install(self, number: int, page: QWidget) -> None:
        placeholder = self.placeholders[number]
        self.stack.insertWidget(number, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()

    @property
    def metadata_page(self) -> MetadataPage:
        if self._metadata_page is None:
            self._metadata_page = MetadataPage(self.doc, self.stack)
            self._install(0, self._metadata_page)
        return self._metadata_page

    def page(self, number: int) -> SectionPage:
        """Section page ``number`` (1-based), built on first use."""
        found = self.pages.get(number)
        if found is None:
            section = self.sections[number - 1]
            following = (f"{number + 1}. {self.sections[number].title.get(self.doc.language)}"
                         if number < len(self.sections) else None)
            found = SectionPage(self.doc, section, number, following, self.stack)
            found.sig_next.connect(lambda n=number: self.go_to(n + 1, focus=True))
            self._install(number, found)
            self.pages[number] = found
        return found

    def show_page(self, row: int) -> None:
        if row < 0:
            return
        widget = self.metadata_page if row == 0 else self.page(row)
        self.stack.setCurrentWidget(widget)
        self.navigator.select_page(row)

    def go_to(self, row: int, focus: bool = False) -> None:
        """Open page ``row`` (0 = data page) and optionally focus its first field."""
        row = max(0, min(row, len(self.sections)))
        self.show_page(row)
        if not focus:
            return
        if row == 0:
            self.metadata_page.focus_first()
        else:
            page = self.page(row)
            visible = [q for q in page.widgets if q in self.doc.evaluation.visibility.questions]
            if visible:
                page.reveal(visible[0])

    def current_row(self) -> int:
        widget = self.stack.currentWidget()
        if widget is self._metadata_page:
            return 0
        return next((n for n, page in self.pages.items() if page is widget), 0)

    def step(self, delta: int) -> None:
        self.go_to(self.current_row() + delta, focus=True)

    # --- from the model ----------------------------------------------------------------
    def _answer_changed(self, question_id: str) -> None:
        number = self.section_index[self.section_of[question_id]] + 1
        page = self.pages.get(number)
        if page is not None:
            page.refresh_answer(question_id)

    def _section_changed(self, section_id: str) -> None:
        number = self.section_index.get(section_id)
        page = self.pages.get(number + 1) if number is not None else None
        if page is not None:
            page.refresh_section()

    def apply_evaluation(self, evaluation: Evaluation) -> None:
        self.navigator.apply_evaluation(evaluation)
        for page in self.pages.values():
            page.apply_evaluation(evaluation)

    def reveal(self, question_id: str, row: int | None = None, column: str | None = None,
               focus: bool = True) -> None:
        """Go to a question (e.g. from the problems list)."""
        section = self.section_of.get(question_id)
        if section is None:
            return
        number = self.section_index[section] + 1
        self.show_page(number)
        self.page(number).reveal(question_id, row, column, focus)

    def reveal_target(self, target: Target) -> None:
        """Show where an undo or redo happened."""
        if isinstance(target, AnswerPart):
            self.reveal(target.question, focus=False)
        elif isinstance(target, MetaField):
            self.show_page(0)
        elif isinstance(target, OverrideSlot):
            self.sig_override_target.emit(target)

    def describe_position(self) -> str:
        row = self.current_row()
        if row == 0:
            return _("Gegevens van de toets")
        return self.sections[row - 1].title.get(self.doc.language)
