"""Ctrl+P: the PDF of the toets in a preview that fills while it renders, then print it
(QPrintDialog) or save it. Page navigation and zoom; nothing is written unless asked.

The PDF is made on the thread pool from a copy of the toets; pages are rasterised one
by one (each as its own background step), so the first page shows while the rest of
the document is still being prepared.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from toetsapp.errors import FileProblem
from toetsapp.files.atomic import atomic_write_bytes
from toetsapp.files.store import toets_json
from toetsapp.i18n import _
from toetsapp.ui.document import Document
from toetsapp.ui.exporting import checked_rows
from toetsapp.ui.pdfpreview import page_image
from toetsapp.ui.tasks import BackgroundTask, Report
from toetsapp.ui.widgets import ErrorLabel, muted

BASE_WIDTH = 900  # page images are rendered this wide and scaled for the zoom
ZOOMS = (50, 75, 100, 125, 150, 200)
PRINT_DPI = 150


class PrintPreview(QDialog):
    """The toets's PDF page by page while it is made; Print… and Save as PDF…."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.pdf: bytes | None = None
        self.pages: list[QImage] = []
        self.page_count = 0
        self.error: str | None = None
        self.setWindowTitle(_("Afdrukvoorbeeld"))
        self.status = muted(_("PDF opmaken…"), self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(_("Voortgang van het afdrukvoorbeeld"))
        self.problem = ErrorLabel(self)
        self.view = QScrollArea(self)
        self.view.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.view.setAccessibleName(_("Voorbeeld van de PDF"))
        self.page_label = QLabel(self.view)
        self.page_label.setStyleSheet("border: 1px solid palette(mid); background: white;")
        self.view.setWidget(self.page_label)
        self.page_box = QSpinBox(self)
        self.page_box.setRange(1, 1)
        self.page_box.setAccessibleName(_("Pagina"))
        self.page_box.valueChanged.connect(lambda _n: self._show())
        self.of_label = QLabel("", self)
        self.previous_button = QPushButton(_("← &Vorige"), self)
        self.next_button = QPushButton(_("V&olgende →"), self)
        self.previous_button.clicked.connect(lambda: self.go(self.page_box.value() - 1))
        self.next_button.clicked.connect(lambda: self.go(self.page_box.value() + 1))
        self.zoom = QComboBox(self)
        for percent in ZOOMS:
            self.zoom.addItem(f"{percent}%", percent)
        self.zoom.setCurrentIndex(ZOOMS.index(75))
        self.zoom.setAccessibleName(_("Zoom"))
        self.zoom.currentIndexChanged.connect(lambda _i: self._show())
        page_caption = QLabel(_("&Pagina:"), self)
        page_caption.setBuddy(self.page_box)
        zoom_caption = QLabel(_("&Zoom:"), self)
        zoom_caption.setBuddy(self.zoom)
        navigation = QHBoxLayout()
        for widget in (self.previous_button, page_caption, self.page_box, self.of_label,
                       self.next_button):
            navigation.addWidget(widget)
        navigation.addStretch(1)
        navigation.addWidget(zoom_caption)
        navigation.addWidget(self.zoom)
        self.print_button = QPushButton(_("&Afdrukken…"), self)
        self.save_button = QPushButton(_("Opslaan als &PDF…"), self)
        close = QPushButton(_("Sluiten"), self)
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.problem)
        layout.addLayout(navigation)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._enable()
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(820, screen.width() - 40) if screen else 820,
                    min(900, screen.height() - 60) if screen else 900)

    # --- making the PDF and its pages ----------------------------------------------------
    def start(self) -> None:
        """Render the PDF of the document as it is now, off the GUI thread."""
        doc = self.doc
        snapshot = doc.toets.model_copy(deep=True)
        form, rubric, notes = doc.form, doc.rubric, list(doc.warnings)
        language = snapshot.language

        def work(_report: Report) -> tuple[bytes, int]:
            import pypdfium2

            from toetsapp.export import render_toets_pdf

            pdf = render_toets_pdf(snapshot, form, rubric, language=language,
                                   toets_bytes=toets_json(snapshot).encode("utf-8"),
                                   notes=notes, signature_rows=checked_rows(snapshot, language))
            document = pypdfium2.PdfDocument(pdf)
            try:
                return pdf, len(document)
            finally:
                document.close()

        BackgroundTask(work).success(self._made).failure(self._failed).run()

    def _made(self, result: tuple[bytes, int]) -> None:
        self.pdf, self.page_count = result
        self.page_box.setRange(1, max(1, self.page_count))
        self.progress.setRange(0, self.page_count)
        self._render_next()

    def _render_next(self) -> None:
        """Rasterise the next page in the background; show it as soon as it is there."""
        pdf, index = self.pdf, len(self.pages)
        if pdf is None or index >= self.page_count:
            self.progress.hide()
            self.status.setText(_("{n} pagina's. Kies Afdrukken of Opslaan als PDF.")
                                .format(n=self.page_count))
            self._enable()
            return
        self.status.setText(_("Voorbeeld maken: pagina {n} van {total}")
                            .format(n=index + 1, total=self.page_count))

        def work(_report: Report) -> QImage:
            return page_image(pdf, index, BASE_WIDTH)

        BackgroundTask(work).success(self._page_ready).failure(self._failed).run()

    def _page_ready(self, image: QImage) -> None:
        self.pages.append(image)
        self.progress.setValue(len(self.pages))
        if len(self.pages) == 1 or self.page_box.value() == len(self.pages):
            self._show()
        self._enable()
        self._render_next()

    def _failed(self, error: Exception) -> None:
        self.error = error.describe() if isinstance(error, FileProblem) else str(error)
        self.progress.hide()
        self.status.setText("")
        self.problem.show_message(_("De PDF kon niet worden gemaakt.") + "\n" + self.error)

    @property
    def complete(self) -> bool:
        return self.pdf is not None and len(self.pages) == self.page_count

    # --- navigation and zoom ---------------------------------------------------------------
    def go(self, number: int) -> None:
        self.page_box.setValue(max(1, min(number, self.page_count or 1)))

    def set_zoom(self, percent: int) -> None:
        self.zoom.setCurrentIndex(ZOOMS.index(percent))

    def _show(self) -> None:
        number = self.page_box.value()
        self.of_label.setText(_("van {total}").format(total=self.page_count or "…"))
        if number > len(self.pages):
            self.page_label.setText(_("Pagina {n} wordt nog gemaakt…").format(n=number))
            self.page_label.adjustSize()
            return
        image = self.pages[number - 1]
        ratio = self.devicePixelRatioF()
        width = round(BASE_WIDTH * (self.zoom.currentData() or 100) / 100 * ratio)
        pixmap = QPixmap.fromImage(image.scaledToWidth(
            width, Qt.TransformationMode.SmoothTransformation))
        pixmap.setDevicePixelRatio(ratio)
        self.page_label.setPixmap(pixmap)
        self.page_label.setAccessibleName(_("Pagina {n}").format(n=number))
        self.page_label.adjustSize()
        self._enable()

    def _enable(self) -> None:
        number = self.page_box.value()
        self.previous_button.setEnabled(number > 1)
        self.next_button.setEnabled(number < self.page_count)
        self.print_button.setEnabled(self.complete)
        self.save_button.setEnabled(self.pdf is not None)

    def keyPressEvent(self, event: object) -> None:
        key = event.key()  # type: ignore[attr-defined]
        if key == Qt.Key.Key_PageDown:
            self.go(self.page_box.value() + 1)
        elif key == Qt.Key.Key_PageUp:
            self.go(self.page_box.value() - 1)
        else:
            super().keyPressEvent(event)  # type: ignore[arg-type]

    # --- printing and saving ---------------------------------------------------------------
    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.doc.display_name())
        printer.setFromTo(1, self.page_count)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Toets afdrukken"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print every page (or the chosen range) on ``printer``; returns pages printed."""
        if self.pdf is None:
            return 0
        first = printer.fromPage() or 1
        last = printer.toPage() or self.page_count
        painter = QPainter()
        if not painter.begin(printer):
            self.problem.show_message(_("De printer kon niet worden geopend."))
            return 0
        printed = 0
        try:
            area = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            for index in range(first - 1, min(last, self.page_count)):
                if printed:
                    printer.newPage()
                width_px = round(area.width() / printer.resolution() * PRINT_DPI)
                image = page_image(self.pdf, index, width_px)
                scale = min(area.width() / image.width(), area.height() / image.height())
                target = QRectF(0, 0, image.width() * scale, image.height() * scale)
                painter.drawImage(target, image)
                printed += 1
        finally:
            painter.end()
        return printed

    def save_dialog(self) -> None:
        if self.pdf is None:
            return
        start = (self.doc.path.with_suffix(".pdf") if self.doc.path is not None
                 else Path.home() / "toets.pdf")
        name, _filter = QFileDialog.getSaveFileName(self, _("PDF opslaan als"), str(start),
                                                    _("PDF-bestanden (*.pdf)"))
        if name:  # the file dialog itself asks before replacing a file
            self.save_to(Path(name if name.lower().endswith(".pdf") else name + ".pdf"))

    def save_to(self, path: Path) -> bool:
        try:
            assert self.pdf is not None
            atomic_write_bytes(path, self.pdf)
        except (OSError, FileProblem) as error:
            self.problem.show_message(_("Opslaan mislukt: {error}").format(error=error))
            return False
        self.status.setText(_("Opgeslagen: {file}").format(file=path))
        return True


def open_preview(doc: Document, parent: QWidget) -> PrintPreview:
    """Ctrl+P: the preview opens at once and fills while the PDF is made."""
    preview = PrintPreview(doc, parent)
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    preview.show()
    preview.start()
    return preview
