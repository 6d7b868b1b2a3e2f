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


def _head_rows(table: Table) -> int:
    repeat = table.repeatRows
    return repeat if isinstance(repeat, int) else len(repeat)


def _cell_role(table: Table, row: int, col: int) -> tuple[str, dict[str, Any]] | None:
    """The role of a cell, or None for a repeated header row (an artifact)."""
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


def cells(table: Table, event: str, *args: Any) -> None:
    """Table render callback (reportlab's ``renderCB``)."""
    canv = table.canv
    t = getattr(canv, "tagger", None)
    if t is None or (t.depth and event != "endCell"):
        return
    if event == "startRow":
        table._pdf_row_tagged = _cell_role(table, args[0], 0) is not None
        if table._pdf_row_tagged:
            t.stack.append(t.child("TR"))
    elif event == "endRow":
        if table._pdf_row_tagged:
            t.stack.pop()
    elif event == "startCell":
        role = _cell_role(table, args[0], args[1])
        if role is None:  # a repeated header: page furniture on this page
            table._pdf_cell = "artifact"
            table._pdf_emitted = not t.ambient
            if table._pdf_emitted:
                canv._code.append("/Artifact BMC")
            t.depth += 1
            return
        name, attrs = role
        lang = cell_language(args[2])
        cell = t.child(name, **attrs, **({"lang": lang} if lang else {}))
        table._pdf_cell = "content"
        canv.open_content(cell)
    elif event == "endCell":
        state = getattr(table, "_pdf_cell", None)
        table._pdf_cell = None
        if state == "content":
            canv.close_content()
        elif state == "artifact":
            t.depth -= 1
            if table._pdf_emitted:
                canv._code.append("EMC")
