"""A page with every question of one section; questions come and go with their conditions."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from toetsapp.editing import AnswerPart, SectionSlot
from toetsapp.engine import Evaluation, Problem
from toetsapp.i18n import _, ngettext
from toetsapp.model.form import Section
from toetsapp.review.comments import comments_on, reviews_of, verdict_label
from toetsapp.ui.document import Document
from toetsapp.ui.editors.base import block
from toetsapp.ui.fieldhints import HintedLineEdit
from toetsapp.ui.question import QuestionWidget
from toetsapp.ui.widgets import ReadableColumn, heading, muted

PAGE_MARGIN = 24


MAX_TEXT_WIDTH = 1000


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
        column.addLayout(self._review_row(body))
        self.nvt_box: QCheckBox | None = None
        self.nvt_reason: QLineEdit | None = None
        if section.allow_not_applicable:
            row = QHBoxLayout()
            self.nvt_box = QCheckBox(_("Dit hele onderdeel is niet van toepassing (n.v.t.)"),
                                     body)
            self.nvt_box.toggled.connect(self._section_nvt)
            row.addWidget(self.nvt_box)
            self.nvt_reason = HintedLineEdit(body)
            self.nvt_reason.setPlaceholderText(_("Waarom niet van toepassing?"))
            self.nvt_reason.setAccessibleName(_("Reden n.v.t. — {s}").format(
                s=section.title.get(language)))
            self.nvt_reason.textEdited.connect(self._section_reason)
            self.nvt_reason.setVisible(False)
            row.addWidget(self.nvt_reason, 1)
            column.addLayout(row)
        self.widgets: dict[str, QuestionWidget] = {}
        for question in section.questions:
            widget = QuestionWidget(question, language, body)
            widget.sig_edited.connect(self._edited)
            widget.sig_comments_requested.connect(self.open_comments)
            widget.sig_history_requested.connect(self.open_history)
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
        self.refresh_section()
        self.apply_evaluation(doc.evaluation)
        doc.sig_comments_changed.connect(self.refresh_comments)
        self.refresh_comments()

    # --- review: comments, verdicts, history -------------------------------------------
    def _review_row(self, body: QWidget) -> QVBoxLayout:
        box = QVBoxLayout()
        self.review_label = QLabel(body)
        self.review_label.setWordWrap(True)
        self.review_label.setTextFormat(Qt.TextFormat.RichText)
        box.addWidget(self.review_label)
        row = QHBoxLayout()
        self.section_comments = QPushButton(body)
        self.section_comments.clicked.connect(lambda: self.open_comments(None))
        review = QPushButton(_("Onderdeel &beoordelen…"), body)
        review.clicked.connect(self.open_review)
        row.addWidget(self.section_comments)
        row.addWidget(review)
        row.addStretch(1)
        box.addLayout(row)
        return box

    def refresh_comments(self) -> None:
        toets = self.doc.toets
        for question_id, widget in self.widgets.items():
            widget.show_comments(comments_on(toets, question=question_id))
        own = [c for c in comments_on(toets, section=self.section.id) if c.resolved is None]
        self.section_comments.setText(ngettext(
            "{n} opmerking bij dit onderdeel", "{n} opmerkingen bij dit onderdeel",
            len(own)).format(n=len(own)) if own else _("Opmerking bij dit onderdeel…"))
        reviews = reviews_of(toets, self.section.id)
        lines = []
        for review in reviews:
            colour = {"akkoord": "#2E7D32", "aanpassen": "#C62828"}.get(review.verdict,
                                                                        "#B26A00")
            name = f"{review.author} ({review.organisation})" if review.organisation \
                else review.author
            text = f" — {_esc(review.comment)}" if review.comment else ""
            lines.append(_("Beoordeling van {who}: {verdict}").format(
                who=_esc(name), verdict=f"<b style='color:{colour}'>"
                f"{_esc(verdict_label(review.verdict))}</b>") + text)
        self.review_label.setText("<br>".join(lines))
        self.review_label.setVisible(bool(lines))

    def open_comments(self, question_id: str | None) -> None:
        from toetsapp.ui.comments import CommentsDialog

        dialog = CommentsDialog(self.doc, question=question_id,
                                section=None if question_id else self.section.id,
                                parent=self.window())
        dialog.exec()
        dialog.deleteLater()

    def open_review(self) -> None:
        from toetsapp.ui.comments import ReviewDialog

        dialog = ReviewDialog(self.doc, self.section.id, self.window())
        dialog.exec()
        dialog.deleteLater()

    def open_history(self, question_id: str) -> None:
        from toetsapp.ui.history import HistoryDialog

        dialog = HistoryDialog(self.doc, question_id, self.window())
        dialog.exec()
        dialog.deleteLater()

    def _edited(self, question_id: str, part: str, value: object, typing: bool) -> None:
        self.doc.edit_answer(question_id, part, value, typing=typing)

    def refresh_answer(self, question_id: str) -> None:
        widget = self.widgets.get(question_id)
        if widget is None:
            return
        toets = self.doc.toets
        value = self.doc.value(AnswerPart(question_id))
        widget.show_answer(value,
                           toets.answers[question_id].evidence if question_id in toets.answers
                           else "",
                           toets.answers[question_id].involved if question_id in toets.answers
                           else "")
        widget.show_extras(self.doc.value(AnswerPart(question_id, "not_applicable")),
                           self.doc.value(AnswerPart(question_id, "note")),
                           self.doc.value(AnswerPart(question_id, "other")), value,
                           section_nvt=self.section.id in toets.not_applicable_sections
                           and self.section.allow_not_applicable)
        widget.show_choice_nvt(self.doc.value(AnswerPart(question_id, "not_applicable_choices")))

    def refresh_section(self) -> None:
        """The section's own n.v.t. declaration, and every question it greys out."""
        reason = self.doc.value(SectionSlot(self.section.id))
        if self.nvt_box is not None and self.nvt_reason is not None:
            with block(self.nvt_box):
                self.nvt_box.setChecked(reason is not None)
            self.nvt_reason.setVisible(reason is not None)
            if reason is not None and self.nvt_reason.text() != reason:
                with block(self.nvt_reason):
                    self.nvt_reason.setText(reason)
        for question_id in self.widgets:
            self.refresh_answer(question_id)

    def _section_nvt(self, on: bool) -> None:
        assert self.nvt_reason is not None
        self.doc.edit(SectionSlot(self.section.id), self.nvt_reason.text() if on else None,
                      _("Onderdeel ‘{s}’ n.v.t.").format(
                          s=self.section.title.get(self.doc.language)))
        if on:
            self.nvt_reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def _section_reason(self, text: str) -> None:
        if self.nvt_box is not None and self.nvt_box.isChecked():
            self.doc.edit(SectionSlot(self.section.id), text, _("Reden n.v.t. bij ‘{s}’")
                          .format(s=self.section.title.get(self.doc.language)), typing=True)

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
