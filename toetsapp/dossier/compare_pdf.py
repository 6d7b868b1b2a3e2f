"""The comparison on landscape pages: an overview with a row per toets, then per toets
type a matrix of dimensions (rows) against toetsen (columns), split into blocks of at
most :data:`MAX_COLUMNS` toetsen so it reads the same with 2 or with 50 toetsen."""

from __future__ import annotations

import math
from itertools import takewhile
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from toetsapp.dossier.cells import CellStyles, cell_content
from toetsapp.dossier.comparison import Comparison, ComparisonTable, Row
from toetsapp.dossier.layout import Links, LinkSpot
from toetsapp.export.doc import Marks, heading
from toetsapp.export.style import HouseStyle, table_style, text_color_on
from toetsapp.export.tables import fit_widths
from toetsapp.export.text import markup
from toetsapp.i18n import _

PAD = 2.5
LABEL_WIDTH = 175.0
MIN_COLUMN = 78.0
MAX_COLUMNS = 7
WEIGHTS = {"nr": 3.2, "voorstel": 12.5, "soort": 7.5, "organisatie": 12.0,
           "eindoordeel": 11.0, "kosten_incidenteel": 8.2, "kosten_structureel": 8.2,
           "fte_incidenteel": 6.0, "fte_structureel": 6.0, "invoering_per": 8.2,
           "doenvermogen": 11.0, "ondertekening": 10.5, "lijst1": 40.0, "lijst2": 40.0,
           "toets": 13.0, "standpunt": 10.0, "kanttekeningen": 30.0}
MAX_COLUMN = 300.0


