"""Marked content on a reportlab canvas and the structure elements it belongs to.

:class:`TaggedCanvas` wraps what each flowable and each table cell draws in
``/Role <</MCID n>> BDC … EMC`` and records, in drawing order, which structure
element every MCID belongs to (drawing order is the reading order). Page furniture
(running header, footer, page numbers, rules, backgrounds, the CONCEPT mark) is
drawn inside ``/Artifact BMC … EMC``.

The roles come from the flowables: a paragraph style named ``h1``/``h2``/``h3``
(or ``card-title``/``card-heading``) is a heading, ``bullet`` and ``card-list-item``
paragraphs are list items (consecutive items form one ``L``), other paragraphs are
``P``; a table with header rows (``repeatRows``) or with ``_pdf_headers`` set is a
``Table`` of ``TR``/``TH``/``TD`` with ``/Scope``, any other table is layout. A
flowable can name its own tag with :func:`tag`. Flowables without a tag are
*groups*: what they draw themselves is an artifact, what their children draw is
tagged by the children. Links drawn inside tagged content become ``Link`` elements
(with an OBJR to the annotation, ``/Contents`` and the print flag).

Importing this module installs one hook on ``Flowable._drawOn`` (a no-op for
canvases that are not tagged).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFObject, PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table

from toetsapp.pdf import enabled
from toetsapp.pdf.language import CALLBACK, end_text, switch
from toetsapp.pdf.language import in_language as in_language
from toetsapp.pdf.splits import Whole
from toetsapp.pdf.tables import cell_text, cells, prepare

HEADINGS = {"h1": "H1", "h2": "H2", "h3": "H3", "card-title": "H1", "card-heading": "H2"}
LIST_ITEMS = {"bullet", "card-list-item"}
GROUP = ("group", {})
ARTIFACT = ("Artifact", {})
UNTAGGED = ("none", {})
"""For flowables that draw no page content (anchors, bookmarks)."""


@dataclass(frozen=True)
class Content:
    """A marked-content sequence: page index (0-based) and MCID."""

    page: int
    mcid: int


@dataclass(frozen=True)
class Annot:
    """An annotation on a page, by its internal name in reportlab's document."""

    page: int
    name: str


@dataclass(eq=False)
class Element:
    """A structure element; ``kids`` are elements, :class:`Content` and :class:`Annot`."""

    role: str
    parent: Element | None = None
    kids: list[Any] = field(default_factory=list)
    alt: str | None = None
    lang: str | None = None
    scope: str | None = None
    text: str = ""
    key: int = -1
    """For a Link: its key in the parent tree (set when the tree is written)."""
    rest_lang: str | None = None
    """The language a :func:`~toetsapp.pdf.language.language_mark` left in force (for the
    continuation of a split paragraph)."""
    content_lang: str | None = None
    """The ``/Lang`` of the marked content being drawn for this element, if any."""


class Tagger:
    """The structure being recorded for one canvas."""

    def __init__(self) -> None:
        self.root = Element("Document")
        self.stack = [self.root]
        self.mcids: dict[int, list[Element]] = {}
        self.links: list[Element] = []
        self.open: list[Element] = []  # elements whose marked content is open
        self.depth = 0  # > 0 inside marked content (tagged or artifact)
        self.groups = 0
        self.ambient = False  # an /Artifact opened for a group is open
        self.text = ""  # plain text of the flowable being drawn (for link descriptions)
        self.cell: Any = None  # what the table cell being drawn holds (ditto)

    @property
    def current(self) -> Element:
        return self.stack[-1]

    def child(self, role: str, **attrs: Any) -> Element:
        """A new element under the current one; list items go into the open ``L``
        (a new one if the previous sibling is not a list) and hold an ``LBody``."""
        parent = self.current
        if role == "LI":
            last = parent.kids[-1] if parent.kids else None
            if not (isinstance(last, Element) and last.role == "L"):
                last = Element("L", parent)
                parent.kids.append(last)
            item = Element("LI", last)
            last.kids.append(item)
            parent, role = item, "LBody"
        element = Element(role, parent, **attrs)
        parent.kids.append(element)
        return element

    def element(self, role: str, whole: Whole | None, attrs: dict[str, Any]) -> Element:
        """The element of an earlier part of ``whole``, else a new child ``role``."""
        earlier = whole.element_for(self) if whole is not None else None
        if earlier is not None:
            return earlier
        element = self.child(role, **attrs)
        if whole is not None:
            whole.claim(self, element)
        return element


