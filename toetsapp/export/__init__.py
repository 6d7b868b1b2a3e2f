"""The uniform PDF toets (reportlab) and reading the toets back out of a PDF.

Public API (imports stay lazy so the command line starts quickly):

- :func:`render_toets_pdf` ``(toets, form, rubric, *, language=None, invariant=False,
  signature_rows=None) -> bytes``: the PDF in memory (the app's preview and export).
- :func:`write_toets_pdf` ``(toets_path, pdf_path=None, *, catalog=None, language=None,
  invariant=False, signature_rows=None) -> Path``: file to file, written atomically.
- :func:`read_embedded_toets` ``(pdf_path) -> (Toets, bytes)``: the embedded ``.toets``;
  raises :class:`~toetsapp.errors.FileProblem` for non-PDF, damaged, encrypted or
  attachment-less files.
- :class:`SignatureRow` and :func:`rows_from_signatures`: fill the signatures page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from toetsapp.export.embed import read_embedded_toets as read_embedded_toets
    from toetsapp.export.files import write_toets_pdf as write_toets_pdf
    from toetsapp.export.render import render_toets_pdf as render_toets_pdf
    from toetsapp.export.signatures import SignatureRow as SignatureRow
    from toetsapp.export.signatures import rows_from_signatures as rows_from_signatures

_WHERE = {
    "render_toets_pdf": "toetsapp.export.render",
    "write_toets_pdf": "toetsapp.export.files",
    "read_embedded_toets": "toetsapp.export.embed",
    "SignatureRow": "toetsapp.export.signatures",
    "rows_from_signatures": "toetsapp.export.signatures",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    import importlib

    if name not in _WHERE:
        raise AttributeError(name)
    return getattr(importlib.import_module(_WHERE[name]), name)
