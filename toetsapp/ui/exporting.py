"""Export to PDF: choose file and language, render off the GUI thread, preview, open folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from toetsapp.errors import FileProblem, ToetsappError
from toetsapp.files.atomic import atomic_write_bytes
from toetsapp.files.store import toets_json
from toetsapp.i18n import _, ngettext
from toetsapp.model.toets import Toets
from toetsapp.ui import settings
from toetsapp.ui.document import Document
from toetsapp.ui.messages import confirm_overwrite
from toetsapp.ui.pdfpreview import render_pages
from toetsapp.ui.tasks import BackgroundTask, Report
from toetsapp.ui.widgets import ErrorLabel, heading, muted

PREVIEW_WIDTH = 520


def checked_rows(toets: Toets, language: str) -> list | None:
    """Signature rows with each co-signature verified against the trust store."""
    if not toets.signatures:
        return None
    from toetsapp.signing import load_trust_store, signature_rows, verify_toets

    try:
        results = verify_toets(toets, load_trust_store())
    except ToetsappError:
        return None  # the PDF then says 'niet gecontroleerd'
    return signature_rows(toets, results, language=language)


class ExportDialog(QDialog):
    """Makes the PDF of the document as it is now (saved or not), then shows it."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.result_path: Path | None = None
        self.error: str | None = None
        self._confirmed: Path | None = None  # chosen in the file dialog, which asked
        self.setWindowTitle(_("Exporteren naar PDF"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("PDF maken"), 1.3, self))
        layout.addWidget(muted(_("De PDF bevat de toetskaart, alle antwoorden, de uitleg bij de "
                                 "scores en de toets zelf als bijlage."), self))
        if doc.evaluation.errors:
            layout.addWidget(muted(ngettext(
                "Let op: de toets is nog niet compleet ({n} probleem).",
                "Let op: de toets is nog niet compleet ({n} problemen).",
                len(doc.evaluation.errors)).format(n=len(doc.evaluation.errors)), self))
        form = QFormLayout()
        self.path_edit = QLineEdit(str(self._default_path()), self)
        self.path_edit.setAccessibleName(_("PDF-bestand"))
        browse = QPushButton(_("&Bladeren…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        label = QLabel(_("&Bestand:"), self)
        label.setBuddy(self.path_edit)
        form.addRow(label, row)
        self.language = QComboBox(self)
        self.language.addItem(_("Nederlands"), "nl")
        self.language.addItem(_("Engels"), "en")
        self.language.setCurrentIndex(0 if doc.toets.language == "nl" else 1)
        self.language.setAccessibleName(_("Taal van de PDF"))
        language_label = QLabel(_("&Taal:"), self)
        language_label.setBuddy(self.language)
        form.addRow(language_label, self.language)
        layout.addLayout(form)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(_("Voortgang van de export"))
        self.progress.hide()
        self.status = muted("", self)
        self.problem = ErrorLabel(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.problem)
        self.preview = QScrollArea(self)
        self.preview.setWidgetResizable(True)
        self.preview.setAccessibleName(_("Voorbeeld van de PDF"))
        self.preview.setMinimumHeight(420)
        self.preview.hide()
        layout.addWidget(self.preview, 1)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(_("&Exporteren"), self)
        self.export_button.setDefault(True)
        self.folder_button = QPushButton(_("&Map openen"), self)
        self.open_button = QPushButton(_("PDF &openen"), self)
        self.close_button = QPushButton(_("Sluiten"), self)
        for button in (self.folder_button, self.open_button):
            button.setEnabled(False)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.export_button.clicked.connect(self._export_clicked)
        self.folder_button.clicked.connect(self.open_folder)
        self.open_button.clicked.connect(lambda: self._open_url(self.result_path))
        self.close_button.clicked.connect(self.reject)
        self.resize(640, 300)

    def _default_path(self) -> Path:
        if self.doc.path is not None:
            return self.doc.path.with_suffix(".pdf")
        folder = settings.export_folder.get() or settings.last_folder.get() or str(Path.home())
        stem = self.doc.toets.metadata.short_title or self.doc.form.id
        return Path(folder) / f"{''.join(c for c in stem if c.isalnum() or c in ' -_')}.pdf"

    def _export_clicked(self) -> None:
        """Export: a file typed into the field that already exists is replaced only on yes."""
        target = Path(self.path_edit.text()).expanduser()
        if not confirm_overwrite(self, target, self._confirmed):
            return
        self.start(target)

    def _browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("PDF opslaan als"), self.path_edit.text(), _("PDF-bestanden (*.pdf)"))
        if name:  # the file dialog has asked about replacing it already
            name = name if name.lower().endswith(".pdf") else name + ".pdf"
            self.path_edit.setText(name)
            self._confirmed = Path(name)

    @property
    def running(self) -> bool:
        return not self.export_button.isEnabled() and self.result_path is None \
            and self.error is None

    def start(self, path: Path | None = None) -> None:
        """Render and write the PDF on the thread pool; the dialog shows progress."""
        target = Path(path or self.path_edit.text()).expanduser()
        self.path_edit.setText(str(target))
        language = self.language.currentData()
        doc = self.doc
        snapshot = doc.toets.model_copy(deep=True)
        form, rubric, notes = doc.form, doc.rubric, list(doc.warnings)
        width = int(PREVIEW_WIDTH * self.devicePixelRatioF())
        self.result_path, self.error = None, None
        self.export_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.problem.show_message("")
        self.progress.show()
        self.progress.setRange(0, 0)
        self.status.setText(_("PDF opmaken…"))

        def work(report: Report) -> tuple[Path, list]:
            from toetsapp.export import render_toets_pdf

            pdf = render_toets_pdf(snapshot, form, rubric, language=language,
                                   toets_bytes=toets_json(snapshot).encode("utf-8"),
                                   notes=notes, signature_rows=checked_rows(snapshot, language))
            report(0, 1, _("PDF opslaan…"))
            atomic_write_bytes(target, pdf)
            return target, render_pages(pdf, width, report)

        BackgroundTask(work).success(self._done).failure(self._failed) \
            .progress(self._progress).run()

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(text)

    def _done(self, result: tuple[Path, list]) -> None:
        path, images = result
        self.result_path = self._confirmed = path
        settings.export_folder.set(str(path.parent))
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        if images:
            self.status.setText(ngettext("PDF gemaakt: {file} ({n} pagina)",
                                         "PDF gemaakt: {file} ({n} pagina's)", len(images))
                                .format(file=path, n=len(images)))
            self._show_preview(images)
        else:  # no renderer available on this machine: the PDF itself is fine
            self.status.setText(_("PDF gemaakt: {file}. Een voorbeeld kan hier niet worden "
                                  "getoond; kies ‘PDF openen’.").format(file=path))
        self.export_button.setEnabled(True)
        self.close_button.setEnabled(True)
        for button in (self.folder_button, self.open_button):
            button.setEnabled(True)
        self.folder_button.setFocus()

    def _failed(self, error: Exception) -> None:
        self.error = error.describe() if isinstance(error, FileProblem) else str(error)
        self.progress.hide()
        self.status.setText("")
        self.problem.show_message(_("De PDF kon niet worden gemaakt.") + "\n" + self.error)
        self.export_button.setEnabled(True)
        self.close_button.setEnabled(True)

    def _show_preview(self, images: list) -> None:
        pages = QWidget(self.preview)
        column = QVBoxLayout(pages)
        column.setSpacing(12)
        ratio = self.devicePixelRatioF()
        for number, image in enumerate(images, start=1):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            page = QLabel(pages)
            page.setPixmap(pixmap)
            page.setAccessibleName(_("Pagina {n}").format(n=number))
            page.setStyleSheet("border: 1px solid palette(mid); background: white;")
            column.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
        self.preview.setWidget(pages)
        self.preview.show()
        self.resize(max(self.width(), PREVIEW_WIDTH + 120), max(self.height(), 820))

    def reject(self) -> None:
        """Escape or Close: not while the PDF is still being made."""
        if self.close_button.isEnabled():
            super().reject()

    def open_folder(self) -> None:
        if self.result_path is not None:
            self._open_url(self.result_path.parent)

    @staticmethod
    def _open_url(path: Path | None) -> None:
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
