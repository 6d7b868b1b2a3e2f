"""The right editor for each question or column type."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from toetsapp.ui.editors.base import Editor, Field
from toetsapp.ui.editors.choice import ComboEditor, MultiEditor, RadioEditor
from toetsapp.ui.editors.numeric import DateEditor, NumberEditor
from toetsapp.ui.editors.text import AreaEditor, LineEditor

RADIO_LIMIT = 8


def editor_for(field: Field, type_: str, parent: QWidget | None = None, *,
               compact: bool = False) -> Editor:
    """An editor for ``field`` of ``type_``; ``compact`` for table rows."""
    if type_ == "text":
        return LineEditor(field, type_, parent)
    if type_ == "textarea":
        if compact:
            return AreaEditor(field, type_, parent, min_lines=2, max_lines=8)
        return AreaEditor(field, type_, parent)
    if type_ in ("choice", "scale"):
        if compact or len(field.choices or ()) > RADIO_LIMIT:
            return ComboEditor(field, type_, parent)
        return RadioEditor(field, type_, parent)
    if type_ == "boolean":
        return ComboEditor(field, type_, parent) if compact else RadioEditor(field, type_, parent)
    if type_ == "multichoice":
        return MultiEditor(field, type_, parent, compact=compact)
    if type_ in ("number", "money", "fte"):
        return NumberEditor(field, type_, parent)
    if type_ == "date":
        return DateEditor(field, type_, parent)
    if type_ == "table":
        from toetsapp.ui.editors.table import TableEditor

        return TableEditor(field, type_, parent)
    raise ValueError(f"unknown question type {type_!r}")
