"""The problems list: what is missing or invalid; activating a problem jumps to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from toetsapp.engine import Evaluation, Problem
from toetsapp.i18n import _, ngettext
from toetsapp.model.form import Form
from toetsapp.model.toets import Comment
from toetsapp.ui.widgets import muted

PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1
OPEN_COMMENT = "open_comment"


def comment_problem(comment: Comment) -> Problem:
    """An open comment as a row of the problems list (kind "open opmerking")."""
    who = f"{comment.author} ({comment.organisation})" if comment.organisation \
        else comment.author
    text = comment.text.replace("\n", " ")
    return Problem(OPEN_COMMENT, "warning",  # type: ignore[arg-type]
                   _("open opmerking — {who}: {text}").format(who=who, text=text[:200]),
                   comment.question, comment.section)


class ProblemsPanel(QWidget):
    """Every problem of the toets in form order; Enter or a click goes to the question."""

    sig_problem_activated = Signal(object)  # Problem
    sig_count_changed = Signal(int)  # number of errors

    def __init__(self, form: Form, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form, self.language = form, language
        self.questions = form.question_index()
        self.section_titles = {s.id: f"{i}. {s.title.get(language)}"
                               for i, s in enumerate(form.sections, start=1)}
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([_("Melding"), _("Vraag"), _("Sectie")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName(_("Problemen in de toets"))
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        unit = self.fontMetrics().averageCharWidth()
        header.resizeSection(1, unit * 34)
        header.resizeSection(2, unit * 30)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.show_info = QCheckBox(_("Ook &meldingen tonen (niet van toepassing, onbekend)"),
                                   self)
        self.show_info.toggled.connect(lambda _on: self._refill())
        self.summary = muted("", self, wrap=False)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_info)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.tree)
        layout.addStretch(0)
        style = self.style()
        self.icons = {
            "error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            "info": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
        }
        self.icons[OPEN_COMMENT] = style.standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxQuestion)
        self._problems: list[Problem] = []
        self._comments: list[Problem] = []
        self._shown: list[Problem] | None = None

    def apply_evaluation(self, evaluation: Evaluation) -> None:
        self._problems = evaluation.problems
        self._refill()

    def apply_comments(self, comments: list[Comment]) -> None:
        """Open comments are a kind of their own ("open opmerking") after the problems."""
        self._comments = [comment_problem(c) for c in comments if c.resolved is None]
        self._refill()

    def _refill(self) -> None:
        problems = [p for p in self._problems
                    if self.show_info.isChecked() or p.severity == "error"] + self._comments
        errors = sum(1 for p in self._problems if p.severity == "error")
        if problems != self._shown:
            self._shown = problems
            self.tree.setUpdatesEnabled(False)
            self.tree.clear()
            self.tree.addTopLevelItems([self._item(p) for p in problems])
            self.tree.setUpdatesEnabled(True)
            self.tree.setVisible(bool(problems))
        summary = (_("Geen problemen: alle verplichte vragen zijn goed ingevuld.")
                   if not errors else
                   ngettext("{n} ding om op te lossen. Kies de regel om naar de "
                            "vraag te gaan.",
                            "{n} dingen om op te lossen. Kies een regel om naar de "
                            "vraag te gaan.", errors).format(n=errors))
        if self._comments:
            summary += " " + ngettext("{n} open opmerking.", "{n} open opmerkingen.",
                                      len(self._comments)).format(n=len(self._comments))
        self.summary.setText(summary)
        self.sig_count_changed.emit(errors)

    def _item(self, problem: Problem) -> QTreeWidgetItem:
        question = self.questions.get(problem.question or "")
        message = problem.message[:1].upper() + problem.message[1:]
        if problem.row is not None:
            where = _("Rij {n}").format(n=problem.row + 1)
            column = question.column(problem.column) if question and problem.column else None
            if column is not None:
                where += ", " + column.label.get(self.language)
            message = f"{where}: {message}"
        title = question.title(self.language) if question else (problem.question or "")
        item = QTreeWidgetItem([message, title, self.section_titles.get(problem.section or "", "")])
        item.setIcon(0, self.icons.get(OPEN_COMMENT if problem.kind == OPEN_COMMENT
                                       else problem.severity, QIcon()))
        item.setToolTip(0, message)
        item.setToolTip(1, question.label.get(self.language) if question else "")
        item.setData(0, PROBLEM_ROLE, problem)
        return item

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        problem = item.data(0, PROBLEM_ROLE)
        if isinstance(problem, Problem):
            self.sig_problem_activated.emit(problem)

    def count(self) -> int:
        return self.tree.topLevelItemCount()
