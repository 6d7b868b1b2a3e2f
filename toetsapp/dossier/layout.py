"""Page machinery of the dossier's own pages (cover, contents, comparison).

Reuses the house style and the anchors of the PDF toets (:mod:`toetsapp.export.doc`).
These pages are labelled i, ii, iii, … in the dossier; the page numbers of the
contents are filled in when the build ends. Link targets inside the documents that
follow are only known after merging: :class:`LinkSpot` records where a link goes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import landscape
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table

from toetsapp.export.doc import Marks, Running, clip, form_name
from toetsapp.export.style import FONT_ROLES, HouseStyle
from toetsapp.pdf import LANGUAGE_TAGS
from toetsapp.pdf.pdfa import Archive
from toetsapp.pdf.tagging import UNTAGGED, TaggedCanvas, artifact

REF_SIZE = 7.2  # page numbers in the contents, as the other cells of that table
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
         (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(number: int) -> str:
    """Lower-case Roman numeral, the page label style of front matter (PDF /r)."""
    out = []
    for value, letters in ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


@dataclass
class Links:
    """Rectangles on the dossier's own pages that link to a document: (page index from
    0, (x1, y1, x2, y2), document number)."""

    spots: list[tuple[int, tuple[float, float, float, float], int]] = field(
        default_factory=list)


def dossier_archive(info: object, lang: str) -> Archive:
    """The XMP extras of the dossier's own pages: language and Kamerstuk identifiers."""
    numbers = [info.dossiernummer, *info.joint_dossiernummers]  # type: ignore[attr-defined]
    return Archive(LANGUAGE_TAGS.get(lang, lang), (
        ("dossiernummers", ", ".join(dict.fromkeys(n for n in numbers if n))),
        ("ondernummer", info.ondernummer), ("vergaderjaar", info.vergaderjaar),  # type: ignore[attr-defined]
        ("kamer", info.kamer), ("citation", info.citation())))  # type: ignore[attr-defined]


class LinkSpot(Flowable):
    """Zero-height marker under a line of text; records a link of ``width`` × ``height``
    points to document ``number`` (added to the page after merging)."""

    def __init__(self, links: Links, number: int, width: float, height: float) -> None:
        super().__init__()
        self.links, self.number, self.width, self.height = links, number, width, height
        self._pdf_tag = UNTAGGED

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    covered = False
    """Set by :class:`LinkedTable`: the link spans the whole row instead."""

    def draw(self) -> None:
        if self.covered:
            return
        x, y = self.canv.absolutePosition(0, 0)
        page = self.canv.getPageNumber() - 1
        self.links.spots.append((page, (x, y, x + self.width, y + self.height), self.number))


class RowLink(Flowable):
    """Zero-size marker in a cell of a :class:`LinkedTable`: the whole row links to the
    anchor ``key`` of the same document."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key, self.width, self.height = key, 0, 0
        self._pdf_tag = UNTAGGED

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


def _markers(cell: object) -> list[Flowable]:
    items = cell if isinstance(cell, list | tuple) else [cell]
    return [item for item in items if isinstance(item, LinkSpot | RowLink)]


class LinkedTable(Table):
    """A table whose rows with a :class:`LinkSpot` or :class:`RowLink` link as a whole:
    the link rectangle spans the row's full width and height (also after a split)."""

    def draw(self) -> None:
        rows = []
        for index, row in enumerate(self._cellvalues):
            found = [m for cell in row for m in _markers(cell)]
            if found:
                for marker in found:
                    marker.covered = True  # type: ignore[attr-defined]
                rows.append((index, found[0]))
        super().draw()
        cols, tops = self._colpositions, self._rowpositions
        for index, marker in rows:
            x1, y1 = self.canv.absolutePosition(cols[0], tops[index + 1])
            x2, y2 = self.canv.absolutePosition(cols[-1], tops[index])
            if isinstance(marker, RowLink):
                self.canv.linkRect("", marker.key, (cols[0], tops[index + 1], cols[-1],
                                                    tops[index]), relative=1, thickness=0)
            else:
                page = self.canv.getPageNumber() - 1
                marker.links.spots.append((page, (x1, y1, x2, y2), marker.number))


class DossierCanvas(TaggedCanvas):
    """A tagged canvas (PDF/UA-1, PDF/A-3a) that runs a last step before saving."""

    finish: Callable[[Canvas], None] | None = None

    def save(self) -> None:
        if self.finish is not None:
            self.finish(self)
        super().save()


