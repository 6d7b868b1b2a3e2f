"""Where the data folders live: installed package, PyInstaller bundle or development tree.

- A wheel (``pip install``, ``pipx``) carries them in ``toetsapp/data/`` (``setup.py``
  maps the repository folders in and compiles the catalogs at build time).
- A PyInstaller bundle has them beside the code (``sys._MEIPASS``).
- The development tree (and an editable install) reads the repository folders.
"""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGE_DATA = Path(__file__).resolve().parent / "data"
SOURCE_TREE = Path(__file__).resolve().parent.parent


def resource_root() -> Path:
    """The folder holding ``forms/``, ``rubrics/``, ``exports/``, ``help/`` and ``i18n/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    if (PACKAGE_DATA / "forms").is_dir():
        return PACKAGE_DATA
    return SOURCE_TREE


def resource_dir(name: str) -> Path:
    """A data directory by name, e.g. ``resource_dir("forms")``."""
    return resource_root() / name
