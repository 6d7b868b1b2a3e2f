"""Reading a tagged PDF back for the ``test_pdf_tagged*`` tests: the structure tree
(pikepdf), the text of every MCID (pdfplumber), marked content in the page streams
(pikepdf's content-stream parser) and the ``pdfua`` checker's findings."""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import pdfplumber
import pikepdf

TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}


@dataclass
class Node:
    """A structure element: role, attributes, own text on the page asked, kids."""

    role: str
    obj: pikepdf.Dictionary
    text: str = ""
    kids: list[Node] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        yield self
        for kid in self.kids:
            yield from kid.walk()


def open_pdf(pdf: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(pdf))


def mcid_texts(pdf: bytes, page: int) -> dict[int, str]:
    """The text of every MCID on ``page``. A language ``/Span`` nested in an MCID's
    content (no MCID of its own) belongs to that MCID; pdfplumber, which keeps no stack
    of marked content, reports it without one, so it goes to the MCID before it."""
    texts: dict[int, str] = defaultdict(str)
    last = None
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for char in doc.pages[page].chars:
            mcid = char.get("mcid")
            if mcid is None and char.get("tag") == "Span":
                mcid = last
            if mcid is not None:
                texts[mcid] += char["text"]
                last = mcid
    return texts


def tree(pdf: bytes, page: int = 0) -> Node:
    """The structure tree, each element with the text it marks on ``page`` (0-based)."""
    doc = open_pdf(pdf)
    pages = {p.objgen: i for i, p in enumerate(doc.pages)}
    texts = mcid_texts(pdf, page)

    def build(obj: pikepdf.Dictionary, on: int | None) -> Node:
        if "/Pg" in obj:
            on = pages[obj.Pg.objgen]
        node = Node(str(obj.get("/S", "")).lstrip("/"), obj)
        kids = obj.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None \
            else []
        for kid in items:
            if isinstance(kid, int):
                if on == page:
                    node.text += texts.get(int(kid), "")
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                if pages[kid.Pg.objgen] == page:
                    node.text += texts.get(int(kid.MCID), "")
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
                node.kids.append(build(kid, on))
        return node

    return build(doc.Root.StructTreeRoot.K, None)


def reading_order(root: Node) -> list[tuple[str, str]]:
    """(role, text) of every element with text, in reading (tree) order."""
    return [(n.role, "".join(n.text.split())) for n in root.walk() if n.text.strip()]


def unmarked(pdf: bytes) -> list[tuple[int, str]]:
    """(page, operator) of every text-showing or XObject-painting operator outside
    marked content (neither tagged nor an artifact)."""
    found = []
    for number, page in enumerate(open_pdf(pdf).pages):
        depth = 0
        for _operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                depth += 1
            elif op == "EMC":
                depth -= 1
                assert depth >= 0, f"EMC without BDC/BMC on page {number + 1}"
            elif (op in TEXT_OPERATORS or op == "Do") and depth == 0:
                found.append((number, op))
        assert depth == 0, f"marked content left open on page {number + 1}"
    return found


def pdfua_findings(pdf: bytes, tmp_path) -> list[str]:
    """Everything the ``pdfua`` checker reports (errors, warnings and notes)."""
    from pdfua import validate

    path = tmp_path / "checked.pdf"
    path.write_bytes(pdf)
    report = validate(str(path))
    return [f"{f.rule_id} {f.severity.name}: {f.message}" for f in report.findings]


def elements(doc: pikepdf.Pdf, role: str) -> list[pikepdf.Dictionary]:
    """Every structure element of ``doc`` with role ``role``."""
    out, todo = [], [doc.Root.StructTreeRoot.K]
    while todo:
        obj = todo.pop()
        if isinstance(obj, pikepdf.Array):
            todo.extend(obj)
            continue
        if not isinstance(obj, pikepdf.Dictionary) or "/S" not in obj:
            continue
        if str(obj.S) == "/" + role:
            out.append(obj)
        if "/K" in obj:
            todo.append(obj.K)
    return out
