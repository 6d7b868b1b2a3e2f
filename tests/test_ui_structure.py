"""Structure rules for the UI: typed sig_* signals, one settings module, a sound Qt build."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QWidget

UI = Path(__file__).resolve().parent.parent / "toetsapp" / "ui"


def _ui_files() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def test_signals_are_named_sig_and_typed():
    """``sig_*`` names; a signal carrying a Python object says in a comment what it is."""
    offenders = []
    for path in _ui_files():
        lines = path.read_text("utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                    and getattr(node.value.func, "id", "") == "Signal"):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                untyped = any(getattr(a, "id", "") == "object" for a in node.value.args)
                if any(not n.startswith("sig_") for n in names) or (
                        untyped and "#" not in lines[node.lineno - 1]):
                    offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_only_the_settings_module_touches_qsettings():
    users = [p.name for p in _ui_files() if "QSettings" in p.read_text("utf-8")]
    assert users == ["settings.py"]


def test_ui_modules_stay_small():
    big = {p.name: n for p in _ui_files() if (n := len(p.read_text("utf-8").splitlines())) > 300}
    assert big == {}


def test_overridden_virtuals_keep_none_alive(qtbot):
    """PySide6 6.12.0 drops a reference to None per call of an overridden virtual on
    Python 3.11, which kills the app after a few thousand repaints (hence the pin)."""

    class Probe(QLineEdit):
        def event(self, event):
            return super().event(event)

    class Painter(QWidget):
        def paintEvent(self, _event):
            pass

    widgets = [Probe(), Painter()]
    for widget in widgets:
        qtbot.addWidget(widget)
        widget.show()
    before = sys.getrefcount(None)
    for _round in range(300):
        for widget in widgets:
            widget.repaint()
    assert sys.getrefcount(None) >= before
