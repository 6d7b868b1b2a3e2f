"""Where the data directories live, in the development tree and in a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The folder holding ``forms/``, ``rubrics/``, ``exports/`` and ``i18n/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource_dir(name: str) -> Path:
    """A data directory by name, e.g. ``resource_dir("forms")``."""
    return resource_root() / name
