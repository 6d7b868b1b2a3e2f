"""The live score panel: verdict, dimension levels, key figures; 'why' on demand."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from toetsapp.display import format_value
from toetsapp.engine import DimensionScore, Evaluation
from toetsapp.engine.explain import level_label, verdict_label
from toetsapp.formatting import format_number
from toetsapp.i18n import _, ngettext
from toetsapp.model.rubric import Dimension, Rubric
from toetsapp.ui.explanation import dimension_html, verdict_html
from toetsapp.ui.theme import scaled_font, text_on, tinted
from toetsapp.ui.widgets import LevelChip, ReadableColumn, heading, link_button, muted

FLASH_MS = 1400


def _explanation_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.hide()
    return label


class DimensionRow(QFrame):
    """One dimension: level chip, name, 'why?' and 'adjust…'."""

    sig_override_requested = Signal(str)

    def __init__(self, dimension: Dimension, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dimension")
        self.dimension, self.language = dimension, language
        self.level: str | None = "?"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(3)
        top = QHBoxLayout()
        self.name = QLabel(dimension.label.get(language), self)
        self.name.setWordWrap(True)
        self.name.setFont(scaled_font(self.name.font(), 1.0, bold=True))
        top.addWidget(self.name, 1)
        self.chip = LevelChip(self)
        top.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.note = muted("", self)
        layout.addWidget(self.note)
        actions = QHBoxLayout()
        self.why = link_button(_("Waarom?"), self)
        self.why.setCheckable(True)
        self.why.setAccessibleName(_("Waarom: {dim}").format(dim=self.name.text()))
        self.adjust = link_button(_("Aanpassen…"), self)
        self.adjust.setAccessibleName(_("Score aanpassen: {dim}").format(dim=self.name.text()))
        actions.addWidget(self.why)
        actions.addWidget(self.adjust)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.explanation = _explanation_label(self)
        layout.addWidget(self.explanation)
        self.why.toggled.connect(self.explanation.setVisible)
        self.why.toggled.connect(lambda on: self.why.setText(_("Verberg uitleg") if on
                                                             else _("Waarom?")))
        self.adjust.clicked.connect(lambda: self.sig_override_requested.emit(dimension.id))
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(lambda: self._set_flash(False))

    def show_score(self, score: DimensionScore, rubric: Rubric, html: str | None,
                   flash: bool, provisional: bool = False) -> None:
        level = rubric.level(score.level) if score.level else None
        text = _("n.v.t.") if score.not_applicable and score.level is None else level_label(
            rubric, score.level, self.language)
        self.chip.set_level(text, level.color if level else None,
                            provisional and score.level is not None and not score.overridden)
        notes = []
        if provisional and score.level is not None:
            inputs = len(score.expected_inputs)
            notes.append(_("voorlopig: {a} van {n} invoervragen beantwoord").format(
                a=inputs - len(score.unanswered_inputs), n=inputs))
        if self.dimension.critical:
            notes.append(_("kritieke dimensie"))
        if score.overridden:
            notes.append(_("aangepast door de toetser (berekend: {level})").format(
                level=level_label(rubric, score.computed, self.language)))
        self.note.setText(" · ".join(notes))
        self.note.setVisible(bool(notes))
        self.setAccessibleName(f"{self.name.text()}: {self.chip.text()}")
        assessable = score.computed is not None or score.override is not None
        self.adjust.setEnabled(assessable)
        self.adjust.setToolTip("" if assessable else _("Nog niet beoordeeld: er is niets om "
                                                       "van af te wijken."))
        if html is not None and html != self.explanation.text():
            self.explanation.setText(html)
        if flash and score.level != self.level and self.level != "?":
            self._set_flash(True)
            self._flash_timer.start()
        self.level = score.level

    def _set_flash(self, on: bool) -> None:
        self.setProperty("flash", on)
        self.style().unpolish(self)
        self.style().polish(self)


class ScorePanel(ReadableColumn):
    """Everything the rubric says about the toets right now."""

    sig_override_requested = Signal(object)  # dimension id, or None for the verdict

    def __init__(self, rubric: Rubric | None, language: str, parent: QWidget | None = None) -> None:
        super().__init__(100_000, 12, parent)
        self.rubric, self.language = rubric, language
        self.setAccessibleName(_("Scores en eindoordeel"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 44)
        body = self.body
        self.column.setSpacing(8)
        self.rows: dict[str, DimensionRow] = {}
        self._evaluation: Evaluation | None = None
        if rubric is None:
            self.column.addWidget(muted(_("Voor dit formulier is geen rubric beschikbaar."), body))
        else:
            self._build(rubric, body)
        self.column.addStretch(1)

    def _build(self, rubric: Rubric, body: QWidget) -> None:
        self.column.addWidget(heading(rubric.verdict_label.get(self.language), 1.2, body))
        self.verdict = QLabel(body)
        self.verdict.setWordWrap(True)
        self.verdict.setFont(scaled_font(self.verdict.font(), 1.15, bold=True))
        self.verdict.setMargin(10)
        self.column.addWidget(self.verdict)
        self.verdict_state = QLabel(body)
        self.verdict_state.setObjectName("verdictState")
        self.verdict_state.setWordWrap(True)
        self.column.addWidget(self.verdict_state)
        self.verdict_note = muted("", body)
        self.column.addWidget(self.verdict_note)
        actions = QHBoxLayout()
        self.verdict_why = link_button(_("Waarom?"), body)
        self.verdict_why.setCheckable(True)
        self.verdict_why.setAccessibleName(_("Waarom dit eindoordeel"))
        self.verdict_adjust = link_button(_("Eindoordeel aanpassen…"), body)
        actions.addWidget(self.verdict_why)
        actions.addWidget(self.verdict_adjust)
        actions.addStretch(1)
        self.column.addLayout(actions)
        self.verdict_explanation = _explanation_label(body)
        self.column.addWidget(self.verdict_explanation)
        self.verdict_why.toggled.connect(self._verdict_why_toggled)
        self.verdict_adjust.clicked.connect(lambda: self.sig_override_requested.emit(None))
        self.column.addSpacing(8)
        self.column.addWidget(heading(_("Dimensies"), 1.1, body))
        for dimension in rubric.dimensions:
            row = DimensionRow(dimension, self.language, body)
            row.sig_override_requested.connect(self.sig_override_requested.emit)
            row.why.toggled.connect(lambda _on, r=row: self._refresh_row(r))
            self.rows[dimension.id] = row
            self.column.addWidget(row)
        self.column.addSpacing(8)
        self.column.addWidget(heading(_("Kerncijfers"), 1.1, body))
        self.figures = QFormLayout()
        self.figures.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.column.addLayout(self.figures)
        self.progress = muted("", body)
        self.column.addWidget(self.progress)

    def _verdict_why_toggled(self, on: bool) -> None:
        self.verdict_why.setText(_("Verberg uitleg") if on else _("Waarom?"))
        self.verdict_explanation.setVisible(on)
        if self._evaluation is not None:
            self.apply_evaluation(self._evaluation)

    def _refresh_row(self, row: DimensionRow) -> None:
        if self._evaluation is not None:
            self.apply_evaluation(self._evaluation)

    def apply_evaluation(self, evaluation: Evaluation, flash: bool = True) -> None:
        """Show ``evaluation``; explanations are only rendered while open."""
        self._evaluation = evaluation
        rubric = self.rubric
        if rubric is None:
            return
        for score in evaluation.dimensions:
            row = self.rows[score.dimension.id]
            html = (dimension_html(score, evaluation, rubric, self.language)
                    if row.why.isChecked() else None)
            row.show_score(score, rubric, html, flash, evaluation.provisional.is_provisional)
        self._show_verdict(evaluation, rubric)
        self._show_figures(evaluation)

    def _show_verdict(self, evaluation: Evaluation, rubric: Rubric) -> None:
        verdict = evaluation.verdict
        value = verdict.value if verdict else None
        option = rubric.verdict(value) if value else None
        state = evaluation.provisional
        label = verdict_label(rubric, value, self.language)
        if option is not None and state.is_provisional:
            label = _("Voorlopig: {verdict}").format(verdict=label)
        self.verdict.setText(label)
        if option is not None:
            colour, border = option.color, ""
            if state.is_provisional:  # a pale tint with a dashed edge: not yet the verdict
                border = f"border:3px dashed {colour};"
                base = self.palette().color(QPalette.ColorRole.Base)
                colour = tinted(QColor(colour), base).name()
            self.verdict.setStyleSheet(f"background:{colour}; color:{text_on_hex(colour)};"
                                       f"border-radius:8px;{border}")
        else:
            self.verdict.setStyleSheet("border:1px dashed palette(mid); border-radius:8px;")
        self.verdict.setAccessibleName(_("Eindoordeel: {v}").format(v=self.verdict.text()))
        self.verdict_adjust.setEnabled(verdict is not None and (
            verdict.computed is not None or verdict.override is not None))
        lead = _("Voorlopig") if state.is_provisional else _("Volledig")
        self.verdict_state.setText(f"<b>{escape(lead)}</b> — {escape(state.summary())}")
        self.verdict_state.setAccessibleName(f"{lead} — {state.summary()}")
        note = ""
        if verdict is not None and verdict.overridden:
            note = _("Aangepast door de toetser (berekend: {v}).").format(
                v=verdict_label(rubric, verdict.computed, self.language))
        self.verdict_note.setText(note)
        self.verdict_note.setVisible(bool(note))
        if self.verdict_why.isChecked():
            html = verdict_html(verdict, evaluation, rubric, self.language)
            if html != self.verdict_explanation.text():
                self.verdict_explanation.setText(html)

    def _show_figures(self, evaluation: Evaluation) -> None:
        rows = []
        questions = evaluation.form.question_index()
        for figure in evaluation.key_figures:
            if figure.value is None:
                shown = "—"
            elif figure.type == "count":
                shown = format_number(figure.value, self.language)
            else:
                shown = format_value(questions[figure.question_id], figure.type, figure.value,
                                     self.language)
            rows.append((figure.figure.label.get(self.language), shown))
        if self.figures.rowCount() != len(rows):
            while self.figures.rowCount():
                self.figures.removeRow(0)
            for label, _shown in rows:
                value = QLabel(self)
                value.setWordWrap(True)
                self.figures.addRow(muted(label + ":", self), value)
        for index, (_label, shown) in enumerate(rows):
            item = self.figures.itemAt(index, QFormLayout.ItemRole.FieldRole)
            label = item.widget() if item else None
            if isinstance(label, QLabel) and label.text() != shown:
                label.setText(shown)
        answered = sum(evaluation.section_progress(s.id)[0] for s in evaluation.form.sections)
        visible = sum(evaluation.section_progress(s.id)[1] for s in evaluation.form.sections)
        errors = len(evaluation.errors)
        self.progress.setText(_("{a} van {n} vragen beantwoord").format(a=answered, n=visible)
                              + " · " + ngettext("{e} probleem", "{e} problemen", errors)
                              .format(e=errors))


def text_on_hex(colour: str) -> str:
    """The text colour (black or white) that reads best on ``colour``."""
    return text_on(QColor(colour)).name()
