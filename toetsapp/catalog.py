"""The catalog of available forms and rubrics (development tree or frozen app)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from toetsapp.definitions import load_form, load_rubric
from toetsapp.errors import FileProblem, ToetsappError
from toetsapp.i18n import _
from toetsapp.model.form import Form
from toetsapp.model.rubric import Rubric
from toetsapp.model.toets import DefinitionRef
from toetsapp.resources import resource_dir


def definition_files(folder: Path) -> list[Path]:
    """Definition files in a folder: ``*.json`` except the schemas."""
    return sorted(p for p in folder.glob("*.json") if not p.name.endswith(".schema.json"))


@dataclass
class Catalog:
    """Forms by id, the rubric of each form, their hashes and any load problems."""

    forms: dict[str, Form] = field(default_factory=dict)
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    problems: list[FileProblem] = field(default_factory=list)
    archive: dict[tuple[str, str], Form] = field(default_factory=dict)
    """Older form versions still shipped (``forms/versions/*.json``), by (id, version)."""
    archive_hashes: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def load(cls, forms_dir: Path | None = None, rubrics_dir: Path | None = None) -> Catalog:
        """Load every form, then every rubric; broken files become ``problems``."""
        catalog = cls()
        for path in definition_files(forms_dir or resource_dir("forms")):
            try:
                form, digest = load_form(path)
            except FileProblem as problem:
                catalog.problems.append(problem)
                continue
            catalog._add("form", form.id, form, digest, path)
        catalog.load_archive((forms_dir or resource_dir("forms")) / "versions")
        for path in definition_files(rubrics_dir or resource_dir("rubrics")):
            try:
                rubric, digest = load_rubric(path, catalog.forms)
            except FileProblem as problem:
                catalog.problems.append(problem)
                continue
            catalog._add("rubric", rubric.form, rubric, digest, path)
        return catalog

    def _add(self, kind: str, key: str, item: Form | Rubric, digest: str, path: Path) -> None:
        store: dict = self.forms if kind == "form" else self.rubrics
        if key in store:
            text = (_("formulier '{id}' bestaat al in {other}") if kind == "form"
                    else _("rubric voor formulier '{id}' bestaat al in {other}"))
            other = self.paths[f"{kind}:{key}"].name
            self.problems.append(FileProblem(path, text.format(id=key, other=other)))
            return
        store[key] = item
        self.hashes[f"{kind}:{key}"] = digest
        self.paths[f"{kind}:{key}"] = path

    def load_archive(self, folder: Path) -> None:
        """Add the older form versions in ``folder`` (missing folder: none)."""
        if not folder.is_dir():
            return
        for path in definition_files(folder):
            try:
                form, digest = load_form(path)
            except FileProblem as problem:
                self.problems.append(problem)
                continue
            self.archive[form.id, form.version] = form
            self.archive_hashes[form.id, form.version] = digest

    def pinned_form(self, ref: DefinitionRef) -> Form | None:
        """The form version a toets pins, when it is shipped (current or archived)."""
        current = self.forms.get(ref.id)
        if current is not None and current.version == ref.version:
            return current
        return self.archive.get((ref.id, ref.version))

    def form(self, form_id: str) -> Form:
        """The form with ``form_id`` or a clear error."""
        try:
            return self.forms[form_id]
        except KeyError:
            raise ToetsappError(_("Onbekend formulier '{id}'. Beschikbaar: {ids}")
                                .format(id=form_id, ids=", ".join(sorted(self.forms)))) from None

    def form_for_type(self, toets_type: str) -> Form:
        """The form of a toets type ('uitvoerbaarheid', 'doenvermogen', 'invoering')."""
        for form in self.forms.values():
            if form.toets_type == toets_type or form.id == toets_type:
                return form
        raise ToetsappError(_("Onbekend toetstype '{type}'. Kies uit: {types}")
                            .format(type=toets_type,
                                    types=", ".join(f.toets_type for f in self.forms.values())))

    def rubric_for(self, form_id: str) -> Rubric | None:
        return self.rubrics.get(form_id)

    def form_ref(self, form_id: str) -> DefinitionRef:
        form = self.form(form_id)
        return DefinitionRef(id=form.id, version=form.version, hash=self.hashes[f"form:{form_id}"])

    def rubric_ref(self, form_id: str) -> DefinitionRef | None:
        rubric = self.rubric_for(form_id)
        if rubric is None:
            return None
        return DefinitionRef(id=rubric.id, version=rubric.version,
                             hash=self.hashes[f"rubric:{form_id}"])


@cache
def default_catalog() -> Catalog:
    """The shipped catalog, loaded once per process."""
    return Catalog.load()
