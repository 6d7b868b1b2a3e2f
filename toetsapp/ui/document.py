"""One open toets: the pure model, its definitions, the undo stack and the evaluation.

Widgets never change the model themselves: they call :meth:`Document.edit`,
which pushes an undo command; the command calls :meth:`Document.apply`, which
writes the model, re-runs the engine and tells every view what changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from toetsapp import editing
from toetsapp.editing import (
    AnswerPart,
    ContentSlot,
    MetaField,
    OverrideSlot,
    ReviewSlot,
    SectionSlot,
    SignaturesSlot,
    Target,
)
from toetsapp.engine import Evaluation, evaluate_toets
from toetsapp.files.diskstate import DiskState
from toetsapp.i18n import _, current_language
from toetsapp.model.form import Form, Question
from toetsapp.model.rubric import Rubric
from toetsapp.model.toets import Toets
from toetsapp.ui.commands import SetCommand


class Document(QObject):
    """The toets being edited, with everything the views need to show it."""

    sig_answer_changed = Signal(str)  # question id
    sig_metadata_changed = Signal(str)  # metadata field name
    sig_overrides_changed = Signal()
    sig_evaluated = Signal(object)  # Evaluation
    sig_modified_changed = Signal(bool)
    sig_path_changed = Signal(object)  # Path | None
    sig_reveal = Signal(object)  # Target touched by undo or redo
    sig_generation = Signal(int)  # increases with every change (autosave listens)
    sig_signatures_changed = Signal()
    sig_comments_changed = Signal()  # comments or section reviews
    sig_content_replaced = Signal()  # the whole toets changed at once (a merge)
    sig_section_changed = Signal(str)  # section id (declared n.v.t. or not)
    sig_read_only = Signal()  # an edit was refused: the toets is open read-only

    def __init__(self, toets: Toets, form: Form, rubric: Rubric | None,
                 path: Path | None = None, *, restored: bool = False,
                 warnings: list[str] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.toets = toets
        self.form = form
        self.rubric = rubric
        self.path = path
        self.warnings = list(warnings or [])
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.generation = 0
        self.merge_epoch = 0
        self.saved_once = False
        self._restored = restored
        self._questions = form.question_index()
        self.read_only = False
        """Opened while someone else has it open: edits are refused, saving makes a copy."""
        self.disk: DiskState | None = None
        """The file as last read or written, to notice changes made elsewhere."""
        self.lock: Path | None = None
        """The toets this document holds the lock file of."""
        self.shared: Path | None = None
        """Opened anyway while someone else holds the lock: saving there does not ask."""
        self.edit_guard: Callable[[], bool] | None = None
        """Asked before the first edit; False refuses it (e.g. it would void signatures)."""
        self.evaluation: Evaluation = evaluate_toets(toets, form, rubric)
        self.saved: Toets = toets.model_copy(deep=True)
        """The toets as last saved (or opened): a save logs the changes since."""

    # --- reading ---------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        """Unsaved changes: edits since the last save, or restored work."""
        return self._restored or not self.undo_stack.isClean()

    @property
    def language(self) -> str:
        return current_language()

    def question(self, question_id: str) -> Question:
        return self._questions[question_id]

    def value(self, target: Target) -> Any:
        return editing.read(self.toets, target)

    def display_name(self) -> str:
        """What the window title and messages call this toets."""
        if self.path is not None:
            return self.path.name
        meta = self.toets.metadata
        return meta.short_title or meta.title or _("Naamloze toets")

    # --- editing -----------------------------------------------------------------------
    def edit(self, target: Target, value: Any, text: str, *, typing: bool = False) -> None:
        """Change ``target`` to ``value`` as one undoable step (no-op when unchanged)."""
        if value == self.value(target):
            return
        if self.read_only and not isinstance(target, SignaturesSlot | ReviewSlot):
            self.announce(target)  # the views show the model again
            self.sig_read_only.emit()
            return
        if self.edit_guard is not None and not isinstance(target, SignaturesSlot | ReviewSlot):
            if not self.edit_guard():
                self.announce(target)  # the views show the model again
                return
            self.edit_guard = None
        self.undo_stack.push(SetCommand(self, target, value, text, typing))

    def edit_answer(self, question_id: str, part: str, value: Any, *,
                    typing: bool = False) -> None:
        question = self.question(question_id).title(self.language)
        texts = {"value": _("Antwoord op ‘{q}’"), "evidence": _("Bronnen bij ‘{q}’"),
                 "involved": _("Betrokkenen bij ‘{q}’"),
                 "not_applicable": _("N.v.t. bij ‘{q}’"), "note": _("Toelichting bij ‘{q}’"),
                 "other": _("‘Anders, namelijk’ bij ‘{q}’"),
                 "not_applicable_choices": _("N.v.t. per keuze bij ‘{q}’")}
        self.edit(AnswerPart(question_id, part), value,  # type: ignore[arg-type]
                  texts[part].format(q=question), typing=typing)

    def edit_review(self, change: Callable[[Toets], object], text: str) -> None:
        """Change comments or reviews through ``change(copy)`` as one undoable step
        (never voids a signature: they are outside the signed content)."""
        trial = self.toets.model_copy(deep=True)
        change(trial)
        self.edit(ReviewSlot(), (trial.comments, trial.reviews), text)

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Group several edits into one undo step."""
        self.undo_stack.beginMacro(text)
        try:
            yield
        finally:
            self.undo_stack.endMacro()

    def break_merge(self) -> None:
        """The next keystroke starts a new undo step (e.g. focus left a field)."""
        self.merge_epoch += 1

    def apply(self, target: Target, value: Any) -> None:
        """Write the model and tell the views; only undo commands call this."""
        editing.write(self.toets, target, value)
        self.generation += 1
        self.announce(target)
        self.reevaluate()
        self.sig_generation.emit(self.generation)

    def announce(self, target: Target) -> None:
        """Tell the views that ``target`` changed (or must be shown again)."""
        if isinstance(target, AnswerPart):
            self.sig_answer_changed.emit(target.question)
        elif isinstance(target, MetaField):
            self.sig_metadata_changed.emit(target.name)
        elif isinstance(target, OverrideSlot):
            self.sig_overrides_changed.emit()
        elif isinstance(target, ReviewSlot):
            self.sig_comments_changed.emit()
        elif isinstance(target, ContentSlot):
            self.sig_content_replaced.emit()
            self.sig_comments_changed.emit()
            self.sig_overrides_changed.emit()
            self.sig_signatures_changed.emit()
            for question in self.toets.answers.keys() | self._questions.keys():
                self.sig_answer_changed.emit(question)
            for section in self.form.sections:
                self.sig_section_changed.emit(section.id)
        elif isinstance(target, SectionSlot):
            self.sig_section_changed.emit(target.section)
        else:
            self.sig_signatures_changed.emit()

    def reevaluate(self) -> None:
        self.evaluation = evaluate_toets(self.toets, self.form, self.rubric)
        self.sig_evaluated.emit(self.evaluation)

    # --- saving ------------------------------------------------------------------------
    def mark_saved(self, path: Path) -> None:
        """The model now equals the file at ``path``."""
        changed_path = path != self.path
        self.path = path
        was_modified = self.modified
        self._restored = False
        self.saved_once = True
        self.saved = self.toets.model_copy(deep=True)
        self.undo_stack.setClean()
        if changed_path:
            self.sig_path_changed.emit(path)
        if was_modified and not self.modified:
            self.sig_modified_changed.emit(False)

    def _clean_changed(self, clean: bool) -> None:
        self.sig_modified_changed.emit(self.modified)
