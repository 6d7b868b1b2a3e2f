"""Page 1, the toetskaart: the same regions at the same places for every toets of a type.

Region heights depend only on the form and rubric (number of dimensions, key
figures, lists), never on the answers; text that does not fit its region is cut
with an ellipsis (the full text is in the body). Colour is never the only carrier
of meaning: every coloured mark has a text label.
"""

from __future__ import annotations

import math

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph

from toetsapp.export.card_parts import SCALE_HEIGHT, dimension_table, figure_value, verdict_scale
from toetsapp.export.chart import chart_legend, dimension_chart
from toetsapp.export.concept import Concept, draw_notice
from toetsapp.export.doc import Marks
from toetsapp.export.style import HouseStyle
from toetsapp.export.text import fit, fit_size, fitting, lines_of, markup, resized
from toetsapp.export.view import View
from toetsapp.i18n import _

PAD = 8.0


class Card(Flowable):
    """The toetskaart; it takes the whole frame of the first page."""

    def __init__(self, view: View, style: HouseStyle, concept: Concept | None = None,
                 marks: Marks | None = None) -> None:
        super().__init__()
        self.view, self.s, self.concept = view, style, concept
        self.marks = marks or Marks()

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, avail_height
        return avail_width, avail_height

    def _put(self, flowable: Flowable, x: float, top: float, width: float) -> float:
        _width, height = flowable.wrapOn(self.canv, width, 1e6)
        flowable.drawOn(self.canv, x, top - height)
        return height

    def _p(self, name: str, **kw: object) -> object:
        return self.s.para(f"card-{name}", **kw)

    def draw(self) -> None:
        gap = self.s.card("gap")
        y = self._band(self.height)
        y = self._proposal(y - gap)
        y = self._verdict(y - gap)
        y = self._dimensions(y - gap - 2)
        y = self._figures(y - gap)
        self._lists(y - gap, bottom=26)
        self._legend()

    def _heading(self, text: str, x: float, top: float, width: float) -> float:
        style = self._p("heading", size="small", bold=True, color="accent")
        return self._put(fit(text.upper(), style, width, 1), x, top, width) + 3

    def _band(self, top: float) -> float:
        c, s, v = self.canv, self.s, self.view
        height = s.card("band_height")
        c.setFillColor(s.color("accent"))
        c.rect(0, top - height, self.width, height, stroke=0, fill=1)
        label = self._p("band-label", size="tiny", bold=True, color="band_text")
        self._put(fit(_("TOETSKAART"), label, 200, 1), PAD, top - 5, 200)
        title = self._p("band-title", size="h3", bold=True, color="band_text")
        self._put(fit(v.type_title, title, self.width * 0.68, 1), PAD, top - 16, self.width * 0.68)
        status = self._p("band-status", size="small", bold=True, color="band_text", align=2)
        box = self.width * 0.28
        self._put(fit(_("Status: {status}").format(status=v.status), status, box, 1),
                  self.width - box - PAD, top - 9, box)
        when = self._p("band-date", size="tiny", color="band_text", align=2)
        self._put(fit(v.date or _("datum onbekend"), when, box, 1), self.width - box - PAD,
                  top - 22, box)
        return top - height

    def _proposal(self, top: float) -> float:
        s, v = self.s, self.view
        top -= self._title(top) + 6
        meta = v.toets.metadata
        ids = " · ".join(x for x in (meta.kamerstuk_document, meta.zaaknummer) if x)
        ids_style = self._p("ids", size="small", color="muted", align=2)
        ids_width = self.width * 0.3 if ids else 0
        if ids:
            self._put(fit(ids, ids_style, ids_width, 1), self.width - ids_width, top - 1,
                      ids_width)
        cite = self._p("citation", size="body", bold=True, color="accent")
        citation = v.citation or _("Kamerstuk: nog geen nummer")
        top -= self._put(fit(citation, cite, self.width - ids_width - 8, 1), 0, top,
                         self.width - ids_width - 8) + 5
        toetser = ", ".join(x for x in (meta.toetser.name, meta.toetser.organisation) if x)
        cells = [(_("Organisaties"), v.organisations, 0.42), (_("Ministerie"), meta.ministry, 0.3),
                 (_("Toetser"), toetser, 0.28)]
        label = self._p("meta-label", size="tiny", bold=True, color="muted")
        value = self._p("meta-value", size="small")
        x = 0.0
        for name, text, share in cells:
            width = self.width * share - 8
            self._put(fit(name.upper(), label, width, 1), x, top, width)
            self._put(fit(text or "—", value, width, int(s.card("meta_lines"))), x, top - 10,
                      width)
            x += self.width * share
        return top - 10 - s.card("meta_lines") * s.leading(s.size("small"))

    def _title(self, top: float) -> float:
        """The proposal title in a fixed slot: two lines, as large as fits, else three."""
        big = self.s.size("card_title")
        slot = 2 * big * 1.2
        style = self._p("title", size="card_title", bold=True)
        for size in (big, big - 2, big - 4):
            para = fitting(self.view.title, resized(style, size), self.width, 2)
            if para is not None:
                break
        else:
            para = fit(self.view.title, resized(style, slot / 3 / 1.2), self.width, 3)
        self._put(para, 0, top, self.width)
        return slot

    def _verdict(self, top: float) -> float:
        c, s, v = self.canv, self.s, self.view
        height = s.card("verdict_height")
        grade = v.verdict
        c.setFillColor(s.color("accent_light"))
        c.setStrokeColor(s.color("rule"))
        c.roundRect(0, top - height, self.width, height, 3, stroke=1, fill=1)
        fill = colors.HexColor(grade.color) if grade and grade.color else s.color("not_assessed")
        c.setFillColor(fill)
        c.rect(0, top - height, 10, height, stroke=0, fill=1)
        x, width = 10 + PAD, self.width - 10 - 2 * PAD
        state = v.evaluation.provisional
        label = self._p("verdict-label", size="small", bold=True, color="muted")
        head = v.verdict_label.upper()
        if state.is_provisional:
            head += " · " + _("VOORLOPIG") + " · " + state.summary(with_problems=False)
        self._put(fit(head, label, width, 1), x, top - 6, width)
        big = self._p("verdict", size="card_verdict", bold=True)
        text = grade.label if grade else _("niet gescoord (geen rubric)")
        text = text[:1].upper() + text[1:]
        if state.is_provisional and grade and grade.assessed:
            text = _("Voorlopig: {verdict}").format(verdict=text)
        biggest, smallest = s.size("card_verdict"), s.size("card_verdict_min")
        sizes = [biggest - 2 * i for i in range(8) if biggest - 2 * i >= smallest] or [biggest]
        para = fit_size(text, big, width, sizes)
        _width, used = para.wrapOn(c, width, 1e6)
        slot = biggest * 1.2
        para.drawOn(c, x, top - 16 - slot + (slot - used) / 2)
        if v.rubric is not None:
            verdict_scale(c, v, s, x, top - 16 - slot - 4 - SCALE_HEIGHT, width)
        notes = []
        if grade and v.evaluation.verdict and v.evaluation.verdict.overridden:
            notes.append(_("✱ Afwijking door de toetser; berekend: {label} (motivering in "
                           "bijlage A)").format(label=v.verdict_computed.label))
        note = self._p("verdict-note", size="tiny", bold=True, color="override")
        if self.concept is not None:
            draw_notice(c, s, self.concept, self.marks, x, top - height + (3 if notes else 6),
                        width)
            if notes:
                self._put(fit(" · ".join(notes), note, width, 1), x, top - height + 17, width)
        else:
            self._put(fit(" · ".join(notes) or " ", note, width, 1), x, top - height + 13,
                      width)
        return top - height

    def _dimensions(self, top: float) -> float:
        s, v = self.s, self.view
        state = v.evaluation.provisional
        title = _("Scores per dimensie")
        if state.is_provisional and state.total:
            title += " — " + _("voorlopig, {a} van {n} beoordeeld").format(a=state.assessed,
                                                                            n=state.total)
        top -= self._heading(title, 0, top, self.width)
        if v.rubric is None or not v.dimensions:
            style = self._p("no-rubric", size="small", italic=True, color="muted")
            return top - self._put(Paragraph(_("Voor dit formulier is geen rubric: er zijn geen "
                                               "scores."), style), 0, top, self.width)
        row, header = s.card("dimension_row"), 22.0
        chart_w = self.width * s.card("chart_width_ratio")
        table_w = self.width - chart_w - 8
        self._put(dimension_table(v, s, table_w, header, row), 0, top, table_w)
        drawing = dimension_chart(v, s, chart_w, header, row)
        drawing.drawOn(self.canv, self.width - chart_w, top - drawing.height)
        top -= header + row * len(v.dimensions) + 2
        tiny = self._p("chart-legend", size="tiny", color="muted")
        return top - self._put(fit(chart_legend(), tiny, self.width, 1), 0, top, self.width)

    def _figures(self, top: float) -> float:
        c, s, v = self.canv, self.s, self.view
        if not v.figures:
            return top
        top -= self._heading(_("Kerncijfers"), 0, top, self.width)
        columns = int(s.card("figure_columns"))
        width, height = self.width / columns, s.card("figure_height")
        label = self._p("fig-label", size="tiny", bold=True, color="muted")
        empty = self._p("fig-empty", size="small", italic=True, color="muted")
        for i, figure in enumerate(v.figures):
            x, row_top = (i % columns) * width, top - (i // columns) * height
            c.setFillColor(s.color("zebra"))
            c.setStrokeColor(colors.white)
            c.rect(x, row_top - height, width, height, stroke=1, fill=1)
            inner = width - 10
            used = self._put(fit(figure.label, label, inner, 2), x + 5, row_top - 3, inner)
            if figure.answered:
                para = figure_value(self.s, figure.text[:1].upper() + figure.text[1:], inner,
                                    height - used - 9)
            else:
                para = fit(_("niet ingevuld"), empty, inner, 1)
            para.wrapOn(c, inner, 1e6)
            para.drawOn(c, x + 5, row_top - height + 4)
        return top - math.ceil(len(v.figures) / columns) * height

    def _lists(self, top: float, bottom: float) -> None:
        s, v = self.s, self.view
        if not v.lists:
            return
        count = len(v.lists)
        width = (self.width - 12 * (count - 1)) / count
        item = self._p("list-item", size="small")
        more = self._p("list-more", size="tiny", italic=True, color="muted")
        leading = s.leading(s.size("small"))
        for i, block in enumerate(v.lists):
            texts = [f"{n}. {text}" for n, text in enumerate(block.items, start=1)]
            room = (top - bottom - 30) / leading - len(texts) * 0.2
            budget = _line_budget(texts, item, width, room, int(s.card("list_item_lines")))
            x = i * (width + 12)
            y = top - self._heading(f"{block.label} ({block.total})", x, top, width)
            shown = 0
            for text, lines in zip(texts, budget, strict=True):
                para = fit(text, item, width, lines)
                _width, h = para.wrapOn(self.canv, width, 1e6)
                if y - h < bottom + 12:
                    break
                para.drawOn(self.canv, x, y - h)
                y -= h + 2
                shown += 1
            rest = block.total - shown
            ref = v.question_ref(block.question_id)
            if not block.total:
                self._put(fit(_("Geen."), more, width, 1), x, y, width)
            elif rest > 0:
                self._put(fit(_("… en nog {n}; zie {ref}").format(n=rest, ref=ref), more, width,
                              1), x, y, width)

    def _legend(self) -> None:
        style = self._p("legend", size="tiny", color="muted")
        text = _("Toelichting op elke score en elke afwijking: bijlage A. Alle antwoorden: "
                 "hoofdstukken 1 en verder. Deze PDF bevat de toets ook als bestand (.toets).")
        self._put(fit(text, style, self.width, 2), 0, 20, self.width)


def _line_budget(texts: list[str], style: object, width: float, room: float,
                 least: int, most: int = 4) -> list[int]:
    """Lines per list item: each as many as it needs (up to ``most``), the longest cut
    back first until they fit in ``room`` lines, but none below ``least``."""
    need = [max(1, min(most, lines_of(Paragraph(markup(t), style), width))) for t in texts]
    while sum(need) > room and max(need, default=0) > least:
        need[need.index(max(need))] -= 1
    return need
