"""Reading the dossier back for tests: words on pages, table cells by position, labels."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber
from pypdf import PdfReader


@dataclass
class Word:
    text: str
    x0: float
    top: float


def page_words(pdf: bytes, index: int) -> list[Word]:
    """Words of one page (0-based), top to bottom, left to right, without the running
    header and footer."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[index]
        words = [w for w in page.extract_words(use_text_flow=False)
                 if w["top"] > 40 and w["bottom"] < page.height - 40]
    return [Word(w["text"], w["x0"], w["top"]) for w in
            sorted(words, key=lambda w: (round(w["top"]), w["x0"]))]


def landscape_pages(pdf: bytes, limit: int) -> list[int]:
    reader = PdfReader(io.BytesIO(pdf))
    return [i for i in range(min(limit, len(reader.pages)))
            if reader.pages[i].mediabox.width > reader.pages[i].mediabox.height]


def labels(pdf: bytes) -> list[str]:
    return list(PdfReader(io.BytesIO(pdf)).page_labels)


class Grid:
    """A table on a page: columns found from the first word of each header label (in
    order, left to right), rows from words in the first column. ``label_column``: the
    first column has no header (it starts at the left edge)."""

    def __init__(self, words: list[Word], headers: list[str], header_top: float | None = None,
                 bottom: float = 1e9, label_column: bool = False) -> None:
        if header_top is None:
            header_top = next(w.top for w in words if w.text == headers[0])
        line = sorted((w for w in words if abs(w.top - header_top) < 2), key=lambda w: w.x0)
        starts, wanted = [], list(headers)
        for word in line:
            if wanted and word.text == wanted[0]:
                starts.append(word.x0)
                wanted.pop(0)
        assert not wanted, f"header not found: {wanted} in {[w.text for w in line]}"
        self.edges = [*([0.0] if label_column else []), *(x - 1.5 for x in starts), 1e9]
        self.words = [w for w in words if header_top + 4 < w.top < bottom]
        self.header_top = header_top

    def column(self, x: float) -> int:
        return next(i for i in range(len(self.edges) - 1) if x < self.edges[i + 1]) \
            if x >= self.edges[0] else -1

    def row_tops(self) -> list[tuple[str, float]]:
        """(text, top) of the first word of each row in the first column."""
        seen: list[tuple[str, float]] = []
        for word in self.words:
            if self.column(word.x0) == 0 and not (seen and abs(seen[-1][1] - word.top) < 2):
                seen.append((word.text, word.top))
        return seen

    def cell(self, top: float, next_top: float, column: int) -> str:
        inside = [w for w in self.words if top - 1 <= w.top < next_top - 1
                  and self.column(w.x0) == column]
        return " ".join(w.text for w in sorted(inside, key=lambda w: (round(w.top), w.x0)))

    def rows(self) -> list[list[str]]:
        """Every row as cell texts (rows start at a word in the first column)."""
        tops = self.row_tops()
        out = []
        for i, (_text, top) in enumerate(tops):
            bottom = tops[i + 1][1] if i + 1 < len(tops) else 1e9
            out.append([self.cell(top, bottom, c) for c in range(len(self.edges) - 1)])
        return out


def overview_rows(words: list[Word], headers: list[str]) -> list[list[str]]:
    """The numbered rows of the comparison overview on a page: the table whose header
    line holds every label in ``headers``; it ends at the first word below it in the
    number column that is not a number (the next heading or table)."""
    line: list[Word] = []
    for head in (w for w in words if w.text == headers[0]):
        line = [w for w in words if abs(w.top - head.top) < 2]
        if set(headers) <= {w.text for w in line}:
            break
    else:
        return []
    end = next((w.top for w in words if w.top > head.top + 4 and w.x0 < head.x0 + 5
                and not w.text.isdigit()), 1e9)
    grid = Grid(words, headers, header_top=head.top, bottom=end - 3)
    return [row for row in grid.rows() if row[0].isdigit()]
