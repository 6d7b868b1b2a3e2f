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
    PDFObject,
    PDFObjectReference,
    PDFPage,
    PDFString,
)

from toetsapp.pdf.tagging import Content, Element, TaggedCanvas

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
        doc.Reference(_StructElem(element, names, root_name), names[id(element)])

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


class _StructElem(PDFObject):
    """A structure element, formatted straight to bytes (reportlab's generic
    dictionaries cost several times as much for the ~1000 elements of a toets)."""

    def __init__(self, element: Element, names: dict[int, str], root_name: str) -> None:
        self.element, self.names, self.root_name = element, names, root_name

    def format(self, document: Any) -> bytes:
        numbers = document.idToObjectNumberAndVersion
        e, names = self.element, self.names

        def obj(name: str) -> str:
            return f"{numbers[name][0]} 0 R"

        first = None
        kids: list[str] = []
        for kid in e.kids:
            if type(kid) is Element:
                kids.append(obj(names[id(kid)]))
            elif type(kid) is Content:
                if first is None:
                    first = kid.page
                kids.append(str(kid.mcid) if kid.page == first else
                            f"<</Type /MCR /Pg {obj(f'Page{kid.page + 1}')} /MCID {kid.mcid}>>")
            else:
                if first is None:
                    first = kid.page
                annot = document.annotationName(kid.name)
                kids.append(f"<</Type /OBJR /Pg {obj(f'Page{kid.page + 1}')} /Obj {obj(annot)}>>")
        parent = names[id(e.parent)] if e.parent is not None else self.root_name
        out = [f"<< /S /{e.role} /P {obj(parent)} /K "
               + (kids[0] if len(kids) == 1 else "[" + " ".join(kids) + "]")]
        if first is not None:
            out.append(f" /Pg {obj(f'Page{first + 1}')}")
        if e.scope:
            out.append(f" /A <</O /Table /Scope /{e.scope}>>")
        text = out[0].encode("ascii") + "".join(out[1:]).encode("ascii")
        alt = e.text if e.role == "Link" and e.text else e.alt
        if alt is not None:
            text += b" /Alt " + PDFString(alt).format(document)
        if e.lang:
            text += b" /Lang " + PDFString(e.lang).format(document)
        return text + b" >>"
