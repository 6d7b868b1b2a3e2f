"""Comparison cells as reportlab content: text, a note line, colour where it means
something (level and verdict colours of the rubric; never colour alone)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from toetsapp.dossier.comparison import Cell
from toetsapp.export.paragraph import Paragraph
from toetsapp.export.style import HouseStyle, text_color_on
from toetsapp.export.text import markup, resized
from toetsapp.i18n import _

CELL_SIZE = 7.2
NOTE_SIZE = 6.3
OVERRIDE_MARK = " ✱"
SIGNATURE_COLORS = {"valid": "accent", "partial": "text", "invalid": "unanswered",
                    "unsigned": "muted"}


@dataclass(frozen=True)
class CellStyles:
    """The paragraph styles of comparison tables, derived from the house style."""

    style: HouseStyle

    def _p(self, name: str, size: float, **kw: object) -> ParagraphStyle:
        return resized(self.style.para(f"cmp-{name}", **kw), size)  # type: ignore[arg-type]

    @cached_property
    def cell(self) -> ParagraphStyle:
        return self._p("cell", CELL_SIZE)

    @cached_property
    def bold(self) -> ParagraphStyle:
        return self._p("bold", CELL_SIZE, bold=True)

    @cached_property
    def head(self) -> ParagraphStyle:
        return self._p("head", CELL_SIZE, bold=True)

    @cached_property
    def muted(self) -> ParagraphStyle:
        return self._p("muted", CELL_SIZE, italic=True, color="muted")

    @cached_property
    def note(self) -> ParagraphStyle:
        return self._p("note", NOTE_SIZE, color="muted")

    @cached_property
    def _colored(self) -> dict[tuple[str, bool, float], ParagraphStyle]:
        return {}

    def colored(self, color: colors.Color, *, bold: bool, size: float = CELL_SIZE
                ) -> ParagraphStyle:
        """The cell style in ``color`` (made once per colour, weight and size)."""
        key = (color.hexval(), bold, size)
        para = self._colored.get(key)
        if para is None:
            para = self._colored[key] = self._p(f"col-{key[0]}-{bold}-{size}", size,
                                                bold=bold)
            para.textColor = color
        return para


def cell_content(cell: Cell, st: CellStyles) -> tuple[list[Flowable], colors.Color | None]:
    """The paragraphs of one cell and its background (None: the row's own)."""
    if cell.kind == "na":
        return [Paragraph(markup(cell.text or _("n.v.t.")), st.muted)], None
    if cell.empty:
        return [Paragraph("—", st.muted)], None
    background = None
    main, note = st.cell, st.note
    if cell.kind in ("level", "verdict") and cell.color:
        background = colors.HexColor(cell.color)
        ink = text_color_on(background)
        main = st.colored(ink, bold=True)
        note = st.colored(ink, bold=False, size=NOTE_SIZE)
    elif cell.kind in ("level", "verdict"):
        main = st.muted
    elif cell.kind == "signature":
        name = SIGNATURE_COLORS.get(str(cell.value), "muted")
        main = st.colored(st.style.color(name), bold=cell.value in ("valid", "invalid"))
    text = markup(cell.text) + (OVERRIDE_MARK if cell.overridden else "")
    out: list[Flowable] = [Paragraph(text, main)]
    if cell.note:
        out.append(Paragraph(markup(cell.note), note))
    return out, background
