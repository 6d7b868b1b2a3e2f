"""Where Toetsapp keeps its settings and recovery files (platformdirs).

Both locations can be redirected with environment variables, which the test
suite always does, so tests never touch a user's real settings or recovery files:
``TOETSAPP_CONFIG_DIR`` and ``TOETSAPP_STATE_DIR``.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Toetsapp"
CONFIG_ENV = "TOETSAPP_CONFIG_DIR"
STATE_ENV = "TOETSAPP_STATE_DIR"


def config_dir() -> Path:
    """Folder of the settings file."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def state_dir() -> Path:
    """Folder of machine-local state such as recovery files."""
    override = os.environ.get(STATE_ENV)
    if override:
        return Path(override)
    return platformdirs.user_state_path(APP_NAME, appauthor=False)


def recovery_dir() -> Path:
    """Folder of the autosaved recovery files (created on demand)."""
    folder = state_dir() / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
