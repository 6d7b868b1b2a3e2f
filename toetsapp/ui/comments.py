"""Comment threads on a question or section, and a section's review verdict.

Every change goes through :meth:`Document.edit_review`: undoable, and never voiding
a signature (comments are outside the signed content).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from toetsapp.errors import ToetsappError
from toetsapp.formatting import format_datetime
from toetsapp.i18n import _
from toetsapp.model.toets import REVIEW_VERDICTS, Comment, Toets
from toetsapp.review import comments as ops
from toetsapp.ui import settings
from toetsapp.ui.document import Document
from toetsapp.ui.fieldhints import set_placeholder
from toetsapp.ui.theme import scaled_font
from toetsapp.ui.widgets import heading, muted, who


def reviewer(doc: Document) -> ops.Author:
    """Who is commenting: the name from the settings, else the toets's toetser."""
    toetser = doc.toets.metadata.toetser
    return ops.Author(settings.toetser_name.get() or toetser.name or _("onbekend"),
                      settings.reviewer_organisation.get() or toetser.organisation)


def comment_line(comment: Comment) -> str:
    """'Eva de Wit (UWV): text' (one line, for a strip or a list)."""
    text = comment.text.replace("\n", " ")
    return f"{who(comment.author, comment.organisation)}: {text}"


class CommentsDialog(QDialog):
    """The threads on one question (or on a section itself), with reply and resolve."""

    def __init__(self, doc: Document, *, question: str | None = None,
                 section: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.question, self.section = doc, question, section
        title = (doc.question(question).title(doc.language) if question
                 else next(s.title.get(doc.language) for s in doc.form.sections
                           if s.id == section))
        self.setWindowTitle(_("Opmerkingen — {title}").format(title=title))
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, 1.2, self))
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        layout.addWidget(self.area, 1)
        self.new_text = QPlainTextEdit(self)
        set_placeholder(self.new_text, _("Nieuwe opmerking"))
        self.new_text.setAccessibleName(_("Nieuwe opmerking"))
        self.new_text.setMaximumHeight(90)
        layout.addWidget(self.new_text)
        row = QHBoxLayout()
        self.author_label = muted("", self, wrap=False)
        row.addWidget(self.author_label, 1)
        add = QPushButton(_("Opmerking &plaatsen"), self)
        add.clicked.connect(self._add)
        row.addWidget(add)
        close = QPushButton(_("&Sluiten"), self)
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        doc.sig_comments_changed.connect(self.refill)
        self.refill()

    def refill(self) -> None:
        author = reviewer(self.doc)
        self.author_label.setText(_("Je reageert als {who}").format(
            who=who(author.name, author.organisation)))
        body = QWidget(self.area)
        column = QVBoxLayout(body)
        found = ops.comments_on(self.doc.toets, question=self.question, section=self.section)
        if not found:
            column.addWidget(muted(_("Nog geen opmerkingen."), body))
        for comment in found:
            column.addWidget(self._thread(comment, body))
        column.addStretch(1)
        self.area.setWidget(body)

    def _thread(self, comment: Comment, parent: QWidget) -> QFrame:
        frame = QFrame(parent)
        frame.setObjectName("card")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(frame)
        state = (_("afgehandeld door {who}").format(who=comment.resolved.by)
                 if comment.resolved else _("open"))
        head = QLabel(f"<b>{_esc(who(comment.author, comment.organisation))}</b> · "
                      f"{format_datetime(comment.at)} · {_esc(state)}", frame)
        box.addWidget(head)
        text = QLabel(_esc(comment.text).replace("\n", "<br>"), frame)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(text)
        for answer in comment.replies:
            line = QLabel(f"↳ <b>{_esc(who(answer.author, answer.organisation))}</b> · "
                          f"{format_datetime(answer.at)}<br>{_esc(answer.text)}", frame)
            line.setWordWrap(True)
            line.setContentsMargins(24, 0, 0, 0)
            box.addWidget(line)
        row = QHBoxLayout()
        reply_text = QPlainTextEdit(frame)
        set_placeholder(reply_text, _("Reageren"))
        reply_text.setAccessibleName(_("Reactie op de opmerking van {who}").format(
            who=comment.author))
        reply_text.setMaximumHeight(48)
        row.addWidget(reply_text, 1)
        send = QPushButton(_("Reageren"), frame)
        send.clicked.connect(lambda: self._reply(comment, reply_text.toPlainText()))
        row.addWidget(send)
        toggle = QPushButton(_("Heropenen") if comment.resolved else _("Afhandelen"), frame)
        toggle.clicked.connect(lambda: self._resolve(comment, comment.resolved is None))
        row.addWidget(toggle)
        box.addLayout(row)
        if comment.resolved:
            frame.setEnabled(True)
            head.setFont(scaled_font(head.font(), 1.0))
        return frame

    def _add(self) -> None:
        text = self.new_text.toPlainText()
        if not text.strip():
            return
        self.doc.edit_review(lambda t: ops.add_comment(
            t, self.doc.form, text, reviewer(self.doc), question=self.question,
            section=self.section), _("Opmerking geplaatst"))
        self.new_text.clear()

    def _reply(self, comment: Comment, text: str) -> None:
        if text.strip():
            self.doc.edit_review(lambda t: ops.reply(t, comment.id, text, reviewer(self.doc)),
                                 _("Reactie op een opmerking"))

    def _resolve(self, comment: Comment, resolved: bool) -> None:
        self.doc.edit_review(lambda t: ops.resolve(t, comment.id, reviewer(self.doc), resolved),
                             _("Opmerking afgehandeld") if resolved
                             else _("Opmerking heropend"))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ReviewDialog(QDialog):
    """A reviewer's verdict on one section: akkoord, aanpassen or vraag, with a comment."""

    def __init__(self, doc: Document, section: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.section = doc, section
        self.setWindowTitle(_("Onderdeel beoordelen"))
        layout = QVBoxLayout(self)
        title = next(s.title.get(doc.language) for s in doc.form.sections if s.id == section)
        layout.addWidget(heading(title, 1.2, self))
        self.group = QButtonGroup(self)
        for verdict in REVIEW_VERDICTS:
            button = QRadioButton(ops.verdict_label(verdict), self)
            button.setProperty("verdict", verdict)
            self.group.addButton(button)
            layout.addWidget(button)
        self.group.buttons()[0].setChecked(True)
        self.comment = QPlainTextEdit(self)
        set_placeholder(self.comment, _("Toelichting (nodig bij aanpassen of vraag)"))
        self.comment.setAccessibleName(_("Toelichting bij het oordeel"))
        layout.addWidget(self.comment)
        self.error = muted("", self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choose(self, verdict: str, comment: str = "") -> None:
        for button in self.group.buttons():
            button.setChecked(button.property("verdict") == verdict)
        self.comment.setPlainText(comment)

    def _ok(self) -> None:
        verdict = self.group.checkedButton().property("verdict")
        text = self.comment.toPlainText()
        trial: Toets = self.doc.toets.model_copy(deep=True)
        try:
            ops.set_review(trial, self.doc.form, self.section, verdict, reviewer(self.doc), text)
        except ToetsappError as problem:
            self.error.setText(str(problem))
            return
        self.doc.edit_review(lambda t: ops.set_review(t, self.doc.form, self.section, verdict,
                                                      reviewer(self.doc), text),
                             _("Onderdeel beoordeeld: {verdict}").format(
                                 verdict=ops.verdict_label(verdict)))
        self.accept()
