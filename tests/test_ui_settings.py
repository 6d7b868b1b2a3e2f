"""The typed, versioned settings registry, kept away from the user's real settings."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest
from PySide6.QtCore import QSettings

from toetsapp.ui import settings


def test_settings_live_in_the_test_folder_not_the_users(private_locations):
    path = settings.settings_file()
    assert private_locations in path.parents
    assert platformdirs.user_config_path("Toetsapp", appauthor=False) not in path.parents


def test_typed_options_round_trip_through_the_file(private_locations):
    assert settings.recent_files.get() == [] and settings.theme.get() == "system"
    settings.recent_files.set(["/a/één.toets"])
    settings.window_geometry.set(b"\x00\x01geo")
    settings.autosave_delay_ms.set(999_999)
    settings.sync()
    raw = QSettings(str(settings.settings_file()), QSettings.Format.IniFormat)
    assert raw.value(settings.VERSION_KEY) in (settings.VERSION, str(settings.VERSION))
    assert settings.recent_files.get() == ["/a/één.toets"]  # one item stays a list
    assert settings.window_geometry.get() == b"\x00\x01geo"
    assert settings.autosave_delay_ms.get() == 60_000  # clamped to its range


def test_bad_values_fall_back_to_defaults(private_locations):
    settings.store().setValue("general/theme", "paars")
    settings.store().setValue("files/recent", "{niet: json")
    assert settings.theme.get() == "system" and settings.recent_files.get() == []


def test_recent_files_are_unique_newest_first_and_bounded(private_locations, tmp_path):
    for index in range(settings.MAX_RECENT + 3):
        settings.remember_recent(tmp_path / f"{index}.toets")
    settings.remember_recent(tmp_path / "3.toets")
    files = settings.recent_files.get()
    assert len(files) == settings.MAX_RECENT and files[0] == str((tmp_path / "3.toets").resolve())
    assert len(set(files)) == len(files)
    assert settings.forget_recent(files[0])[0] != files[0]


def test_older_files_are_upgraded_step_by_step(private_locations, monkeypatch):
    path = settings.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text("[meta]\nversion=0\n[files]\nrecent=/oud.toets\n", "utf-8")
    ran = []

    def to_1(store: QSettings) -> None:
        ran.append(1)
        store.setValue("files/recent", '["' + str(store.value("files/recent")) + '"]')

    monkeypatch.setitem(settings.UPGRADES, 1, to_1)
    monkeypatch.setattr(settings, "_stores", {})
    assert settings.recent_files.get() == ["/oud.toets"] and ran == [1]
    monkeypatch.setattr(settings, "_stores", {})
    settings.store()
    assert ran == [1]  # already at the current version: no second run


def test_options_are_declared_once():
    with pytest.raises(ValueError):
        settings.TextOption("general/theme", "x")
    assert all(isinstance(key, str) and "/" in key for key in settings.REGISTRY)
    assert isinstance(settings.settings_file(), Path)
