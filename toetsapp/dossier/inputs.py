"""Reading all inputs of a dossier (or a comparison) and reporting every unusable one."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from toetsapp.dossier.manifest_io import ResolvedDocument
from toetsapp.dossier.pdfinput import PdfInput, open_pdf
from toetsapp.dossier.toetsinput import open_input
from toetsapp.errors import FileProblem, Issue, ToetsappError
from toetsapp.files.readfile import MAX_PDF_BYTES, check_readable, read_file_bytes
from toetsapp.files.store import SUFFIX, toets_from_bytes
from toetsapp.i18n import _
from toetsapp.model.toets import Toets


def _check_pin(doc: ResolvedDocument, found: PdfInput) -> None:
    pinned = doc.entry.sha256
    if pinned and pinned != found.sha256:
        raise FileProblem(doc.path, _("het bestand is gewijzigd sinds het in het manifest is "
                                      "vastgelegd (SHA-256 {found}, verwacht {expected})")
                          .format(found=found.sha256[:16] + "…", expected=pinned[:16] + "…"))


def _issue(doc: ResolvedDocument, problem: FileProblem) -> list[Issue]:
    where = f"$.documents[{doc.number - 1}].file"
    return [Issue(where, f"{doc.entry.file}: {issue}") for issue in problem.issues]


def read_inputs(resolved: Sequence[ResolvedDocument], manifest_path: Path | str
                ) -> tuple[list[PdfInput], list[str]]:
    """Open and check every document of a manifest.

    Raises one :class:`FileProblem` on the manifest listing every document that cannot
    be used (JSON path, file, reason). Returns the inputs and warnings (e.g. the same
    toets twice in different PDFs).
    """
    inputs: list[PdfInput] = []
    issues: list[Issue] = []
    by_digest: dict[str, ResolvedDocument] = {}
    by_toets: dict[str, ResolvedDocument] = {}
    warnings: list[str] = []
    for doc in resolved:
        try:
            found = open_input(doc.path, need_toets=doc.entry.kind == "toets")
            _check_pin(doc, found)
        except FileProblem as problem:
            issues += _issue(doc, problem)
            continue
        twin = by_digest.setdefault(found.sha256, doc)
        if twin is not doc:
            issues += _issue(doc, FileProblem(doc.path, _(
                "dit bestand is hetzelfde als document {number} ({file}); het staat twee keer "
                "in het dossier").format(number=twin.number, file=twin.entry.file)))
            continue
        if found.toets is not None:
            same = by_toets.setdefault(str(found.toets.id), doc)
            if same is not doc:
                warnings.append(_("Document {number} ({file}) bevat dezelfde toets (id {id}) "
                                  "als document {other} ({other_file}), in een andere versie.")
                                .format(number=doc.number, file=doc.entry.file,
                                        id=found.toets.id, other=same.number,
                                        other_file=same.entry.file))
        inputs.append(found)
    if issues:
        raise FileProblem(manifest_path, issues)
    return inputs, warnings


def read_compare_input(path: Path | str) -> tuple[Toets, PdfInput | None]:
    """A ``.toets`` file or a Toetsapp PDF, for ``toetsapp compare``."""
    path = Path(path)
    data = read_file_bytes(path, MAX_PDF_BYTES)
    if b"%PDF-" in data[:1024] or path.suffix.lower() == ".pdf":
        found = open_pdf(path, need_toets=True)
        return found.toets, found  # type: ignore[return-value]
    if not data.strip():
        raise FileProblem(path, _("het bestand is leeg (0 bytes)"))
    if path.suffix != SUFFIX and not data.lstrip().startswith(b"{"):
        raise FileProblem(path, _("dit is geen toets en geen PDF"))
    return toets_from_bytes(data, path), None


class FileProblems(ToetsappError):
    """Several files that cannot be used, each with its own :class:`FileProblem`."""

    def __init__(self, problems: Sequence[FileProblem]) -> None:
        self.problems = list(problems)
        super().__init__(self.describe())

    def describe(self) -> str:
        return "\n".join(problem.describe() for problem in self.problems)


def read_compare_inputs(paths: Sequence[Path | str]
                        ) -> tuple[list[tuple[Toets, PdfInput | None]], list[str]]:
    """Every file for a comparison, and warnings (the same toets in two versions).

    Raises :class:`FileProblems` listing every file that cannot be used, including a
    file given twice (by path or by content).
    """
    out: list[tuple[Toets, PdfInput | None]] = []
    problems: list[FileProblem] = []
    seen: dict[Path, Path] = {}
    digests: dict[str, Path] = {}
    ids: dict[str, Path] = {}
    warnings: list[str] = []
    for path in map(Path, paths):
        try:
            check_readable(path)
            key = path.resolve()
            if key in seen:
                raise FileProblem(path, _("dit bestand staat twee keer in de lijst"))
            seen[key] = path
            toets, found = read_compare_input(path)
            digest = hashlib.sha256(toets.model_dump_json().encode("utf-8", "surrogatepass")
                                    ).hexdigest()
            if digest in digests:
                raise FileProblem(path, _("bevat precies dezelfde toets als {file}")
                                  .format(file=digests[digest]))
            digests[digest] = path
        except FileProblem as problem:
            problems.append(problem)
            continue
        other = ids.setdefault(str(toets.id), path)
        if other != path:
            warnings.append(_("{file} en {other} zijn versies van dezelfde toets (id {id})")
                            .format(file=path, other=other, id=toets.id))
        out.append((toets, found))
    if problems:
        raise FileProblems(problems)
    return out, warnings
