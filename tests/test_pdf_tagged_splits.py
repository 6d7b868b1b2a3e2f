"""A paragraph or table that reportlab splits across pages stays one structure element:
the paragraph's marked content on both pages under one ``P``; the rows of both parts
of a table under one ``Table``, with the header row that is repeated on the next page
drawn as an artifact (a screen reader reads it once). Checked on the examples (the
table: the largest example with more risks, as short tables are kept on one page)."""

from __future__ import annotations

import io

import pdfplumber
import pikepdf
import pytest

from tests.dossier_support import example, render, rendered_examples
from tests.pdf_tags import open_pdf, tree, unmarked


def _kids(obj: pikepdf.Dictionary) -> list:
    kids = obj.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]


def squash(text: str) -> str:
    return "".join(text.split())


def artifact_text(pdf: bytes, page: int) -> str:
    """The text drawn on ``page`` outside tagged content (artifacts), spaces removed."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return squash("".join(c["text"] for c in doc.pages[page].chars if c.get("mcid") is None))


def spans(pdf: bytes) -> list[tuple[str, set[int], pikepdf.Dictionary]]:
    """(role, pages its own and its descendants' marked content is on, element) of
    every structure element, in tree order."""
    doc = open_pdf(pdf)
    pages = {p.objgen: i for i, p in enumerate(doc.pages)}
    out: list[tuple[str, set[int], pikepdf.Dictionary]] = []

    def walk(obj: pikepdf.Dictionary, on: int | None) -> set[int]:
        if "/Pg" in obj:
            on = pages[obj.Pg.objgen]
        entry: tuple[str, set[int], pikepdf.Dictionary] = (str(obj.S)[1:], set(), obj)
        out.append(entry)
        for kid in _kids(obj):
            if isinstance(kid, int):
                entry[1].add(on)
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                entry[1].add(pages[kid.Pg.objgen])
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                entry[1].update(walk(kid, on))
        return entry[1]

    walk(doc.Root.StructTreeRoot.K, None)
    return out


def kids_of(pdf: bytes, index: int) -> list:
    """The kids of the ``index``-th element in tree order."""
    return nodes(pdf, 0)[index].kids


def nodes(pdf: bytes, page: int) -> list:
    """The elements in tree order (as :func:`spans`), with their text on ``page``."""
    return list(tree(pdf, page).walk())


@pytest.mark.parametrize("name", ["doenvermogentoets", "invoeringstoets"])
def test_a_paragraph_split_across_pages_is_one_p(name):
    pdf = rendered_examples()[name][1]
    split = [(i, pages) for i, (role, pages, _obj) in enumerate(spans(pdf))
             if role == "P" and len(pages) > 1]
    assert split, "a long answer runs on to the next page"
    for index, pages in split:
        first, last = min(pages), max(pages)
        assert last == first + 1
        assert nodes(pdf, first)[index].text.strip()  # its text on both pages
        assert nodes(pdf, last)[index].text.strip()
    assert unmarked(pdf) == []


def long_risks() -> bytes:
    """The largest example with five times as many risks: a table over several pages."""
    toets = example("uitvoerbaarheidstoets")
    risks = toets.answers["risicos"]
    risks.value = [{**row, "risico": f"{row['risico']} ({n + 1})"}
                   for n in range(5) for row in risks.value]
    return render(toets)


def test_a_table_split_across_pages_is_one_table_with_one_header():
    pdf = long_risks()
    split = [(i, pages) for i, (role, pages, _obj) in enumerate(spans(pdf))
             if role == "Table" and len(pages) > 1]
    assert len(split) == 1  # the long table of risks runs on to the next page(s)
    assert len(kids_of(pdf, split[0][0])) == 1 + 30  # the header once, every risk
    for index, pages in split:
        first, last = min(pages), min(pages) + 1
        table, table_next = nodes(pdf, first)[index], nodes(pdf, last)[index]
        assert all(r.role == "TR" for r in table.kids)
        heads = [r for r in table.kids if all(c.role == "TH" for c in r.kids)]
        assert heads == [table.kids[0]]  # the header once, first
        assert all(c.role == "TD" for r in table.kids[1:] for c in r.kids)
        assert all(not c.text for c in table_next.kids[0].kids)  # not read again
        assert any(c.text for r in table_next.kids[1:] for c in r.kids)  # rows go on
        words = [c.text for c in table.kids[0].kids]
        drawn = artifact_text(pdf, last)  # the repeated header is still drawn
        assert words and all(squash(w) in drawn for w in words)
    assert unmarked(pdf) == []
