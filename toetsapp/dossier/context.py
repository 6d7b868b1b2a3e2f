"""Helpers shared by the dossier modules: the catalog for some toetsen, and a language
made active for a while."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from toetsapp.catalog import Catalog
from toetsapp.i18n import current_language, set_language
from toetsapp.model.toets import Toets


def catalog_for_toetsen(toetsen: Sequence[Toets]) -> Catalog:
    """Just the forms and rubrics these toetsen use (quicker than the whole catalog)."""
    from toetsapp.export.files import catalog_for

    merged = Catalog()
    for form_id in dict.fromkeys(t.form.id for t in toetsen):
        part = catalog_for(form_id)
        merged.forms |= part.forms
        merged.rubrics |= part.rubrics
        merged.hashes |= part.hashes
        merged.paths |= part.paths
    return merged


@contextmanager
def in_language(language: str | None) -> Iterator[str]:
    """Make ``language`` active for ``_()`` and formatting, then restore the previous one."""
    previous = current_language()
    active = set_language(language or previous)
    try:
        yield active
    finally:
        set_language(previous)
