"""Search, help and print commands of the main window (Ctrl+F, filters, F1, Ctrl+P)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from toetsapp import __version__
from toetsapp.i18n import _
from toetsapp.search import Filter

if TYPE_CHECKING:
    from toetsapp.ui.help import HelpWindow
    from toetsapp.ui.mainwindow import MainWindow
    from toetsapp.ui.printing import PrintPreview


class ToolOps:
    """Mixin for :class:`MainWindow` (``self`` is the window)."""

    help_window: HelpWindow | None = None
    preview: PrintPreview | None = None

    def connect_tools(self: MainWindow) -> None:
        self.setAcceptDrops(True)  # a .toets dropped onto the window opens
        a = self.actions
        a.find.triggered.connect(lambda: self.find())
        a.only_unanswered.triggered.connect(lambda: self.find("unanswered"))
        a.only_invalid.triggered.connect(lambda: self.find("invalid"))
        a.only_commented.triggered.connect(lambda: self.find("commented"))
        a.print.triggered.connect(self.print_preview)
        a.help_question.triggered.connect(lambda: self.show_help("question"))
        a.help_shortcuts.triggered.connect(lambda: self.show_help("shortcuts"))
        a.help_guide.triggered.connect(lambda: self.show_help("guide"))

    # --- files dropped onto the window -----------------------------------------------------
    @staticmethod
    def dropped_toetsen(mime: QMimeData) -> list[Path]:
        """The local ``.toets`` files in a drag (others are ignored)."""
        if not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls()
                if url.isLocalFile() and url.toLocalFile().lower().endswith(".toets")]

    def dragEnterEvent(self: MainWindow, event: QDragEnterEvent) -> None:
        if self.dropped_toetsen(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self: MainWindow, event: QDropEvent) -> None:
        """Open the first dropped toets (one window shows one toets at a time)."""
        files = self.dropped_toetsen(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        # after the drop has finished: opening may ask about unsaved changes, and a modal
        # question inside the drag-and-drop handler would hold up the drag source
        QTimer.singleShot(0, lambda: self.open_path(files[0]))

    def find(self: MainWindow, kind: Filter | None = None) -> None:
        """Ctrl+F: open the search panel (optionally with a filter chosen)."""
        if self.view is None:
            return
        if kind is not None:
            self.view.search.set_filter(kind)
        self.view.search.open_panel()

    def current_question(self: MainWindow) -> str | None:
        """The question whose card holds the keyboard focus (or was last shown)."""
        from toetsapp.ui.question import QuestionWidget

        widget: QWidget | None = QApplication.focusWidget()
        while widget is not None:
            if isinstance(widget, QuestionWidget):
                return widget.question.id
            widget = widget.parentWidget()
        if self.view is None or self.view.current_row() == 0:
            return None
        page = self.view.page(self.view.current_row())
        return page.first_visible_question()

    def show_help(self: MainWindow, tab: str = "question") -> HelpWindow:
        """F1: help for the current question; also the shortcuts and the first-toets guide."""
        from toetsapp.ui.help import HelpWindow

        question = self.current_question() if tab == "question" else None
        window = self.help_window
        if window is None or not shiboken6.isValid(window):
            actions = [a for a in self.actions.all() if not a.shortcut().isEmpty()]
            window = self.help_window = HelpWindow(actions, self.language, self)
        if tab == "question":
            window.show_question(self.doc, question)
            if question is None and self.doc is None:
                tab = "guide"
        window.show_tab(tab)
        return window

    def print_preview(self: MainWindow) -> PrintPreview | None:
        """Ctrl+P: the preview fills while the PDF is made; print or save from there."""
        if self.doc is None:
            return None
        from toetsapp.ui.printing import open_preview

        self.preview = open_preview(self.doc, self)
        return self.preview

    def sign(self: MainWindow) -> None:
        """Sign what is on disk: saved first, and the signature saved at once (the
        dialog then shows the outcome until it is closed)."""
        from toetsapp.ui.signing import SignDialog

        doc = self.doc
        ready = doc is not None and (not (doc.modified or doc.path is None) or self.save())
        if ready:
            SignDialog(doc, self, on_signed=lambda: self.doc is doc and self.save()).exec()

    # --- other windows -------------------------------------------------------------------
    def open_tool(self: MainWindow, kind: str) -> QWidget:
        """The comparison window or the dossier editor: one of each, raised when open."""
        from toetsapp.ui.comparing import ComparisonWindow
        from toetsapp.ui.dossier import DossierEditor

        tool = self.tools.get(kind)
        if tool is None or not shiboken6.isValid(tool) or not tool.isVisible():
            maker = ComparisonWindow if kind == "comparison" else DossierEditor
            tool = self.tools[kind] = maker(self)
            tool.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        tool.show()
        tool.raise_()
        tool.activateWindow()
        return tool

    def about(self: MainWindow) -> None:
        QMessageBox.about(self, _("Over Toetsapp"), _(
            "<h3>Toetsapp {version}</h3><p>Uniforme uitvoerbaarheids-, doenvermogen- en "
            "invoeringstoetsen van wetgeving. Werkt volledig offline; je werk wordt "
            "automatisch bewaard.</p>").format(version=__version__))
