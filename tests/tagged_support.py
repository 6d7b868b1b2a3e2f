"""Tagged PDFs built with pikepdf for the merge tests: real content streams with marked
content (``/P <</MCID n>> BDC … EMC``), a structure tree, a parent tree, a link
annotation inside the structure, bookmarks and an attachment; and readers that walk
the structure tree of a merged dossier."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String


def tagged_pdf(title: str, pages: int = 2, *, lang: str = "nl-NL",
               role_map: dict[str, str] | None = None, role: str = "/P",
               outline: bool = True, link: bool = True, tagged: bool = True,
               attachment: bytes | None = None) -> bytes:
    """``pages`` pages each with a heading-like line and a paragraph, both tagged
    (elements of type ``role``, which ``role_map`` may map); page 1 links to the last
    page through a Link element (OBJR)."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1,
                                        BaseFont=Name.Helvetica))
    doc = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document))
    elements: list[Any] = []
    parents: list[Any] = []
    for number in range(1, pages + 1):
        texts = [f"{title} - pagina {number}", f"Alinea op pagina {number}."]
        ops = []
        for mcid, text in enumerate(texts):
            ops.append(f"/P <</MCID {mcid}>> BDC BT /F1 12 Tf 72 {760 - 30 * mcid} Td "
                       f"({text.encode('latin-1', 'replace').decode('latin-1')}) Tj ET EMC")
        ops.append("/Artifact BMC 0.5 w 72 40 m 520 40 l S EMC")
        content = pdf.make_stream("\n".join(ops).encode("latin-1"))
        page = pdf.add_blank_page(page_size=(595, 842))
        page.obj.Contents = content
        page.obj.Resources = Dictionary(Font=Dictionary(F1=font))
        page.obj.StructParents = number - 1
        on_page = []
        for mcid in range(len(texts)):
            elem = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name(role), P=doc,
                                                Pg=page.obj, K=mcid))
            on_page.append(elem)
        elements += on_page
        parents.append(Array(on_page))
    next_key = pages
    if link and pages > 1:
        first = pdf.pages[0].obj
        annot = pdf.make_indirect(Dictionary(
            Type=Name.Annot, Subtype=Name.Link, Rect=[72, 700, 300, 715], Border=[0, 0, 0],
            Dest=Array([pdf.pages[-1].obj, Name.Fit]), StructParent=next_key,
            Contents=String("Naar de laatste pagina")))
        first.Annots = Array([annot])
        first.Tabs = Name.S
        elem = pdf.make_indirect(Dictionary(
            Type=Name.StructElem, S=Name.Link, P=doc, Pg=first,
            K=Array([Dictionary(Type=Name.OBJR, Obj=annot, Pg=first)])))
        elements.insert(2, elem)
        parents.append(elem)
        next_key += 1
    if tagged:
        doc.K = Array(elements)
        tree = pikepdf.NumberTree.new(pdf)
        for key, value in enumerate(parents):
            tree[key] = value
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=doc,
                                            ParentTree=tree.obj, ParentTreeNextKey=next_key))
        if role_map:
            root.RoleMap = Dictionary({k: Name(v) for k, v in role_map.items()})
        doc.P = root
        pdf.Root.StructTreeRoot = root
        pdf.Root.MarkInfo = Dictionary(Marked=True)
        pdf.Root.Lang = String(lang)
    if outline:
        with pdf.open_outline() as tree_:
            for number in range(pages):
                item = pikepdf.OutlineItem(f"Hoofdstuk {number + 1}", number)
                item.children.append(pikepdf.OutlineItem(f"Paragraaf {number + 1}.1", number))
                tree_.root.append(item)
    if attachment is not None:
        pdf.attachments["bron.toets"] = pikepdf.AttachedFileSpec(pdf, attachment,
                                                                 filename="bron.toets")
    pdf.docinfo.Title = title
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def kids(elem: Any) -> list[Any]:
    value = elem.get("/K")
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]


def walk(elem: Any) -> Iterator[Any]:
    """Every structure element below ``elem`` (itself included), in reading order."""
    yield elem
    for kid in kids(elem):
        if isinstance(kid, Dictionary) and "/S" in kid:
            yield from walk(kid)


def marked_content(elem: Any) -> Iterator[tuple[Any, int]]:
    """(page, MCID) of every piece of marked content an element holds directly."""
    for kid in kids(elem):
        if isinstance(kid, int):
            yield elem.Pg, kid
        elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
            yield kid.get("/Pg", elem.get("/Pg")), int(kid.MCID)


def page_text_ops(page: Any) -> list[str]:
    """The strings shown on a page, in content order (``Tj`` operands)."""
    return [str(operands[0]) for operands, op in pikepdf.parse_content_stream(page)
            if str(op) == "Tj"]
