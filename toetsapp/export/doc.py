"""The page machinery: templates, running header and footer, bookmarks and page numbers.

One layout pass only. Numbers that are known only at the end ("pagina X van Y",
the page numbers in the contents) are drawn as PDF form XObjects that every page
refers to and that are defined just before the file is written. The page number of
page N is the form ``page_N`` (:data:`PAGE_NUMBER_FORM`): a dossier replaces it by
its own number (:mod:`toetsapp.dossier.pagenumbers`), so keep that name stable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
)

from toetsapp.export.style import FONT_ROLES, HouseStyle, derived
from toetsapp.export.text import plain
from toetsapp.i18n import _
from toetsapp.pdf.tagging import UNTAGGED, TaggedCanvas, artifact, tag

# Binary (Flate) streams only: ASCII85 on top makes the PDF a quarter larger and slower.
rl_config.useA85 = 0
PAGE_NUMBER_FORM = "page"
"""Prefix of the per-page form that draws "pagina x van y" (see the module docstring)."""


@dataclass
class Marks:
    """Where things ended up: the page of every anchor and the page count."""

    pages: dict[str, int] = field(default_factory=dict)
    refs: dict[str, tuple[float, float]] = field(default_factory=dict)
    inline: dict[str, tuple[str, float, object]] = field(default_factory=dict)
    """Page numbers inside a line of text: key -> (font, size, colour); see inline_page."""
    total: int = 0


def inline_page(canv: Canvas, marks: Marks, key: str, x: float, y: float, font: str,
                size: float, color: object) -> None:
    """Draw ' N', the page number of anchor ``key``, at (x, y) (baseline) once known."""
    marks.inline[key] = (font, size, color)
    canv.saveState()
    canv.translate(x, y)
    canv.doForm(form_name("inline", key))
    canv.restoreState()


def form_name(kind: str, key: str) -> str:
    return f"{kind}_" + re.sub(r"[^A-Za-z0-9_]", "_", key)


class Anchor(Flowable):
    """Zero-size marker: a bookmark, an outline entry and the page it landed on."""

    def __init__(self, marks: Marks, key: str, title: str, level: int = 0,
                 closed: bool = False, space_before: float = 0) -> None:
        super().__init__()
        self.marks, self.key, self.title, self.level, self.closed = marks, key, title, level, closed
        self.keepWithNext = True
        self._pdf_tag = UNTAGGED
        self.spaceBefore = space_before  # the heading's, so keep-with-next measures right
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if self.key in self.marks.pages:
            return
        self.marks.pages[self.key] = self.canv.getPageNumber()
        self.canv.bookmarkHorizontal(self.key, 0, 14)
        title = plain(self.title)
        self.canv.addOutlineEntry(title[:200], self.key, self.level, self.closed)


def heading(marks: Marks, key: str, outline: str, text: str, style: ParagraphStyle,
            level: int = 0, closed: bool = False, room: float = 0) -> list[Flowable]:
    """An anchor (bookmark, outline entry, page) and the heading paragraph (markup),
    on a new page when less than ``room`` points are left (so it never ends a page)."""
    flat = derived(style, "anchored", spaceBefore=0)
    out: list[Flowable] = [CondPageBreak(room)] if room else []
    return [*out, Anchor(marks, key, outline, level, closed, style.spaceBefore),
            Paragraph(text, flat)]


class PageRef(Flowable):
    """The page number of an anchor, right-aligned, filled in when the build ends."""

    def __init__(self, marks: Marks, key: str, width: float, height: float) -> None:
        super().__init__()
        self.marks, self.key, self.width, self.height = marks, key, width, height
        tag(self, "P")

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.marks.refs[self.key] = (self.width, self.height)
        self.canv.doForm(form_name("ref", self.key))


class _Canvas(TaggedCanvas):
    """A tagged canvas that runs a last step (deferred numbers, attachment) before saving."""

    finish: Callable[[Canvas], None] | None = None

    def save(self) -> None:
        if self.finish is not None:
            self.finish(self)
        super().save()


@dataclass(frozen=True)
class Running:
    """Texts of the running header and footer."""

    header_left: str
    header_right: str
    footer_left: str
    furniture: Callable[[Canvas, int], None] | None = None
    """Drawn last on every page (canvas, page number): e.g. the CONCEPT marks."""


class ToetsDoc(BaseDocTemplate):
    """Two page templates ('card' for the toetskaart, 'body' for the rest)."""

    def __init__(self, target: object, style: HouseStyle, marks: Marks, running: Running,
                 finish: Callable[[Canvas], None], **meta: object) -> None:
        width, height = style.page_size
        super().__init__(target, pagesize=style.page_size, leftMargin=style.margin("left"),
                         rightMargin=style.margin("right"), topMargin=style.margin("top"),
                         bottomMargin=style.margin("bottom"),
                         initialFontName=FONT_ROLES["regular"], initialFontSize=style.size("body"),
                         **meta)
        self.style, self.marks, self.running, self._finish_hook = style, marks, running, finish
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="main",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("card", [frame], onPageEnd=self._page_end, pagesize=(width, height)),
            PageTemplate("body", [frame], onPageEnd=self._page_end, pagesize=(width, height)),
        ])

    def beforeDocument(self) -> None:
        self.canv.finish = self._finish
        self.canv.showOutline()

    def _page_end(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """Running header, footer and furniture, drawn after the page's content (as
        artifacts), so that text extracted in content order starts with the content."""
        with artifact(canv):
            if self.pageTemplate.id == "body":
                self._header(canv)
            self._footer(canv)
            if self.running.furniture is not None:
                self.running.furniture(canv, canv.getPageNumber())

    def _header(self, canv: Canvas) -> None:
        s = self.style
        y = s.page_size[1] - s.offset("header")
        left, right = s.margin("left"), s.page_size[0] - s.margin("right")
        size = s.size("header")
        canv.saveState()
        canv.setFillColor(s.color("muted"))
        right_text = clip(self.running.header_right, FONT_ROLES["regular"], size, 150)
        canv.setFont(FONT_ROLES["regular"], size)
        canv.drawRightString(right, y, right_text)
        room = right - left - stringWidth(right_text, FONT_ROLES["regular"], size) - 12
        canv.setFont(FONT_ROLES["bold"], size)
        canv.drawString(left, y, clip(self.running.header_left, FONT_ROLES["bold"], size, room))
        canv.setStrokeColor(s.color("rule"))
        canv.setLineWidth(0.5)
        canv.line(left, y - 4, right, y - 4)
        canv.restoreState()

    def _footer(self, canv: Canvas) -> None:
        s = self.style
        page = canv.getPageNumber()
        self.marks.total = max(self.marks.total, page)
        y = s.offset("footer")
        left, right = s.margin("left"), s.page_size[0] - s.margin("right")
        size = s.size("header")
        canv.saveState()
        canv.setStrokeColor(s.color("rule"))
        canv.setLineWidth(0.5)
        canv.line(left, y + size + 3, right, y + size + 3)
        canv.setFillColor(s.color("muted"))
        canv.setFont(FONT_ROLES["regular"], size)
        canv.drawString(left, y, clip(self.running.footer_left, FONT_ROLES["regular"], size,
                                      right - left - 110))
        canv.doForm(form_name(PAGE_NUMBER_FORM, str(page)))
        canv.restoreState()

    def _finish(self, canv: Canvas) -> None:
        s, total = self.style, self.marks.total
        size = s.size("header")
        right, y = s.page_size[0] - s.margin("right"), s.offset("footer")
        for page in range(1, total + 1):
            canv.beginForm(form_name(PAGE_NUMBER_FORM, str(page)))
            canv.setFillColor(s.color("muted"))
            canv.setFont(FONT_ROLES["regular"], size)
            canv.drawRightString(right, y, _("pagina {page} van {total}")
                                 .format(page=page, total=total))
            canv.endForm()
        body = s.size("body")
        for key, (width, height) in sorted(self.marks.refs.items()):
            canv.beginForm(form_name("ref", key), 0, 0, width, height)
            canv.setFillColor(s.color("text"))
            canv.setFont(FONT_ROLES["regular"], body)
            page = self.marks.pages.get(key)
            canv.drawRightString(width, height - body, str(page) if page else "–")
            canv.endForm()
        for key, (font, size, color) in sorted(self.marks.inline.items()):
            canv.beginForm(form_name("inline", key), 0, -size, 4 * size, 2 * size)
            canv.setFillColor(color)
            canv.setFont(font, size)
            page = self.marks.pages.get(key)
            canv.drawString(0, 0, " " + (str(page) if page else "–"))  # the space reads as one
            canv.endForm()
        self._finish_hook(canv)


def clip(text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line of ``width`` points, cut with an ellipsis when needed."""
    text = plain(" ".join(str(text).split()))
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"