def _commands(style: HouseStyle) -> list[tuple[Any, ...]]:
    return [("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), style.color("table_header")),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, style.color("accent")),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]


def _number(row: Row, st: CellStyles, links: Links | None, width: float) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(str(row.number) if row.number else "Σ", st.bold)]
    if links is not None and row.number:
        out.insert(0, LinkSpot(links, row.number, width, -st.bold.leading))
    return out


def _longest_word(texts: list[str], font: str, size: float) -> float:
    words = {w for text in texts for w in text.replace("\n", " ").split(" ") if len(w) <= 30}
    return max((stringWidth(w, font, size) for w in words), default=0.0)


def _widths(table: ComparisonTable, st: CellStyles, width: float) -> list[float]:
    """Widths by weight, but never narrower than the longest word of a column."""
    ids = ["nr", *(c.id for c in table.columns)]
    weights = [WEIGHTS.get(i, 8.0) for i in ids]
    minimum = [_longest_word([str(r.number) for r in table.rows] + [_("Nr.")],
                             st.head.fontName, st.head.fontSize) + 2 * PAD + 1]
    for column in table.columns:
        head = _longest_word([column.label], st.head.fontName, st.head.fontSize)
        cells = _longest_word([r.cell(column.id).text for r in table.rows],
                              st.bold.fontName, st.bold.fontSize)
        notes = _longest_word([r.cell(column.id).note for r in table.rows],
                              st.note.fontName, st.note.fontSize)
        minimum.append(max(head, cells, notes) + 2 * PAD + 1)
    return fit_widths(weights, minimum, width)


def overview_table(table: ComparisonTable, style: HouseStyle, width: float,
                   links: Links | None = None) -> Table:
    """One row per toets; the header repeats on every page."""
    st = CellStyles(style)
    widths = _widths(table, st, width)
    data: list[list[Any]] = [[Paragraph(markup(_("Nr.")), st.head),
                              *(Paragraph(markup(c.label), st.head) for c in table.columns)]]
    commands = _commands(style)
    for index, row in enumerate(table.rows, start=1):
        line: list[Any] = [_number(row, st, links, widths[0] - 2 * PAD)]
        for col, column in enumerate(table.columns, start=1):
            content, background = cell_content(row.cell(column.id), st)
            if column.id == "voorstel" and links is not None and row.number:
                content.insert(0, LinkSpot(links, row.number, widths[col] - 2 * PAD,
                                           -st.cell.leading))
            line.append(content)
            if background is not None:
                commands.append(("BACKGROUND", (col, index), (col, index), background))
        data.append(line)
        if index % 2 == 0:
            commands.insert(0, ("BACKGROUND", (0, index), (-1, index), style.color("zebra")))
        commands.append(("LINEBELOW", (0, index), (-1, index), 0.3, style.color("rule")))
    if len(table.rows) >= 4:  # no lone row at the top or the bottom of a page
        commands += [("NOSPLIT", (0, 0), (-1, 2)), ("NOSPLIT", (0, -2), (-1, -1))]
    numbers = [row.number for row in table.rows]
    for first, number in enumerate(numbers, start=1):  # the rows of one toets together
        if number and (first == 1 or numbers[first - 2] != number):
            last = first + sum(1 for _ in takewhile(lambda n, k=number: n == k,
                                                    numbers[first:]))
            if last > first:
                commands.append(("NOSPLIT", (0, first), (-1, last)))
    result = Table(data, colWidths=widths, repeatRows=1, style=table_style(commands))
    result.hAlign = "LEFT"
    return result


def blocks(count: int, width: float) -> list[range]:
    """Split ``count`` toetsen into evenly filled blocks that fit ``width``."""
    fits = max(1, min(MAX_COLUMNS, int((width - LABEL_WIDTH) // MIN_COLUMN)))
    parts = max(1, math.ceil(count / fits))
    size = math.ceil(count / parts)
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def _column_head(row: Row, st: CellStyles, link_width: float,
                 links: Links | None) -> list[Flowable]:
    proposal = row.cell("voorstel").text or row.label
    out: list[Flowable] = [Paragraph(markup(_("Nr. {number}").format(number=row.number)),
                                     st.head),
                           Paragraph(markup(proposal), st.cell)]
    org = row.cell("organisatie").text
    if org:
        out.append(Paragraph(markup(org), st.note))
    if links is not None:
        out.insert(0, LinkSpot(links, row.number, link_width, -st.head.leading))
    return out


def matrix(table: ComparisonTable, heads: dict[int, Row], style: HouseStyle, width: float,
           links: Links | None = None, lead: list[Flowable] | None = None) -> list[Flowable]:
    """Dimensions, verdict and key figures down; toetsen across, block by block.
    ``lead`` (the heading) stays on the page of the first block."""
    st = CellStyles(style)
    out: list[Flowable] = []
    parts = blocks(len(table.rows), width)
    for part_no, part in enumerate(parts, start=1):
        rows = [table.rows[i] for i in part]
        column = min((width - LABEL_WIDTH) / len(rows), MAX_COLUMN)
        widths = [LABEL_WIDTH] + [column] * len(rows)
        caption = (_("Toetsen {first}–{last} van {total}").format(
            first=part.start + 1, last=part.stop, total=len(table.rows))
            if len(parts) > 1 else "")
        data: list[list[Any]] = [[Paragraph(markup(caption), st.note), *(
            _column_head(heads.get(r.number, r), st, column - 2 * PAD, links) for r in rows)]]
        commands = _commands(style)
        figures_start = None
        for spec in table.columns:
            if spec.id.startswith("kf_") and figures_start is None:
                figures_start = len(data)
                data.append([Paragraph(markup(_("Kerncijfers")), st.head)] + [""] * len(rows))
                commands += [("SPAN", (0, figures_start), (-1, figures_start)),
                             ("BACKGROUND", (0, figures_start), (-1, figures_start),
                              style.color("table_header"))]
            label = spec.label + (" (!)" if spec.critical else "")
            first: list[Flowable] = [Paragraph(markup(label), st.bold if spec.kind == "verdict"
                                               else st.cell)]
            if spec.description and spec.id.startswith("kf_"):
                first.append(Paragraph(markup(spec.description), st.note))
            line: list[Any] = [first]
            r = len(data)
            for c, row in enumerate(rows, start=1):
                content, background = cell_content(row.cell(spec.id), st)
                line.append(content)
                if background is not None:
                    commands.append(("BACKGROUND", (c, r), (c, r), background))
            data.append(line)
            commands.append(("LINEBELOW", (0, r), (-1, r), 0.3, style.color("rule")))
            if spec.kind == "verdict":
                commands.append(("LINEABOVE", (0, r), (-1, r), 0.9, style.color("accent")))
        commands.append(("LINEAFTER", (0, 0), (-1, -1), 0.5, colors.white))
        result = Table(data, colWidths=widths, repeatRows=1, style=table_style(commands))
        result.hAlign = "LEFT"
        kept = [*(lead or [])] if part_no == 1 else []
        out.append(KeepTogether([*kept, result, Spacer(1, 8 if part_no < len(parts) else 2)]))
    return out


def legend(table: ComparisonTable, style: HouseStyle, width: float) -> list[Flowable]:
    """The levels of the rubric with their colours, and what the marks mean."""
    st = CellStyles(style)
    if not table.levels:
        return []
    cells: list[Any] = [Paragraph(markup(_("Niveaus, van goed naar slecht:")), st.note)]
    commands: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                       ("LEFTPADDING", (0, 0), (-1, -1), 3),
                                       ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    for i, grade in enumerate(table.levels, start=1):
        color = colors.HexColor(grade.color)
        cells.append(Paragraph(markup(grade.label), st.colored(text_color_on(color),
                                                                bold=True)))
        commands.append(("BACKGROUND", (i, 0), (i, 0), color))
    chips = Table([cells], colWidths=[130] + [90] * len(table.levels),
                  style=table_style(commands))
    chips.hAlign = "LEFT"
    note = _("(!) kritieke dimensie · ✱ afwijking door de toetser (met het berekende niveau) "
             "· n.v.t.: komt in dit soort toets niet voor · —: niet ingevuld")
    return [Spacer(1, 4), chips, Spacer(1, 3), Paragraph(markup(note), st.note),
            Spacer(1, 10)]


def comparison_flowables(comparison: Comparison, marks: Marks, style: HouseStyle,
                         width: float, *, links: Links | None = None,
                         intro: str = "") -> list[Flowable]:
    """The whole comparison: heading, overview, and one matrix per toets type."""
    st = style.styles
    title = _("Vergelijking van de toetsen")
    out: list[Flowable] = [*heading(marks, "comparison", title, markup(title), st["h1"])]
    if intro:
        out.append(Paragraph(markup(intro), st["body"]))
    overview = comparison.overview
    out += [*heading(marks, "cmp-overview", overview.title, markup(overview.title), st["h2"],
                     level=1, room=120),
            overview_table(overview, style, width, links)]
    for warning in comparison.warnings:
        out.append(Paragraph(markup(warning), st["small_muted"]))
    out += _chain(comparison, marks, style, width, links)
    heads = {row.number: row for row in overview.rows}
    for group in comparison.groups:
        title = heading(marks, f"cmp-{group.id}", group.title, markup(group.title), st["h2"],
                        level=1)
        out += [*matrix(group, heads, style, width, links, lead=title),
                *legend(group, style, width)]
    return out


def _flags_box(flags: tuple[str, ...], style: HouseStyle, width: float) -> list[Flowable]:
    """Where the toetsen disagree, each point on a tinted background (splits over pages)."""
    st = style.styles
    point = ParagraphStyle("cmp-flag", parent=st["small"], backColor=style.color(
        "unanswered_bg"), borderPadding=(1, 4, 2, 4), leftIndent=4, spaceAfter=3)
    return [Paragraph(markup(_("Waar de toetsen van elkaar afwijken")), st["h3"]),
            *(Paragraph("• " + markup(flag), point) for flag in flags)]


def _chain(comparison: Comparison, marks: Marks, style: HouseStyle, width: float,
           links: Links | None) -> list[Flowable]:
    """Flags, chain totals, conditions and risks side by side, positions."""
    st = style.styles
    out: list[Flowable] = [Spacer(1, 6)]
    if comparison.flags:
        out += [*_flags_box(comparison.flags, style, width), Spacer(1, 6)]
    for table, room in ((comparison.totals, 100), (comparison.lists, 160),
                        (comparison.positions, 120)):
        if table is None or not table.rows:
            continue
        out += [*heading(marks, f"cmp-{table.id}", table.title, markup(table.title), st["h2"],
                         level=1, room=room),
                overview_table(table, style, width, links if table.id != "totals" else None)]
        if table.id == "totals":
            out.append(Paragraph(markup(_(
                "Bedragen en fte opgeteld per soort toets: uitvoerbaarheidstoetsen ramen "
                "vooraf, invoeringstoetsen meten achteraf; ze worden niet bij elkaar "
                "opgeteld. Kosten structureel zijn per jaar.")), st["small_muted"]))
    return out
