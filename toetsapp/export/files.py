"""From files to files: read a ``.toets`` with its exact bytes, find its form and rubric,
write the PDF atomically."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from toetsapp.catalog import Catalog, default_catalog, definition_files
from toetsapp.definitions import (
    definition_hash,
    form_issues,
    parse_model,
    rubric_issues,
)
from toetsapp.errors import FileProblem, Issue
from toetsapp.export.signatures import SignatureRow
from toetsapp.files.atomic import atomic_write_bytes
from toetsapp.files.jsonfile import MAX_FILE_BYTES, read_json
from toetsapp.files.outputs import refuse_overwriting_inputs
from toetsapp.files.readfile import read_file_bytes
from toetsapp.files.store import definition_warnings, toets_from_bytes
from toetsapp.model.form import Form
from toetsapp.model.rubric import Rubric
from toetsapp.model.toets import Toets
from toetsapp.resources import resource_dir

M = TypeVar("M", bound=BaseModel)


def read_toets_file(path: Path | str) -> tuple[Toets, bytes]:
    """The toets in ``path`` and the file's exact bytes (embedded as they are)."""
    path = Path(path)
    data = read_file_bytes(path, MAX_FILE_BYTES)
    return toets_from_bytes(data, path), data


def _read(path: Path) -> dict[str, Any]:
    try:
        data = read_json(path)
    except FileProblem:
        return {}
    return data if isinstance(data, dict) else {}


def _checked(path: Path, data: dict[str, Any], model: type[M],
             issues: Callable[[M], list[Issue]]) -> tuple[M, str]:
    """Validate with the pydantic model (the JSON Schemas are generated from it) and the
    semantic checks; on a model error the full loader reports it precisely."""
    try:
        item = model.model_validate(data)
    except ValidationError:
        parse_model(data, model, path)
        raise
    found = issues(item)
    if found:
        raise FileProblem(path, found)
    return item, definition_hash(data)


def catalog_for(form_id: str) -> Catalog:
    """A catalog with just the form ``form_id`` and its rubric, fully checked.

    Loading one form instead of all keeps ``toetsapp render`` quick; when the
    shipped catalog is already loaded (the app), that one is used.
    """
    if default_catalog.cache_info().currsize:
        return default_catalog()
    catalog = Catalog()
    for path in definition_files(resource_dir("forms")):
        data = _read(path)
        if data.get("id") == form_id:
            form, digest = _checked(path, data, Form, form_issues)
            catalog.forms[form.id] = form
            catalog.hashes[f"form:{form.id}"] = digest
            catalog.load_archive(resource_dir("forms") / "versions")
            break
    else:
        return default_catalog()
    for path in definition_files(resource_dir("rubrics")):
        data = _read(path)
        if data.get("form") == form_id:
            rubric, digest = _checked(path, data, Rubric,
                                      lambda r: rubric_issues(r, catalog.forms.get(r.form)))
            catalog.rubrics[form_id] = rubric
            catalog.hashes[f"rubric:{form_id}"] = digest
            break
    return catalog


def default_pdf_path(toets_path: Path, output: Path | None) -> Path:
    """``output`` itself, ``output/NAME.pdf`` for a folder, or ``NAME.pdf`` beside the toets
    (never the toets itself)."""
    if output is None:
        target = toets_path.with_suffix(".pdf")
    elif output.is_dir():
        target = output / (toets_path.stem + ".pdf")
    else:
        target = output
    refuse_overwriting_inputs(target, [toets_path])
    return target


def write_toets_pdf(toets_path: Path | str, pdf_path: Path | str | None = None, *,
                    catalog: Catalog | None = None, language: str | None = None,
                    invariant: bool = False,
                    signature_rows: Sequence[SignatureRow] | None = None,
                    with_comments: bool = False, concept: bool = True) -> Path:
    """Render the ``.toets`` file at ``toets_path`` to ``pdf_path`` (atomically).

    ``pdf_path`` may be a folder or None (the PDF goes beside the toets). The file's
    exact bytes are embedded, so ``toetsapp extract`` gives back the same file.
    ``concept=False`` refuses a toets whose status is final while problems remain
    (:class:`~toetsapp.engine.provisional.NotFinal`); otherwise such a toets renders as
    a concept. Returns the path written. Raises :class:`FileProblem` or ``ToetsappError``.
    """
    source = Path(toets_path)
    target = default_pdf_path(source, Path(pdf_path) if pdf_path is not None else None)
    toets, data = read_toets_file(source)
    pdf = toets_pdf_bytes(toets, data, source, catalog=catalog, language=language,
                          invariant=invariant, signature_rows=signature_rows,
                          with_comments=with_comments, concept=concept)
    atomic_write_bytes(target, pdf)
    return target


def toets_pdf_bytes(toets: Toets, data: bytes, source: Path, *, catalog: Catalog | None = None,
                    language: str | None = None, invariant: bool = False,
                    signature_rows: Sequence[SignatureRow] | None = None,
                    with_comments: bool = False, concept: bool = True) -> bytes:
    """The PDF of ``toets`` read from ``source`` (whose exact bytes ``data`` are embedded),
    as ``toetsapp render`` makes it: the pinned form version's labels if shipped, and the
    definition warnings in the colophon. See :func:`write_toets_pdf` for ``concept``."""
    from toetsapp.export.render import render_toets_pdf
    from toetsapp.review.formversions import rendering_form

    catalog = catalog or catalog_for(toets.form.id)
    form, labels = rendering_form(toets, catalog)
    rubric = catalog.rubric_for(form.id)
    if not concept:
        refuse_unfinished(toets, form, rubric, source)
    return render_toets_pdf(toets, form, rubric, language=language, invariant=invariant,
                            signature_rows=signature_rows, toets_bytes=data,
                            attachment=source.name,
                            notes=[*definition_warnings(toets, catalog), *labels],
                            with_comments=with_comments)


def refuse_unfinished(toets: Toets, form: Form, rubric: Rubric | None, source: Path) -> None:
    """Raise ``NotFinal`` when ``toets`` says definitief/vastgesteld but has open problems."""
    from toetsapp.engine import evaluate_toets
    from toetsapp.engine.provisional import check_final

    check_final(toets.metadata.status, evaluate_toets(toets, form, rubric).provisional,
                str(source))
