"""Opening, saving and closing safely; autosave and recovery inside one process."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QMessageBox

from tests.conftest import EXAMPLES
from tests.uihelp import dispose, open_window, press_in_dialog
from toetsapp.editing import AnswerPart
from toetsapp.files.locations import recovery_dir
from toetsapp.files.recovery import list_recovery, read_recovery
from toetsapp.files.store import load_toets
from toetsapp.ui import settings
from toetsapp.ui.autosave import Session
from toetsapp.ui.mainwindow import MainWindow


def test_broken_or_foreign_file_shows_what_is_wrong_and_changes_nothing(qtbot, catalog,
                                                                        tmp_path):
    window = open_window(qtbot, catalog)
    try:
        assert window.open_path(EXAMPLES[0])
        doc = window.doc
        recent = settings.recent_files.get()
        cases = {
            "kapot.toets": b'{"format": "toetsapp/toets", "format_version": 1, ',
            "vreemd.toets": json.dumps({"hello": "world"}).encode(),
            "leeg.toets": b"",
        }
        for name, content in cases.items():
            path = tmp_path / name
            path.write_bytes(content)
            seen: list = []
            press_in_dialog("ok", seen)
            assert not window.open_path(path)
            box = seen[0]
            assert isinstance(box, QMessageBox)
            assert str(path) in box.informativeText()
            assert window.doc is doc and settings.recent_files.get() == recent
        unknown = json.loads(EXAMPLES[0].read_text("utf-8"))
        unknown["form"]["id"] = "bestaat-niet"
        (tmp_path / "onbekend.toets").write_text(json.dumps(unknown), "utf-8")
        seen = []
        press_in_dialog("ok", seen)
        assert not window.open_path(tmp_path / "onbekend.toets")
        assert "bestaat-niet" in seen[0].informativeText() and window.doc is doc
    finally:
        dispose(window)


def test_close_asks_about_unsaved_changes(qtbot, mini_catalog, tmp_path):
    window = open_window(qtbot, mini_catalog)
    try:
        window.new_toets("mini")
        doc = window.doc
        doc.edit_answer("titel", "value", "Wet X")
        assert window.isWindowModified()
        press_in_dialog("cancel")
        assert not window.close_document() and window.doc is doc
        path = tmp_path / "x.toets"
        doc.path = path  # as if saved before: 'Opslaan' writes there without a dialog
        press_in_dialog("save")
        assert window.close_document() and window.doc is None
        assert load_toets(path).answers["titel"].value == "Wet X"
        assert window.open_path(path)
        window.doc.edit_answer("titel", "value", "Wet Y")
        press_in_dialog("discard")
        assert window.close_document()
        assert load_toets(path).answers["titel"].value == "Wet X"
        assert list(recovery_dir().glob("*.recovery")) == []
    finally:
        dispose(window)


def test_autosave_is_debounced_atomic_and_removed_on_save(qtbot, mini_catalog, tmp_path):
    window = open_window(qtbot, mini_catalog)
    try:
        window.new_toets("mini")
        saver = window.autosaver
        saver.delay_ms = 150
        doc = window.doc
        assert not saver.path.exists()
        doc.edit_answer("titel", "value", "Wet", typing=True)
        doc.edit_answer("titel", "value", "Wet Z", typing=True)
        assert saver.pending and not saver.path.exists()
        with qtbot.waitSignal(saver.sig_autosaved, timeout=3000):
            pass
        toets, original, _when = read_recovery(saver.path)
        assert toets.answers["titel"].value == "Wet Z" and original is None
        assert "Automatisch bewaard" in window.autosave_label.text()
        assert window.save_as(tmp_path / "wet.toets")
        assert not saver.path.exists()
        doc.edit_answer("titel", "value", "Wet Z2")
        saver.save_now()
        assert read_recovery(saver.path)[1] == (tmp_path / "wet.toets").resolve()
    finally:
        dispose(window)


def test_work_of_an_ended_session_is_offered_and_restored(qtbot, mini_catalog, tmp_path):
    first = open_window(qtbot, mini_catalog)
    first.new_toets("mini")
    first.doc.edit_answer("titel", "value", "Niet opgeslagen werk")
    first.doc.edit_answer("gevolgen", "value", "ingrijpend")
    first.autosaver.save_now()
    crashed_file = first.autosaver.path
    first.session.release()  # the process is gone; its recovery file stays behind
    first.autosaver.attach(None)
    first.clear_document()
    first.autosaver.path = tmp_path / "elders.recovery"  # the old window can't touch it now
    second = MainWindow(mini_catalog, Session(recovery_dir()))
    qtbot.addWidget(second)
    second.show()
    try:
        entries = second.session.orphans()
        assert [e.file for e in entries] == [crashed_file]
        assert second.start.recovery_box.isVisible()
        assert second.restore(entries[0])
        doc = second.doc
        assert doc.modified and doc.value(AnswerPart("titel")) == "Niet opgeslagen werk"
        assert any("Hersteld" in w for w in doc.warnings)
        assert not crashed_file.exists() and second.autosaver.path.exists()
        assert read_recovery(second.autosaver.path)[0].answers["titel"].value == (
            "Niet opgeslagen werk")
        # A running session's work is never offered to another window.
        third = Session(recovery_dir())
        assert list_recovery(recovery_dir(), third.is_live) == []
        third.release()
    finally:
        dispose(second)
        dispose(first)


def test_recent_files_and_window_state_are_remembered(qtbot, catalog, tmp_path):
    window = open_window(qtbot, catalog)
    try:
        for example in EXAMPLES:
            assert window.open_path(example)
        assert settings.recent_files.get()[:len(EXAMPLES)] == [
            str(p.resolve()) for p in reversed(EXAMPLES)]
        assert window.recent_menu.actions()[0].text().endswith(EXAMPLES[-1].name)
        window.resize(700, 520)
        dispose(window)
        window.close()
        assert settings.window_geometry.get()
        again = open_window(qtbot, catalog)
        assert (again.width(), again.height()) == (700, 520)
        assert again.start.recent.count() == len(EXAMPLES)
        dispose(again)
    finally:
        dispose(window)
