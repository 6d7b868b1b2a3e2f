"""Undo commands. They change the pure model through the document, never widgets.

Every edit is "set this target from old to new". Consecutive keystrokes in one
field merge into one step (orange-canvas/Qt style ``mergeWith``) until focus
leaves the field, the typist pauses, or the step grows too long; compound edits
are macros (``Document.macro``).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from toetsapp.editing import Target

if TYPE_CHECKING:
    from toetsapp.ui.document import Document

TYPING_ID = 0x7041
MERGE_PAUSE = 2.0  # seconds of silence that start a new undo step
MERGE_SPAN = 30.0  # one undo step never holds more than this much typing


class SetCommand(QUndoCommand):
    """Set one target (an answer part, a metadata field, an override) to a value."""

    def __init__(self, doc: Document, target: Target, new: Any, text: str,
                 typing: bool = False, parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self.doc = doc
        self.target = target
        self.old = doc.value(target)
        self.new = new
        self.typing = typing
        self.epoch = doc.merge_epoch
        self.first = self.last = time.monotonic()
        self._done_once = False

    def id(self) -> int:
        return TYPING_ID if self.typing else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetCommand) and self.typing and other.typing):
            return False
        if other.target != self.target or other.epoch != self.epoch:
            return False
        if other.last - self.last > MERGE_PAUSE or other.last - self.first > MERGE_SPAN:
            return False
        self.new = other.new
        self.last = other.last
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self.doc.apply(self.target, self.new)
        if self._done_once:
            self.doc.sig_reveal.emit(self.target)
        self._done_once = True

    def undo(self) -> None:
        self.doc.apply(self.target, self.old)
        self.doc.sig_reveal.emit(self.target)
