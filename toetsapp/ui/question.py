"""One question as a card: the question, its guidance, the editor, evidence and people."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from toetsapp.engine import Problem
from toetsapp.i18n import _, ngettext
from toetsapp.model.form import CHOICE_TYPES, Question
from toetsapp.model.toets import MAX_EVIDENCE, MAX_NOTE, Comment
from toetsapp.ui.editors.base import Editor, block
from toetsapp.ui.editors.factory import editor_for
from toetsapp.ui.editors.table import TableEditor
from toetsapp.ui.editors.text import GrowingTextEdit
from toetsapp.ui.fieldhints import HintedLineEdit as QLineEdit
from toetsapp.ui.theme import scaled_font
from toetsapp.ui.widgets import ErrorLabel, muted, who


class QuestionWidget(QFrame):
    """A question card. ``sig_edited(question, part, value, typing)`` reports every edit."""

    sig_edited = Signal(str, str, object, bool)  # question, part, value (JSON-like), typing
    sig_comments_requested = Signal(str)  # question id
    sig_history_requested = Signal(str)  # question id

    def __init__(self, question: Question, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.language = language
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addLayout(self._header())
        self.comment_strip = QLabel(self)
        self.comment_strip.setObjectName("commentStrip")
        self.comment_strip.setWordWrap(True)
        self.comment_strip.setTextFormat(Qt.TextFormat.RichText)
        self.comment_strip.setStyleSheet("QLabel#commentStrip { background: #fff4d6; color: "
                                         "#3d2e00; border-left: 3px solid #d89a00; "
                                         "padding: 4px 8px; }")
        self.comment_strip.hide()
        layout.addWidget(self.comment_strip)
        self.show_comments([])
        if question.help is not None:
            layout.addWidget(muted(question.help.get(language), self))
        if question.guidance:
            layout.addWidget(self._guidance())
        self.editor: Editor = editor_for(question, question.type, self)
        title = question.title(language)
        self.editor.describe(title, question.label.get(language))
        self.editor.sig_edited.connect(
            lambda value, typing: self.sig_edited.emit(question.id, "value", value, typing))
        layout.addWidget(self.editor)
        self._extras(layout)
        self.problem_label = ErrorLabel(self)
        layout.addWidget(self.problem_label)
        self.evidence = self._side_field("evidence", _("Hoe weet je dit?"),
                                         _("Bronnen, onderzoek, cijfers, gesprekken"))
        self.involved = self._side_field("involved", _("Wie waren betrokken?"),
                                         _("Organisaties, teams of mensen"))
        if self.evidence or self.involved:
            grid = QGridLayout()
            grid.setHorizontalSpacing(16)
            for col, (label, box) in enumerate(x for x in (self.evidence, self.involved) if x):
                grid.addWidget(label, 0, col)
                grid.addWidget(box, 1, col, Qt.AlignmentFlag.AlignTop)
                grid.setColumnStretch(col, 1)
            layout.addLayout(grid)

    def _extras(self, layout: QVBoxLayout) -> None:
        """'Anders, namelijk', the toelichting beside a closed answer, and 'n.v.t.'."""
        question, title = self.question, self.question.title(self.language)
        self.other_edit: QLineEdit | None = None
        self.note_edit: QLineEdit | None = None
        self.nvt_box: QCheckBox | None = None
        self.nvt_reason: QLineEdit | None = None
        self._other_values = {c.value for c in question.choices or () if c.other}
        if self._other_values:
            self.other_edit = self._line("other", _("Anders, namelijk …"),
                                         _("‘Anders, namelijk’ — {q}").format(q=title))
            layout.addWidget(self.other_edit)
        if question.type in CHOICE_TYPES or question.type == "boolean":
            self.note_edit = self._line("note", _("Toelichting (kort, verschijnt naast het "
                                                  "antwoord)"),
                                        _("Toelichting — {q}").format(q=title))
            layout.addWidget(self.note_edit)
        self.choice_nvt: dict[str, QCheckBox] = {}
        if question.choice_states:
            row = QGridLayout()  # one under the other: a row of five widens the card
            row.addWidget(muted(_("N.v.t.:"), self, wrap=False), 0, 0)
            for index, choice in enumerate(question.choices or ()):
                box = QCheckBox(choice.label.get(self.language), self)
                box.setAccessibleName(_("{choice} n.v.t. — {q}").format(
                    choice=choice.label.get(self.language), q=title))
                box.toggled.connect(self._choice_nvt_toggled)
                self.choice_nvt[choice.value] = box
                row.addWidget(box, index, 1)
            row.setColumnStretch(2, 1)
            layout.addWidget(muted(_("Aangevinkt: gevolgen. Niet aangevinkt: geen gevolgen. "
                                     "Of per aspect n.v.t.:"), self))
            layout.addLayout(row)
        if question.allow_not_applicable:
            row = QHBoxLayout()
            self.nvt_box = QCheckBox(_("N.v.t. (niet van toepassing)"), self)
            self.nvt_box.setAccessibleName(_("Niet van toepassing — {q}").format(q=title))
            self.nvt_box.toggled.connect(self._nvt_toggled)
            row.addWidget(self.nvt_box)
            self.nvt_reason = self._line("not_applicable", _("Waarom niet van toepassing?"),
                                         _("Reden n.v.t. — {q}").format(q=title))
            self.nvt_reason.setVisible(False)
            row.addWidget(self.nvt_reason, 1)
            layout.addLayout(row)

    def _line(self, part: str, hint: str, name: str) -> QLineEdit:
        box = QLineEdit(self)
        box.setPlaceholderText(hint)
        box.setAccessibleName(name)
        box.setMaxLength(MAX_NOTE)
        box.textEdited.connect(lambda text: self.sig_edited.emit(
            self.question.id, part, text, True))
        return box

    def _choice_nvt_toggled(self, _on: bool) -> None:
        chosen = [value for value, box in self.choice_nvt.items() if box.isChecked()]
        self.sig_edited.emit(self.question.id, "not_applicable_choices", chosen, False)

    def show_choice_nvt(self, values: list[str]) -> None:
        for value, box in self.choice_nvt.items():
            with block(box):
                box.setChecked(value in values)

    def _nvt_toggled(self, on: bool) -> None:
        assert self.nvt_reason is not None
        self.nvt_reason.setVisible(on)
        self.sig_edited.emit(self.question.id, "not_applicable",
                             self.nvt_reason.text() if on else None, False)
        if on:
            self.nvt_reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_extras(self, not_applicable: str | None, note: str, other: str,
                    value: Any = None, *, section_nvt: bool = False) -> None:
        """The n.v.t. state (own or of the whole section), toelichting and 'anders' text."""
        for box, text in ((self.note_edit, note), (self.other_edit, other)):
            if box is not None and box.text() != text:
                with block(box):
                    box.setText(text)
        if self.other_edit is not None:
            chosen = set(value) if isinstance(value, list) else {value}
            self.other_edit.setVisible(bool(chosen & self._other_values) or bool(other))
        if self.nvt_box is not None and self.nvt_reason is not None:
            with block(self.nvt_box):
                self.nvt_box.setChecked(not_applicable is not None)
            self.nvt_box.setEnabled(not section_nvt)
            self.nvt_reason.setVisible(not_applicable is not None)
            if not_applicable is not None and self.nvt_reason.text() != not_applicable:
                with block(self.nvt_reason):
                    self.nvt_reason.setText(not_applicable)
        self.editor.setEnabled(not_applicable is None and not section_nvt)

    def _header(self) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(2)
        if self.question.short_label is not None:
            kicker = muted(self.question.short_label.get(self.language).upper(), self)
            kicker.setFont(scaled_font(kicker.font(), 0.85, bold=True))
            box.addWidget(kicker)
        row = QHBoxLayout()
        self.title_label = QLabel(self.question.label.get(self.language), self)
        self.title_label.setFont(scaled_font(self.title_label.font(), 1.15, bold=True))
        self.title_label.setWordWrap(True)  # and it may wrap narrower than Qt guesses:
        self.title_label.setMinimumWidth(self.fontMetrics().averageCharWidth() * 16)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.title_label, 1)
        if self.question.required:
            badge = muted(_("verplicht"), self, wrap=False)
            badge.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            row.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        self.comments_button = QToolButton(self)
        self.comments_button.setAutoRaise(True)
        self.comments_button.clicked.connect(lambda: self.sig_comments_requested.emit(
            self.question.id))
        self.history_button = QToolButton(self)
        self.history_button.setAutoRaise(True)
        self.history_button.setText(_("Geschiedenis"))
        self.history_button.setAccessibleName(_("Geschiedenis van het antwoord op {q}").format(
            q=self.question.title(self.language)))
        self.history_button.clicked.connect(
            lambda: self.sig_history_requested.emit(self.question.id))
        for button in (self.comments_button, self.history_button):
            # out of the Tab chain (Tab goes from answer to answer); the keyboard reaches
            # them through Beoordelen > Opmerkingen bij deze vraag / Geschiedenis
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        row.addWidget(self.comments_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(row)
        return box

    def _guidance(self) -> QFrame:
        frame = QFrame(self)
        frame.setObjectName("guidance")
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(12, 8, 12, 8)
        inner.setSpacing(2)
        caption = QLabel(_("Hulpvragen"), frame)
        caption.setFont(scaled_font(caption.font(), 0.95, bold=True))
        inner.addWidget(caption)
        items = "".join(f"<li>{escape(g.get(self.language))}</li>"
                        for g in self.question.guidance)
        text = QLabel(f"<ul style='margin:0 0 0 -20px'>{items}</ul>", frame)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(text)
        frame.setAccessibleName(_("Hulpvragen"))
        return frame

    def _side_field(self, part: str, caption: str,
                    hint: str) -> tuple[QLabel, GrowingTextEdit] | None:
        if not getattr(self.question, part):
            return None
        label = QLabel(caption, self)
        label.setFont(scaled_font(label.font(), 0.95, bold=True))
        box = GrowingTextEdit(2, 8, self)
        box.setPlaceholderText(hint)
        box.setAccessibleName(f"{caption} — {self.question.title(self.language)}")
        label.setBuddy(box)
        box.textChanged.connect(lambda: self._side_edited(part, box))
        return label, box

    def _side_edited(self, part: str, box: GrowingTextEdit) -> None:
        text = box.toPlainText()
        if len(text) > MAX_EVIDENCE:
            text = text[:MAX_EVIDENCE]
            with block(box):
                box.setPlainText(text)
        self.sig_edited.emit(self.question.id, part, text, True)

    # --- from the model ----------------------------------------------------------------
    def show_answer(self, value: Any, evidence: str, involved: str) -> None:
        self.editor.set_value(value)
        for pair, text in ((self.evidence, evidence), (self.involved, involved)):
            if pair and pair[1].toPlainText() != text:
                with block(pair[1]):
                    pair[1].setPlainText(text)
                pair[1].updateGeometry()

    def show_comments(self, comments: list[Comment]) -> None:
        """The open comments on this question, next to it (and their count on the button)."""
        open_ones = [c for c in comments if c.resolved is None]
        self.comments_button.setText(ngettext("{n} opmerking", "{n} opmerkingen",
                                              len(open_ones)).format(n=len(open_ones))
                                     if open_ones else _("Opmerking…"))
        self.comments_button.setAccessibleName(_("Opmerkingen bij {q}").format(
            q=self.question.title(self.language)))
        lines = [f"<b>{escape(who(c.author, c.organisation))}</b>: "
                 f"{escape(c.text[:300])}"
                 + (" " + ngettext("({n} reactie)", "({n} reacties)", len(c.replies))
                    .format(n=len(c.replies)) if c.replies else "")
                 for c in open_ones[:3]]
        if len(open_ones) > 3:
            lines.append(_("… en nog {n}").format(n=len(open_ones) - 3))
        self.comment_strip.setText("<br>".join(lines))
        self.comment_strip.setVisible(bool(lines))

    def show_problems(self, problems: list[Problem]) -> None:
        """Invalid values and table problems inline; plain 'not answered' stays in the list."""
        shown = [p for p in problems if p.severity == "error"
                 and (p.kind == "invalid" or p.row is not None)]
        lines = []
        for problem in shown[:4]:
            prefix = _("Rij {n}: ").format(n=problem.row + 1) if problem.row is not None else ""
            lines.append(prefix + problem.message)
        if len(shown) > 4:
            lines.append(_("… en nog {n}").format(n=len(shown) - 4))
        self.problem_label.show_message("\n".join(lines))

    def focus_editor(self, row: int | None = None, column: str | None = None) -> None:
        if isinstance(self.editor, TableEditor) and row is not None:
            self.editor.select_row(row)
            self.editor.focus_row_editor(column)
            return
        self.editor.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)
