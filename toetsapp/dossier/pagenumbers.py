"""One page-numbering system per page: inside a dossier, a Toetsapp toets shows the
dossier's page number, not its own "pagina x van y".

A Toetsapp PDF draws its own page number through one form XObject per page, named
``page_N`` (:data:`toetsapp.export.doc.PAGE_NUMBER_FORM`). After merging, that form
is replaced on every page of a toets by one that draws the dossier's number
("dossier, pagina 12 van 80", the page label a viewer shows) in the same place and
house style; the page's own content is not touched. Pages of other documents keep
what they print: the dossier cannot know where their own numbers are; a viewer shows
the dossier's page labels for them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

import pikepdf
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from toetsapp.export.doc import PAGE_NUMBER_FORM
from toetsapp.export.style import FONT_ROLES, HouseStyle
from toetsapp.i18n import _

OWN_NUMBER = re.compile(rf"^/FormXob\.{PAGE_NUMBER_FORM}_\d+$")


def _own_numbers(page: pikepdf.Page) -> list[str]:
    resources = page.obj.get("/Resources")
    forms = resources.get("/XObject") if resources is not None else None
    if not isinstance(forms, pikepdf.Dictionary):
        return []
    return [str(name) for name in forms if OWN_NUMBER.match(str(name))]


def _replace(pdf: pikepdf.Pdf, page: pikepdf.Page, names: list[str],
             form: pikepdf.Object) -> None:
    """Point this page's own page-number forms at ``form`` (in a copy of the page's
    resources, so nothing another page shares changes)."""
    resources = page.obj.Resources
    forms = pikepdf.Dictionary({key: resources.XObject[key] for key in resources.XObject})
    for name in names:
        forms[name] = form
    copy = pikepdf.Dictionary({key: resources[key] for key in resources})
    copy.XObject = forms
    page.obj.Resources = copy


def _stamped(doc: pikepdf.Pdf, sizes: list[tuple[float, float]], labels: list[str],
             style: HouseStyle) -> list[pikepdf.Object]:
    """One form per label, drawn by ReportLab on a page of its size (any font)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    size = style.size("header")
    for (width, height), label in zip(sizes, labels, strict=True):
        canvas.setPageSize((width, height))
        canvas.setFillColor(style.color("muted"))
        canvas.setFont(FONT_ROLES["regular"], size)
        canvas.drawRightString(width - style.margin("right"), style.offset("footer"), label)
        canvas.showPage()
    canvas.save()
    with pikepdf.open(buffer) as stamps:
        return [doc.copy_foreign(page.as_form_xobject()) for page in stamps.pages]


def _forms(doc: pikepdf.Pdf, sizes: list[tuple[float, float]], labels: list[str],
           style: HouseStyle) -> list[pikepdf.Object]:
    """One small form per label in the house font: ReportLab embeds the font subset
    once and gives each label's codes (``splitString``); the forms share that font.
    A font without subsets falls back to :func:`_stamped`."""
    name, size = FONT_ROLES["regular"], style.size("header")
    font = pdfmetrics.getFont(name)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    split = getattr(font, "splitString", None)
    chunks = [split(label, canvas._doc) for label in labels] if split else []
    subsets = {subset for parts in chunks for subset, _codes in parts}
    if not split or len(subsets) != 1:
        return _stamped(doc, sizes, labels, style)
    canvas.setFont(name, size)
    canvas.drawString(0, 0, "".join(sorted(set("".join(labels)))))  # embeds the subset
    key = "/" + font.getSubsetInternalName(subsets.pop(), canvas._doc).lstrip("/")
    canvas.showPage()
    canvas.save()
    with pikepdf.open(buffer) as stamp:
        shared = doc.copy_foreign(stamp.pages[0].Resources.Font[key])
    muted = style.color("muted")
    color = b"%.4f %.4f %.4f rg" % (muted.red, muted.green, muted.blue)
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary({key: shared}))
    y, out = style.offset("footer"), []
    for (width, height), label, parts in zip(sizes, labels, chunks, strict=True):
        x = width - style.margin("right") - pdfmetrics.stringWidth(label, name, size)
        codes = b"".join(part for _subset, part in parts)
        content = b"%s BT %s %.2f Tf 1 0 0 1 %.2f %.2f Tm <%s> Tj ET" % (
            color, key.encode("ascii"), size, x, y, codes.hex().encode("ascii"))
        form = pikepdf.Stream(doc, content)
        form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
        form.BBox, form.Resources = pikepdf.Array([0, 0, width, height]), resources
        out.append(doc.make_indirect(form))
    return out


def number_pages(doc: pikepdf.Pdf, front_pages: int, toets_pages: Iterable[int],
                 style: HouseStyle) -> bool:
    """Put the dossier's page number on every page of a toets (indexes from 0 in
    ``toets_pages``) that carries Toetsapp's own number; its own is suppressed.
    Documents are labelled 1, 2, … from the first page after the ``front_pages``.
    Works on the merged document before it is written; returns whether any changed."""
    pages = list(doc.pages)  # indexing doc.pages is not constant-time
    total = len(pages) - front_pages
    found = [(index, names) for index in sorted(set(toets_pages))
             if front_pages <= index < len(pages) and (names := _own_numbers(pages[index]))]
    if not found:
        return False
    sizes, labels = [], []
    for index, _names in found:
        box = [float(v) for v in pages[index].mediabox]
        sizes.append((box[2] - box[0], box[3] - box[1]))
        labels.append(_("dossier, pagina {page} van {total}").format(
            page=index - front_pages + 1, total=total))
    for (index, names), form in zip(found, _forms(doc, sizes, labels, style), strict=True):
        _replace(doc, pages[index], names, form)
    return True

