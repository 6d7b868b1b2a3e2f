"""Migrating ``.toets`` data written by earlier releases to the current format.

A chain of steps, one per format version: ``STEPS[n]`` turns version ``n`` data into
version ``n + 1`` (in place) and returns notes on what it did. :func:`migrate` runs
the steps in order until the data is at :data:`~toetsapp.model.toets.FORMAT_VERSION`.
A step works on plain JSON data, before validation, and never drops content.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from toetsapp.model.toets import FORMAT_VERSION
from toetsapp.review.upgrade import v2_to_v3

Step = Callable[[dict[str, Any]], list[str]]


def v1_to_v2(data: dict[str, Any]) -> list[str]:
    """Format 1 → 2. (Issue 11 gives this step its content; here only the version.)"""
    data["format_version"] = 2
    return []


STEPS: dict[int, Step] = {1: v1_to_v2, 2: v2_to_v3}


def migrate(data: dict[str, Any]) -> list[str]:
    """Bring ``data`` (a dict with an integer ``format_version`` ≤ current) up to date,
    in place; the notes of every step that ran, in order."""
    notes: list[str] = []
    while data["format_version"] < FORMAT_VERSION:
        notes += STEPS[data["format_version"]](data)
    return notes
