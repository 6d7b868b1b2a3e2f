"""Empty signature fields written with the PDF, inside its structure tree.

Every organisation of a toets gets an invisible, empty signature field
(``Handtekening1``, ``Handtekening2``, …) with ``/TU`` naming it, the print flag,
and a ``Form`` structure element holding an OBJR to its widget. Signing later fills
a field (:func:`toetsapp.signing.pades.pades_sign` picks the one of the signer's
organisation): filling a field is a change every validator allows after an earlier
signature, whereas adding structure elements after a signature is not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFString,
)

from toetsapp.pdf.tagging import Annot, Element, TaggedCanvas

PREFIX = "Handtekening"


class _Widget(PDFObject):
    """The widget of a signature field; its /StructParent is known late. Field and
    widget are separate objects: signing changes the field (its /V), while the
    widget, which the structure tree refers to, stays as it is."""

    def __init__(self, field: PDFObjectReference, element: Element) -> None:
        self.field, self.element = field, element

    def format(self, document: Any) -> bytes:
        return PDFDictionary({
            "Type": PDFName("Annot"), "Subtype": PDFName("Widget"), "F": 132,
            "Rect": PDFArray([0, 0, 0, 0]), "P": PDFObjectReference("Page1"),
            "Parent": self.field, "StructParent": self.element.key}).format(document)


def add_signature_fields(canv: TaggedCanvas, tooltips: Sequence[str]) -> None:
    """Empty signature fields on page 1, one per tooltip (call before saving)."""
    if canv.tagger is None or not tooltips:
        return
    doc, tagger = canv._doc, canv.tagger
    page = doc.Pages.pages[0]
    refs, widgets = [], []
    for number, tooltip in enumerate(tooltips, start=1):
        name = f"{PREFIX}{number}"
        form = Element("Form", tagger.root, alt=tooltip)
        tagger.root.kids.append(form)
        form.kids.append(Annot(0, f"field.{name}"))
        tagger.links.append(form)
        widget = doc.annotationName(f"field.{name}")
        field = doc.Reference(PDFDictionary({
            "FT": PDFName("Sig"), "T": PDFString(name), "TU": PDFString(tooltip),
            "Kids": PDFArray([PDFObjectReference(widget)])}))
        doc.Reference(_Widget(field, form), widget)
        refs.append(field)
        widgets.append(PDFObjectReference(widget))
    annots = page.Annots.sequence if isinstance(page.Annots, PDFArray) else page.Annots
    page.Annots = PDFArray([*(annots or []), *widgets])
    doc.Catalog.AcroForm = PDFDictionary({"Fields": PDFArray(refs)})
