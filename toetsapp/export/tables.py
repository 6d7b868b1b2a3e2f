"""Table answers: a reportlab Table with a repeating header, columns wide enough for
their words, and cells too tall for a page continued in extra rows (reportlab cannot
split a single row, and a too-tall cell would stop the whole PDF)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table

from toetsapp.engine.values import as_number, filled_rows, is_answered
from toetsapp.export.answers import is_year, shown_value
from toetsapp.export.style import HouseStyle, table_style
from toetsapp.export.text import markup, pack, plain, resized, split_text
from toetsapp.i18n import _
from toetsapp.model.form import NUMERIC_TYPES, Column, Question
from toetsapp.pdf.language import in_language

CELL_PAD = 3.0
SMALL_TABLE_FONT = 7.2
SAMPLE_ROWS = 200


def _right(column: Column) -> bool:
    """Amounts line up on the right; years and other columns on the left."""
    return column.type in NUMERIC_TYPES and not is_year(column)


def _extra_keys(question: Question, rows: list[dict[str, Any]]) -> list[str]:
    known = {c.id for c in question.columns or ()}
    extra: dict[str, None] = {}
    for row in rows:
        for key in row:
            if key not in known:
                extra.setdefault(str(key), None)
    return list(extra)


def _longest_word(texts: list[str], font: str, size: float) -> float:
    words = {w for text in texts for w in plain(text).split() if len(w) <= 30}
    return max((stringWidth(w, font, size) for w in words), default=0.0)


def fit_widths(weights: list[float], minimum: list[float], width: float) -> list[float]:
    """Widths in proportion to ``weights``, but none below its minimum (taken from the
    columns with room to spare); if the minimums alone are too wide, share them out."""
    if sum(minimum) >= width:
        return [width * m / sum(minimum) for m in minimum]
    fixed: set[int] = set()
    widths = [width * w / sum(weights) for w in weights]
    while short := [i for i, w in enumerate(widths) if i not in fixed and w < minimum[i]]:
        fixed.update(short)
        free = width - sum(minimum[i] for i in fixed)
        rest = sum(w for i, w in enumerate(weights) if i not in fixed)
        widths = [minimum[i] if i in fixed else free * w / rest for i, w in enumerate(weights)]
    return widths


@dataclass
class _Layout:
    widths: list[float]
    cell: ParagraphStyle
    right: ParagraphStyle
    head: ParagraphStyle
    head_right: ParagraphStyle


def _layout(style: HouseStyle, headers: list[str], cells: list[list[str]],
            weights: list[float], width: float) -> _Layout:
    """Column widths and cell styles; crowded tables get a smaller font. Whether a
    table is crowded depends on its cells only, not on the header labels, so a table
    has the same font (and breaks the same) in every language."""
    st = style.styles
    for size in (style.size("table"), SMALL_TABLE_FONT):
        content = [min(width * 0.3, 2 * CELL_PAD + 1 + _longest_word(
            column, st["cell"].fontName, size)) for column in cells]
        if sum(content) <= width * 0.6:
            break
    minimum = [min(width * 0.3, 2 * CELL_PAD + 1 + max(
        _longest_word([head], st["cell_bold"].fontName, size), wanted))
        for head, wanted in zip(headers, content, strict=True)]
    def sized(name: str) -> ParagraphStyle:
        return st[name] if size == style.size("table") else resized(st[name], size)

    return _Layout(fit_widths(weights, minimum, width), sized("cell"), sized("cell_right"),
                   sized("cell_bold"), sized("cell_head_right"))


def table_flowables(question: Question, value: list[Any], style: HouseStyle, width: float,
                    language: str, text_lang: str | None = None) -> list[Flowable]:
    """A table answer as a reportlab Table with a repeating header row; ``text_lang``:
    the language of the text cells when it is not the PDF's (their ``TD`` says so)."""
    st = style.styles
    filled = filled_rows([r for r in value if isinstance(r, dict)])
    strays = [r for r in value if not isinstance(r, dict) and is_answered(r)]
    columns: list[Column] = list(question.columns or ())
    extra = _extra_keys(question, filled)
    headers = [c.label.get(language) for c in columns]
    headers += [_("overig: {key}").format(key=k) for k in extra]
    texts = [[shown_value(c, c.type, row.get(c.id), language) for c in columns]
             + [shown_value(question, "text", row.get(k), language) for k in extra]
             for row in filled]
    out: list[Flowable] = []
    if texts:
        weights = [c.width for c in columns] + [1.0] * len(extra)
        aligned = [_right(c) for c in columns] + [False] * len(extra)
        totalled = _with_totals(columns, filled, headers, texts, weights, aligned, language)
        sample = [list(col) for col in zip(*texts[:SAMPLE_ROWS], strict=True)]
        lay = _layout(style, headers, sample, weights, width)
        texty = [c.type in ("text", "textarea") for c in columns] + [True] * len(extra)
        texty += [False] * (len(headers) - len(texty))  # a 'Totaal' column
        langs = [text_lang if t else None for t in texty]
        out.append(_table(headers, texts, aligned, lay, style, total_row=totalled, langs=langs))
    else:
        out.append(Paragraph(markup(_("Geen rijen ingevuld.")), st["not_applicable"]))
    for stray in strays:
        out.append(Paragraph(markup(_("Niet-tabelwaarde: {value}").format(
            value=shown_value(question, "text", stray, language))), st["cell_muted"]))
    return out


