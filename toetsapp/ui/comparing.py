"""Toetsen side by side: pick .toets files and Toetsapp PDFs, compare, export to PDF.

The comparison itself is :func:`toetsapp.dossier.comparison_of_files` (the same data
as ``toetsapp compare`` and the dossier), computed off the GUI thread. A file that
cannot be used is named in a message and left out; the others stay compared.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from toetsapp.dossier.comparison import Comparison, ComparisonTable
from toetsapp.errors import FileProblem
from toetsapp.i18n import _, ngettext
from toetsapp.ui import settings
from toetsapp.ui.compareexport import CompareExport, describe_error
from toetsapp.ui.comparegrid import ComparisonGrid
from toetsapp.ui.tasks import BackgroundTask, Report
from toetsapp.ui.widgets import ErrorLabel, heading, muted

FILTER = "*.toets *.pdf"


class ComparisonWindow(CompareExport, QDialog):
    """A window of its own (not modal): the files on the left, the tables on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Toetsen vergelijken"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.paths: list[Path] = []
        self.comparison: Comparison | None = None
        self.grids: list[ComparisonGrid] = []
        self.loading = False
        self.exporting = False
        self.export_path: Path | None = None
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._file_panel(splitter))
        splitter.addWidget(self._table_panel(splitter))
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 1000])
        layout.addWidget(splitter, 1)
        layout.addLayout(self._export_row())
        self.resize(1280, 800)
        self._refresh()

    # --- layout ------------------------------------------------------------------------
    def _file_panel(self, parent: QWidget) -> QWidget:
        panel = QWidget(parent)
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 8, 0)
        label = QLabel(_("&Toetsen in de vergelijking:"), panel)
        self.files = QListWidget(panel)
        self.files.setAccessibleName(_("Toetsen in de vergelijking"))
        label.setBuddy(self.files)
        column.addWidget(label)
        column.addWidget(self.files, 1)
        self.add_button = QPushButton(_("&Toevoegen…"), panel)
        self.add_button.setToolTip(_("Kies .toets-bestanden of PDF's die Toetsapp heeft gemaakt"))
        self.remove_button = QPushButton(_("Ver&wijderen"), panel)
        self.remove_button.setToolTip(_("Haal de gekozen toets uit de vergelijking (Delete)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        column.addLayout(buttons)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.files)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        self.files.currentRowChanged.connect(lambda _row: self._sync_buttons())
        return panel

    def _table_panel(self, parent: QWidget) -> QWidget:
        panel = QWidget(parent)
        column = QVBoxLayout(panel)
        column.setContentsMargins(8, 0, 0, 0)
        column.addWidget(heading(_("Vergelijking"), 1.3, panel))
        self.only_differences = QCheckBox(_("Alleen &verschillen"), panel)
        self.only_differences.setAccessibleName(_("Alleen verschillen tonen"))
        self.only_differences.setToolTip(_("Verberg de rijen waarin alle toetsen hetzelfde "
                                           "zeggen"))
        self.only_differences.toggled.connect(self._apply_filter)
        column.addWidget(self.only_differences)
        column.addWidget(muted(_("● kritieke dimensie · ✱ aangepast door de toetser (het berekende "
                                 "niveau eronder) · — niet ingevuld · n.v.t.: bestaat niet voor "
                                 "deze soort toets"), panel))
        self.problem = ErrorLabel(panel)
        self.problem.setAccessibleName(_("Problemen met bestanden"))
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = muted("", panel)
        self.notes.hide()
        column.addWidget(self.problem)
        column.addWidget(self.notes)
        self.placeholder = muted(_("Nog niets te vergelijken. Kies ‘Toevoegen…’ en selecteer "
                                   ".toets-bestanden of PDF's die Toetsapp heeft gemaakt."),
                                 panel)
        column.addWidget(self.placeholder)
        self.tabs = QTabWidget(panel)
        self.tabs.setAccessibleName(_("Tabellen van de vergelijking"))
        self.tabs.setDocumentMode(True)
        column.addWidget(self.tabs, 1)
        return panel

    # --- files -------------------------------------------------------------------------
    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, _("Toetsen kiezen om te vergelijken"), settings.last_folder.get(),
            _("Toetsen en Toetsapp-PDF's ({patterns})").format(patterns=FILTER))
        if names:
            settings.last_folder.set(str(Path(names[0]).parent))
            self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> None:
        """Add files to the comparison (a file already in it is named and skipped)."""
        known = {p.resolve() for p in self.paths}
        fresh, twice = [], []
        for path in map(Path, paths):
            if path.resolve() in known:
                twice.append(path)
            else:
                known.add(path.resolve())
                fresh.append(path)
        notes = [_("Bestand {file}:").format(file=p) + "\n  - " + _("staat al in de vergelijking")
                 for p in twice]
        if fresh:
            self._load([*self.paths, *fresh], notes)
        else:
            self.problem.show_message("\n".join(notes))

    def remove_selected(self) -> None:
        row = self.files.currentRow()
        if 0 <= row < len(self.paths) and not self.loading:
            self._load([p for n, p in enumerate(self.paths) if n != row], [])

    def set_paths(self, paths: list[Path]) -> None:
        """Compare exactly ``paths`` (replacing what is shown)."""
        self._load([Path(p) for p in paths], [])

    def _load(self, candidate: list[Path], notes: list[str]) -> None:
        if not candidate:
            self._shown([], None, [], notes)
            return
        self.loading = True
        self._busy(_("Toetsen lezen en vergelijken…"))

        # imported here on the GUI thread: a first import inside a worker thread can
        # crash PySide6 (shiboken's import hook)
        import toetsapp.signing  # noqa: F401  (imported lazily by comparison_of_files)
        from toetsapp.dossier import comparison_of_files

        def work(_report: Report) -> tuple[Comparison, list[str]]:
            return comparison_of_files(candidate)

        def failed(error: Exception) -> None:
            bad = {Path(p.file) for p in getattr(error, "problems", [])}
            if isinstance(error, FileProblem):
                bad.add(error.file)
            messages = [*notes, describe_error(error)]
            keep = [p for p in candidate if p not in bad]
            if bad and len(keep) < len(candidate):
                self._load(keep, messages)  # the rest still compares
            else:
                self.loading = False
                self._idle("")
                self.problem.show_message("\n".join(messages))
                self._sync_buttons()

        BackgroundTask(work).success(
            lambda result: self._shown(candidate, result[0], result[1], notes)
        ).failure(failed).run()

    def _shown(self, paths: list[Path], comparison: Comparison | None, warnings: list[str],
               notes: list[str]) -> None:
        self.loading = False
        self._idle("")
        self.paths, self.comparison = paths, comparison
        if notes:
            self.problem.show_message(_("Niet elk bestand kon worden vergeleken.") + "\n"
                                      + "\n".join(notes))
        else:
            self.problem.show_message("")
        self.notes.setText("\n".join(warnings))
        self.notes.setVisible(bool(warnings))
        self._refresh()

    # --- showing -----------------------------------------------------------------------
    def _refresh(self) -> None:
        current = self.tabs.currentIndex()
        self.files.clear()
        for number, path in enumerate(self.paths, start=1):
            self.files.addItem(f"{number}. {path.name}")
            self.files.item(number - 1).setToolTip(str(path))
        self.tabs.clear()
        self.grids = []
        comparison = self.comparison
        self.placeholder.setVisible(comparison is None)
        self.tabs.setVisible(comparison is not None)
        if comparison is not None:
            for table in comparison.tables:
                page = QWidget(self.tabs)
                column = QVBoxLayout(page)
                column.setContentsMargins(0, 6, 0, 0)
                hidden = muted("", page)
                hidden.hide()
                grid = ComparisonGrid(table, page)
                column.addWidget(hidden)
                column.addWidget(grid, 1)
                grid.setProperty("hidden_label", hidden)  # looked up by _apply_filter
                self.grids.append(grid)
                self.tabs.addTab(page, self._tab_title(comparison, table).replace("&", "&&"))
                self.tabs.setTabToolTip(self.tabs.count() - 1, table.title)
            self.tabs.setCurrentIndex(max(0, min(current, self.tabs.count() - 1)))
        self._apply_filter(self.only_differences.isChecked())
        self._sync_buttons()

    @staticmethod
    def _tab_title(comparison: Comparison, table: ComparisonTable) -> str:
        """'Overzicht' or the short name of the toets type with the number of toetsen."""
        if table is comparison.overview or not table.rows:
            return _("Overzicht")
        first = comparison.overview.rows[0]
        for row in comparison.overview.rows:
            if row.number == table.rows[0].number:
                first = row
        kind = first.cell("soort").text or table.title
        return f"{kind} ({len(table.rows)})"

    def _apply_filter(self, only: bool) -> None:
        for grid in self.grids:
            count = grid.show_only_differences(only)
            label = grid.property("hidden_label")
            if isinstance(label, QLabel):
                label.setText(ngettext(
                    "{n} rij verborgen: daarin zeggen alle toetsen hetzelfde.",
                    "{n} rijen verborgen: daarin zeggen alle toetsen hetzelfde.", count)
                    .format(n=count))
                label.setVisible(only and count > 0)

    def _sync_buttons(self) -> None:
        idle = not self.loading and not self.exporting
        self.add_button.setEnabled(idle)
        self.remove_button.setEnabled(idle and self.files.currentRow() >= 0)
        self.export_button.setEnabled(idle and self.comparison is not None)
        done = self.export_path is not None and not self.exporting
        self.folder_button.setEnabled(done)
        self.open_button.setEnabled(done)

    def _busy(self, text: str) -> None:
        self.progress.show()
        self.status.setText(text)
        self._sync_buttons()

    def _idle(self, text: str) -> None:
        self.progress.hide()
        self.status.setText(text)
        self._sync_buttons()

    def reject(self) -> None:
        """Escape closes the window, but not while a PDF is being written."""
        if not self.exporting:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.exporting:
            event.ignore()
            return
        super().closeEvent(event)