def tag(flowable: Flowable, role: str, **attrs: Any) -> Flowable:
    """Give ``flowable`` its structure role (``'group'``, ``'Artifact'``, ``'P'``,
    ``'Figure'`` with ``alt=...``, ``'P'`` with ``lang=...`` ...); returns it."""
    flowable._pdf_tag = (role, attrs)
    return flowable


def header_table(table: Table, kind: str) -> Table:
    """Mark ``table`` as a data table whose headers are its first row (``'column'``),
    its first column (``'row'``) or both (``'both'``); returns it."""
    table._pdf_headers = kind
    return table


def paragraph_role(style_name: str) -> str:
    """The role of a paragraph by its style name ('h1-anchored', 'card-heading-7.5')."""
    parts = style_name.split("-")
    while len(parts) > 1 and (parts[-1] == "anchored" or parts[-1].replace(".", "").isdigit()):
        parts.pop()
    base = "-".join(parts)
    if base in HEADINGS:
        return HEADINGS[base]
    if parts[0] in HEADINGS:
        return HEADINGS[parts[0]]
    return "LI" if base in LIST_ITEMS else "P"


def tag_of(flowable: Flowable) -> tuple[str, dict[str, Any]]:
    explicit = getattr(flowable, "_pdf_tag", None)
    if explicit is not None:
        return explicit
    if isinstance(flowable, Paragraph):
        lang = getattr(flowable.style, "pdf_lang", None)
        return paragraph_role(flowable.style.name), {"lang": lang} if lang else {}
    if isinstance(flowable, Table):
        headers = getattr(flowable, "_pdf_headers", None) or (
            "column" if flowable.repeatRows else None)
        return ("Table", {"headers": headers}) if headers else GROUP
    return GROUP


