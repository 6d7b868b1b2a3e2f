"""Never lose work: the app is killed with SIGKILL at random moments, again and again.

Each run of the app restores what the previous run left behind (or reopens the
saved file), checks it, and keeps typing; the driver prints what is safe on disk
after every completed autosave or save. Every restart must recover at least that.
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from toetsapp.editing import AnswerPart, read
from toetsapp.files.store import load_toets
from toetsapp.ui.driver import count_tokens

KILLS = 24
QUESTION, CHOICE = "kern_voorstel", "relatie_uitvoeringstoets"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")]


def _lines(stream, sink: queue.Queue) -> None:
    for line in stream:
        sink.put(line.strip())
    sink.put(None)


def _start(env: dict[str, str]) -> tuple[subprocess.Popen, queue.Queue]:
    proc = subprocess.Popen([sys.executable, "-m", "toetsapp"], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(proc.stdout, lines), daemon=True).start()
    return proc, lines


def _drain(lines: queue.Queue, until: float) -> list[str]:
    out = []
    while True:
        left = until - time.monotonic()
        try:
            line = lines.get(timeout=max(left, 0.001)) if left > 0 else lines.get_nowait()
        except queue.Empty:
            return out
        if line is None:
            return out
        out.append(line)


def test_sigkill_at_random_moments_never_loses_autosaved_work(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    spec = {"mode": "edits", "out": str(out), "form": "doenvermogentoets",
            "question": QUESTION, "choice": CHOICE, "interval_ms": 6, "burst": 15,
            "pause_ms": 180, "delay_ms": 120, "max_wait_ms": 400, "save_every": 97}
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TOETSAPP_LANG": "nl",
           "TOETSAPP_CONFIG_DIR": str(tmp_path / "config"),
           "TOETSAPP_STATE_DIR": str(tmp_path / "state"),
           "TOETSAPP_TEST_DRIVER": json.dumps(spec)}
    rng = random.Random(1122)
    safe, autosaves, recovered = 0, 0, 0
    for run in range(KILLS + 1):
        proc, lines = _start(env)
        try:
            first, said = _drain_first(lines)
            how, count, copy = first.split(" ", 2)
            # What the previous run had safely on disk is back, intact and loadable.
            assert int(count) >= safe, (run, first, safe)
            assert count_tokens(read(load_toets(Path(copy)), AnswerPart(QUESTION)) or "") == int(
                count)
            recovered += how == "RECOVERED"
            if run == KILLS:
                break
            said += _drain(lines, time.monotonic() + rng.uniform(0.15, 1.6))
        finally:
            proc.kill()  # SIGKILL: no clean-up, no last save
            proc.wait(timeout=10)
        said += _drain(lines, time.monotonic() + 0.05)
        for line in said:
            kind, _sep, value = line.partition(" ")
            if kind in ("AUTOSAVED", "SAVED") and value.isdigit():
                safe = max(safe, int(value))
                autosaves += kind == "AUTOSAVED"
            if kind == "SAVED":
                saved = load_toets(out / "saved.toets")
                assert count_tokens(read(saved, AnswerPart(QUESTION)) or "") >= int(value)
        assert "CORRUPT" not in said
    assert autosaves >= KILLS // 2 and recovered >= KILLS // 2 and safe > 100


def _drain_first(lines: queue.Queue) -> tuple[str, list[str]]:
    """The line saying how the run started, and what was said before it."""
    before = []
    while True:
        got = _drain_one(lines, 30.0)
        assert got is not None and got != "CORRUPT", before
        if got.split(" ")[0] in ("RECOVERED", "OPENED", "NEW"):
            return got, before
        before.append(got)


def _drain_one(lines: queue.Queue, timeout: float) -> str | None:
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return None
