"""Scripted sessions for tests and benchmarks (never used in normal operation).

``TOETSAPP_TEST_DRIVER`` holds JSON. ``{"mode": "shown"}`` prints ``SHOWN <epoch>``
once the window is on screen and quits (startup benchmark). ``{"mode": "edits",
"out": DIR, ...}`` restores recovered work (or reopens ``DIR/saved.toets``, or
starts a new toets), then types tokens ``w0 w1 …`` into one long answer on a
timer, flips a choice now and then, saves to ``DIR/saved.toets`` every
``save_every`` edits, and prints ``AUTOSAVED n`` / ``SAVED n`` with the number of
tokens that are safe on disk. The crash test kills it at random moments.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from toetsapp.editing import AnswerPart
from toetsapp.files.store import save_toets
from toetsapp.ui.mainwindow import MainWindow

ENV = "TOETSAPP_TEST_DRIVER"
TOKEN = re.compile(r"w(\d+) ")


def _say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def install(window: MainWindow) -> QObject | None:
    """Start the scripted session described in the environment, if any."""
    raw = os.environ.get(ENV)
    if not raw:
        return None
    spec: dict[str, Any] = json.loads(raw)
    if spec.get("mode") == "shown":
        def shown() -> None:
            name = window.doc.display_name() if window.doc is not None else "-"
            _say("SHOWN", repr(time.time()), name)
            QApplication.quit()

        QTimer.singleShot(0, shown)
        return None
    driver = EditDriver(window, spec)
    QTimer.singleShot(0, driver.start)
    return driver


def count_tokens(text: str) -> int | None:
    """How many tokens ``w0 w1 …`` the text holds; None when they are not consecutive."""
    numbers = [int(n) for n in TOKEN.findall(text or "")]
    if numbers != list(range(len(numbers))) or (text or "") != "".join(
            f"w{n} " for n in numbers):
        return None
    return len(numbers)


class EditDriver(QObject):
    def __init__(self, window: MainWindow, spec: dict[str, Any]) -> None:
        super().__init__(window)
        self.window, self.spec = window, spec
        self.out = Path(spec["out"])
        self.question = spec.get("question", "toelichting")
        self.choice = spec.get("choice")
        self.count = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.step)
        autosaver = window.autosaver
        autosaver.delay_ms = int(spec.get("delay_ms", autosaver.delay_ms))
        autosaver.max_wait_ms = int(spec.get("max_wait_ms", autosaver.max_wait_ms))
        autosaver.sig_autosaved.connect(self._autosaved)

    def start(self) -> None:
        window = self.window
        orphans = [e for e in window.session.orphans() if e.problem is None]
        saved = self.out / "saved.toets"
        if orphans:
            window.restore(orphans[0])
            how = "RECOVERED"
        elif saved.exists():
            window.open_path(saved)
            how = "OPENED"
        else:
            window.new_toets(self.spec["form"])
            how = "NEW"
        doc = window.doc
        assert doc is not None
        counted = count_tokens(doc.value(AnswerPart(self.question)) or "")
        if counted is None:
            _say("CORRUPT")
            QApplication.exit(3)
            return
        self.count = counted
        copy = self.out / f"start-{os.getpid()}.toets"
        save_toets(doc.toets, copy)
        _say(how, counted, copy)
        self.timer.start(int(self.spec.get("interval_ms", 10)))

    def step(self) -> None:
        doc = self.window.doc
        if doc is None:
            return
        text = doc.value(AnswerPart(self.question)) or ""
        doc.edit_answer(self.question, "value", text + f"w{self.count} ", typing=True)
        self.count += 1
        if self.choice and self.count % 7 == 0:
            options = doc.question(self.choice).choice_values()
            doc.edit_answer(self.choice, "value", options[(self.count // 7) % len(options)])
        burst = int(self.spec.get("burst", 12))
        pause = int(self.spec.get("pause_ms", 250))
        self.timer.setInterval(pause if self.count % burst == 0
                               else int(self.spec.get("interval_ms", 10)))
        if (self.count % int(self.spec.get("save_every", 50)) == 0
                and self.window.write_to(self.out / "saved.toets")):
            _say("SAVED", self.count)

    def _autosaved(self, _generation: int) -> None:
        """The recovery file now holds exactly the document as it is."""
        doc = self.window.doc
        if doc is not None:
            _say("AUTOSAVED", count_tokens(doc.value(AnswerPart(self.question)) or ""))
