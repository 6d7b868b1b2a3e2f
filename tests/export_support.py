"""Helpers shared by the ``test_export_*`` tests: real toetsen, real PDFs, no mocks."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
from pypdf import PdfReader

from tests.mini import MINI_FORM, MINI_RUBRIC
from toetsapp.export import render_toets_pdf
from toetsapp.model.form import Form
from toetsapp.model.rubric import Rubric
from toetsapp.model.toets import Answer, DefinitionRef, Toets

HASH = "sha256:" + "0" * 64
MINI = Form.model_validate(MINI_FORM)
MINI_RUB = Rubric.model_validate(MINI_RUBRIC)


def mini_toets(answers: dict[str, Any] | None = None, **meta: Any) -> Toets:
    """A toets on the mini form with raw answer values (or Answer objects)."""
    toets = Toets(form=DefinitionRef(id="mini", version="1.0.0", hash=HASH),
                  rubric=DefinitionRef(id="mini-rubric", version="1.0.0", hash=HASH))
    for key, value in meta.items():
        setattr(toets.metadata, key, value)
    toets.answers = {qid: v if isinstance(v, Answer) else Answer(value=v)
                     for qid, v in (answers or {}).items()}
    return toets


def render_mini(toets: Toets, **kw: Any) -> bytes:
    return render_toets_pdf(toets, MINI, MINI_RUB, invariant=True, **kw)


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def all_text(pdf: bytes) -> str:
    """Text of every page (pypdf), with line breaks and hyphen-free joins kept simple."""
    return "\n".join(page.extract_text() or "" for page in reader(pdf).pages)


def page_text(pdf: bytes, number: int) -> str:
    """Text of one page (1-based) as laid out, via pdfplumber; slanted text (the
    diagonal CONCEPT mark drawn over a concept's page 1) is left out."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[number - 1]
        page = page.filter(lambda obj: obj.get("object_type") != "char"
                           or abs(obj["matrix"][1]) < 1e-6)
        return page.extract_text() or ""


def squash(text: str) -> str:
    """Text without any whitespace, to compare across line breaks."""
    return "".join(text.split())


def outline(pdf: bytes) -> list[tuple[int, str, int]]:
    """(level, title, page number 1-based) of every outline entry, depth first."""
    pdf_reader = reader(pdf)
    found: list[tuple[int, str, int]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title,
                              pdf_reader.get_destination_page_number(item) + 1))

    walk(pdf_reader.outline, 0)
    return found


def body_text(pdf: bytes) -> str:
    """Text inside the frame of every page: no running header or footer."""
    parts: list[str] = []
    for page in reader(pdf).pages:
        def visit(text: str, cm: list, tm: list, _font: object, _size: object) -> None:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if 45 < y < 790:
                parts.append(text)

        page.extract_text(visitor_text=visit)
        parts.append("\n")
    return "".join(parts)


def in_order(words: list[str], text: str) -> bool:
    """Whether ``words`` all occur in ``text`` in this order."""
    position = 0
    for word in words:
        position = text.find(word, position)
        if position < 0:
            return False
        position += len(word)
    return True
