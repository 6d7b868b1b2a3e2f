"""Toetsapp: uniform assessments (toetsen) of Dutch policy proposals."""

__version__ = "0.1.0"