AMOUNTS = ("money", "fte")


def _with_totals(columns: list[Column], rows: list[dict[str, Any]], headers: list[str],
                 texts: list[list[str]], weights: list[float], aligned: list[bool],
                 language: str) -> bool:
    """Add totals to an amounts table in place: a 'Totaal' column per row when there
    are several money (or fte) columns, and a 'Totaal' row per column. True if added."""
    amounts = [i for i, c in enumerate(columns) if c.type in AMOUNTS and not is_year(c)]
    if not amounts:
        return False
    kind = columns[amounts[0]].type
    same = [i for i in amounts if columns[i].type == kind]

    def total(values: list[Any]) -> float | None:
        numbers = [n for v in values if (n := as_number(v)) is not None]
        return sum(numbers) if numbers else None

    def shown(column: Column, value: float | None) -> str:
        return shown_value(column, column.type, value, language) if value is not None else ""

    per_row = len(same) >= 2
    if per_row:
        headers.append(_("Totaal"))
        weights.append(1.0)
        aligned.append(True)
        for row, line in zip(rows, texts, strict=True):
            line.append(shown(columns[same[0]], total([row.get(columns[i].id) for i in same])))
    last = [""] * len(texts[0])
    last[0] = _("Totaal")
    for i in amounts:
        last[i] = shown(columns[i], total([r.get(columns[i].id) for r in rows]))
    if per_row:
        last[-1] = shown(columns[same[0]], total([r.get(columns[i].id) for r in rows
                                                  for i in same]))
    if amounts[0] == 0:
        last[0] = _("Totaal") + ": " + last[0]
    texts.append(last)
    return True


def _cell(text: str, style: ParagraphStyle, lang: str | None) -> Paragraph:
    paragraph = Paragraph(markup(text, style.fontName), style)
    return in_language(paragraph, lang) if lang else paragraph


def _table(headers: list[str], texts: list[list[str]], aligned: list[bool], lay: _Layout,
           style: HouseStyle, total_row: bool = False,
           langs: list[str | None] | None = None) -> Table:
    head = [Paragraph(markup(h, lay.head.fontName), lay.head_right if right else lay.head)
            for h, right in zip(headers, aligned, strict=True)]
    data: list[list[Any]] = [head]
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), style.color("table_header")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, style.color("accent")),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    max_lines = int(style.data["text"]["cell_lines"])
    plain_styles = [lay.right if right else lay.cell for right in aligned]
    bold_styles = [lay.head_right if right else lay.head for right in aligned]
    for index, row in enumerate(texts):
        styles = bold_styles if total_row and index == len(texts) - 1 else plain_styles  # totals
        parts = []
        for text, col_width in zip(row, lay.widths, strict=True):
            line_chars = max(4, int((col_width - 2 * CELL_PAD) / (lay.cell.fontSize * 0.62)))
            limit = line_chars * max_lines
            parts.append(pack(split_text(text, limit, line_chars), limit, line_chars)
                         if text else [])
        first = len(data)
        totals = total_row and index == len(texts) - 1
        cell_langs = langs if langs and not totals else [None] * len(parts)
        for part in range(max(1, *(len(p) for p in parts))):
            data.append([[_cell(piece, cell_style, lang) for piece in cell[part]]
                         if part < len(cell) else ""
                         for cell, cell_style, lang in zip(parts, styles, cell_langs,
                                                           strict=True)])
        last = len(data) - 1
        if index % 2:
            commands.append(("BACKGROUND", (0, first), (-1, last), style.color("zebra")))
        commands.append(("LINEBELOW", (0, last), (-1, last), 0.4, style.color("rule")))
        if total_row and index == len(texts) - 1:
            commands.append(("LINEABOVE", (0, first), (-1, first), 0.8, style.color("accent")))
    whole = len(data) <= 6  # a short table (a few years of costs) is never split over pages
    if whole:
        commands.append(("NOSPLIT", (0, 0), (-1, -1)))
    table = Table(data, colWidths=lay.widths, repeatRows=1, style=table_style(commands))
    table.hAlign = "LEFT"
    table.keep_whole = whole  # type: ignore[attr-defined]  # its question stays with it
    return table
