"""A reportlab paragraph that breaks its lines once per width.

reportlab lays a table cell out again each time the table is measured: when it is
wrapped, each time it is split over a page (the rest of the table is measured anew on
the next page, so a table over ten pages wraps its last rows ten times), and once
more when a cell is drawn. A :class:`Paragraph`'s lines depend only on its text, its
style and the width it is given, so the lines found for a width are kept and reused
for that same width. What is drawn is unchanged.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph as _Paragraph

SAME_WIDTH = 1e-9
"""Widths closer than this are the same (a table's column width, computed twice by
reportlab, can differ in the 14th digit)."""


class Paragraph(_Paragraph):
    """:class:`reportlab.platypus.Paragraph` that reuses its line breaking for the width
    it was last wrapped at (while its style and fragments are the same objects)."""

    _wrapped: tuple[float, int, int, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        done = self._wrapped
        if done is not None and abs(done[0] - availWidth) < SAME_WIDTH and \
                done[1:3] == (id(self.style), id(self.frags)) and \
                getattr(self, "blPara", None) is not None:
            self.width, self.height = availWidth, done[3][1]
            return availWidth, self.height
        size = super().wrap(availWidth, availHeight)
        # breaking a paragraph of several fragments replaces them by its words
        self._wrapped = ((availWidth, id(self.style), id(self.frags), size)
                         if size == (self.width, self.height) else None)
        return size
