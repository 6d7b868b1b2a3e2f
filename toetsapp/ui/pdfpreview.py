"""Page images of a PDF for the built-in preview.

PySide6-Essentials has no QtPdf, so pages are rasterised with pypdfium2 (a small,
self-contained wheel that also works in the frozen Windows/macOS build), falling
back to poppler's ``pdftoppm`` when pypdfium2 is missing. Safe off the GUI thread:
it makes QImages, never QPixmaps or widgets.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QImage

from toetsapp.i18n import _

Report = Callable[[int, int, str], None]


def render_pages(pdf: bytes, width_px: int, report: Report | None = None,
                 limit: int = 200) -> list[QImage]:
    """Every page (up to ``limit``) as an image ``width_px`` wide."""
    try:
        import pypdfium2
    except ImportError:
        return _with_pdftoppm(pdf, width_px, report, limit)
    document = pypdfium2.PdfDocument(pdf)
    try:
        count = min(len(document), limit)
        images = []
        for index in range(count):
            if report:
                report(index, count, _("Voorbeeld maken: pagina {n} van {total}")
                       .format(n=index + 1, total=count))
            page = document[index]
            scale = width_px / page.get_width()
            bitmap = page.render(scale=scale, rev_byteorder=True)
            fmt = (QImage.Format.Format_RGBA8888 if bitmap.n_channels == 4
                   else QImage.Format.Format_RGB888)
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, fmt)
            images.append(image.copy())
            page.close()
        return images
    finally:
        document.close()


def _with_pdftoppm(pdf: bytes, width_px: int, report: Report | None,
                   limit: int) -> list[QImage]:
    tool = shutil.which("pdftoppm")
    if tool is None:
        return []
    with tempfile.TemporaryDirectory(prefix="toetsapp-preview-") as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        if report:
            report(0, 1, _("Voorbeeld maken…"))
        subprocess.run([tool, "-png", "-l", str(limit), "-scale-to-x", str(width_px),
                        "-scale-to-y", "-1", str(source), str(Path(folder) / "p")],
                       check=True, capture_output=True, timeout=120)
        return [QImage(str(p)) for p in sorted(Path(folder).glob("p-*.png"))]


def page_image(pdf: bytes, index: int, width_px: int) -> QImage:
    """One page of ``pdf`` as an image ``width_px`` wide (safe off the GUI thread)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[index]
        bitmap = page.render(scale=width_px / page.get_width(), rev_byteorder=True)
        fmt = (QImage.Format.Format_RGBA8888 if bitmap.n_channels == 4
               else QImage.Format.Format_RGB888)
        image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                       fmt).copy()
        page.close()
        return image
    finally:
        document.close()
