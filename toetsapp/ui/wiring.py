"""Connecting an open document to the window's panels and undo/redo actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtGui import QAction

from toetsapp.i18n import _
from toetsapp.ui.document import Document

if TYPE_CHECKING:
    from toetsapp.ui.mainwindow import MainWindow


def connect_document(window: MainWindow, doc: Document) -> None:
    """Every view follows the document; the undo actions follow its stack."""
    scores, problems, view = window.scores, window.problems, window.view
    assert scores is not None and problems is not None and view is not None
    doc.sig_evaluated.connect(scores.apply_evaluation)
    doc.sig_evaluated.connect(problems.apply_evaluation)
    scores.sig_override_requested.connect(window.override)
    problems.sig_problem_activated.connect(window.reveal_problem)
    doc.sig_comments_changed.connect(lambda: problems.apply_comments(doc.toets.comments))
    problems.apply_comments(doc.toets.comments)
    problems.sig_count_changed.connect(window.problems_counted)
    view.sig_override_target.connect(window.reveal_override)
    doc.sig_modified_changed.connect(window.update_title)
    doc.sig_path_changed.connect(window.update_title)
    doc.sig_metadata_changed.connect(window.update_title)
    doc.sig_read_only.connect(lambda: window.show_status(_(
        "Deze toets is alleen-lezen geopend; kies ‘Opslaan als’ voor een eigen kopie.")))
    stack = doc.undo_stack
    undo, redo = window.actions.undo, window.actions.redo
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.canRedoChanged.connect(redo.setEnabled)
    stack.undoTextChanged.connect(lambda text: _label(undo, _("&Ongedaan maken"), text))
    stack.redoTextChanged.connect(lambda text: _label(redo, _("Opnieu&w"), text))
    undo.setEnabled(stack.canUndo())
    redo.setEnabled(stack.canRedo())
    _label(undo, _("&Ongedaan maken"), stack.undoText())
    _label(redo, _("Opnieu&w"), stack.redoText())


def disconnect_document(window: MainWindow, doc: Document) -> None:
    """Stop following ``doc``, which is about to be deleted with its stack."""
    doc.blockSignals(True)
    doc.undo_stack.blockSignals(True)
    _label(window.actions.undo, _("&Ongedaan maken"), "")
    _label(window.actions.redo, _("Opnieu&w"), "")


def _label(action: QAction, base: str, text: str) -> None:
    if not shiboken6.isValid(action):  # the window is being torn down before the stack
        return
    label = f"{base}: {text}" if text else base
    action.setText(label)
    action.setStatusTip(label.replace("&", ""))