class TaggedCanvas(Canvas):
    """A canvas that records marked content and writes a tagged PDF/A-3a, PDF/UA-1."""

    archive: Any = None
    """A :class:`toetsapp.pdf.pdfa.Archive` (metadata for the XMP), set before saving."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("pdfVersion", (1, 7))
        super().__init__(*args, **kwargs)
        self.tagger: Tagger | None = Tagger() if enabled() else None
        self.setNamedCB(CALLBACK, switch)

    def drawText(self, aTextObject: Any) -> None:
        end_text(aTextObject)
        super().drawText(aTextObject)

    # -- marked content -------------------------------------------------------------
    def open_content(self, element: Element) -> None:
        t = self.tagger
        assert t is not None
        if t.ambient:
            self._code.append("EMC")
            t.ambient = False
        page = self._pageNumber - 1
        ids = t.mcids.setdefault(page, [])
        element.kids.append(Content(page, len(ids)))
        lang = element.content_lang = element.rest_lang
        self._code.append(f"/{element.role} <</MCID {len(ids)}>> BDC" if lang is None
                          else f"/{element.role} <</MCID {len(ids)} /Lang ({lang})>> BDC")
        ids.append(element)
        t.open.append(element)
        t.depth += 1

    def close_content(self) -> None:
        t = self.tagger
        assert t is not None
        t.depth -= 1
        t.open.pop()
        self._code.append("EMC")
        if t.groups and not t.depth:
            self._code.append("/Artifact BMC")
            t.ambient = True

    @contextmanager
    def marked(self, role: str, whole: Whole | None = None,
               **attrs: Any) -> Iterator[Element | None]:
        """What is drawn inside is the content of a new element ``role`` (nothing
        new when already inside marked content), or of the element an earlier part
        of the same ``whole`` (a split paragraph) made."""
        t = self.tagger
        if t is None or t.depth:
            yield None
            return
        element = t.element(role, whole, attrs)
        self.open_content(element)
        try:
            yield element
        finally:
            self.close_content()

    @contextmanager
    def artifact(self) -> Iterator[None]:
        """What is drawn inside is page furniture, not content."""
        t = self.tagger
        if t is None or t.depth or t.ambient:
            yield
            return
        self._code.append("/Artifact BMC")
        t.depth += 1
        try:
            yield
        finally:
            t.depth -= 1
            self._code.append("EMC")

    @contextmanager
    def group(self, role: str | None = None, whole: Whole | None = None,
              **attrs: Any) -> Iterator[None]:
        """Children tag themselves (under a new element ``role`` if given, or the one
        an earlier part of ``whole`` made); whatever is drawn between them is an artifact."""
        t = self.tagger
        if t is None or t.depth:
            yield
            return
        if role:
            t.stack.append(t.element(role, whole, attrs))
        t.groups += 1
        if not t.ambient:
            self._code.append("/Artifact BMC")
            t.ambient = True
        try:
            yield
        finally:
            t.groups -= 1
            if not t.groups and t.ambient:
                self._code.append("EMC")
                t.ambient = False
            if role:
                t.stack.pop()

    # -- annotations -----------------------------------------------------------------
    def _addAnnotation(self, annotation: Any, name: str | None = None,
                       addtopage: int = 1) -> None:
        t = self.tagger
        if t is None or not addtopage:
            super()._addAnnotation(annotation, name, addtopage)
            return
        name = name or "NUMBER" + repr(self._annotationCount + 1)
        holder = t.open[-1] if t.open else t.current
        link = Element("Link", holder, text=(t.text or cell_text(t.cell)).strip()[:300])
        link.kids.append(Annot(self._pageNumber - 1, name))
        holder.kids.append(link)
        t.links.append(link)
        super()._addAnnotation(_TaggedAnnotation(annotation, link), name, addtopage)

    def save(self) -> None:
        if self.tagger is not None:
            from toetsapp.pdf.pdfa import write_archive
            from toetsapp.pdf.structure import write_structure

            if len(self._code):
                self.showPage()
            write_structure(self)
            write_archive(self, self.archive)
        super().save()


class _TaggedAnnotation(PDFObject):
    """An annotation with its ``/StructParent``, a description and the print flag."""

    def __init__(self, inner: Any, link: Element) -> None:
        self.inner, self.link = inner, link

    def format(self, document: Any) -> bytes:
        d = self.inner.Dict()
        d.dict["F"] = 4
        d.dict["StructParent"] = self.link.key
        d.dict["Contents"] = PDFString(self.link.text or "Link")
        return d.format(document)


@contextmanager
def figure(canv: Canvas, alt: str) -> Iterator[None]:
    """Draw a figure (its alternative text ``alt``) on any canvas; tagged ones mark it."""
    if isinstance(canv, TaggedCanvas):
        with canv.marked("Figure", alt=alt):
            yield
    else:
        yield


@contextmanager
def content(canv: Canvas, role: str = "P") -> Iterator[None]:
    """Text drawn straight on the canvas (not by a flowable) as an element ``role``."""
    if isinstance(canv, TaggedCanvas):
        with canv.marked(role):
            yield
    else:
        yield


@contextmanager
def artifact(canv: Canvas) -> Iterator[None]:
    """Page furniture on any canvas; tagged ones mark it as an artifact."""
    if isinstance(canv, TaggedCanvas):
        with canv.artifact():
            yield
    else:
        yield


_DRAW_ON = Flowable._drawOn


def _tagged_draw_on(self: Flowable, canv: Canvas) -> None:
    t = getattr(canv, "tagger", None)
    if t is None or t.depth:
        _DRAW_ON(self, canv)
        return
    role, attrs = tag_of(self)
    if role == "none":
        _DRAW_ON(self, canv)
    elif role == "group":
        with canv.group(**attrs):
            _DRAW_ON(self, canv)
    elif role == "Artifact":
        with canv.artifact():
            _DRAW_ON(self, canv)
    elif role == "Table":
        whole = getattr(self, "_pdf_whole", None)
        self._renderCB = cells
        container = prepare(self, attrs, whole is not None and whole.element_for(t) is not None)
        with canv.group(container, whole):
            _DRAW_ON(self, canv)
    else:
        text = self.getPlainText() if isinstance(self, Paragraph) else ""
        t.text = text
        with canv.marked(role, getattr(self, "_pdf_whole", None), **attrs):
            _DRAW_ON(self, canv)
        t.text = ""


Flowable._drawOn = _tagged_draw_on  # type: ignore[method-assign]
