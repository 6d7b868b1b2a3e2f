"""Text in another language than the document's (Dutch answers in an English PDF).

Three ways, from coarse to fine:

* :func:`in_language` gives a whole flowable (a paragraph, or what a table cell holds)
  its ``/Lang``: the structure element (``P``, ``TD``) carries it;
* :func:`language_mark` is paragraph markup that switches the language in the middle
  of a paragraph (a label in the document's language followed by an answer in
  Dutch): from that point to the next mark or the end of the paragraph's text the
  content is a ``/Span <</Lang (nl-NL)>> BDC … EMC`` inside the paragraph's own marked
  content (ISO 32000-1, 14.9.2.2), properly nested within the text object;
* when such a paragraph is split across pages, the continuation's marked content
  carries the language in force where the first part stopped (``/P <</MCID n /Lang
  (nl-NL)>> BDC``).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

CALLBACK = "pdf_lang"
"""The canvas callback :func:`language_mark` calls (registered by the tagged canvas)."""

_LANG_STYLES: dict[tuple[int, str], Any] = {}


def in_language(flowable: Flowable, lang: str) -> Flowable:
    """Mark ``flowable`` as written in ``lang`` (BCP 47); a paragraph keeps it when split
    (it travels with the style), and a table cell holding it carries it too."""
    if not isinstance(flowable, Paragraph):
        flowable._pdf_tag = ("P", {"lang": lang})
        flowable._pdf_lang = lang
        return flowable
    key = (id(flowable.style), lang)
    style = _LANG_STYLES.get(key)
    if style is None or style.parent is not flowable.style:
        style = ParagraphStyle(flowable.style.name, parent=flowable.style)
        style.pdf_lang = lang
        _LANG_STYLES[key] = style
    flowable.style = style
    return flowable


def language_mark(lang: str) -> str:
    """Paragraph markup: the text after it is in ``lang`` (BCP 47); a mark with the
    document's language switches back. Draws nothing and takes no room."""
    return f'<onDraw name="{CALLBACK}" label="{lang}"/>'


def document_language(canv: Any) -> str | None:
    lang = getattr(canv._doc.Catalog, "Lang", None)
    return getattr(lang, "s", None)


def switch(canv: Any, _kind: str, lang: str | None) -> None:
    """The :func:`language_mark` callback, inside the paragraph's text object."""
    t = getattr(canv, "tagger", None)
    info = getattr(canv, "_curr_tx_info", None)
    if t is None or not t.open or info is None or not lang:
        return
    tx, element = info["tx"], t.open[-1]
    if getattr(tx, "_pdf_span", False):
        tx._code.append("EMC")
        tx._pdf_span = False
    base = getattr(element, "content_lang", None) or element.lang or document_language(canv)
    if lang != base:
        tx._code.append(f"/Span <</Lang ({lang})>> BDC")
        tx._pdf_span = True
    element.rest_lang = None if lang == (element.lang or document_language(canv)) else lang


def end_text(tx: Any) -> None:
    """Close a language span still open when the paragraph's text object ends."""
    if getattr(tx, "_pdf_span", False):
        tx._code.append("EMC")
        tx._pdf_span = False
