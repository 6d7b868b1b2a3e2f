"""Parliamentary dossiers: bundle toetsen and other PDFs, and compare toetsen.

Public API (pure functions and plain data; no Qt). Imports stay lazy so the command
line starts quickly:

- :class:`Manifest` (with :class:`DossierInfo`, :class:`DocumentEntry`): the dossier
  manifest; :func:`load_manifest` ``(path) -> Manifest``, :func:`save_manifest`
  ``(manifest, path)`` (atomic), :func:`relative_file` ``(manifest_path, pdf) -> str``
  for adding a PDF, :func:`resolve_documents` to check the files exist.
- :func:`build_dossier` ``(manifest, manifest_path, *, trust, language) -> DossierResult``
  (the PDF in memory) and :func:`write_dossier` ``(manifest_path, output) -> (Path,
  DossierResult)``.
- :func:`compare` ``(toetsen, *, catalog, language) -> Comparison``: the comparison as
  data (tables of :class:`Row` and :class:`Column` with level values and labels), for the
  app's comparison view; :func:`comparison_of_files`, :func:`render_comparison_pdf` and
  :func:`write_comparison` for files.
- :func:`check_signatures` -> :class:`SignatureCheck`: signature status of an input.

Every unusable input raises :class:`~toetsapp.errors.FileProblem` naming the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from toetsapp.dossier.build import DossierResult as DossierResult
    from toetsapp.dossier.build import build_dossier as build_dossier
    from toetsapp.dossier.comparer import Compared as Compared
    from toetsapp.dossier.comparer import compare as compare
    from toetsapp.dossier.comparison import Cell as Cell
    from toetsapp.dossier.comparison import Column as Column
    from toetsapp.dossier.comparison import Comparison as Comparison
    from toetsapp.dossier.comparison import ComparisonTable as ComparisonTable
    from toetsapp.dossier.comparison import Row as Row
    from toetsapp.dossier.files import comparison_of_files as comparison_of_files
    from toetsapp.dossier.files import render_comparison_pdf as render_comparison_pdf
    from toetsapp.dossier.files import write_comparison as write_comparison
    from toetsapp.dossier.files import write_dossier as write_dossier
    from toetsapp.dossier.inputs import FileProblems as FileProblems
    from toetsapp.dossier.manifest import DocumentEntry as DocumentEntry
    from toetsapp.dossier.manifest import DossierInfo as DossierInfo
    from toetsapp.dossier.manifest import Manifest as Manifest
    from toetsapp.dossier.manifest_io import load_manifest as load_manifest
    from toetsapp.dossier.manifest_io import relative_file as relative_file
    from toetsapp.dossier.manifest_io import resolve_documents as resolve_documents
    from toetsapp.dossier.manifest_io import save_manifest as save_manifest
    from toetsapp.dossier.signatures import SignatureCheck as SignatureCheck
    from toetsapp.dossier.signatures import check_signatures as check_signatures

_WHERE = {
    "Cell": "comparison", "Column": "comparison", "Compared": "comparer",
    "Comparison": "comparison", "ComparisonTable": "comparison", "DocumentEntry": "manifest",
    "DossierInfo": "manifest", "DossierResult": "build", "FileProblems": "inputs",
    "Manifest": "manifest", "Row": "comparison", "SignatureCheck": "signatures",
    "build_dossier": "build", "check_signatures": "signatures", "compare": "comparer",
    "comparison_of_files": "files", "load_manifest": "manifest_io",
    "relative_file": "manifest_io", "render_comparison_pdf": "files",
    "resolve_documents": "manifest_io", "save_manifest": "manifest_io",
    "write_comparison": "files", "write_dossier": "files",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    """Import submodules on first use."""
    import importlib

    if name not in _WHERE:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"toetsapp.dossier.{_WHERE[name]}"), name)
