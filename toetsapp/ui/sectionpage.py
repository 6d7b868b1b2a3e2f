"""A page with every question of one section; questions come and go with their conditions."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from toetsapp.editing import AnswerPart
from toetsapp.engine import Evaluation, Problem
from toetsapp.i18n import _, ngettext
from toetsapp.model.form import Section
from toetsapp.ui.document import Document
from toetsapp.ui.question import QuestionWidget
from toetsapp.ui.widgets import ReadableColumn, heading, muted

PAGE_MARGIN = 24
MAX_TEXT_WIDTH = 1000


class SectionPage(ReadableColumn):
    """Questions of one section as cards, in a scrolling column of readable width."""

    sig_next = Signal()

    def __init__(self, doc: Document, section: Section, number: int, next_title: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(MAX_TEXT_WIDTH, PAGE_MARGIN, parent)
        self.doc = doc
        self.section = section
        language = doc.language
        self.setAccessibleName(section.title.get(language))
        body, column = self.body, self.column
        column.addWidget(heading(f"{number}. {section.title.get(language)}", 1.6, body))
        if section.intro is not None:
            column.addWidget(muted(section.intro.get(language), body))
        self.hidden_section_note = muted(_("Deze sectie is niet van toepassing door de "
                                           "antwoorden die eerder in de toets zijn gegeven."), body)
        column.addWidget(self.hidden_section_note)
        self.widgets: dict[str, QuestionWidget] = {}
        for question in section.questions:
            widget = QuestionWidget(question, language, body)
            widget.sig_edited.connect(self._edited)
            self.widgets[question.id] = widget
            column.addWidget(widget)
            self.refresh_answer(question.id)
        self.hidden_note = muted("", body)
        column.addWidget(self.hidden_note)
        if next_title is not None:
            row = QHBoxLayout()
            row.addStretch(1)
            button = QPushButton(_("Volgende: {title} →").format(title=next_title), body)
            button.setAccessibleName(_("Naar de volgende sectie: {title}").format(title=next_title))
            button.clicked.connect(self.sig_next)
            row.addWidget(button)
            column.addLayout(row)
        column.addStretch(1)
        self.apply_evaluation(doc.evaluation)

    def _edited(self, question_id: str, part: str, value: object, typing: bool) -> None:
        self.doc.edit_answer(question_id, part, value, typing=typing)

    def refresh_answer(self, question_id: str) -> None:
        widget = self.widgets.get(question_id)
        if widget is None:
            return
        toets = self.doc.toets
        widget.show_answer(self.doc.value(AnswerPart(question_id)),
                           toets.answers[question_id].evidence if question_id in toets.answers
                           else "",
                           toets.answers[question_id].involved if question_id in toets.answers
                           else "")

    def apply_evaluation(self, evaluation: Evaluation) -> None:
        visible = evaluation.visibility.questions
        by_question: dict[str, list[Problem]] = defaultdict(list)
        for problem in evaluation.problems:
            if problem.section == self.section.id and problem.question:
                by_question[problem.question].append(problem)
        hidden = 0
        for question_id, widget in self.widgets.items():
            shown = question_id in visible
            hidden += not shown
            if widget.isVisibleTo(self) != shown:
                widget.setVisible(shown)
            widget.show_problems(by_question.get(question_id, []))
        section_shown = self.section.id in evaluation.visibility.sections
        self.hidden_section_note.setVisible(not section_shown)
        note = "" if not section_shown or not hidden else ngettext(
            "{n} vraag in deze sectie is niet van toepassing door eerdere antwoorden.",
            "{n} vragen in deze sectie zijn niet van toepassing door eerdere antwoorden.",
            hidden).format(n=hidden)
        self.hidden_note.setText(note)
        self.hidden_note.setVisible(bool(note))

    def first_visible_question(self) -> str | None:
        """The first question card in view (for F1 when no field has the focus)."""
        top = self.verticalScrollBar().value()
        shown = [(qid, w) for qid, w in self.widgets.items() if w.isVisibleTo(self)]
        for question_id, widget in shown:
            if widget.mapTo(self.body, widget.rect().bottomLeft()).y() >= top:
                return question_id
        return shown[0][0] if shown else None

    def reveal(self, question_id: str, row: int | None = None, column: str | None = None,
               focus: bool = True) -> None:
        """Scroll to a question and (optionally) put the cursor in its editor."""
        widget = self.widgets.get(question_id)
        if widget is None:
            return
        self.column.activate()
        self.refit_now()
        top = widget.mapTo(self.body, widget.rect().topLeft()).y()
        self.verticalScrollBar().setValue(max(0, top - 24))
        if focus:
            widget.focus_editor(row, column)