class DossierDoc(BaseDocTemplate):
    """Page templates 'cover' and 'portrait' (A4 upright) and 'landscape'; ``first``
    is the template of page 1, ``numbering`` turns page numbers into their labels."""

    def __init__(self, target: object, style: HouseStyle, marks: Marks, running: Running, *,
                 first: str = "cover", numbering: Callable[[int], str] = roman,
                 archive: Archive | None = None, **meta: object) -> None:
        size = style.page_size
        if isinstance(meta.get("lang"), str):
            meta["lang"] = LANGUAGE_TAGS.get(meta["lang"], meta["lang"])  # BCP 47: nl-NL
        super().__init__(target, pagesize=size, leftMargin=style.margin("left"),
                         rightMargin=style.margin("right"), topMargin=style.margin("top"),
                         bottomMargin=style.margin("bottom"),
                         initialFontName=FONT_ROLES["regular"],
                         initialFontSize=style.size("body"), **meta)
        self.style, self.marks, self.running, self.numbering = style, marks, running, numbering
        self.archive = archive
        wide = landscape(size)
        self.wide_width = wide[0] - self.leftMargin - self.rightMargin
        self.wide_height = wide[1] - self.topMargin - self.bottomMargin
        self.addPageTemplates([
            PageTemplate("cover", [self._frame(self.width, self.height)],
                         onPage=self._cover_page, pagesize=size),
            PageTemplate("portrait", [self._frame(self.width, self.height)],
                         onPage=self._decorate, pagesize=size),
            PageTemplate("landscape", [self._frame(self.wide_width, self.wide_height)],
                         onPage=self._decorate, pagesize=wide),
        ])
        self.pageTemplates.sort(key=lambda template: template.id != first)

    def _frame(self, width: float, height: float) -> Frame:
        return Frame(self.leftMargin, self.bottomMargin, width, height, leftPadding=0,
                     rightPadding=0, topPadding=0, bottomPadding=0)

    def beforeDocument(self) -> None:
        self.canv.finish = self._finish
        self.canv.archive = self.archive
        self.canv.showOutline()

    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self._header(canv)
        self._footer(canv, doc)

    def _cover_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self._footer(canv, doc)

    def _edges(self, canv: Canvas) -> tuple[float, float, float]:
        width, height = canv._pagesize
        return self.style.margin("left"), width - self.style.margin("right"), height

    def _header(self, canv: Canvas) -> None:
        with artifact(canv):
            self._draw_header(canv)

    def _draw_header(self, canv: Canvas) -> None:
        s = self.style
        left, right, height = self._edges(canv)
        y = height - s.offset("header")
        size, regular, bold = s.size("header"), FONT_ROLES["regular"], FONT_ROLES["bold"]
        canv.saveState()
        canv.setFillColor(s.color("muted"))
        canv.setFont(regular, size)
        text = clip(self.running.header_right, regular, size, (right - left) * 0.45)
        canv.drawRightString(right, y, text)
        canv.setFont(bold, size)
        canv.drawString(left, y, clip(self.running.header_left, bold, size,
                                      (right - left) * 0.5))
        canv.setStrokeColor(s.color("rule"))
        canv.setLineWidth(0.5)
        canv.line(left, y - 4, right, y - 4)
        canv.restoreState()

    def _footer(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        with artifact(canv):
            self._draw_footer(canv)

    def _draw_footer(self, canv: Canvas) -> None:
        s = self.style
        page = canv.getPageNumber()
        self.marks.total = max(self.marks.total, page)
        left, right, _height = self._edges(canv)
        y, size, regular = s.offset("footer"), s.size("header"), FONT_ROLES["regular"]
        canv.saveState()
        canv.setStrokeColor(s.color("rule"))
        canv.setLineWidth(0.5)
        canv.line(left, y + size + 3, right, y + size + 3)
        canv.setFillColor(s.color("muted"))
        canv.setFont(regular, size)
        canv.drawString(left, y, clip(self.running.footer_left, regular, size,
                                      right - left - 80))
        canv.drawRightString(right, y, self.numbering(page))
        canv.restoreState()

    def _finish(self, canv: Canvas) -> None:
        """Define the page numbers the contents refers to (as page labels: i, ii, …)."""
        size = REF_SIZE
        for key, (width, height) in sorted(self.marks.refs.items()):
            canv.beginForm(form_name("ref", key), 0, 0, width, height)
            canv.setFillColor(self.style.color("text"))
            canv.setFont(FONT_ROLES["bold"], size)
            page = self.marks.pages.get(key)
            canv.drawRightString(width, height - size, self.numbering(page) if page else "–")
            canv.endForm()
