"""Startup to a shown window with the largest example open, and the cost of one keystroke.

Startup: wall time from spawning ``python -m toetsapp gui LARGEST`` to the moment the
main window is on screen with the toets open (the app's startup driver prints the
time), median of 5, offscreen. Keystroke: in-process, the largest example open, one
character typed into its longest long-text answer through Qt (key event, undo command,
model write, engine run, every view updated), median over many keystrokes.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_engine import largest_example
from bench.common import ROOT, report

RUNS = 5
KEYSTROKES = 300


def startup_seconds(example: str, runs: int = RUNS) -> list[float]:
    """Seconds from process spawn until the window is shown, per run."""
    times = []
    with tempfile.TemporaryDirectory(prefix="toetsapp-bench-") as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
               "TOETSAPP_CONFIG_DIR": str(Path(home) / "config"),
               "TOETSAPP_STATE_DIR": str(Path(home) / "state"),
               "TOETSAPP_TEST_DRIVER": json.dumps({"mode": "shown"})}
        for _run in range(runs + 1):  # the first run warms the file cache
            start = time.time()
            done = subprocess.run([sys.executable, "-m", "toetsapp", "gui", example], cwd=ROOT,
                                  env=env, capture_output=True, text=True, check=True)
            shown = next(line for line in done.stdout.splitlines() if line.startswith("SHOWN"))
            _word, when, opened = shown.split(" ", 2)
            assert opened == Path(example).name, f"the toets did not open: {shown}"
            times.append(float(when) - start)
    return times[1:]


def keystroke_seconds(example: str, count: int = KEYSTROKES) -> tuple[float, float, str]:
    """Median seconds per typed character (whole app), and per engine run alone."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="toetsapp-bench-") as home:
        os.environ["TOETSAPP_CONFIG_DIR"] = str(Path(home) / "config")
        os.environ["TOETSAPP_STATE_DIR"] = str(Path(home) / "state")
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        from toetsapp.engine import evaluate_toets
        from toetsapp.ui.app import build_window, create_application

        app = create_application()
        window = build_window([example])
        doc = window.doc
        assert doc is not None and window.view is not None
        longest = max((q for _s, q in doc.form.questions() if q.type == "textarea"
                       and q.id in doc.evaluation.visibility.questions),
                      key=lambda q: len(str(doc.toets.answers[q.id].value or ""))
                      if q.id in doc.toets.answers else 0)
        window.view.reveal(longest.id)
        editor = window.view.page(window.view.current_row()).widgets[longest.id].editor
        edit = editor.focus_widget()
        edit.moveCursor(edit.textCursor().MoveOperation.End)
        app.processEvents()
        times = []
        for index in range(count):
            start = time.perf_counter()
            QTest.keyClick(edit, Qt.Key.Key_A if index % 6 else Qt.Key.Key_Space)
            app.processEvents()
            times.append(time.perf_counter() - start)
        engine = []
        for _run in range(100):
            start = time.perf_counter()
            evaluate_toets(doc.toets, doc.form, doc.rubric)
            engine.append(time.perf_counter() - start)
        length = len(doc.toets.answers[longest.id].value)
        window.autosaver.attach(None)
        window.clear_document()
        window.session.release()
        QApplication.processEvents()
        return (statistics.median(times), statistics.median(engine),
                f"{longest.id} ({length} characters)")


def main() -> None:
    example = largest_example()
    startup = startup_seconds(example)
    per_key, engine, field = keystroke_seconds(example)
    report("startup", {
        "example": f"{Path(example).name} ({Path(example).stat().st_size // 1024} KB)",
        "startup_to_window_shown_median_of_5": statistics.median(startup),
        "startup_runs": ", ".join(f"{t:.2f} s" for t in startup),
        "typed_into": field,
        "keystroke_engine_and_ui_median": per_key,
        "keystroke_engine_only_median": engine,
        "load_average": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    })


if __name__ == "__main__":
    main()
