"""A concept looks like a concept: the CONCEPT band on every page, the diagonal mark on
page 1, and the list of open problems right after the toetskaart (page 2).

A PDF is a concept when the toets still has open problems (see
``toetsapp.engine.provisional``) or its status is not final yet. All page furniture
for it is drawn by :func:`draw_concept_marks`, so it can be wrapped as an artifact.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from toetsapp.engine.provisional import FINAL_STATUSES, OpenProblem, Provisional, problems_text
from toetsapp.export.doc import Marks, heading, inline_page
from toetsapp.export.style import FONT_ROLES, HouseStyle
from toetsapp.export.text import markup
from toetsapp.export.view import View
from toetsapp.i18n import _

PROBLEMS_KEY = "open_problems"
BAND_HEIGHT = 16.0


@dataclass(frozen=True)
class Concept:
    """Whether and why the PDF is a concept; ``band`` is the text on every page."""

    band: str
    notice: str  # page 1: how many problems and where they are listed (page number follows)
    count: int
    page_ref: str = ""  # anchor whose page number ends the notice


def concept_for(view: View) -> Concept | None:
    """The concept texts for ``view``, or None for a final, complete toets."""
    state: Provisional = view.evaluation.provisional
    status = view.toets.metadata.status
    if not state.is_provisional and status in FINAL_STATUSES:
        return None
    if state.count:
        notice = _("{problems} — zie ‘Open problemen’ op pagina").format(
            problems=problems_text(state.count))
        band = _("CONCEPT — {problems}; niet definitief").format(
            problems=problems_text(state.count))
        return Concept(band, notice, state.count, PROBLEMS_KEY)
    else:
        notice = _("Status {status}: nog niet definitief").format(status=view.status.lower())
        band = _("CONCEPT — status {status}; niet definitief").format(
            status=view.status.lower())
    return Concept(band, notice, state.count)


def draw_concept_marks(canv: Canvas, style: HouseStyle, concept: Concept, *,
                       page: int) -> None:
    """The concept furniture of one page: the band at the top edge of every page, and on
    page 1 the large diagonal CONCEPT over the toetskaart (drawn last, translucent)."""
    width, height = style.page_size
    canv.saveState()
    canv.setFillColor(style.color("concept"))
    canv.rect(0, height - BAND_HEIGHT, width, BAND_HEIGHT, stroke=0, fill=1)
    canv.setFillColor(style.color("concept_text"))
    size = style.size("header") + 0.5
    canv.setFont(FONT_ROLES["bold"], size)
    canv.drawCentredString(width / 2, height - BAND_HEIGHT + (BAND_HEIGHT - size) / 2 + 1.5,
                           concept.band)
    if page == 1:
        word = _("CONCEPT")
        font_size = 110.0
        text_width = stringWidth(word, FONT_ROLES["bold"], font_size)
        canv.setFillColor(style.color("concept"))
        canv.setFillAlpha(0.13)
        canv.translate(width / 2, height / 2)
        canv.rotate(50)
        canv.setFont(FONT_ROLES["bold"], font_size)
        canv.drawString(-text_width / 2, -font_size / 3, word)
    canv.restoreState()


def draw_notice(canv: Canvas, style: HouseStyle, concept: Concept, marks: Marks, x: float,
                y: float, width: float) -> None:
    """Page 1's concept line: 'CONCEPT: 12 open problemen — zie ‘Open problemen’ op pagina 3'."""
    font, size = FONT_ROLES["bold"], style.size("tiny")
    text = _("CONCEPT: {notice}").format(notice=concept.notice)
    room = width - (3 * size if concept.page_ref else 0)
    while stringWidth(text, font, size) > room and len(text) > 8:
        text = text[:-2].rstrip() + "…"
    canv.saveState()
    canv.setFillColor(style.color("concept"))
    canv.setFont(font, size)
    canv.drawString(x, y, text)
    canv.restoreState()
    if concept.page_ref:
        inline_page(canv, marks, concept.page_ref, x + stringWidth(text, font, size), y,
                    font, size, style.color("concept"))


def _problem_line(problem: OpenProblem, view: View) -> str:
    where = ""
    if problem.question:
        question = view.cform.questions.get(problem.question)
        ref = view.question_ref(problem.question)
        title = question.title(view.language) if question else problem.question
        where = f"{ref} {title}".strip()
        if problem.row is not None:
            where += " " + _("(rij {n})").format(n=problem.row + 1)
    return f"{where}: {problem.message}" if where else problem.message


def problems_flowables(view: View, concept: Concept, marks: Marks,
                       style: HouseStyle) -> list[Flowable]:
    """'Open problemen': every problem that keeps this toets a concept, in form order."""
    st = style.styles
    title = _("Open problemen")
    out: list[Flowable] = [*heading(marks, PROBLEMS_KEY, title, markup(title), st["h1"],
                                    room=120)]
    state = view.evaluation.provisional
    out.append(Paragraph(markup(_("Deze PDF is een concept. {summary}.").format(
        summary=state.summary()[:1].upper() + state.summary()[1:])), st["body"]))
    if not state.problems:
        out.append(Paragraph(markup(concept.notice + "."), st["body"]))
    for problem in state.problems:
        key = (f"q_{problem.question}" if problem.question
               else f"a_{problem.dimension}" if problem.dimension else "")
        text = markup(_problem_line(problem, view))
        if key:
            text = f'<a href="#{key}">{text}</a>'
        out.append(Paragraph("• " + text, st["bullet"]))
    return out
