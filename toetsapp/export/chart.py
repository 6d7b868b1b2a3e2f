"""The dimension chart on the toetskaart (reportlab graphics).

One row per rubric dimension, one column per level from best (left) to worst
(right). A bar runs to the column of the level that counts, so a longer bar is
always worse; where the toetser overrode the computed level, a hollow diamond
marks the computed level. Rows line up with the dimension table beside it.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from toetsapp.export.style import FONT_ROLES, HouseStyle
from toetsapp.export.text import plain
from toetsapp.export.view import View
from toetsapp.i18n import _

BAR = 9.0


def _wrap(text: str, font: str, size: float, width: float, lines: int = 2) -> list[str]:
    """Greedy word wrap into at most ``lines`` lines (the last one clipped)."""
    from toetsapp.export.doc import clip

    words, out, line = plain(text).split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if stringWidth(trial, font, size) <= width or not line:
            line = trial
        else:
            out.append(line)
            line = word
    out.append(line)
    if len(out) > lines:
        out = [*out[: lines - 1], " ".join(out[lines - 1:])]
    return [clip(item, font, size, width) for item in out]


def _size_for(text: str, font: str, size: float, width: float, smallest: float = 5.0) -> float:
    """The font size at which the longest word of ``text`` fits ``width``."""
    longest = max((stringWidth(w, font, 1) for w in plain(text).split()), default=0)
    return max(smallest, min(size, width / longest)) if longest else size


def _mix(color: colors.Color, amount: float) -> colors.Color:
    """``color`` blended with white (``amount`` 0 = white, 1 = the colour)."""
    return colors.Color(1 - (1 - color.red) * amount, 1 - (1 - color.green) * amount,
                        1 - (1 - color.blue) * amount)


def dimension_chart(view: View, style: HouseStyle, width: float, header: float,
                    row: float) -> Drawing:
    """The chart as a Drawing of ``width`` × (``header`` + rows × ``row``) points."""
    rubric = view.rubric
    levels = rubric.levels if rubric else []
    rows = view.dimensions
    height = header + row * len(rows)
    drawing = Drawing(width, height, initialFontName=FONT_ROLES["regular"],
                      initialFontSize=style.size("tiny"))
    if not levels:
        return drawing
    bold = FONT_ROLES["bold"]
    tiny = style.size("tiny")
    column = width / len(levels)
    muted, rule = style.color("muted"), style.color("rule")
    for i, level in enumerate(levels):
        x = i * column
        tint = _mix(colors.HexColor(level.color), 0.12)
        drawing.add(Rect(x, 0, column, height - header, fillColor=tint, strokeColor=None))
        text = level.label.get(view.language)
        size = _size_for(text, bold, tiny, column - 4)
        for n, line in enumerate(_wrap(text, bold, size, column - 4)):
            drawing.add(String(x + column / 2, height - 8 - n * (size + 1.5), line,
                               fontName=bold, fontSize=size, fillColor=muted,
                               textAnchor="middle"))
        if i:
            drawing.add(Line(x, 0, x, height - header, strokeColor=rule, strokeWidth=0.4,
                             strokeDashArray=[1.5, 1.5]))
    drawing.add(Line(0, height - header, width, height - header, strokeColor=rule,
                     strokeWidth=0.6))
    for index, dim in enumerate(rows):
        centre = height - header - row * index - row / 2
        if index:
            drawing.add(Line(0, centre + row / 2, width, centre + row / 2,
                             strokeColor=colors.white, strokeWidth=0.8))
        grade = dim.grade
        if grade.rank is None:
            drawing.add(String(4, centre - tiny / 3, grade.label or _("niet beoordeeld"),
                               fontName=FONT_ROLES["italic"], fontSize=tiny,
                               fillColor=style.color("not_assessed")))
            continue
        fill = colors.HexColor(grade.color or "#9A9A9A")
        drawing.add(Rect(0, centre - BAR / 2, column * (grade.rank + 1) - 3, BAR,
                         fillColor=fill, strokeColor=colors.HexColor("#333333"),
                         strokeWidth=0.4))
        if dim.overridden and dim.computed.rank is not None:
            cx = column * dim.computed.rank + column / 2
            drawing.add(Polygon([cx, centre + 6, cx + 5, centre, cx, centre - 6, cx - 5, centre],
                                fillColor=colors.white, strokeColor=style.color("override"),
                                strokeWidth=1.1))
    return drawing


def chart_legend() -> str:
    """The line under the table and chart explaining their marks."""
    return _("(!) kritieke dimensie · ✱ afwijking door de toetser · balk: geldend niveau, "
             "langer is slechter · ◇ berekend niveau")

