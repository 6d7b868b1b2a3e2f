"""The table render callback of the tagging layer: rows become ``TR``, cells ``TH``
(with ``/Scope``) or ``TD``.

A table that reportlab split across pages is one ``Table`` element (see
:mod:`toetsapp.pdf.splits`): the rows of every part go under it, and the header rows
reportlab repeats at the top of a continuation are drawn as artifacts, so a screen
reader reads the header once. A cell can carry its own language (``_pdf_lang`` on the
flowable it holds, see :func:`toetsapp.pdf.tagging.in_language`).
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Table

SAME = "+"
"""In :func:`structured`'s cell roles: this column belongs to the previous one's element."""


def structured(table: Table, container: str, row: str, cells: tuple[str, ...],
               blank_continues: bool = False) -> Table:
    """Tag a layout table as other structure than a data table: the table is a
    ``container`` (``'TOC'``, ``'L'``), each row a ``row`` (``'TOCI'``, ``'LI'``), the
    cells of each column ``cells[col]`` (``'Lbl'``, ``'Reference'``, ``'LBody'``, or
    :data:`SAME`: part of the previous column's element). ``blank_continues``: a row
    whose first cell is empty goes on with the row above (a long value cut into
    rows). Returns the table."""
    table._pdf_tag = ("Table", {"container": container, "row": row, "cells": cells,
                                "blank": blank_continues})
    return table


def prepare(table: Table, attrs: dict[str, Any], continued: bool) -> str:
    """Set up ``table`` for :func:`cells` (from its tag's ``attrs``); returns the role
    of the element that holds its rows."""
    table._pdf_header_kind = attrs.get("headers") or "column"
    table._pdf_layout = attrs.get("cells")
    table._pdf_row_role = attrs.get("row", "TR")
    table._pdf_blank = attrs.get("blank", False)
    table._pdf_continued = continued
    return attrs.get("container", "Table")


def _empty(value: Any) -> bool:
    return value in ("", None, []) or (isinstance(value, list | tuple) and all(
        _empty(v) for v in value)) or (hasattr(value, "text") and not str(value.text).strip())


def _head_rows(table: Table) -> int:
    repeat = table.repeatRows
    return repeat if isinstance(repeat, int) else len(repeat)


def _cell_role(table: Table, row: int, col: int) -> tuple[str, dict[str, Any]] | None:
    """The role of a cell, or None for a repeated header row (an artifact)."""
    layout = table._pdf_layout
    if layout is not None:
        return layout[min(col, len(layout) - 1)], {}
    kind = table._pdf_header_kind
    if table._pdf_continued:
        if row < _head_rows(table):
            return None
        column_head = False
    else:
        column_head = kind in ("column", "both") and row < max(_head_rows(table), 1)
    if column_head:
        return "TH", {"scope": "Column"}
    if kind in ("row", "both") and col == 0:
        return "TH", {"scope": "Row"}
    return "TD", {}


def cell_language(value: Any) -> str | None:
    """The language of a cell's content when it differs from the document's."""
    items = value if isinstance(value, list | tuple) else [value]
    langs = {getattr(item, "_pdf_lang", None) or getattr(getattr(item, "style", None),
                                                          "pdf_lang", None) for item in items}
    return langs.pop() if len(langs) == 1 else None


def cell_text(value: Any) -> str:
    """The plain text of what a table cell holds (for a link's description)."""
    items = value if isinstance(value, list | tuple) else [value]
    return " ".join(item.getPlainText() if hasattr(item, "getPlainText") else
                    item if isinstance(item, str) else "" for item in items)


def cells(table: Table, event: str, *args: Any) -> None:
    """Table render callback (reportlab's ``renderCB``)."""
    canv = table.canv
    t = getattr(canv, "tagger", None)
    if t is None or (t.depth and event != "endCell"):
        return
    if event == "startRow":
        table._pdf_row_tagged = _cell_role(table, args[0], 0) is not None
        if table._pdf_row_tagged:
            holder = t.current
            earlier = getattr(holder, "last_row", None)
            if not (table._pdf_blank and earlier and _empty(table._cellvalues[args[0]][0])):
                row = type(holder)(table._pdf_row_role, holder)  # not Tagger.child: an
                holder.kids.append(row)  # 'LI' there would open a list of its own
                holder.last_row = earlier = (row, {})
            t.stack.append(earlier[0])
            table._pdf_row_cells = earlier[1]
    elif event == "endRow":
        if table._pdf_row_tagged:
            t.stack.pop()
    elif event == "startCell":
        t.cell = args[2]
        role = _cell_role(table, args[0], args[1])
        if role is not None and table._pdf_layout is not None:
            _layout_cell(canv, table, args[1], role[0], args[2])
            return
        if role is None:  # a repeated header: page furniture on this page
            _artifact_cell(canv, table)
            return
        name, attrs = role
        lang = cell_language(args[2])
        cell = t.child(name, **attrs, **({"lang": lang} if lang else {}))
        table._pdf_cell = "content"
        canv.open_content(cell)
    elif event == "endCell":
        t.cell = None
        state = getattr(table, "_pdf_cell", None)
        table._pdf_cell = None
        if state == "content":
            canv.close_content()
        elif state == "artifact":
            t.depth -= 1
            if table._pdf_emitted:
                canv._code.append("EMC")


def _layout_cell(canv: Any, table: Table, col: int, role: str, value: Any) -> None:
    """A cell of a :func:`structured` table: the content of its column's element in
    this row (the row above's when the row goes on, the previous column's for SAME)."""
    t, made = canv.tagger, table._pdf_row_cells
    if _empty(value):  # nothing to read (whatever it draws is an artifact)
        _artifact_cell(canv, table)
        return
    element = made.get(col)
    if element is None and role == SAME:
        element = made.get(max((c for c in made if c < col), default=-1))
    if element is None:
        element = made[col] = t.child("P" if role == SAME else role)
    elif role == SAME:
        made[col] = element
    table._pdf_cell = "content"
    canv.open_content(element)


def _artifact_cell(canv: Any, table: Table) -> None:
    """What the cell draws is an artifact (inside the table's ambient one if open)."""
    t = canv.tagger
    table._pdf_cell = "artifact"
    table._pdf_emitted = not t.ambient
    if table._pdf_emitted:
        canv._code.append("/Artifact BMC")
    t.depth += 1
