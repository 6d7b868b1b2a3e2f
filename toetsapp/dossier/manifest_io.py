"""Reading, writing and resolving dossier manifests (no PDF work here)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from toetsapp.definitions import pydantic_issues
from toetsapp.dossier.manifest import FORMAT, FORMAT_VERSION, DocumentEntry, Manifest
from toetsapp.errors import FileProblem, Issue
from toetsapp.files.atomic import atomic_write_text
from toetsapp.files.jsonfile import read_json
from toetsapp.i18n import _

SUFFIX = ".dossier.json"


@dataclass(frozen=True)
class ResolvedDocument:
    """A manifest entry with its file found on disk; ``number`` counts from 1."""

    number: int
    entry: DocumentEntry
    path: Path


def manifest_from_data(data: Any, source: Path | str) -> Manifest:
    """Validate parsed JSON into a :class:`Manifest` or raise :class:`FileProblem`."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FileProblem(source, Issue("$.format", _(
            "dit is geen Toetsapp-dossiermanifest (het kenmerk 'format: {fmt}' ontbreekt)")
            .format(fmt=FORMAT)))
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise FileProblem(source, Issue("$.format_version", _(
            "gemaakt met een nieuwere Toetsapp (formaatversie {v}); werk Toetsapp bij")
            .format(v=version)))
    try:
        return Manifest.model_validate(data)
    except ValidationError as exc:
        raise FileProblem(source, pydantic_issues(exc)) from None


def load_manifest(path: Path | str) -> Manifest:
    """Read a manifest file; :class:`FileProblem` names the file and the JSON path."""
    return manifest_from_data(read_json(path), path)


def manifest_json(manifest: Manifest) -> str:
    """The file text: indented UTF-8 JSON, keys in the model's order."""
    data = manifest.model_dump(mode="json", by_alias=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def save_manifest(manifest: Manifest, path: Path | str) -> None:
    """Write ``manifest`` atomically (the previous file stays intact on failure)."""
    atomic_write_text(path, manifest_json(manifest))


def relative_file(manifest_path: Path | str, file: Path | str) -> str:
    """``file`` as the manifest stores it: relative to the manifest's folder, with '/'.

    Raises :class:`FileProblem` when ``file`` lies outside that folder (the editor calls
    this when the user picks a PDF).
    """
    folder = Path(manifest_path).resolve().parent
    target = Path(file).resolve()
    try:
        return target.relative_to(folder).as_posix()
    except ValueError:
        raise FileProblem(file, _("ligt buiten de map van het manifest ({folder}); zet de PDF "
                                  "in die map of een submap").format(folder=folder)) from None


def _issue(index: int, message: str) -> Issue:
    return Issue(f"$.documents[{index}].file", message)


def resolve_documents(manifest: Manifest, manifest_path: Path | str) -> list[ResolvedDocument]:
    """Find every document on disk, relative to the manifest's folder.

    Every problem is collected (missing file, a folder, a path outside the manifest's
    folder, the same file twice) and raised together as one :class:`FileProblem`
    naming the manifest, the JSON path and the file.
    """
    folder = Path(manifest_path).resolve().parent
    issues: list[Issue] = []
    seen: dict[Path, int] = {}
    found: list[ResolvedDocument] = []
    for index, entry in enumerate(manifest.documents):
        name = entry.file.replace("\\", "/")
        relative = PurePosixPath(name)
        if relative.is_absolute() or name[1:3] == ":/":
            issues.append(_issue(index, _("'{file}': gebruik een pad relatief aan de map van "
                                          "het manifest").format(file=entry.file)))
            continue
        path = (folder / Path(*relative.parts)).resolve()
        if not path.is_relative_to(folder):
            issues.append(_issue(index, _("'{file}' ligt buiten de map van het manifest "
                                          "({folder})").format(file=entry.file, folder=folder)))
            continue
        if not path.exists():
            issues.append(_issue(index, _("'{file}' bestaat niet (gezocht: {path})")
                                 .format(file=entry.file, path=path)))
            continue
        if not path.is_file():
            issues.append(_issue(index, _("'{file}' is een map, geen bestand")
                                 .format(file=entry.file)))
            continue
        if path in seen:
            issues.append(_issue(index, _("'{file}' staat twee keer in het dossier (ook als "
                                          "document {number})").format(file=entry.file,
                                                                       number=seen[path])))
            continue
        seen[path] = index + 1
        found.append(ResolvedDocument(index + 1, entry, path))
    if issues:
        raise FileProblem(manifest_path, issues)
    return found
