"""Page 1, the toetskaart: the same slots in the same places for every toets.

From the top: the band (type, status, date), the proposal, the verdict, the grid of
fixed key-figure slots (the same for all three types, docs/FORMATS.md "Page 1"),
the type's own figures, the dimensions, the summary details (cost split, aspects,
portfolio text), the conditions and risks, and the organisations with their position.
Everything down to the type's own figures has a fixed height, so the slots are at the
same place on every card, and the dimensions at the same place on every card of a
type; the blocks below them grow with their content. Names and
values are never cut off with an ellipsis: text wraps or is set smaller, and a list
that has no more room ends with where to read the rest. Colour is never the only
carrier of meaning: every coloured mark has a text label.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Table

from toetsapp.export.card_parts import (
    breakdown_table,
    cosigner_table,
    dimension_table,
    figure_value,
    scale_text,
    states_markup,
    verdict_scale,
)
from toetsapp.export.concept import Concept, draw_notice
from toetsapp.export.doc import Marks
from toetsapp.export.signatures import SignatureRow
from toetsapp.export.style import HouseStyle, table_style
from toetsapp.export.text import fit, fit_size, fitting, markup, resized
from toetsapp.export.view import View
from toetsapp.i18n import _, ngettext
from toetsapp.pdf.tagging import content
from toetsapp.pdf.tagging import figure as figure_tag

PAD = 8.0
SLOT_COLUMNS = 4
SLOT_HEIGHT = 38.0
LEGEND_ROOM = 22.0


def shrunk(text: str, style: object, width: float, lines: int, least: float = 5.5) -> Paragraph:
    """``text`` in at most ``lines`` lines at the largest size that fits, never cut
    above ``least`` points."""
    size = style.fontSize  # type: ignore[attr-defined]
    while size >= least:
        para = fitting(text, resized(style, size), width, lines)  # type: ignore[arg-type]
        if para is not None:
            return para
        size -= 0.5
    return Paragraph(markup(text), resized(style, least))  # type: ignore[arg-type]


class Card(Flowable):
    """The toetskaart; it takes the whole frame of the first page."""

    def __init__(self, view: View, style: HouseStyle,
                 rows: Sequence[SignatureRow] = (), concept: Concept | None = None,
                 marks: Marks | None = None) -> None:
        super().__init__()
        self.view, self.s, self.rows, self.concept = view, style, list(rows), concept
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
        y = self._slots(y - gap)
        y = self._type_figures(y - 2)
        y = self._dimensions(y - gap)
        y = self._details(y - gap)
        lists_least = 34.0 * bool(self.view.lists)
        for columns, points in ((1, None), (2, None), (2, 5.8), (2, 5.0)):
            people = self._organisations_block(columns, points)
            _w, people_h = people.wrapOn(self.canv, self.width, 1e6)
            if LEGEND_ROOM + people_h + gap + lists_least <= y - gap:
                break
        bottom = LEGEND_ROOM + people_h + gap
        self._lists(y - gap, bottom=bottom)
        people.drawOn(self.canv, 0, LEGEND_ROOM + 2)
        self._legend()

    def _heading(self, text: str, x: float, top: float, width: float) -> float:
        style = self._p("heading", size="small", bold=True, color="accent")
        return self._put(shrunk(text.upper(), style, width, 1), x, top, width) + 3

    def _band(self, top: float) -> float:
        c, s, v = self.canv, self.s, self.view
        height = s.card("band_height")
        c.setFillColor(s.color("accent"))
        c.rect(0, top - height, self.width, height, stroke=0, fill=1)
        label = self._p("band-label", size="tiny", bold=True, color="band_text")
        self._put(fit(_("TOETSKAART"), label, 200, 1), PAD, top - 5, 200)
        title = self._p("band-title", size="h3", bold=True, color="band_text")
        self._put(shrunk(v.type_title, title, self.width * 0.68, 1), PAD, top - 16,
                  self.width * 0.68)
        status = self._p("band-status", size="small", bold=True, color="band_text", align=2)
        box = self.width * 0.28
        self._put(shrunk(_("Status: {status}").format(status=v.status), status, box, 1),
                  self.width - box - PAD, top - 9, box)
        when = self._p("band-date", size="tiny", color="band_text", align=2)
        self._put(shrunk(v.date or _("datum onbekend"), when, box, 1), self.width - box - PAD,
                  top - 22, box)
        return top - height

    def _proposal(self, top: float) -> float:
        v = self.view
        top -= self._title(top) + 5
        meta = v.toets.metadata
        ids = " · ".join(x for x in (meta.kamerstuk_document, meta.zaaknummer) if x)
        ids_style = self._p("ids", size="small", color="muted", align=2)
        ids_width = self.width * 0.3 if ids else 0
        if ids:
            self._put(shrunk(ids, ids_style, ids_width, 1), self.width - ids_width, top - 1,
                      ids_width)
        cite = self._p("citation", size="body", bold=True, color="accent")
        citation = v.citation or _("Kamerstuk: nog geen nummer")
        self._put(shrunk(citation, cite, self.width - ids_width - 8, 1), 0, top,
                  self.width - ids_width - 8)
        return top - 14

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
            para = shrunk(self.view.title, resized(style, slot / 3 / 1.2), self.width, 3)
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
        notes = []
        if grade and v.evaluation.verdict and v.evaluation.verdict.overridden:
            notes.append(_("✱ Afwijking door de toetser; berekend: {label} (motivering in "
                           "bijlage A)").format(label=v.verdict_computed.label))
        state = v.evaluation.provisional
        missing = sum(1 for p in v.evaluation.problems if p.kind == "missing")
        if missing and self.concept is None:  # a concept names its open problems itself
            notes.append(ngettext("Let op: {n} verplichte vraag is niet beantwoord",
                                  "Let op: {n} verplichte vragen zijn niet beantwoord",
                                  missing).format(n=missing))
        head = v.verdict_label.upper()
        if state.is_provisional:
            head += " · " + _("VOORLOPIG")
            notes.insert(0, state.summary(with_problems=False))
        label = self._p("verdict-label", size="small", bold=True, color="muted")
        self._put(shrunk(head, label, width * 0.4, 1), x, top - 5, width * 0.4)
        right_x, right_w = x + width * 0.4, width * 0.6
        note = self._p("verdict-note", size="tiny", bold=True, color="override", align=2)
        if self.concept is not None:
            with content(c):
                draw_notice(c, s, self.concept, self.marks, right_x, top - 4 - s.size("tiny"),
                            right_w)
            if notes:
                self._put(shrunk(" · ".join(notes), note, right_w, 1, 4.5), right_x, top - 12,
                          right_w)
        elif notes:
            self._put(shrunk(" · ".join(notes), note, right_w, 2, 4.5), right_x, top - 4,
                      right_w)
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
        para.drawOn(c, x, top - 15 - slot + (slot - used) / 2)
        if v.rubric is not None:
            with figure_tag(c, scale_text(v)):
                verdict_scale(c, v, s, x, top - height + 4, width)
        return top - height

    def _cell(self, x: float, top: float, width: float, height: float, label: str,
              value: str, note: str, state: str, color: str | None = None) -> None:
        """One key-figure cell: label, value (as large as fits), and a small note."""
        c, s = self.canv, self.s
        c.setFillColor(s.color("zebra"))
        c.setStrokeColor(colors.white)
        c.rect(x, top - height, width, height, stroke=1, fill=1)
        if color:
            c.setFillColor(colors.HexColor(color))
            c.rect(x, top - height, 3, height, stroke=0, fill=1)
        inner = width - 10
        label_style = self._p("fig-label", size="tiny", bold=True, color="muted")
        used = self._put(shrunk(label, label_style, inner, 1), x + 5, top - 2.5, inner)
        note_style = self._p("fig-note", size="tiny", color="muted")
        note_h, note_para = 0.0, None
        if note:
            note_para = next((p for size in (6.2, 5.8, 5.4)  # one line leaves the value room
                              if (p := fitting(note, resized(note_style, size), inner, 1))),
                             None) or shrunk(note, resized(note_style, 6.2), inner, 2, 4.5)
            _w, note_h = note_para.wrapOn(c, inner, 1e6)
        room = height - used - note_h - 6
        if state == "value":
            para = figure_value(s, value[:1].upper() + value[1:], inner, room)
        else:
            style = self._p(f"fig-{state}", size="small", bold=state == "na",
                            italic=state != "na", color="muted")
            para = shrunk(value, style, inner, 2, 5)
        _w, h = para.wrapOn(c, inner, 1e6)
        para.drawOn(c, x + 5, top - used - 2.5 - h)  # the value first: label, value, note
        if note_para is not None:
            note_para.drawOn(c, x + 5, top - height + 2.5)

    def _slots(self, top: float) -> float:
        """The fixed grid: the same eight slots, in the same place, for every type."""
        top -= self._heading(_("Kerncijfers"), 0, top, self.width)
        width = self.width / SLOT_COLUMNS
        for i, slot in enumerate(self.view.slots):
            x, row_top = (i % SLOT_COLUMNS) * width, top - (i // SLOT_COLUMNS) * SLOT_HEIGHT
            self._cell(x, row_top, width, SLOT_HEIGHT, slot.label, slot.text, slot.note,
                       slot.state, slot.color)
        rows = -(-len(self.view.slots) // SLOT_COLUMNS)
        return top - rows * SLOT_HEIGHT

    def _type_figures(self, top: float) -> float:
        """The second row: figures of this type only (their number depends on the form)."""
        v = self.view
        if not v.figures:
            return top
        top -= self._heading(_("Verder bij deze {type}").format(type=v.type_short.lower()), 0,
                             top - 2, self.width) + 2
        width, height = self.width / SLOT_COLUMNS, SLOT_HEIGHT - 7
        for i, figure in enumerate(v.figures):
            x, row_top = (i % SLOT_COLUMNS) * width, top - (i // SLOT_COLUMNS) * height
            self._cell(x, row_top, width, height, figure.label,
                       figure.text if figure.answered else _("niet ingevuld"), figure.note,
                       "na" if figure.state == "not_applicable" else
                       "value" if figure.answered else "unanswered")
        return top - -(-len(v.figures) // SLOT_COLUMNS) * height

    def _details(self, top: float) -> float:
        """Cost split, checklists (aspects) and the texts that go with a slot."""
        v, s = self.view, self.s
        texts = [(slot.label, slot.detail) for slot in v.slots if slot.detail]
        if not (v.breakdowns or v.checklists or texts):
            return top
        left_w = self.width * 0.5 - 6 if v.breakdowns else 0.0
        right_x = left_w + 12 if v.breakdowns else 0.0
        right_w = self.width - right_x
        used_left = 0.0
        for breakdown in v.breakdowns:
            used_left += self._heading(breakdown.label, 0, top - used_left, left_w)
            used_left += self._put(breakdown_table(breakdown, s, left_w), 0, top - used_left,
                                   left_w) + 4
        used_right = 0.0
        small = self._p("detail", size="tiny")
        for checklist in v.checklists:
            used_right += self._heading(checklist.label, right_x, top - used_right, right_w)
            used_right += self._put(self._checklist(checklist, right_w), right_x,
                                    top - used_right, right_w) + 3
        for label, text in texts:
            para = Paragraph(f"<b>{markup(label)}:</b> {markup(text)}", small)
            used_right += self._put(para, right_x, top - used_right, right_w) + 2
        return top - max(used_left, used_right)

    def _checklist(self, checklist: object, width: float) -> Flowable:
        """Chosen options with a tick, the others struck out as 'no', in one paragraph."""
        st = self._p("check", size="small")
        muted = self._p("check-muted", size="small", color="muted")
        if not checklist.applies:  # type: ignore[attr-defined]
            return Paragraph(markup(_("n.v.t.")), muted)
        if not checklist.answered:  # type: ignore[attr-defined]
            return Paragraph(markup(_("niet ingevuld")), muted)
        if checklist.states:  # type: ignore[attr-defined]
            return Paragraph(states_markup(checklist.states), st)  # type: ignore[attr-defined]
        items = checklist.items  # type: ignore[attr-defined]
        yes = " · ".join("✓ " + markup(label) for label, on in items if on) or markup(_("geen"))
        no = " · ".join(markup(label) for label, on in items if not on)
        text = f"<b>{markup(_('Ja'))}:</b> {yes}"
        if no:
            text += f'<br/><font color="#5B5B5B"><b>{markup(_("Nee"))}:</b> {no}</font>'
        return Paragraph(text, st)

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
        half = -(-len(v.dimensions) // 2)
        width = (self.width - 10) / 2
        row, header = 12.0, 12.0
        for i, part in enumerate((v.dimensions[:half], v.dimensions[half:])):
            if part:
                self._put(dimension_table(v, s, width, header, row, part), i * (width + 10),
                          top, width)
        top -= header + row * half + 2
        tiny = self._p("dim-legend", size="tiny", color="muted")
        return top - self._put(shrunk(_("(!) kritieke dimensie · ✱ afwijking door de toetser, "
                                        "met het berekende niveau · toelichting in bijlage A"),
                                      tiny, self.width, 1), 0, top, self.width)

    def _lists(self, top: float, bottom: float) -> None:
        """Conditions, risks and the like side by side; whole items only, then a pointer."""
        s, v = self.s, self.view
        if not v.lists:
            return
        count = len(v.lists)
        width = (self.width - 12 * (count - 1)) / count
        item = self._p("list-item", size="small")
        more = self._p("list-more", size="tiny", italic=True, color="muted")
        for i, block in enumerate(v.lists):
            x = i * (width + 12)
            y = top - self._heading(f"{block.label} ({block.total})", x, top, width)
            shown = 0
            for n, text in enumerate(block.items, start=1):
                para = Paragraph(markup(f"{n}. {text}"), item)
                _width, h = para.wrapOn(self.canv, width, 1e6)
                if y - h < bottom + 10:
                    break
                para.drawOn(self.canv, x, y - h)
                y -= h + 2
                shown += 1
            rest = block.total - shown
            ref = v.question_ref(block.question_id)
            if not block.total:
                self._put(shrunk(_("Geen."), more, width, 1), x, y, width)
            elif rest > 0:
                text = (_("En nog {n}; zie {ref}") if shown else _("{n} in totaal; zie {ref}"))
                self._put(shrunk(text.format(n=rest, ref=ref), more, width, 1), x, y, width)
        del s

    def _organisations_block(self, columns: int = 1, points: float | None = None) -> Flowable:
        """Who made the toets and every organisation with its position and signature."""
        v = self.view
        meta = v.toets.metadata
        heading = self._p("org-heading", size="small", bold=True, color="accent")
        small = self._p("org-meta", size="small")
        toetser = ", ".join(x for x in (meta.toetser.name, meta.toetser.organisation) if x)
        facts = " · ".join(x for x in (
            f"<b>{markup(_('Ministerie'))}:</b> {markup(meta.ministry)}" if meta.ministry else "",
            f"<b>{markup(_('Toetser'))}:</b> {markup(toetser)}" if toetser else "") if x)
        title = Paragraph(markup(_("Organisaties en hun standpunt").upper()), heading)
        parts: list[list[Flowable]] = [[Table(
            [[title, Paragraph(facts, resized(small, 7))]], colWidths=[self.width * 0.36,
                                                                         self.width * 0.64],
            style=table_style([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))]]
        parts.append([cosigner_table(v, self.rows, self.s, self.width, columns, points)])
        table = Table(parts, colWidths=[self.width], style=table_style([
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
        return table

    def _legend(self) -> None:
        style = self._p("legend", size="tiny", color="muted")
        text = _("Toelichting op elke score en elke afwijking: bijlage A. Standpunten, "
                 "kanttekeningen en handtekeningen: bijlage B. Alle antwoorden: hoofdstukken 1 "
                 "en verder. Deze PDF bevat de toets ook als bestand (.toets).")
        self._put(shrunk(text, style, self.width, 2, 5), 0, 19, self.width)
