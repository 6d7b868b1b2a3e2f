"""Long work off the GUI thread, through one helper (after Anki's ``QueryOp``).

``BackgroundTask(fn).success(cb).failure(cb).progress(cb).run()`` runs
``fn(report)`` on the thread pool. ``report(done, total, text)`` may be called
from the worker; every callback runs on the GUI thread, so only callbacks touch
widgets. ``fn`` must not touch widgets or the live document: hand it copies.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

T = TypeVar("T")
Report = Callable[[int, int, str], None]

_running: set[_Relay] = set()


class _Relay(QObject):
    """Lives on the GUI thread; worker signals reach it queued."""

    sig_finished = Signal(object, object)  # result, exception
    sig_progress = Signal(int, int, str)

    def __init__(self, task: BackgroundTask[Any]) -> None:
        super().__init__()
        self.task = task
        self.sig_finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self.sig_progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object)
    def _finished(self, result: object, error: object) -> None:
        _running.discard(self)
        if isinstance(error, Exception):
            if self.task.on_failure is None:
                raise error
            self.task.on_failure(error)
        elif self.task.on_success is not None:
            self.task.on_success(result)

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, text: str) -> None:
        if self.task.on_progress is not None:
            self.task.on_progress(done, total, text)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Report], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn(self.relay.sig_progress.emit)
        except Exception as exc:
            self.relay.sig_finished.emit(None, exc)
        else:
            self.relay.sig_finished.emit(result, None)


class BackgroundTask(Generic[T]):
    """A piece of work for the thread pool with GUI-thread callbacks."""

    def __init__(self, fn: Callable[[Report], T]) -> None:
        self.fn = fn
        self.on_success: Callable[[T], Any] | None = None
        self.on_failure: Callable[[Exception], Any] | None = None
        self.on_progress: Callable[[int, int, str], Any] | None = None

    def success(self, callback: Callable[[T], Any]) -> BackgroundTask[T]:
        self.on_success = callback
        return self

    def failure(self, callback: Callable[[Exception], Any]) -> BackgroundTask[T]:
        self.on_failure = callback
        return self

    def progress(self, callback: Callable[[int, int, str], Any]) -> BackgroundTask[T]:
        self.on_progress = callback
        return self

    def run(self) -> None:
        """Start on the thread pool; callbacks arrive through the event loop."""
        relay = _Relay(self)
        _running.add(relay)
        QThreadPool.globalInstance().start(_Job(self.fn, relay))


def busy() -> bool:
    """True while a task has not delivered its result yet."""
    return bool(_running)
