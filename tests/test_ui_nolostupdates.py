"""No lost updates in the app: a file changed by another process, a toets another process
has open (real subprocesses), and exports that ask before overwriting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.test_locking import Holder
from tests.uihelp import dispose, open_window, press_in_dialog
from toetsapp.editing import AnswerPart
from toetsapp.files.locking import lock_path, read_lock
from toetsapp.files.store import load_toets, new_toets, save_toets


def edit_elsewhere(path: Path, title: str = "Van collega") -> None:
    """Another program (a colleague's Toetsapp) saves the file with another title."""
    code = ("import sys\nfrom toetsapp.files.store import load_toets, save_toets\n"
            "from toetsapp.model.toets import Answer\n"
            "t = load_toets(sys.argv[1])\nt.answers['titel'] = Answer(value=sys.argv[2])\n"
            "save_toets(t, sys.argv[1])\n")
    subprocess.run([sys.executable, "-c", code, str(path), title], check=True)


@pytest.fixture
def mini_file(tmp_path, mini_catalog) -> Path:
    path = tmp_path / "mini.toets"
    save_toets(new_toets(mini_catalog, "mini"), path)
    return path


def title_on_disk(path: Path) -> object:
    answer = load_toets(path).answers.get("titel")
    return answer.value if answer else None


def test_saving_over_a_file_changed_elsewhere_asks(qtbot, mini_catalog, mini_file, monkeypatch):
    window = open_window(qtbot, mini_catalog)
    try:
        assert window.open_path(mini_file)
        assert read_lock(mini_file).pid == os.getpid()
        window.doc.edit_answer("titel", "value", "Van mij")
        edit_elsewhere(mini_file)
        seen: list = []
        press_in_dialog("cancel", seen)
        assert not window.save()
        assert seen and "gewijzigd" in seen[0].text()
        assert title_on_disk(mini_file) == "Van collega", "nothing overwritten"
        copy = mini_file.with_name("mijn-versie.toets")
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *a, **k: (str(copy), "")))
        press_in_dialog("copy")
        assert window.save()
        assert title_on_disk(copy) == "Van mij" and title_on_disk(mini_file) == "Van collega"
        assert window.doc.path == copy.resolve()
        assert not lock_path(mini_file).exists() and lock_path(copy).exists()
        assert window.open_path(mini_file)
        window.doc.edit_answer("titel", "value", "Weer van mij")
        edit_elsewhere(mini_file, "Weer van collega")
        press_in_dialog("overwrite")
        assert window.save() and title_on_disk(mini_file) == "Weer van mij"
        window.doc.edit_answer("titel", "value", "Nog eens")
        assert window.save(), "no change elsewhere since our save: no question"
        window.doc.edit_answer("titel", "value", "Verloren")
        edit_elsewhere(mini_file, "Laatste van collega")
        press_in_dialog("reload")
        assert not window.save()
        assert window.doc.value(AnswerPart("titel")) == "Laatste van collega"
        assert not window.doc.modified and title_on_disk(mini_file) == "Laatste van collega"
    finally:
        dispose(window)
    assert not lock_path(mini_file).exists(), "closing releases the lock"


def test_a_toets_open_in_another_process(qtbot, mini_catalog, mini_file):
    holder = Holder(mini_file)
    window = open_window(qtbot, mini_catalog)
    try:
        seen: list = []
        press_in_dialog("cancel", seen)
        assert not window.open_path(mini_file) and window.doc is None
        assert "al geopend" in seen[0].text()
        press_in_dialog("read_only")
        assert window.open_path(mini_file)
        doc = window.doc
        assert doc.read_only and "alleen-lezen" in window.windowTitle()
        doc.edit_answer("titel", "value", "Mag niet")
        assert doc.value(AnswerPart("titel")) is None and not doc.modified
        assert read_lock(mini_file).pid == holder.pid, "read-only leaves their lock alone"
        window.autosaver.attach(None)
        window.clear_document()
        press_in_dialog("open")
        assert window.open_path(mini_file)
        assert not window.doc.read_only
        assert any("ook open" in w for w in window.doc.warnings)
        window.doc.edit_answer("titel", "value", "Toch van mij")
        assert window.save() and title_on_disk(mini_file) == "Toch van mij"
        window.close_document()
        assert read_lock(mini_file).pid == holder.pid, "their lock stays"
        holder.die()
        assert window.open_path(mini_file), "a stale lock needs no question"
        assert any("verlopen en is overgenomen" in w for w in window.doc.warnings)
        assert read_lock(mini_file).pid == os.getpid()
    finally:
        if holder.process.poll() is None:
            holder.die()
        dispose(window)


def test_export_asks_before_replacing_an_existing_pdf(qtbot, mini_catalog, mini_file):
    from toetsapp.ui.exporting import ExportDialog

    window = open_window(qtbot, mini_catalog)
    try:
        assert window.open_path(mini_file)
        pdf = mini_file.with_suffix(".pdf")
        pdf.write_bytes(b"earlier export")
        dialog = ExportDialog(window.doc, window)
        qtbot.addWidget(dialog)
        assert Path(dialog.path_edit.text()) == pdf
        seen: list = []
        press_in_dialog("cancel", seen)
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert seen and "bestaat al" in seen[0].text()
        assert pdf.read_bytes() == b"earlier export" and not dialog.running
        press_in_dialog("yes")
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result_path is not None, timeout=30_000)
        assert pdf.read_bytes().startswith(b"%PDF-")
        qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=30_000)
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)  # own file: no ask
        assert dialog.running or dialog.result_path is not None
        qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=30_000)
    finally:
        dispose(window)


def test_the_lock_of_an_open_toets_is_kept_fresh(qtbot, mini_catalog, mini_file):
    window = open_window(qtbot, mini_catalog)
    try:
        assert window.open_path(mini_file) and read_lock(mini_file).pid == os.getpid()
        old = lock_path(mini_file).stat().st_mtime - 2 * 86400  # as if untouched for 2 days
        os.utime(lock_path(mini_file), (old, old))
        window.autosaver.lock_timer.setInterval(20)  # the real timer, not a direct call
        qtbot.waitUntil(lambda: lock_path(mini_file).stat().st_mtime > old + 86400, timeout=3000)
        window.close_document()
        assert not lock_path(mini_file).exists(), "closing releases it"
    finally:
        dispose(window)
