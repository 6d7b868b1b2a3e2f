"""What the dossier editor does with files: new, open, save, add PDFs, make the dossier.

A mixin for :class:`~toetsapp.ui.dossier.DossierEditor` (kept apart to keep modules
small); it uses the editor's widgets and its ``data``/``validate``/``load_data``.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from toetsapp.errors import FileProblem, ToetsappError
from toetsapp.files.atomic import atomic_write_bytes
from toetsapp.i18n import _, ngettext
from toetsapp.ui import messages, settings
from toetsapp.ui.tasks import BackgroundTask, Report

if TYPE_CHECKING:
    from toetsapp.ui.dossier import DossierEditor

    Base = DossierEditor
else:
    Base = object

SUFFIX = ".dossier.json"


class DossierOps(Base):
    """File handling and building for the dossier editor."""

    confirmed_output: Path | None = None  # an output the user agreed to replace

    def _start_folder(self) -> str:
        return str(self.path.parent) if self.path else settings.last_folder.get()

    def may_discard(self) -> bool:
        """Ask about unsaved changes; False when the user cancels (or saving failed)."""
        if not self.modified:
            return True
        name = self.path.name if self.path else _("nieuw dossier")
        choice = messages.ask_save_changes(
            self, name, _("Wil je het dossiermanifest opslaan voordat het wordt gesloten?"))
        if choice == "save":
            return self.save()
        return choice == "discard"

    def new(self) -> None:
        from toetsapp.ui.dossier import new_data

        if self.may_discard():
            self.load_data(new_data(), None)

    def choose_manifest(self) -> None:
        if not self.may_discard():
            return
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Dossiermanifest openen"), self._start_folder(),
            _("Dossiermanifesten ({patterns})").format(patterns=f"*{SUFFIX} *.json"))
        if name:
            self.open_manifest(Path(name))

    def open_manifest(self, path: Path) -> bool:
        """Read ``path`` with the dossier API (an unreadable file is named in a message)."""
        from toetsapp.dossier import load_manifest

        try:
            manifest = load_manifest(path)
        except FileProblem as problem:
            messages.show_file_problem(self, _("Het dossiermanifest kan niet worden geopend"),
                                       problem)
            return False
        settings.last_folder.set(str(path.parent))
        self.load_data(manifest.model_dump(mode="json", by_alias=True), path)
        return True

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        path = self.ask_manifest_path(_("Dossiermanifest opslaan als"))
        return path is not None and self.save_to(path)

    def ask_manifest_path(self, title: str) -> Path | None:
        folder = self._start_folder() or str(Path.home())
        suggestion = self.path or Path(folder) / f"{_('dossier')}{SUFFIX}"
        name, _filter = QFileDialog.getSaveFileName(
            self, title, str(suggestion),
            _("Dossiermanifesten ({patterns})").format(patterns=f"*{SUFFIX}"))
        if not name:
            return None
        return Path(name if name.endswith(".json") else name + SUFFIX)

    def save_to(self, path: Path) -> bool:
        """Write the manifest atomically; refused (with the problems shown) while invalid."""
        from toetsapp.dossier import save_manifest

        previous, self.path = self.path, path
        self._rebase(previous, path)
        if self.path is not None and not self.output.text().strip():
            self.output.setText(str(self._default_output()))
        try:
            save_manifest(self.manifest(), path)
        except FileProblem:
            self.validate()  # the problems are shown inline
            self.status.setText(_("Niet opgeslagen: los eerst de problemen op."))
            return False
        except (OSError, ToetsappError) as error:
            messages.show_error(self, _("Opslaan mislukt"), str(error))
            return False
        settings.last_folder.set(str(path.parent))
        saved = self.manifest()  # as written: e.g. '36812' became '36 812'
        self.fields.load(saved.model_dump(mode="json")["dossier"], saved.language)
        self.modified = False
        self.status.setText(_("Opgeslagen: {file}").format(file=path))
        self.validate()
        return True

    def _rebase(self, old: Path | None, new: Path) -> None:
        """Keep documents pointing at the same files when the manifest moves folder."""
        if old is None or old.resolve().parent == new.resolve().parent:
            return
        from toetsapp.dossier import relative_file

        for entry in self.documents.entries:
            with contextlib.suppress(FileProblem):  # else it stays; validation names it
                entry["file"] = relative_file(new, old.resolve().parent / entry["file"])
        self.documents.load(self.documents.entries)

    def choose_documents(self) -> None:
        if self.path is None:
            path = self.ask_manifest_path(_("Eerst: waar komt het dossiermanifest? (De "
                                            "documenten moeten in die map of een submap "
                                            "staan.)"))
            if path is None:
                return
            self.path = path
            self.output.setText(str(self._default_output()))
        names, _filter = QFileDialog.getOpenFileNames(
            self, _("Documenten toevoegen aan het dossier"), str(self.path.parent),
            _("PDF's en toetsen (*.pdf *.toets);;PDF-bestanden (*.pdf);;Toetsen (*.toets)"))
        if names:
            self.add_documents([Path(n) for n in names])

    def add_documents(self, paths: list[Path]) -> None:
        """Add PDFs and ``.toets`` files (relative to the manifest's folder); refusals
        are shown."""
        from toetsapp.dossier import relative_file

        assert self.path is not None
        added, refused = [], []
        for path in paths:
            try:
                added.append(relative_file(self.path, path))
            except FileProblem as problem:
                refused.append(problem.describe())
        if added:
            self.documents.add(added)
        if not self.output.text().strip():
            self.output.setText(str(self._default_output()))
        if refused:
            self.status.setText("\n".join(refused))
        self.validate()

    # --- building ----------------------------------------------------------------------
    def _browse_output(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Dossier-PDF opslaan als"), self.output.text() or self._start_folder(),
            _("PDF-bestanden (*.pdf)"))
        if name:
            self.output.setText(name if name.lower().endswith(".pdf") else name + ".pdf")
            self.confirmed_output = Path(self.output.text())

    def build_clicked(self) -> None:
        """The build button: an existing dossier PDF is only replaced after asking."""
        target = Path(self.output.text().strip() or self._default_output()).expanduser()
        if messages.confirm_overwrite(self, target, self.confirmed_output):
            self.confirmed_output = target
            self.build()

    def build(self) -> None:
        """Make the dossier PDF of the manifest as shown, off the GUI thread."""
        if self.building or self.validate() or self.path is None:
            return
        import toetsapp.signing  # noqa: F401  (on the GUI thread; build_dossier needs it)
        from toetsapp.dossier import build_dossier, resolve_documents

        manifest, source = self.manifest(), self.path
        target = Path(self.output.text().strip() or self._default_output()).expanduser()
        inputs = {r.path.resolve() for r in resolve_documents(manifest, source)}
        if target.resolve() in inputs | {source.resolve()}:
            self.issues.show_message(FileProblem(target, _(
                "dit is ook een invoerbestand; kies een ander uitvoerbestand")).describe())
            return
        self.output.setText(str(target))
        self.building, self.result_path, self.error = True, None, None
        self.progress.show()
        self.status.setText(_("Dossier maken: bestanden lezen, handtekeningen controleren, "
                              "pagina's samenvoegen…"))
        self._sync()

        def work(_report: Report) -> tuple[Path, Any]:
            result = build_dossier(manifest, source)
            atomic_write_bytes(target, result.pdf)
            return target, result

        BackgroundTask(work).success(self._built).failure(self._build_failed).run()

    def _built(self, outcome: tuple[Path, Any]) -> None:
        path, result = outcome
        self.building, self.result_path = False, path
        self.progress.hide()
        text = ngettext("Dossier gemaakt: {file} ({n} pagina)",
                        "Dossier gemaakt: {file} ({n} pagina's)", result.pages).format(
                            file=path, n=result.pages)
        self.status.setText("\n".join([text, *result.warnings]))
        self._sync()
        self.folder_button.setFocus()

    def _build_failed(self, error: Exception) -> None:
        from toetsapp.ui.compareexport import describe_error

        self.building = False
        self.error = describe_error(error)
        self.progress.hide()
        self.status.setText("")
        self.issues.show_message(_("Het dossier kon niet worden gemaakt.") + "\n" + self.error)
        self._sync()

    @staticmethod
    def _open(path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
