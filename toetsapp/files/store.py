"""Loading and saving ``.toets`` files: validated on the way in, atomic on the way out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from toetsapp.errors import FileProblem, Issue
from toetsapp.files.atomic import atomic_write_text, check_replaceable
from toetsapp.files.jsonfile import parse_json_bytes, read_json
from toetsapp.formatting import format_number
from toetsapp.i18n import _
from toetsapp.model.toets import FORMAT, FORMAT_VERSION, Revision, Toets

if TYPE_CHECKING:
    from toetsapp.catalog import Catalog

SUFFIX = ".toets"
MAX_ANSWERS = 5000
"""Far more than any form has questions; 200 000 unknown answers are refused at once."""


def toets_from_data(data: Any, source: Path | str) -> Toets:
    """Check the format marker and version, then validate into a :class:`Toets`."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FileProblem(source, Issue("$.format", _(
            "dit is geen Toetsapp-toets (het kenmerk 'format: {fmt}' ontbreekt)")
            .format(fmt=FORMAT)))
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise FileProblem(source, Issue("$.format_version", _("formaatversie ontbreekt")))
    if version > FORMAT_VERSION:
        raise FileProblem(source, Issue("$.format_version", _(
            "gemaakt met een nieuwere Toetsapp (formaatversie {v}); werk Toetsapp bij")
            .format(v=version)))
    if version < 1:
        raise FileProblem(source, Issue("$.format_version", _("onbekende formaatversie {v}")
                                        .format(v=version)))
    answers = data.get("answers")
    if isinstance(answers, dict) and len(answers) > MAX_ANSWERS:
        raise FileProblem(source, Issue("$.answers", _(
            "te veel antwoorden ({n}; een toets heeft er hooguit {max})").format(
            n=format_number(len(answers)), max=format_number(MAX_ANSWERS))))
    notes: list[str] = []
    if version < FORMAT_VERSION:
        from toetsapp.files.migration import migrated_copy

        data, notes = migrated_copy(data)
    try:
        toets = Toets.model_validate(data)
    except ValidationError as exc:
        from toetsapp.definitions import pydantic_issues

        raise FileProblem(source, pydantic_issues(exc)) from None
    toets.migration_notes = notes
    return toets


def load_toets(path: Path | str) -> Toets:
    """Read a ``.toets`` file or raise :class:`FileProblem` (file, JSON path, reason)."""
    return toets_from_data(read_json(path), path)


def toets_from_bytes(data: bytes, source: Path | str) -> Toets:
    """Parse a toets from bytes (e.g. a PDF attachment)."""
    return toets_from_data(parse_json_bytes(data, source), source)


def toets_json(toets: Toets) -> str:
    """The file text: indented, UTF-8, stable key order as in the model."""
    return json.dumps(toets.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def save_toets(toets: Toets, path: Path | str, *, summary: str | None = None,
               by: str = "", previous: Toets | None = None,
               replace_read_only: bool = False) -> None:
    """Write atomically; with ``summary`` a revision is logged (with the items changed
    since ``previous``, the last saved state) and ``modified`` updated. A read-only
    file is replaced only with ``replace_read_only`` (else
    :class:`~toetsapp.files.atomic.ReadOnlyFile`)."""
    check_replaceable(path, replace_read_only=replace_read_only)  # before the toets changes
    if summary is not None:
        from toetsapp.review.history import record_revision

        record_revision(toets, summary, by=by, previous=previous)
    atomic_write_text(path, toets_json(toets), replace_read_only=replace_read_only)


def new_toets(catalog: Catalog, toets_type: str, *, title: str = "", by: str = "") -> Toets:
    """A fresh, empty toets of a type, tied to the current form and rubric."""
    form = catalog.form_for_type(toets_type)
    toets = Toets(form=catalog.form_ref(form.id), rubric=catalog.rubric_ref(form.id))
    toets.metadata.title = title
    toets.metadata.toetser.name = by
    toets.revisions = [Revision(summary=_("Toets aangemaakt"), by=by)]
    return toets


def definition_warnings(toets: Toets, catalog: Catalog) -> list[str]:
    """Differences between the definitions a toets was filled against and the current ones."""
    warnings = list(toets.migration_notes)
    if toets.form.id not in catalog.forms:
        return [*warnings, _("Het formulier '{id}' is niet beschikbaar.").format(id=toets.form.id)]
    current = catalog.form_ref(toets.form.id)
    if current.version != toets.form.version:
        warnings.append(_("Ingevuld met formulierversie {old}; de huidige versie is {new}.")
                        .format(old=toets.form.version, new=current.version))
    elif current.hash != toets.form.hash:
        warnings.append(_("Het formulier is gewijzigd sinds deze toets is ingevuld "
                          "(zelfde versie {v}, andere inhoud).").format(v=current.version))
    rubric = catalog.rubric_ref(toets.form.id)
    if toets.rubric and rubric and (rubric.version, rubric.hash) != (
            toets.rubric.version, toets.rubric.hash):
        warnings.append(_("De rubric is gewijzigd sinds deze toets is ingevuld ({old} → {new}).")
                        .format(old=toets.rubric.version, new=rubric.version))
    return warnings
