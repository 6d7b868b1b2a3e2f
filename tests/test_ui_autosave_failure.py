"""When the recovery file cannot be written the window says so, and keeps saying so until
a write succeeds again; "Automatisch bewaard om …" never claims a later write."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.uihelp import dispose, open_window, press_in_dialog
from toetsapp.files.locations import recovery_dir
from toetsapp.files.recovery import read_recovery
from toetsapp.files.store import load_toets
from toetsapp.formatting import format_time


def _edit_and_save(window, text: str) -> bool:
    window.doc.edit_answer("titel", "value", text)
    return window.autosaver.save_now()


def _warning_shown(window) -> bool:
    label = window.autosave_label
    return label.isVisible() and "Automatisch bewaren mislukt" in label.text()


def _break_and_repair(window, qtbot, tmp_path: Path, break_folder, repair_folder) -> None:
    saver, label = window.autosaver, window.autosave_label
    window.new_toets("mini")
    assert _edit_and_save(window, "Eerste versie")
    first = saver.last_saved
    assert first is not None and label.text() == f"Automatisch bewaard om {format_time(first)}"
    break_folder()
    try:
        for attempt in range(3):  # the warning stays, however often it fails
            assert not _edit_and_save(window, f"Niet bewaard {attempt}")
            qtbot.wait(20)
            assert _warning_shown(window), label.text()
            assert saver.last_saved == first and label.last_saved == first
            assert f"Laatst bewaard om {format_time(first)}" in label.text()
            assert label.toolTip()  # the reason, for who wants to know
        window.grab().save(str(tmp_path / "autosave-failed.png"))
    finally:
        repair_folder()
    assert _edit_and_save(window, "Weer bewaard")
    assert not _warning_shown(window)
    assert saver.last_saved is not None and saver.last_saved >= first
    assert "Automatisch bewaard om" in label.text()
    assert read_recovery(saver.path)[0].answers["titel"].value == "Weer bewaard"


def test_recovery_folder_that_disappears(qtbot, mini_catalog, tmp_path):
    window = open_window(qtbot, mini_catalog)
    folder = recovery_dir()
    away = tmp_path / "weg"
    try:
        _break_and_repair(window, qtbot, tmp_path, lambda: shutil.move(folder, away),
                          lambda: shutil.move(away, folder))
    finally:
        dispose(window)


def test_recovery_folder_replaced_by_a_file(qtbot, mini_catalog, tmp_path):
    """Writing fails even for root (a file where the folder was: ENOTDIR)."""
    window = open_window(qtbot, mini_catalog)
    folder = recovery_dir()
    away = tmp_path / "weg"

    def break_folder() -> None:
        shutil.move(folder, away)
        folder.write_text("geen map")

    def repair_folder() -> None:
        folder.unlink()
        shutil.move(away, folder)

    try:
        _break_and_repair(window, qtbot, tmp_path, break_folder, repair_folder)
    finally:
        dispose(window)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only folder")
def test_read_only_recovery_folder(qtbot, mini_catalog, tmp_path):
    window = open_window(qtbot, mini_catalog)
    folder = recovery_dir()
    try:
        _break_and_repair(window, qtbot, tmp_path, lambda: folder.chmod(0o500),
                          lambda: folder.chmod(0o700))
    finally:
        dispose(window)


def test_saving_the_toets_clears_the_warning(qtbot, mini_catalog, tmp_path):
    window = open_window(qtbot, mini_catalog)
    folder = recovery_dir()
    away = tmp_path / "weg"
    try:
        window.new_toets("mini")
        shutil.move(folder, away)
        assert not _edit_and_save(window, "Alleen in het geheugen")
        assert _warning_shown(window)
        assert window.save_as(tmp_path / "wet.toets")  # the work is safe in the file now
        assert not _warning_shown(window) and window.autosave_label.text() == ""
    finally:
        shutil.move(away, folder)
        dispose(window)


def test_saving_over_a_read_only_toets_asks_first(qtbot, mini_catalog, tmp_path):
    window = open_window(qtbot, mini_catalog)
    path = tmp_path / "alleen-lezen.toets"
    try:
        window.new_toets("mini")
        assert window.save_as(path)
        window.doc.edit_answer("titel", "value", "Nieuwe titel")
        path.chmod(0o444)
        before = path.read_bytes()
        seen: list = []
        press_in_dialog("cancel", seen)
        assert not window.save()
        assert seen and "alleen-lezen" in seen[0].text()
        assert path.read_bytes() == before and window.doc.modified
        press_in_dialog("yes")
        assert window.save()
        assert load_toets(path).answers["titel"].value == "Nieuwe titel"
        assert not path.stat().st_mode & 0o222 and not window.doc.modified
    finally:
        dispose(window)


def test_saving_through_a_symlink_keeps_the_link(qtbot, mini_catalog, tmp_path):
    window = open_window(qtbot, mini_catalog)
    real = tmp_path / "archief" / "wet.toets"
    real.parent.mkdir()
    link = tmp_path / "wet.toets"
    try:
        window.new_toets("mini")
        assert window.save_as(real)
        window.clear_document()
        link.symlink_to(real)
        assert window.open_path(link)
        window.doc.edit_answer("titel", "value", "Via de koppeling")
        assert window.save_as(link)
        assert link.is_symlink() and load_toets(real).answers["titel"].value == (
            "Via de koppeling")
    finally:
        dispose(window)
