"""The main window: start screen or the open toets, with score and problems panels."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from toetsapp.catalog import Catalog
from toetsapp.files.locking import release
from toetsapp.i18n import _, current_language
from toetsapp.ui import settings
from toetsapp.ui.actions import build_menus, create_actions
from toetsapp.ui.autosave import Autosaver, Session
from toetsapp.ui.autosavestatus import AutosaveStatus
from toetsapp.ui.document import Document
from toetsapp.ui.docview import DocumentView
from toetsapp.ui.fileops import FileOps
from toetsapp.ui.panelops import PanelOps
from toetsapp.ui.problems import ProblemsPanel
from toetsapp.ui.reviewops import ReviewOps
from toetsapp.ui.scorepanel import ScorePanel
from toetsapp.ui.signing import SigningWatch
from toetsapp.ui.startscreen import StartScreen
from toetsapp.ui.theme import apply_theme
from toetsapp.ui.toolops import ToolOps
from toetsapp.ui.wiring import connect_document, disconnect_document


class MainWindow(FileOps, PanelOps, ToolOps, ReviewOps, QMainWindow):
    """One window, one toets at a time; the start screen when none is open."""

    def __init__(self, catalog: Catalog, session: Session,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog, self.session = catalog, session
        self.language = current_language()
        self.doc: Document | None = None
        self.view: DocumentView | None = None
        self.scores: ScorePanel | None = None
        self.problems: ProblemsPanel | None = None
        self.signing: SigningWatch | None = None
        self.tools: dict[str, QWidget] = {}  # the comparison window, the dossier editor
        self.autosaver = Autosaver(session, self)
        self.autosave_label = AutosaveStatus(self)
        self.autosaver.sig_autosaved.connect(self._autosaved)
        self.autosaver.sig_failed.connect(self.autosave_label.failed)
        self.autosaver.sig_cleared.connect(self.autosave_label.clear)
        self.setWindowTitle("Toetsapp")
        self.actions = create_actions(self)
        self.recent_menu = build_menus(self, self.actions)
        self._start: StartScreen | None = None
        self.central = QStackedWidget(self)
        self.setCentralWidget(self.central)
        self.score_dock = self._dock("scores", _("Scores"), Qt.DockWidgetArea.RightDockWidgetArea)
        self.problems_dock = self._dock("problems", _("Problemen"),
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.statusBar().addPermanentWidget(self.autosave_label)
        self._connect_actions()
        self._focus_connected = False
        self._docks_sized = False
        self._problems_before = -1  # errors at the last count (-1: none counted yet)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)
        self.resize(1360, 880)
        self.restoreGeometry(settings.window_geometry.get())
        self.refresh_recent(settings.recent_files.get())
        self._sync_actions()

    def _dock(self, name: str, title: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        self.panels_menu.addAction(dock.toggleViewAction())  # type: ignore[attr-defined]
        dock.hide()
        return dock

    def _connect_actions(self) -> None:
        a = self.actions
        a.new.triggered.connect(self.choose_new)
        a.open.triggered.connect(self.open_dialog)
        a.save.triggered.connect(self.save)
        a.save_as.triggered.connect(lambda: self.save_as())
        a.export_pdf.triggered.connect(self.export_pdf)
        a.sign.triggered.connect(self.sign)
        a.compare.triggered.connect(lambda: self.open_tool("comparison"))
        a.dossier.triggered.connect(lambda: self.open_tool("dossier"))
        a.diff_file.triggered.connect(lambda: self.compare_with_file())
        a.diff_signature.triggered.connect(lambda: self.compare_with_signature())
        a.merge_copy.triggered.connect(lambda: self.merge_copy())
        a.question_comments.triggered.connect(lambda: self.current_question_dialog("comments"))
        a.question_history.triggered.connect(lambda: self.current_question_dialog("history"))
        a.upgrade_form.triggered.connect(lambda: self.upgrade_form())
        a.close.triggered.connect(self.close_document)
        a.undo.triggered.connect(lambda: self.doc and self.doc.undo_stack.undo())
        a.redo.triggered.connect(lambda: self.doc and self.doc.undo_stack.redo())
        a.quit.triggered.connect(self.close)
        a.override_verdict.triggered.connect(lambda: self.override(None))
        a.data_page.triggered.connect(lambda: self.view and self.view.go_to(0, focus=True))
        a.next_section.triggered.connect(lambda: self.view and self.view.step(1))
        a.previous_section.triggered.connect(lambda: self.view and self.view.step(-1))
        a.next_problem.triggered.connect(self.next_problem)
        a.focus_navigator.triggered.connect(lambda: self.view and self.view.navigator.setFocus())
        a.focus_page.triggered.connect(lambda: self.view and self.view.go_to(
            self.view.current_row(), focus=True))
        a.focus_scores.triggered.connect(lambda: self._focus_dock(self.score_dock))
        a.focus_problems.triggered.connect(lambda: self._focus_dock(self.problems_dock))
        a.about.triggered.connect(self.about)
        self.connect_tools()

    # --- the document ------------------------------------------------------------------
    def set_document(self, doc: Document) -> None:
        """Show ``doc`` (the previous one must be closed already)."""
        self.doc = doc
        self.view = DocumentView(doc, self.central)
        self.view.splitter.restoreState(settings.splitter_state.get())
        self.central.addWidget(self.view)
        self.central.setCurrentWidget(self.view)
        self.scores = ScorePanel(doc.rubric, self.language, self.score_dock)
        self.problems = ProblemsPanel(doc.form, self.language, self.problems_dock)
        self.score_dock.setWidget(self.scores)
        self.problems_dock.setWidget(self.problems)
        self.score_dock.show()
        self.problems_dock.show()
        if settings.window_state.get():  # the panels as the user left them
            self.restoreState(settings.window_state.get())
        elif not self._docks_sized:  # a narrow window gives the questions the most room
            unit = self.fontMetrics().averageCharWidth()
            need = (self.scores.widget().minimumSizeHint().width()
                    + self.scores.verticalScrollBar().sizeHint().width())
            self.resizeDocks([self.score_dock],
                             [min(unit * 62, max(self.width() * 3 // 10, need))],
                             Qt.Orientation.Horizontal)
            self.resizeDocks([self.problems_dock], [self.fontMetrics().lineSpacing() * 9],
                             Qt.Orientation.Vertical)
        self._docks_sized = True
        connect_document(self, doc)
        self.signing = SigningWatch(doc, self.view.signature_banner, self)
        self.scores.apply_evaluation(doc.evaluation, flash=False)
        self._problems_before = -1
        self.problems.apply_evaluation(doc.evaluation)
        self.autosaver.attach(doc)
        if not self._focus_connected:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.focusChanged.connect(self._focus_changed)
                self._focus_connected = True
        self._sync_actions()
        self.update_title()

    def clear_document(self) -> None:
        if self.doc is None:
            return
        assert self.view is not None
        settings.splitter_state.set(bytes(self.view.splitter.saveState().data()))
        settings.window_state.set(bytes(self.saveState().data()))
        disconnect_document(self, self.doc)
        if self.doc.lock is not None:  # never someone else's: release checks the owner
            release(self.doc.lock)
            self.doc.lock = None
        for widget in (self.view, self.scores, self.problems):
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.central.removeWidget(self.view)
        self.score_dock.hide()
        self.problems_dock.hide()
        if self.signing is not None:
            self.signing.stop()
            self.signing.deleteLater()
            self.signing = None
        self.doc.deleteLater()
        self.doc = self.view = self.scores = self.problems = None
        self.central.setCurrentWidget(self.start)
        self.refresh_start()
        self._sync_actions()
        self.update_title()

    def _focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        if self.doc is not None:
            self.doc.break_merge()

    def _scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        """The system switched between light and dark while Toetsapp runs."""
        app = QApplication.instance()
        if isinstance(app, QApplication) and settings.theme.get() == "system":
            apply_theme(app, "system")

    def update_title(self) -> None:
        doc = self.doc
        if doc is None:
            self.setWindowTitle("Toetsapp")
            self.setWindowModified(False)
            return
        read_only = " " + _("(alleen-lezen)") if doc.read_only else ""
        self.setWindowTitle(f"{doc.display_name()}[*]{read_only} — "
                            f"{doc.form.title.get(self.language)}")
        self.setWindowModified(doc.modified)

    def _sync_actions(self) -> None:
        for action in self.actions.document_actions():
            action.setEnabled(self.doc is not None)
        if self.doc is None:
            self.actions.undo.setEnabled(False)
            self.actions.redo.setEnabled(False)
        self.actions.override_verdict.setEnabled(self.doc is not None
                                                 and self.doc.rubric is not None)

    # --- start screen and recent files -------------------------------------------------
    @property
    def start(self) -> StartScreen:
        """The start screen, built the first time it is needed."""
        if self._start is None:
            start = self._start = StartScreen(self.catalog, self.language, self.central)
            start.sig_new_requested.connect(self.new_toets)
            start.sig_open_requested.connect(self.open_dialog)
            start.sig_open_path.connect(lambda text: self.open_path(Path(text)))
            start.sig_restore_requested.connect(self.restore)
            start.sig_discard_requested.connect(self.discard_recovered)
            self.central.insertWidget(0, start)
            start.set_recent(settings.recent_files.get())
            self.refresh_start()
        return self._start

    def showEvent(self, event: QShowEvent) -> None:
        if self.doc is None:
            self.central.setCurrentWidget(self.start)
        super().showEvent(event)

    def refresh_start(self) -> None:
        if self._start is None:
            return
        titles = {f.id: f.title.get(self.language) for f in self.catalog.forms.values()}
        self._start.set_recoveries(self.session.orphans(), titles)

    def refresh_recent(self, paths: list[str]) -> None:
        if self._start is not None:
            self._start.set_recent(paths)
        self.recent_menu.clear()
        for index, text in enumerate(paths, start=1):
            action = self.recent_menu.addAction(f"&{index % 10} {Path(text).name}")
            action.setStatusTip(text)
            action.triggered.connect(lambda _c=False, t=text: self.open_path(Path(t)))
        self.recent_menu.setEnabled(bool(paths))

    def choose_new(self) -> None:
        """File > New: the start screen's cards are the choice of toets type."""
        if self.close_document():
            self.start.focus_first()

    # --- status ------------------------------------------------------------------------
    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def _autosaved(self, _generation: int) -> None:
        if self.autosaver.last_saved is not None:
            self.autosave_label.saved(self.autosaver.last_saved)

    def export_pdf(self) -> None:
        if self.doc is None:
            return
        from toetsapp.ui.exporting import ExportDialog

        ExportDialog(self.doc, self).exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        tools = [t for t in self.tools.values() if shiboken6.isValid(t) and t.isVisible()]
        if not all(tool.close() for tool in tools) or not self.close_document():
            event.ignore()
            return
        settings.window_geometry.set(bytes(self.saveGeometry().data()))
        settings.sync()
        event.accept()
