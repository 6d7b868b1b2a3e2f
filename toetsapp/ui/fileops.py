"""Open, save, save as, close and restore, with the prompts that keep work safe."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from toetsapp.errors import FileProblem, Issue
from toetsapp.files.atomic import ReadOnlyFile, check_replaceable
from toetsapp.files.diskstate import DiskState, changed_on_disk, disk_state
from toetsapp.files.locking import Locked, acquire, release
from toetsapp.files.recovery import RecoveryEntry, discard_recovery, read_recovery
from toetsapp.files.store import SUFFIX, definition_warnings, load_toets, new_toets, save_toets
from toetsapp.formatting import format_datetime
from toetsapp.i18n import N_, _
from toetsapp.model.toets import Toets, utcnow
from toetsapp.ui import settings
from toetsapp.ui.diskprompts import ask_changed_on_disk, ask_locked
from toetsapp.ui.document import Document
from toetsapp.ui.messages import ask_save_changes, confirm, show_file_problem

if TYPE_CHECKING:
    from toetsapp.ui.mainwindow import MainWindow

FILTER = N_("Toetsen (*.toets);;Alle bestanden (*)")


class FileOps:
    """The file commands of :class:`MainWindow` (a mixin: ``self`` is the window)."""

    def new_toets(self: MainWindow, form_id: str) -> bool:
        if not self.close_document():
            return False
        form = self.catalog.form(form_id)
        toets = new_toets(self.catalog, form.id, by=settings.toetser_name.get())
        self.set_document(Document(toets, form, self.catalog.rubric_for(form.id)))
        self.view.go_to(0, focus=True)
        return True

    def _document_for(self: MainWindow, toets: Toets, source: Path, **kwargs: object) -> Document:
        form = self.catalog.forms.get(toets.form.id)
        if form is None:
            raise FileProblem(source, Issue("$.form.id", _(
                "het formulier ‘{id}’ is in deze Toetsapp niet beschikbaar").format(
                id=toets.form.id)))
        warnings = definition_warnings(toets, self.catalog) + list(kwargs.pop("notes", []))
        return Document(toets, form, self.catalog.rubric_for(form.id), warnings=warnings,
                        **kwargs)  # type: ignore[arg-type]

    def open_dialog(self: MainWindow) -> None:
        folder = settings.last_folder.get() or str(Path.home())
        name, _filter = QFileDialog.getOpenFileName(self, _("Toets openen"), folder, _(FILTER))
        if name:
            self.open_path(Path(name))

    def open_path(self: MainWindow, path: Path) -> bool:
        """Open a toets file; a broken or foreign file gets a message and changes nothing."""
        path = Path(path)
        if self.doc is not None and self.doc.path is not None and self.doc.path == path.resolve():
            return True
        try:
            state = disk_state(path)
            doc = self._document_for(load_toets(path), path, path=path.resolve())
        except FileProblem as problem:
            show_file_problem(self, _("Deze toets kan niet worden geopend"), problem)
            return False
        doc.disk = state
        if not self._take_lock(doc, path.resolve()):
            doc.deleteLater()
            return False
        if not self.close_document():
            if doc.lock is not None:
                release(doc.lock)
            doc.deleteLater()
            return False
        self.set_document(doc)
        settings.last_folder.set(str(path.resolve().parent))
        self.refresh_recent(settings.remember_recent(path))
        return True

    def _take_lock(self: MainWindow, doc: Document, path: Path) -> bool:
        """Lock ``path`` for ``doc``; when someone else has it open, ask (read-only, open
        anyway, cancel). False: cancelled. A stale lock is taken over with a notice."""
        try:
            got = acquire(path)
        except Locked as locked:
            choice = ask_locked(self, path.name, locked.info)
            if choice == "cancel":
                return False
            if choice == "read_only":
                doc.read_only = True
                doc.warnings.append(_("Alleen-lezen: {who} heeft deze toets open. Wijzigen "
                                      "kan niet; ‘Opslaan als’ maakt een eigen kopie.")
                                    .format(who=locked.info.describe()))
                return True
            doc.shared = path  # their lock stays: others still see that they have it open
            doc.warnings.append(_("Let op: {who} heeft deze toets ook open. Toetsapp vraagt "
                                  "bij opslaan wat er moet gebeuren als die versie intussen "
                                  "is gewijzigd.").format(who=locked.info.describe()))
            return True
        except (OSError, FileProblem):
            return True  # e.g. a read-only folder: open without a lock file
        doc.lock = path
        if got.taken_over is not None:
            doc.warnings.append(_("De vergrendeling van {who} was verlopen en is overgenomen.")
                                .format(who=got.taken_over.describe()))
        return True

    def reload(self: MainWindow) -> bool:
        """Replace the open toets by the version on disk (unsaved changes are dropped)."""
        doc = self.doc
        if doc is None or doc.path is None:
            return False
        path = doc.path
        try:
            state = disk_state(path)
            fresh = self._document_for(load_toets(path), path, path=path)
        except FileProblem as problem:
            show_file_problem(self, _("Deze toets kan niet worden geopend"), problem)
            return False
        fresh.disk, fresh.lock, fresh.read_only = state, doc.lock, doc.read_only
        fresh.shared = doc.shared
        doc.lock = None  # handed over, not released
        self.autosaver.attach(None)
        self.autosaver.discard()
        self.clear_document()
        self.set_document(fresh)
        self.show_status(_("Herladen: {file}").format(file=path.name))
        return True

    def restore(self: MainWindow, entry: RecoveryEntry) -> bool:
        """Open recovered work as an unsaved document, then retire the old recovery file."""
        try:
            toets, original, saved_at = read_recovery(entry.file)
            notes = [_("Hersteld uit automatisch bewaard werk van {when}. Sla de toets op om "
                       "het te bewaren.").format(when=format_datetime(saved_at.astimezone()))]
            if original is not None and original.exists() and datetime.fromtimestamp(
                    original.stat().st_mtime, UTC) > saved_at:
                notes.append(_("Let op: {file} is daarna nog gewijzigd. ‘Opslaan’ overschrijft "
                               "dat bestand; kies ‘Opslaan als’ om beide te houden.")
                             .format(file=original))
            doc = self._document_for(toets, entry.file, path=original, restored=True,
                                     notes=notes)
            if original is not None and original.exists():
                doc.disk = disk_state(original)
                if len(notes) > 1:  # changed after the recovery file: saving must ask
                    doc.disk = DiskState(0, -1, "")
        except FileProblem as problem:
            show_file_problem(self, _("Dit werk kan niet worden hersteld"), problem)
            return False
        if not self.close_document():
            return False
        self.set_document(doc)  # writes our own recovery file at once
        discard_recovery(entry.file)
        self.refresh_start()
        return True

    def discard_recovered(self: MainWindow, entry: RecoveryEntry) -> None:
        if confirm(self, _("Herstelbestand weggooien"),
                   _("Dit niet-opgeslagen werk wordt definitief verwijderd."), _("Weggooien")):
            discard_recovery(entry.file)
            self.refresh_start()

    def save(self: MainWindow) -> bool:
        if self.doc is None:
            return False
        if self.doc.path is None or self.doc.read_only:
            return self.save_as()
        return self.write_to(self.doc.path)

    def save_as(self: MainWindow, path: Path | None = None) -> bool:
        if self.doc is None:
            return False
        if path is None:
            name, _filter = QFileDialog.getSaveFileName(
                self, _("Toets opslaan als"), str(self._suggested_path()), _(FILTER))
            if not name:
                return False
            path = Path(name)
        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        return self.write_to(path)

    def _suggested_path(self: MainWindow) -> Path:
        assert self.doc is not None
        if self.doc.path is not None:
            return self.doc.path
        meta = self.doc.toets.metadata
        stem = re.sub(r"[^\w\- ]+", "", meta.short_title or meta.title or self.doc.form.id)
        stem = re.sub(r"\s+", "-", stem.strip())[:60] or "toets"
        return Path(settings.last_folder.get() or Path.home()) / f"{stem}{SUFFIX}"

    def write_to(self: MainWindow, path: Path) -> bool:
        """Save atomically; every save logs a revision with the changed answers."""
        doc = self.doc
        assert doc is not None
        target = path.resolve()
        if target == doc.path and not doc.read_only and changed_on_disk(target, doc.disk):
            choice = ask_changed_on_disk(self, target.name)
            if choice == "cancel":
                return False
            if choice == "reload":
                self.reload()
                return False
            if choice == "copy":
                return self.save_as()
        locked_here = False
        if doc.lock != target and doc.shared != target:
            try:
                acquire(target)
                locked_here = True
            except Locked as locked:
                if not confirm(self, _("Toets is al geopend"), _(
                        "‘{name}’ is geopend door {who}. Toch overschrijven?").format(
                        name=target.name, who=locked.info.describe()), _("Overschrijven")):
                    return False
            except (OSError, FileProblem):
                pass
        toetser = doc.toets.metadata.toetser.name
        summary = _("Opgeslagen") if doc.saved_once else _("Bewerkt met Toetsapp")
        replace = False
        try:
            check_replaceable(path)
        except ReadOnlyFile:
            if not confirm(self, _("Alleen-lezen bestand vervangen?"), _(
                    "{file} is alleen-lezen. Wil je het toch vervangen door deze versie? Het "
                    "blijft daarna alleen-lezen.").format(file=path.name), _("Vervangen")):
                return False
            replace = True
        except FileProblem:
            pass  # save_toets says what is wrong
        try:
            doc.toets.metadata.modified = utcnow()
            save_toets(doc.toets, path, summary=summary, by=settings.toetser_name.get() or toetser,
                       previous=doc.saved, replace_read_only=replace)
        except FileProblem as problem:
            if locked_here:
                release(target)
            show_file_problem(self, _("Opslaan is mislukt"), problem)
            return False
        if locked_here:
            if doc.lock is not None:
                release(doc.lock)
            doc.lock = target
        doc.read_only = False
        doc.disk = disk_state(target)
        doc.mark_saved(target)
        if toetser:
            settings.toetser_name.set(toetser)
        settings.last_folder.set(str(path.resolve().parent))
        self.refresh_recent(settings.remember_recent(path))
        self.show_status(_("Opgeslagen: {file}").format(file=path.name))
        return True

    def close_document(self: MainWindow) -> bool:
        """Close the open toets, asking about unsaved changes; False when cancelled."""
        doc = self.doc
        if doc is None:
            return True
        if doc.modified:
            choice = ask_save_changes(self, doc.display_name())
            if choice == "cancel" or (choice == "save" and not self.save()):
                return False
        self.autosaver.attach(None)
        self.autosaver.discard()
        self.clear_document()
        return True
