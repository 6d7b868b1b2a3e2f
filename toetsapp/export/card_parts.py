"""Parts of the toetskaart: the verdict scale, the dimension table, a key figure value,
the cost split and the organisations with their position."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table

from toetsapp.display import state_label
from toetsapp.export.signatures import SignatureRow
from toetsapp.export.style import HouseStyle, table_style, text_color_on
from toetsapp.export.text import fitting, markup, resized
from toetsapp.export.view import BreakdownView, DimensionView, View, role_label
from toetsapp.i18n import _
from toetsapp.pdf.tagging import header_table

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
        para = next((p for size in (style.fontSize, 6.0, 5.5, 5.0)
                     if (p := fitting(label, resized(style, size), step - 6, 2)) is not None),
                    None) or Paragraph(markup(label), resized(style, 5.0))
        _width, used = para.wrapOn(c, step - 6, 1e6)
        para.drawOn(c, x + i * step + 3, bottom + (SCALE_HEIGHT - used) / 2 + 1)


def scale_text(v: View) -> str:
    """What the verdict scale shows, for a screen reader (the figure's alternative text)."""
    options = [o.label.get(v.language) for o in v.rubric.verdicts] if v.rubric else []
    chosen = v.verdict.label if v.verdict and v.verdict.assessed else _("geen")
    return _("Oordeelschaal van {first} tot {last}: {options}. Geldend oordeel: {verdict}."
             ).format(first=options[0] if options else "", last=options[-1] if options else "",
                      options="; ".join(options), verdict=chosen)


def dimension_table(v: View, s: HouseStyle, width: float, header: float, row: float,
                    dimensions: Sequence[DimensionView] | None = None) -> Table:
    """Dimension and level, one fixed-height row each; the level cell in its colour."""
    dimensions = list(v.dimensions if dimensions is None else dimensions)
    w_level = width * 0.45
    w_dim = width - w_level
    head = s.para("card-dim-head", size="small", bold=True)
    cell = s.para("card-dim-cell", size="small")
    cell.leading = s.size("small") * 1.15
    data = [[_small_fit(_("Dimensie"), head, w_dim - 8),
             _small_fit(_("Niveau"), head, w_level - 8)]]
    commands = [("BACKGROUND", (0, 0), (-1, 0), s.color("table_header")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.white),
                ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
    for i, dim in enumerate(dimensions, start=1):
        label = dim.label + (" (!)" if dim.critical else "")
        color = colors.HexColor(dim.grade.color) if dim.grade.color else s.color("zebra")
        level_style = s.para(f"card-lvl-{i}", size="small", bold=dim.grade.assessed,
                             italic=not dim.grade.assessed)
        level_style.textColor = text_color_on(color)
        level_style.leading = s.size("small") * 1.15
        inner = w_level - 8
        if dim.overridden:
            small = resized(level_style, s.size("tiny"))
            small.leading = 6.4
            level: object = [_small_fit(dim.grade.label + " ✱", small, inner),
                             _small_fit(_("berekend: {label}").format(label=dim.computed.label),
                                        small, inner)]
        elif dim.grade.assessed and v.evaluation.provisional.is_provisional:
            level = _small_fit(_("{level} (voorlopig)").format(level=dim.grade.label),
                               level_style, inner)
        else:
            level = _small_fit(dim.grade.label, level_style, inner)
        data.append([_small_fit(label, cell, w_dim - 8), level])
        commands.append(("BACKGROUND", (1, i), (1, i), color))
        commands.append(("BACKGROUND", (0, i), (0, i), s.color("zebra")))
    return header_table(Table(data, colWidths=[w_dim, w_level],
                              rowHeights=[header] + [row] * len(dimensions),
                              style=table_style(commands)), "column")


def _small_fit(text: str, style: object, width: float) -> Paragraph:
    """One line, set smaller until it fits; two lines at a small size as a last resort."""
    size = style.fontSize  # type: ignore[attr-defined]
    while size >= 5.5:
        para = fitting(text, resized(style, size), width, 1)  # type: ignore[arg-type]
        if para is not None:
            return para
        size -= 0.4
    tight = resized(style, 5.2)  # type: ignore[arg-type]
    tight.leading = 5.6
    return Paragraph(markup(text), tight)


def figure_value(s: HouseStyle, text: str, width: float, room: float) -> Paragraph:
    """As large as fits: one line at the figure size, else smaller over more lines."""
    base = s.size("card_figure")
    style = s.para("card-fig-value", size="card_figure", bold=True)
    for size in (base, base - 1.5, base - 3, 8.0, 7.0):
        if size * 1.2 > room and size > 7.0:
            continue
        lines = 1 if size > 8 else max(1, int(room / (size * 1.2)))
        para = fitting(text, resized(style, size), width, lines)
        if para is not None:
            return para
    for size in (6.5, 6.0, 5.5):
        para = fitting(text, resized(style, size), width, max(1, int(room / (size * 1.2))))
        if para is not None:
            return para
    return Paragraph(markup(text), resized(style, 5.5))


def breakdown_table(b: BreakdownView, s: HouseStyle, width: float) -> Table:
    """The cost split: categories down, sources across, totals in the last row."""
    head = s.para("card-bd-head", size="tiny", bold=True, align=TA_RIGHT)
    head_left = s.para("card-bd-head-left", size="tiny", bold=True)
    note = s.para("card-bd-note", size="tiny", color="muted", align=TA_RIGHT)
    cell = s.para("card-bd-cell", size="small")
    right = s.para("card-bd-right", size="small", align=TA_RIGHT)
    bold = s.para("card-bd-bold", size="small", bold=True, align=TA_RIGHT)
    bold_left = s.para("card-bd-bold-left", size="small", bold=True)
    first = [Paragraph(markup(_("Categorie")), head_left)]
    heads = [[Paragraph(markup(h), head), *([Paragraph(markup(n), note)] if n else [])]
             for h, n in zip(b.heads, b.notes, strict=True)]
    data: list[list[object]] = [[first, *heads]]
    last = len(b.rows) - 1
    for i, (label, cells) in enumerate(zip(b.rows, b.cells, strict=True)):
        total = i == last
        data.append([Paragraph(markup(label), bold_left if total else cell),
                     *(Paragraph(markup(text or "—"), bold if total else right)
                       for text in cells)])
    label_w = width * 0.34
    other = (width - label_w) / max(1, len(b.heads))
    table = Table(data, colWidths=[label_w] + [other] * len(b.heads), style=table_style([
        ("BACKGROUND", (0, 0), (-1, 0), s.color("table_header")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, s.color("accent")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    table.hAlign = "LEFT"
    return header_table(table, "both")


def _matches(name: str, abbreviation: str, row: SignatureRow) -> bool:
    who = row.organisation.casefold().strip()
    return who in {name.casefold().strip(), abbreviation.casefold().strip()} - {""}


def cosigner_lines(v: View, rows: Sequence[SignatureRow]
                   ) -> list[tuple[str, str, SignatureRow | None]]:
    """(name, role, signature row or None) for every organisation of the toets, then
    every signer that is not one of them."""
    used: set[int] = set()
    lines: list[tuple[str, str, SignatureRow | None]] = []
    for org in v.toets.metadata.organisations:
        name = org.name + (f" ({org.abbreviation})" if org.abbreviation else "")
        found = next((i for i, r in enumerate(rows) if i not in used
                      and _matches(org.name, org.abbreviation, r)), None)
        if found is not None:
            used.add(found)
        lines.append((name, role_label(org.role), rows[found] if found is not None else None))
    return lines + [(r.organisation, _("ondertekenaar"), r) for i, r in enumerate(rows)
                    if i not in used]


def cosigner_table(v: View, rows: Sequence[SignatureRow], s: HouseStyle, width: float,
                   columns: int = 1, points: float | None = None) -> Table:
    """Every organisation of the toets (and every other signer) with its role, position
    and signature state; names wrap, nothing is cut off. With two ``columns`` the
    organisations are listed side by side (the role then follows the name, the
    signature state the position); ``points``: the font size."""
    lines = cosigner_lines(v, rows)
    size = "tiny" if len(lines) > 6 or columns > 1 else "small"
    head = s.para("card-co-head", size="tiny", bold=True, color="muted")
    cell = s.para(f"card-co-{size}", size=size)
    bold = s.para(f"card-co-bold-{size}", size=size, bold=True)
    muted = s.para(f"card-co-muted-{size}", size=size, color="muted", italic=True)
    if points is not None:
        cell, bold, muted = (resized(x, points) for x in (cell, bold, muted))
    for style in (cell, bold, muted):
        style.leading = style.fontSize * 1.15
    titles = [_("Organisatie"), _("Rol"), _("Standpunt"), _("Handtekening")]
    if columns > 1:
        titles = [titles[0], titles[2]]
    remarks = False
    cells: list[list[object]] = []
    lead = role_label("lead")
    for name, role, row in lines:
        if row is None:
            position = Paragraph(markup(_("—") if role == lead else _("nog geen standpunt")),
                                 muted)
            state = Paragraph(markup(_("niet ondertekend")), muted)
        else:
            text = row.position + (" ¹" if row.remarks.strip() else "")
            remarks = remarks or bool(row.remarks.strip())
            position = Paragraph(markup(text), bold)
            first = row.status_text().split("\n")[0]
            state = Paragraph(markup(first), bold if row.verified is False else cell)
        if columns > 1:
            shown = name + (f" ({role})" if role == lead else "")
            cells.append([Paragraph(markup(shown), cell), [position, state]])
        else:
            cells.append([Paragraph(markup(name), cell), Paragraph(markup(role), cell),
                          position, state])
    if not lines:
        cells.append([Paragraph(markup(_("Geen organisaties vastgelegd.")), muted),
                      *([""] * (len(titles) - 1))])
    per = -(-len(cells) // columns)
    blank = [""] * len(titles)
    data: list[list[object]] = [[Paragraph(markup(h), head) for h in titles] * columns]
    for i in range(per):
        line: list[object] = []
        for c in range(columns):
            index = c * per + i
            line += cells[index] if index < len(cells) else blank
        data.append(line)
    shares = [0.46, 0.14, 0.2, 0.2] if columns == 1 else [0.6, 0.4]
    widths = [width / columns * x for x in shares] * columns
    commands = [("BACKGROUND", (0, 0), (-1, 0), s.color("table_header")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, s.color("rule")),
                ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 0.6), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
    if remarks:
        note = s.para("card-co-note", size="tiny", color="muted")
        data.append([Paragraph(markup(_("¹ met kanttekeningen: zie bijlage B")), note),
                     *([""] * (len(widths) - 1))])
        commands.append(("SPAN", (0, len(data) - 1), (-1, len(data) - 1)))
    table = Table(data, colWidths=widths, style=table_style(commands))
    table.hAlign = "LEFT"
    return header_table(table, "column")


def states_markup(states: Sequence[tuple[str, str]]) -> str:
    """Per aspect its state, grouped: 'Gevolgen: ✓ A · ✓ B / Geen gevolgen: C /
    n.v.t.: D' (each aspect once, every state named in words, not by colour)."""
    lines = []
    for state, mark in (("gevolgen", "✓\u00a0"), ("geen_gevolgen", ""), ("nvt", "")):
        names = [mark + markup(label) for label, s in states if s == state]
        if names:
            head = state_label(state)
            head = head if state == "nvt" else head[:1].upper() + head[1:]  # 'n.v.t.' stays
            line = f"<b>{markup(head)}:</b> {' · '.join(names)}"
            lines.append(line if state == "gevolgen" else f'<font color="#5B5B5B">{line}</font>')
    return "<br/>".join(lines)
