"""Structure rules: the domain never imports Qt; nothing evaluates code."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "toetsapp"


def _python_files():
    return sorted(PACKAGE.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_qt_only_inside_ui():
    offenders = [str(p.relative_to(PACKAGE)) for p in _python_files()
                 if "ui" not in p.relative_to(PACKAGE).parts[:1]
                 and _imports(p) & {"PySide6", "shiboken6", "PyQt5", "PyQt6"}]
    assert offenders == []


def test_the_check_itself_sees_qt_imports(tmp_path):
    sample = tmp_path / "leak.py"
    sample.write_text("import os\nfrom PySide6.QtCore import QObject\n", "utf-8")
    assert "PySide6" in _imports(sample)


def test_no_eval_or_exec():
    offenders = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in {"eval", "exec", "compile"}):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_modules_stay_small():
    big = [f"{p.relative_to(PACKAGE)}: {n}" for p in _python_files()
           if (n := len(p.read_text("utf-8").splitlines())) > 400]
    assert big == []
