"""Reading the two sides of a diff or merge: a ``.toets`` or a Toetsapp PDF."""

from __future__ import annotations

from pathlib import Path

from toetsapp.files.readfile import MAX_PDF_BYTES, read_file_bytes
from toetsapp.files.store import toets_from_bytes
from toetsapp.model.toets import Toets


def load_any(path: Path | str) -> Toets:
    """A toets from a ``.toets`` file or from the toets embedded in a Toetsapp PDF
    (recognised by content); :class:`~toetsapp.errors.FileProblem` otherwise."""
    path = Path(path)
    data = read_file_bytes(path, MAX_PDF_BYTES)
    if b"%PDF-" in data[:1024]:
        from toetsapp.export.embed import read_embedded_toets

        return read_embedded_toets(path)[0]
    return toets_from_bytes(data, path)
