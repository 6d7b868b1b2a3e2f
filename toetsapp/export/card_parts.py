"""Parts of the toetskaart: the verdict scale, the dimension table, a key figure value."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table

from toetsapp.export.style import HouseStyle, table_style, text_color_on
from toetsapp.export.text import fit, fitting, resized
from toetsapp.export.view import View
from toetsapp.i18n import _

SCALE_HEIGHT = 20.0


def verdict_scale(c: Canvas, v: View, s: HouseStyle, x: float, bottom: float,
                  width: float) -> None:
    """Every verdict option in order; the one that holds is filled and bold."""
    options = v.rubric.verdicts
    step = width / len(options)
    chosen = v.verdict.rank if v.verdict else None
    for i, option in enumerate(options):
        on = i == chosen
        color = colors.HexColor(option.color)
        c.setFillColor(color if on else colors.white)
        c.setStrokeColor(colors.black if on else s.color("rule"))
        c.setLineWidth(1.2 if on else 0.5)
        c.rect(x + i * step + 1, bottom, step - 2, SCALE_HEIGHT, stroke=1, fill=1)
        style = s.para(f"card-scale-{on}", size="tiny", bold=on, align=TA_CENTER)
        style.textColor = text_color_on(color) if on else s.color("muted")
        style.leading = style.fontSize * 1.15
        label = ("● " if on else "") + option.label.get(v.language)
        para = fit(label, style, step - 6, 2)
        _width, used = para.wrapOn(c, step - 6, 1e6)
        para.drawOn(c, x + i * step + 3, bottom + (SCALE_HEIGHT - used) / 2 + 1)


def dimension_table(v: View, s: HouseStyle, width: float, header: float, row: float) -> Table:
    """Dimension and level, one fixed-height row each; the level cell in its colour."""
    w_level = width * 0.45
    w_dim = width - w_level
    head = s.para("card-dim-head", size="small", bold=True)
    cell = s.para("card-dim-cell", size="small")
    cell.leading = s.size("small") * 1.15
    data = [[fit(_("Dimensie"), head, w_dim - 8, 1), fit(_("Niveau"), head, w_level - 8, 1)]]
    commands = [("BACKGROUND", (0, 0), (-1, 0), s.color("table_header")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.white),
                ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
    for i, dim in enumerate(v.dimensions, start=1):
        label = dim.label + (" (!)" if dim.critical else "")
        color = colors.HexColor(dim.grade.color) if dim.grade.color else s.color("zebra")
        level_style = s.para(f"card-lvl-{i}", size="small", bold=dim.grade.assessed,
                             italic=not dim.grade.assessed)
        level_style.textColor = text_color_on(color)
        level_style.leading = s.size("small") * 1.15
        inner = w_level - 8
        if dim.overridden:
            small = resized(level_style, s.size("tiny") + 0.4)
            small.leading = 8.2
            level: object = [fit(dim.grade.label + " ✱", small, inner, 1),
                             fit(_("berekend: {label}").format(label=dim.computed.label), small,
                                 inner, 1)]
        elif dim.grade.assessed and v.evaluation.provisional.is_provisional:
            level = fit(_("{level} (voorlopig)").format(level=dim.grade.label), level_style,
                        inner, 2)
        else:
            level = fit(dim.grade.label, level_style, inner, 2)
        data.append([fit(label, cell, w_dim - 8, 2), level])
        commands.append(("BACKGROUND", (1, i), (1, i), color))
        commands.append(("BACKGROUND", (0, i), (0, i), s.color("zebra")))
    return Table(data, colWidths=[w_dim, w_level],
                 rowHeights=[header] + [row] * len(v.dimensions), style=table_style(commands))


def figure_value(s: HouseStyle, text: str, width: float, room: float) -> Paragraph:
    """As large as fits: one line at the figure size, else smaller over more lines."""
    base = s.size("card_figure")
    style = s.para("card-fig-value", size="card_figure", bold=True)
    for size in (base, base - 1.5, base - 3, 8.0, 7.0):
        lines = 1 if size > 8 else max(1, int(room / (size * 1.2)))
        para = fitting(text, resized(style, size), width, lines)
        if para is not None:
            return para
    return fit(text, resized(style, 7.0), width, max(1, int(room / 8.4)))
