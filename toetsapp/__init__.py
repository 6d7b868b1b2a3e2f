"""Toetsapp: uniform assessments (toetsen) of Dutch policy proposals."""

import os

__version__ = "0.1.0"

# Toetsapp uses no pydantic plugins; without this, pydantic scans every installed
# package's entry points when the first model class is built (≈ 55 ms CPU on each start
# of the command or the app). Set it to something else to load plugins after all.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
