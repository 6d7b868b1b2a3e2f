"""A signature field that keeps a tagged PDF conformant (PDF/UA-1, PDF/A-3).

Before pyHanko signs, the empty field is added in the same incremental update: with
``/TU`` (what a screen reader says), the print flag, and, when the PDF is tagged, a
``Form`` structure element holding an OBJR to the widget (its ``/StructParent`` key
in the parent tree) at the end of the document, and ``/Tabs /S`` on its page.
"""

from __future__ import annotations

from typing import Any


def choose_field(writer: Any, organisation: str) -> str | None:
    """The empty signature field for a signer of ``organisation``: the one whose /TU
    names it (fields written by :mod:`toetsapp.pdf.fields`), else the first empty one."""
    from pyhanko.sign.fields import enumerate_sig_fields

    empty = [(name, ref.get_object()) for name, value, ref in enumerate_sig_fields(writer)
             if value is None]
    wanted = organisation.casefold().strip()
    for name, obj in empty:
        if wanted and wanted in str(obj.get("/TU", "")).casefold():
            return name
    return empty[0][0] if empty else None


def add_signature_field(writer: Any, name: str, tooltip: str, page: int = 0) -> None:
    """Add the empty signature field ``name`` (described by ``tooltip``) to ``writer``
    (a pyHanko incremental writer) and, when the PDF is tagged and not yet signed, put
    it in the structure tree (after a signature, validators allow no new structure)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field, enumerate_sig_fields

    signed = any(value is not None for _n, value, _r in enumerate_sig_fields(writer))

    append_signature_field(writer, SigFieldSpec(name, on_page=page,
                                                readable_field_name=tooltip))
    field_ref = next(ref for n, _v, ref in enumerate_sig_fields(writer) if n == name)
    widget = field_ref.get_object()
    page_ref = writer.find_page_for_modification(page)[0]
    page_obj = page_ref.get_object()
    if page_obj.get("/Tabs") != "/S":
        page_obj["/Tabs"] = generic.NameObject("/S")
        writer.update_container(page_obj)
    if signed or "/StructTreeRoot" not in writer.root:
        return
    tree = writer.root["/StructTreeRoot"]
    parents = tree.get("/ParentTree")
    parents = parents.get_object() if parents is not None else None
    if parents is None or "/Nums" not in parents:
        return  # a parent tree with /Kids: left as it is (Toetsapp writes /Nums)
    doc_ref = tree.raw_get("/K")
    if isinstance(doc_ref.get_object(), generic.ArrayObject):
        if not doc_ref.get_object():
            return
        doc_ref = doc_ref.get_object().raw_get(len(doc_ref.get_object()) - 1)
    if not isinstance(doc_ref, generic.IndirectObject):
        return
    document = doc_ref.get_object()
    key = int(tree["/ParentTreeNextKey"]) if "/ParentTreeNextKey" in tree else 0
    if not key:
        nums = parents["/Nums"]
        key = max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1
    form = generic.DictionaryObject({
        generic.NameObject("/S"): generic.NameObject("/Form"),
        generic.NameObject("/P"): doc_ref,
        generic.NameObject("/Pg"): page_ref,
        generic.NameObject("/Alt"): generic.TextStringObject(tooltip),
        generic.NameObject("/K"): generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/OBJR"),
            generic.NameObject("/Obj"): field_ref,
            generic.NameObject("/Pg"): page_ref}),
    })
    form_ref = writer.add_object(form)
    kids = document.raw_get("/K") if "/K" in document else None
    if isinstance(kids, generic.ArrayObject):
        kids.append(form_ref)
    else:
        document["/K"] = generic.ArrayObject([kids, form_ref] if kids is not None else [form_ref])
    writer.update_container(document)
    parents["/Nums"].append(generic.NumberObject(key))
    parents["/Nums"].append(form_ref)
    writer.update_container(parents)
    tree["/ParentTreeNextKey"] = generic.NumberObject(key + 1)
    writer.update_container(tree)
    widget["/StructParent"] = generic.NumberObject(key)
    writer.update_container(widget)
