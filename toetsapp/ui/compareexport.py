"""Exporting a comparison to PDF (the pages of ``toetsapp compare``), off the GUI thread.

A mixin for :class:`~toetsapp.ui.comparing.ComparisonWindow`, kept apart to keep
modules small; also the shared :func:`describe_error`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QProgressBar, QPushButton

from toetsapp.errors import FileProblem
from toetsapp.files.atomic import atomic_write_bytes
from toetsapp.i18n import _
from toetsapp.ui import settings
from toetsapp.ui.tasks import BackgroundTask, Report
from toetsapp.ui.widgets import muted

if TYPE_CHECKING:
    from toetsapp.ui.comparing import ComparisonWindow

    Base = ComparisonWindow
else:
    Base = object


def describe_error(error: Exception) -> str:
    """Every file and reason of a failed read, as one readable text."""
    problems = getattr(error, "problems", None)
    if problems:
        return "\n".join(p.describe() for p in problems)
    if isinstance(error, FileProblem):
        return error.describe()
    return str(error)


class CompareExport(Base):
    """The export row and the export itself."""

    def _export_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(_("Voortgang"))
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.status = muted("", self)
        self.export_button = QPushButton(_("&Exporteren naar PDF…"), self)
        self.folder_button = QPushButton(_("&Map openen"), self)
        self.open_button = QPushButton(_("PDF &openen"), self)
        self.close_button = QPushButton(_("Sluiten"), self)
        row.addWidget(self.progress)
        row.addWidget(self.status, 1)
        for button in (self.export_button, self.folder_button, self.open_button,
                       self.close_button):
            row.addWidget(button)
        self.export_button.clicked.connect(lambda: self.export_pdf())
        self.folder_button.clicked.connect(
            lambda: self.export_path and self._open(self.export_path.parent))
        self.open_button.clicked.connect(lambda: self.export_path and self._open(self.export_path))
        self.close_button.clicked.connect(self.close)
        return row

    # --- export ------------------------------------------------------------------------
    def export_pdf(self, path: Path | None = None) -> None:
        """Write the comparison PDF (the same pages as ``toetsapp compare``) off the GUI
        thread; asks for the file when ``path`` is None."""
        comparison = self.comparison
        if comparison is None or self.exporting:
            return
        if path is None:
            folder = settings.export_folder.get() or settings.last_folder.get()
            name, _filter = QFileDialog.getSaveFileName(
                self, _("Vergelijking opslaan als"),
                str(Path(folder or Path.home()) / _("vergelijking.pdf")),
                _("PDF-bestanden (*.pdf)"))
            if not name:
                return
            path = Path(name if name.lower().endswith(".pdf") else name + ".pdf")
        target, sources = Path(path), [p.name for p in self.paths]
        if target.resolve() in {p.resolve() for p in self.paths}:
            self.problem.show_message(FileProblem(target, _(
                "dit is ook een invoerbestand; kies een ander uitvoerbestand")).describe())
            return
        self.exporting, self.export_path = True, None
        self._busy(_("PDF van de vergelijking maken…"))

        from toetsapp.dossier import render_comparison_pdf  # on the GUI thread, see comparing

        def work(_report: Report) -> Path:
            atomic_write_bytes(target, render_comparison_pdf(comparison, sources))
            return target

        def done(written: Path) -> None:
            self.exporting, self.export_path = False, written
            settings.export_folder.set(str(written.parent))
            self._idle(_("PDF gemaakt: {file}").format(file=written))
            self.folder_button.setFocus()

        def failed(error: Exception) -> None:
            self.exporting = False
            self._idle("")
            self.problem.show_message(_("De PDF kon niet worden gemaakt.") + "\n"
                                      + describe_error(error))

        BackgroundTask(work).success(done).failure(failed).run()

    @staticmethod
    def _open(path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

