"""How the dossier editor names a document's kind: 'U&H-toets' for a toets whose
file can be read, 'Toets' while it cannot, 'Ander document' for any other PDF — names,
never the manifest's ids."""

from __future__ import annotations

import functools
from pathlib import Path

from toetsapp.i18n import N_, _, current_language

KIND_LABELS = {"toets": N_("Toets"), "document": N_("Ander document")}  # translated when shown


def kind_label(kind: str) -> str:
    """The kind as people call it ('Toets', 'Ander document')."""
    return _(KIND_LABELS.get(kind, KIND_LABELS["toets"]))


@functools.lru_cache(maxsize=256)
def _form_id(path: str, _stamp: tuple[int, int]) -> str:
    """The form id of the toets in ``path`` (a ``.toets`` or a Toetsapp PDF), or ''."""
    from toetsapp.errors import ToetsappError
    from toetsapp.review.files import load_any

    try:
        return load_any(path).form.id
    except (OSError, ToetsappError):
        return ""


def toets_type_name(path: Path) -> str:
    """The toets type of the file at ``path`` by its short name ('U&H-toets'), or ''."""
    from toetsapp.catalog import default_catalog

    try:
        stat = path.stat()
    except OSError:
        return ""
    form_id = _form_id(str(path), (stat.st_mtime_ns, stat.st_size))
    form = default_catalog().forms.get(form_id) if form_id else None
    return (form.short_title or form.title).get(current_language()) if form is not None else ""


def kind_text(entry: dict[str, str], folder: Path | None) -> str:
    """The text of the 'Soort' column for a manifest entry."""
    kind = entry.get("kind", "toets")
    if kind == "toets" and folder is not None and entry.get("file"):
        name = toets_type_name(folder / entry["file"])
        if name:
            return name
    return kind_label(kind)
