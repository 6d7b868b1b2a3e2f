"""Score and problem panel commands of the main window: overrides, jumping to problems."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDockWidget

from toetsapp.editing import OverrideSlot
from toetsapp.engine import Problem
from toetsapp.i18n import _
from toetsapp.ui import settings
from toetsapp.ui.messages import show_error
from toetsapp.ui.override import KEEP, OverrideDialog
from toetsapp.ui.problems import ProblemsPanel

if TYPE_CHECKING:
    from toetsapp.ui.mainwindow import MainWindow


class PanelOps:
    """Mixin for :class:`MainWindow` (``self`` is the window)."""

    def reveal_problem(self: MainWindow, problem: Problem) -> None:
        if self.view is None:
            return
        if problem.question:
            self.view.reveal(problem.question, problem.row, problem.column)
        elif problem.section and problem.section in self.view.section_index:
            self.view.go_to(self.view.section_index[problem.section] + 1, focus=False)
        elif problem.kind == "override":
            self._focus_dock(self.score_dock)

    def next_problem(self: MainWindow) -> None:
        if self.problems is None or not self.problems.count():
            self.show_status(_("Geen problemen."))
            return
        tree = self.problems.tree
        row = (tree.indexOfTopLevelItem(tree.currentItem()) + 1) % tree.topLevelItemCount()
        tree.setCurrentItem(tree.topLevelItem(row))
        self.problems.sig_problem_activated.emit(self.problems._shown[row])

    def problems_counted(self: MainWindow, n: int) -> None:
        """The problems panel names its count, hides when empty and returns with a problem."""
        dock = self.problems_dock
        dock.setWindowTitle(_("Problemen ({n})").format(n=n) if n else _("Problemen"))
        shown = self.problems.count() if self.problems is not None else 0
        if not n and not shown:
            dock.hide()
        elif n and not self._problems_before:
            dock.show()
        self._problems_before = n

    def _focus_dock(self: MainWindow, dock: QDockWidget) -> None:
        if self.doc is None:
            return
        dock.show()
        dock.raise_()
        widget = dock.widget()
        if isinstance(widget, ProblemsPanel):
            widget.tree.setFocus()
        elif widget is not None:
            widget.setFocus()
            widget.focusNextChild()

    def override(self: MainWindow, dimension_id: str | None) -> None:
        """Ask for a motivated override of a dimension (or the verdict, ``None``)."""
        doc = self.doc
        if doc is None or doc.rubric is None:
            return
        rubric, evaluation = doc.rubric, doc.evaluation
        if dimension_id is None:
            levels, subject = rubric.verdicts, rubric.verdict_label.get(self.language)
            computed = evaluation.verdict.computed if evaluation.verdict else None
            current = doc.toets.overrides.verdict
            if computed is None and current is None:
                show_error(self, _("Nog geen eindoordeel"), _(
                    "Er is nog geen eindoordeel om van af te wijken: beoordeel eerst de "
                    "dimensies door de vragen te beantwoorden."))
                return
        else:
            dim = rubric.dimension(dimension_id)
            assert dim is not None
            levels, subject = rubric.levels, dim.label.get(self.language)
            computed = next(s.computed for s in evaluation.dimensions
                            if s.dimension.id == dimension_id)
            current = doc.toets.overrides.dimensions.get(dimension_id)
            if computed is None and current is None:
                show_error(self, _("Nog niet beoordeeld"), _(
                    "‘{dim}’ is nog niet beoordeeld; een afwijking is een oordeel over een "
                    "berekende score. Beantwoord eerst de vragen waarop de dimensie steunt.")
                    .format(dim=subject))
                return
        by = doc.toets.metadata.toetser.name or settings.toetser_name.get()
        dialog = OverrideDialog(subject, levels, computed, current, by, self.language, self)
        dialog.exec()
        if dialog.outcome is KEEP:
            return
        text = (_("Afwijking voor ‘{s}’ opgeheven") if dialog.outcome is None
                else _("Afwijking voor ‘{s}’ vastgelegd")).format(s=subject)
        doc.edit(OverrideSlot(dimension_id), dialog.outcome, text)

    def reveal_override(self: MainWindow, _target: OverrideSlot) -> None:
        self.score_dock.show()
        self.score_dock.raise_()
