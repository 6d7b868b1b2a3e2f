"""One structure element for a paragraph or table that reportlab splits across pages.

``Paragraph.split`` and ``Table.split`` hand back new flowables (the part that fits and
the rest); without help each part would become an element of its own, so a screen
reader would announce one paragraph as two and one table as two tables. Importing this
module wraps both ``split`` methods: every part shares the :class:`Whole` of the
flowable it came from (a part split again passes it on), and the tagging layer files
the marked content of every part under the element the first drawn part made. Table
parts also keep the header kind and explicit tag of the original; the header rows that
reportlab repeats at the top of a continuation are drawn as artifacts (see
:mod:`toetsapp.pdf.tables`).
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph, Table

CARRIED = ("_pdf_tag", "_pdf_headers")
"""Attributes a table part takes over from the table it was split from."""


class Whole:
    """The element that all parts of one split flowable belong to, per tagger."""

    __slots__ = ("element", "tagger")

    def __init__(self) -> None:
        self.tagger: Any = None
        self.element: Any = None

    def element_for(self, tagger: Any) -> Any:
        """The element an earlier part made on ``tagger``'s canvas, or None."""
        return self.element if self.tagger is tagger else None

    def claim(self, tagger: Any, element: Any) -> None:
        self.tagger, self.element = tagger, element


def whole_of(flowable: Any) -> Whole:
    """The :class:`Whole` of ``flowable``, made on first use."""
    whole = getattr(flowable, "_pdf_whole", None)
    if whole is None:
        whole = flowable._pdf_whole = Whole()
    return whole


def share(flowables: list[Any]) -> list[Any]:
    """Make ``flowables`` (pieces of one paragraph laid out one after the other) one
    element in the structure; returns them."""
    if len(flowables) > 1:
        whole = Whole()
        for flowable in flowables:
            flowable._pdf_whole = whole
    return flowables


def _sharing(split: Any) -> Any:
    def tagged_split(self: Any, avail_width: float, avail_height: float) -> list[Any]:
        parts = split(self, avail_width, avail_height)
        if len(parts) > 1:
            whole = whole_of(self)
            carried = [(name, self.__dict__[name]) for name in CARRIED if name in self.__dict__]
            for part in parts:
                if part is not self and isinstance(part, type(self)):
                    part._pdf_whole = whole
                    for name, value in carried:
                        setattr(part, name, value)
        return parts

    tagged_split.__doc__ = split.__doc__
    return tagged_split


Paragraph.split = _sharing(Paragraph.split)  # type: ignore[method-assign]
Table.split = _sharing(Table.split)  # type: ignore[method-assign]
