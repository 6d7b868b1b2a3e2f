"""Where the trust store lives (kept free of heavy imports: the CLI help text uses it)."""

from __future__ import annotations

import os
from pathlib import Path

from toetsapp.files.locations import config_dir

TRUST_ENV = "TOETSAPP_TRUST_DIR"


def default_trust_dir() -> Path:
    """``$TOETSAPP_TRUST_DIR``, else ``trust`` in Toetsapp's settings folder (the
    platformdirs user config folder, e.g. ``~/.config/Toetsapp/trust``)."""
    override = os.environ.get(TRUST_ENV, "").strip()
    if override:
        return Path(override)
    return config_dir() / "trust"
