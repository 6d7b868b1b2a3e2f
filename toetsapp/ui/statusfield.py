"""The status of a toets: 'definitief' and 'vastgesteld' only when no problems remain."""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QVBoxLayout, QWidget

from toetsapp.editing import MetaField
from toetsapp.engine import Evaluation
from toetsapp.engine.provisional import FINAL_STATUSES, problems_text
from toetsapp.formatting import format_list
from toetsapp.i18n import _
from toetsapp.ui.document import Document
from toetsapp.ui.metafields import MetaChoice
from toetsapp.ui.widgets import ErrorLabel

SHOWN = 5  # problems named in the message


class StatusChoice(MetaChoice):
    """The status combo box; final statuses are refused (and greyed) while problems remain."""

    def __init__(self, doc: Document, label: str, options: list[tuple[str, str]],
                 message: ErrorLabel, parent: QWidget | None = None) -> None:
        self.message, self.refused = message, ""
        super().__init__(doc, "status", label, options, parent)
        doc.sig_evaluated.connect(self.apply_evaluation)
        self.apply_evaluation(doc.evaluation)

    def why_not_final(self) -> str:
        """'' when a final status may be chosen, else which problems stand in the way."""
        state = self.doc.evaluation.provisional
        if not state.is_provisional:
            return ""
        names = [self._name(p) for p in state.problems[:SHOWN]]
        more = state.count - len(names)
        if more:
            names.append(_("nog {n} andere").format(n=more))
        return _("Definitief of vastgesteld kan pas als er geen open problemen meer zijn. "
                 "Nog {problems}: {which}.").format(problems=problems_text(state.count),
                                                     which=format_list(names))

    def _name(self, problem) -> str:
        if problem.question:
            question = self.doc.form.question_index().get(problem.question)
            return question.title(self.doc.language) if question else problem.question
        if problem.dimension and self.doc.rubric is not None:
            dim = self.doc.rubric.dimension(problem.dimension)
            if dim is not None:
                return _("dimensie ‘{dim}’").format(dim=dim.label.get(self.doc.language))
        return problem.message

    def apply_evaluation(self, _evaluation: Evaluation | None = None) -> None:
        reason = self.why_not_final()
        model = self.model()
        if isinstance(model, QStandardItemModel):
            for index, value in enumerate(self.values):
                item = model.item(index)
                if item is not None and value in FINAL_STATUSES:
                    item.setEnabled(not reason)
                    item.setToolTip(reason)
        if self.doc.value(MetaField("status")) in FINAL_STATUSES and reason:
            self.message.show_message(_("Let op: de status is {status}, maar er zijn nog open "
                                        "problemen.").format(status=self.currentText())
                                      + " " + reason)
        elif not reason:
            self.refused = ""
            self.message.show_message("")
        else:
            self.message.show_message(self.refused)

    def _activated(self, index: int) -> None:
        value = self.values[index]
        reason = self.why_not_final()
        if value in FINAL_STATUSES and reason:
            self.refresh()  # back to what the toets says
            self.refused = _("Status ‘{status}’ kan nog niet.").format(
                status=self.itemText(index)) + " " + reason
            self.message.show_message(self.refused)
            return
        self.refused = ""
        self.message.show_message("")
        super()._activated(index)


def status_field(doc: Document, label: str, options: list[tuple[str, str]],
                 parent: QWidget) -> tuple[QWidget, StatusChoice]:
    """The combo box with its message below it (the widget to put in a form row)."""
    box = QWidget(parent)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    message = ErrorLabel(box)
    choice = StatusChoice(doc, label, options, message, box)
    column.addWidget(choice)
    column.addWidget(message)
    return box, choice
