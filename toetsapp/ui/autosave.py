"""Never lose work: a session lock and a debounced, atomic recovery file.

Shortly after every change (default 1.5 s of quiet, at most 10 s during
continuous typing) the open toets is written to this session's recovery file.
Saving or closing the toets removes it. A recovery file whose session lock is
no longer held belongs to a crashed or killed process: the next start offers it.
"""

from __future__ import annotations

import time
import uuid
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from toetsapp.errors import FileProblem
from toetsapp.files.locking import refresh as refresh_lock_file
from toetsapp.files.recovery import (
    RecoveryEntry,
    clean_temporary,
    discard_recovery,
    list_recovery,
    recovery_file,
    recovery_text,
    write_recovery,
)
from toetsapp.ui import settings
from toetsapp.ui.document import Document

MAX_WAIT_MS = 10_000
LOCK_REFRESH_MS = 15 * 60_000  # a lock untouched for a day reads as stale elsewhere


class Session:
    """This process's claim on the recovery folder (a lock file per session)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.id = uuid.uuid4().hex
        self._lock = QLockFile(str(folder / f"{self.id}.lock"))
        self._lock.setStaleLockTime(0)
        self._lock.tryLock(0)
        clean_temporary(folder)

    def is_live(self, session: str) -> bool:
        """Whether ``session`` belongs to a process that is still running."""
        if session == self.id:
            return True
        other = QLockFile(str(self.folder / f"{session}.lock"))
        other.setStaleLockTime(0)
        if other.tryLock(0):
            other.unlock()  # stale: its process is gone; unlocking removes the lock file
            return False
        return other.error() == QLockFile.LockError.LockFailedError

    def orphans(self) -> list[RecoveryEntry]:
        """Unsaved work left behind by sessions that ended without saving."""
        return list_recovery(self.folder, self.is_live)

    def release(self) -> None:
        self._lock.unlock()


class Autosaver(QObject):
    """Writes the attached document to the session's recovery file after changes."""

    sig_autosaved = Signal(int)  # the document generation now safe on disk
    sig_failed = Signal(str)  # writing failed; the last good time stays in ``last_saved``
    sig_cleared = Signal()  # no recovery file any more (saved, closed or dropped)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.path = recovery_file(session.folder, session.id)
        self.delay_ms = settings.autosave_delay_ms.get()
        self.max_wait_ms = MAX_WAIT_MS
        self._doc: Document | None = None
        self.last_saved: datetime | None = None  # the last successful write, local time
        self._pending_since: float | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.save_now)
        self.lock_timer = QTimer(self, interval=LOCK_REFRESH_MS)
        self.lock_timer.timeout.connect(self.refresh_lock)
        self.lock_timer.start()

    def refresh_lock(self) -> None:
        """Touch the open toets's lock file: a colleague sees it is still in use."""
        if self._doc is not None and self._doc.lock is not None:
            refresh_lock_file(self._doc.lock)

    def attach(self, doc: Document | None) -> None:
        """Watch ``doc`` (None: nothing open). Restored work is written at once."""
        if self._doc is not None:
            self._doc.sig_generation.disconnect(self._changed)
            self._doc.sig_modified_changed.disconnect(self._modified_changed)
        self._doc = doc
        self._pending_since = None
        self._timer.stop()
        if doc is None:
            return
        doc.sig_generation.connect(self._changed)
        doc.sig_modified_changed.connect(self._modified_changed)
        if doc.modified:
            self.save_now()

    def _changed(self, _generation: int = 0) -> None:
        if self._doc is None or not self._doc.modified:
            self.discard()
            return
        now = time.monotonic()
        if self._pending_since is None:
            self._pending_since = now
        waited_ms = (now - self._pending_since) * 1000
        self._timer.start(int(max(0, min(self.delay_ms, self.max_wait_ms - waited_ms))))

    def _modified_changed(self, modified: bool) -> None:
        if not modified:
            self.discard()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def save_now(self) -> bool:
        """Write the recovery file now (if there is unsaved work)."""
        self._timer.stop()
        self._pending_since = None
        doc = self._doc
        if doc is None or not doc.modified:
            return False
        try:
            write_recovery(self.session.folder, self.session.id,
                           recovery_text(doc.toets, doc.path))
        except FileProblem as problem:
            self.sig_failed.emit(problem.describe())
            return False
        self.last_saved = datetime.now()
        self.sig_autosaved.emit(doc.generation)
        return True

    def discard(self) -> None:
        """Forget the recovery file: the work is saved or deliberately dropped."""
        self._timer.stop()
        self._pending_since = None
        discard_recovery(self.path)
        self.last_saved = None
        self.sig_cleared.emit()
