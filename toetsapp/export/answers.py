"""One answer as flowables: text as paragraphs, choices as lists, tables as tables.

Tables never overflow a page: a cell too tall for one page is cut into pieces,
and its row continues in extra rows (reportlab cannot split a single row).
"""

from __future__ import annotations

import json
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Table

from toetsapp.display import format_value
from toetsapp.engine.values import is_answered
from toetsapp.export.style import HouseStyle, table_style
from toetsapp.export.text import markup, paragraphs
from toetsapp.model.form import Column, Question

CELL_PAD = 3.0


def is_year(field: Question | Column) -> bool:
    """A number field holding a calendar year (shown as 2026, not 2.026)."""
    if field.id in ("jaar", "year"):
        return True
    low, high = field.min, field.max
    return low is not None and high is not None and 1800 <= low <= high <= 2200


def shown_value(field: Question | Column, type_: str, value: Any, language: str) -> str:
    """Display text for any value, valid or not; never raises."""
    if type_ == "number" and is_year(field) and isinstance(value, int | float) \
            and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value))
    if type_ in ("text", "textarea") and not isinstance(value, str | None):
        return json.dumps(value, ensure_ascii=False, default=str)
    try:
        text = format_value(field, type_, value, language)
    except Exception:  # an invalid value must still be shown, as it is
        text = ""
    if text or not is_answered(value):
        return text
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def answer_flowables(question: Question, value: Any, style: HouseStyle, width: float,
                     language: str, text_lang: str | None = None) -> list[Flowable]:
    """The answer to ``question`` as flowables that fit ``width``; ``text_lang``: the
    language of the answer's own text when it is not the PDF's (for table cells)."""
    styles = style.styles
    if question.type in ("text", "textarea") and isinstance(value, str):
        return paragraphs(value, styles["body"], int(style.data["text"]["chunk_chars"]))
    if question.type == "multichoice" and isinstance(value, list) and len(value) > 1:
        return [Paragraph("• " + markup(shown_value(question, "choice", item, language)),
                          styles["bullet"]) for item in value]
    if question.type == "table" and isinstance(value, list):
        from toetsapp.export.tables import table_flowables

        return table_flowables(question, value, style, width, language, text_lang)
    return paragraphs(shown_value(question, question.type, value, language), styles["body"])


def grey_box(flowables: list[Flowable], width: float, background: colors.Color) -> Table:
    """Flowables on a tinted background (for 'niet beantwoord' and notes)."""
    table = Table([[flowables]], colWidths=[width])
    table.setStyle(table_style([("BACKGROUND", (0, 0), (-1, -1), background),
                               ("LEFTPADDING", (0, 0), (-1, -1), 5),
                               ("TOPPADDING", (0, 0), (-1, -1), 2),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    table.hAlign = "LEFT"
    return table
