"""The structure tree of a :class:`~toetsapp.pdf.tagging.TaggedCanvas`, written into
reportlab's object tree just before the file is formatted.

Writes ``/StructTreeRoot`` (one ``Document`` element with the recorded elements in
reading order), the ``/ParentTree`` number tree (per page: the element of every
MCID; per link annotation: its ``Link`` element), ``/StructParents`` and, on pages
with annotations, ``/Tabs /S`` on every page.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFPage,
    PDFString,
)

from toetsapp.pdf.tagging import Annot, Content, Element, TaggedCanvas

PAGE_KEYS = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]


def prune(element: Element) -> bool:
    """Drop elements without content (a table that drew nothing); True if any is left."""
    element.kids = [k for k in element.kids if not isinstance(k, Element) or prune(k)]
    return bool(element.kids)


def _elements(root: Element) -> list[Element]:
    out, todo = [], [root]
    while todo:
        element = todo.pop()
        out.append(element)
        todo.extend(k for k in reversed(element.kids) if isinstance(k, Element))
    return out


def _page_ref(page: int) -> PDFObjectReference:
    return PDFObjectReference(f"Page{page + 1}")


def write_structure(canv: TaggedCanvas) -> None:
    """Add the structure tree of ``canv`` to its document (call after the last page)."""
    tagger = canv.tagger
    assert tagger is not None
    doc = canv._doc
    prune(tagger.root)
    elements = _elements(tagger.root)
    names = {id(e): f"SE{n}" for n, e in enumerate(elements)}

    def ref(element: Element) -> PDFObjectReference:
        return PDFObjectReference(names[id(element)])

    root_name = "StructTreeRoot"
    pages = doc.Pages.pages
    for key, link in enumerate(tagger.links):
        link.key = len(pages) + key
    for element in elements:
        doc.Reference(_element_dict(element, ref, doc, root_name), names[id(element)])

    nums: list[Any] = []
    for index, page in enumerate(pages):
        page.__NoDefault__ = PAGE_KEYS
        owners = tagger.mcids.get(index)
        if owners:
            page.StructParents = index
            nums += [index, PDFArray([ref(e) for e in owners])]
        if page.Annots:
            page.Tabs = PDFName("S")
    nums += [x for link in tagger.links for x in (link.key, ref(link))]
    parent_tree = doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}))
    tree = PDFDictionary({
        "Type": PDFName("StructTreeRoot"), "K": ref(tagger.root),
        "ParentTree": parent_tree, "ParentTreeNextKey": len(pages) + len(tagger.links)})
    doc.Catalog.StructTreeRoot = doc.Reference(tree, root_name)
    doc.Catalog.MarkInfo = PDFDictionary({"Marked": "true"})


def _element_dict(element: Element, ref: Any, doc: Any, root_name: str) -> PDFDictionary:
    first = next((k.page for k in element.kids if isinstance(k, Content | Annot)), None)
    kids: list[Any] = []
    for kid in element.kids:
        if isinstance(kid, Element):
            kids.append(ref(kid))
        elif isinstance(kid, Content):
            kids.append(kid.mcid if kid.page == first else PDFDictionary({
                "Type": PDFName("MCR"), "Pg": _page_ref(kid.page), "MCID": kid.mcid}))
        else:
            kids.append(PDFDictionary({"Type": PDFName("OBJR"), "Pg": _page_ref(kid.page),
                                       "Obj": doc.refAnnotation(kid.name)}))
    parent = element.parent
    d: dict[str, Any] = {
        "S": PDFName(element.role),
        "P": ref(parent) if parent is not None else PDFObjectReference(root_name),
        "K": kids[0] if len(kids) == 1 else PDFArray(kids)}
    if first is not None:
        d["Pg"] = _page_ref(first)
    if element.alt is not None:
        d["Alt"] = PDFString(element.alt)
    if element.lang:
        d["Lang"] = PDFString(element.lang)
    if element.scope:
        d["A"] = PDFDictionary({"O": PDFName("Table"), "Scope": PDFName(element.scope)})
    if element.role == "Link" and element.text:
        d["Alt"] = PDFString(element.text)
    return PDFDictionary(d)
