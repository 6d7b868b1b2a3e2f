"""Layout tables are tagged as what they are, not as loose paragraphs: the contents
page is a ``TOC`` of ``TOCI`` items (``Lbl`` number, ``Reference`` with the title, the
page number and the ``Link`` to the chapter, described by the title), in reading
order; label/value blocks (the particulars with the organisations, the colophon)
are an ``L`` of ``LI`` items, each a ``Lbl`` and its ``LBody``. PDF/UA-1 (ISO 14289-1
7.2, veraPDF 7.2-17 to 7.2-28): TOCI only inside a TOC, a TOC holds only TOCI, LI only
inside an L, an LI holds only Lbl and LBody."""

from __future__ import annotations

import pikepdf
import pytest

from tests.dossier_support import TYPES, example, render, rendered_examples
from tests.pdf_tags import elements, open_pdf, reading_order, tree, unmarked
from toetsapp.i18n import _


def kids(obj: pikepdf.Dictionary) -> list:
    k = obj.get("/K")
    return list(k) if isinstance(k, pikepdf.Array) else [] if k is None else [k]


def roles(obj: pikepdf.Dictionary) -> list[str]:
    return [str(k.S)[1:] for k in kids(obj) if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def link_of(item: pikepdf.Dictionary) -> pikepdf.Dictionary:
    """The annotation of the one ``Link`` in a TOCI's ``Reference``."""
    reference = next(k for k in kids(item) if k.S == "/Reference")
    links = [k for k in kids(reference) if isinstance(k, pikepdf.Dictionary)
             and k.get("/S") == "/Link"]
    assert len(links) == 1
    return next(k.Obj for k in kids(links[0]) if k.get("/Type") == "/OBJR")


@pytest.mark.parametrize("name", TYPES)
def test_the_contents_page_is_a_toc_in_reading_order(name):
    pdf = rendered_examples()[name][1]
    doc = open_pdf(pdf)
    tocs = elements(doc, "TOC")
    assert len(tocs) == 1
    items = kids(tocs[0])
    assert len(items) > 10 and roles(tocs[0]) == ["TOCI"] * len(items)
    pages = {p.objgen: i for i, p in enumerate(doc.pages)}
    expected = []
    for item in items:
        assert set(roles(item)) <= {"Lbl", "Reference"} and roles(item)[-1] == "Reference"
        annot = link_of(item)
        title = "".join(str(annot.Contents).split())
        assert title not in ("", "Link")  # described by the chapter's title
        expected.append(f"{title}{pages[annot.Dest[0].objgen] + 1}")
    order = reading_order(tree(pdf, 1))
    start = order.index(("H1", "Inhoud"))
    end = next(i for i, (role, _t) in enumerate(order) if i > start and role == "H1")
    entries = [(role, text) for role, text in order[start + 1:end]]
    assert {role for role, _t in entries} == {"Lbl", "Reference"}
    # title, then the page number it links to; in the order of the page
    assert [text for role, text in entries if role == "Reference"] == expected
    for index, (role, _text) in enumerate(entries):  # each number before its title
        if role == "Lbl":
            assert entries[index + 1][0] == "Reference"


@pytest.mark.parametrize("name", TYPES)
def test_label_value_blocks_are_lists_of_label_and_body(name):
    pdf = rendered_examples()[name][1]
    doc = open_pdf(pdf)
    for lst in elements(doc, "L"):
        assert set(roles(lst)) == {"LI"}
    for item in elements(doc, "LI"):
        assert set(roles(item)) <= {"Lbl", "LBody"} and "LBody" in roles(item)
    order = []
    for page in range(1, 4):
        order += reading_order(tree(pdf, page))
    organisation = "".join(_("Organisatie").split())
    toets = rendered_examples()[name][0]
    assert toets.metadata.organisations
    for org in toets.metadata.organisations:
        at = next(i for i, (role, text) in enumerate(order) if role == "LBody"
                  and text.startswith("".join(org.name.split())))
        assert order[at - 1] == ("Lbl", organisation)  # the label, then its value


def test_a_long_value_cut_into_rows_stays_one_item():
    toets = example("invoeringstoets")
    toets.metadata.ministry = "Ministerie van onderdeel 0\n\nDirectie onderdeel 1"  # two rows
    pdf = render(toets)
    doc = open_pdf(pdf)
    order = []
    for page in range(1, 4):
        order += reading_order(tree(pdf, page))
    label = "".join(_("Ministerie").split())
    at = order.index(("Lbl", label))
    assert order[at + 1] == ("LBody", "Ministerievanonderdeel0Directieonderdeel1")
    bodies = [b for b in elements(doc, "LBody") if isinstance(b.K, pikepdf.Array)
              and len([k for k in b.K if isinstance(k, int)]) > 1]
    assert bodies  # the rows of the value are one LBody
    assert unmarked(pdf) == []
