"""The dossier editor: compose a dossier manifest (``*.dossier.json``) and make the PDF.

The manifest is the same file ``toetsapp bundle`` reads; validation, saving and
building are the dossier API's (:mod:`toetsapp.dossier`). The dossier PDF is built
off the GUI thread; then 'Map openen' and 'PDF openen', as after an export.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from toetsapp.errors import FileProblem, Issue
from toetsapp.i18n import _, ngettext
from toetsapp.ui.dossierform import DocumentList, DossierFields
from toetsapp.ui.dossierops import DossierOps
from toetsapp.ui.theme import tint
from toetsapp.ui.widgets import ErrorLabel, heading, muted


def new_data() -> dict[str, Any]:
    """An empty manifest, as JSON data."""
    return {"format": "toetsapp/dossier", "format_version": 1, "language": "nl",
            "dossier": {"dossiernummer": "", "title": "", "kamer": "II"}, "documents": []}


_DOCUMENT = re.compile(r"^\$\.documents\[(\d+)\](?:\.(\w+))?")


def readable_issue(issue: Issue) -> str:
    """A manifest problem for people: 'Document 3, bestand: …' instead of a JSON path."""
    found = _DOCUMENT.match(issue.path)
    if found is not None:
        fields = {"file": _("bestand"), "kind": _("soort"), "title": _("titel"),
                  "proposal": _("voorstel")}
        where = _("Document {n}").format(n=int(found.group(1)) + 1)
        if found.group(2):
            where += ", " + fields.get(found.group(2), found.group(2))
        return f"{where}: {issue.message}"
    if issue.path.startswith("$.dossier"):
        name = issue.path.removeprefix("$.dossier").lstrip(".").split(".")[0].split("[")[0]
        field = {"title": _("titel"), "joint_dossiernummers": _("samen behandeld met"),
                 "date": _("datum"), "coordinator": _("coördinator")}.get(
                     name, name.replace("_", " "))
        where = _("Dossier, {field}").format(field=field) if field else _("Dossier")
        return f"{where}: {issue.message}"
    if issue.path in ("", "$") or issue.path.startswith("$."):
        return issue.message
    return str(issue)


class DossierEditor(DossierOps, QDialog):
    """A window of its own: dossier data, documents in order, problems, 'Dossier maken'."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.path: Path | None = None
        self.modified = False
        self.building = False
        self.result_path: Path | None = None
        self.error: str | None = None
        self.problems: list[str] = []
        self.extra: dict[str, Any] = {}  # '$schema' and anything else kept as it was read
        layout = QVBoxLayout(self)
        layout.addLayout(self._file_row())
        self.fields = DossierFields(self)
        self.documents = DocumentList(self)
        self.documents.folder_of = lambda: self.path.parent if self.path else None
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        top = QWidget(splitter)
        top_column = QVBoxLayout(top)
        top_column.setContentsMargins(0, 0, 0, 0)
        top_column.addWidget(self.fields)
        lower = QWidget(splitter)
        lower_column = QVBoxLayout(lower)
        lower_column.setContentsMargins(0, 0, 0, 0)
        lower_column.addWidget(heading(_("Documenten, in volgorde"), 1.1, lower))
        lower_column.addWidget(muted(_("PDF's en toetsbestanden (.toets), in de map van het "
                                       "manifest of een submap daarvan. Een toets wordt bij het "
                                       "samenstellen als PDF opgemaakt."), lower))
        lower_column.addWidget(self.documents, 1)
        splitter.addWidget(top)
        splitter.addWidget(lower)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.issues = ErrorLabel(self)
        self.issues.setAccessibleName(_("Problemen in het dossier"))
        self.issues.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.issues)
        layout.addLayout(self._build_row())
        self.fields.sig_changed.connect(self._changed)
        self.documents.sig_changed.connect(self._changed)
        self.documents.sig_add_requested.connect(self.choose_documents)
        self._timer = QTimer(self, singleShot=True, interval=300)
        self._timer.timeout.connect(self.validate)
        self.load_data(new_data(), None)
        self.resize(1000, 820)

    # --- layout ------------------------------------------------------------------------
    def _file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.file_label = QLabel(self)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(heading(_("Dossier"), 1.3, self))
        row.addWidget(self.file_label, 1)
        self.new_button = QPushButton(_("&Nieuw"), self)
        self.open_button = QPushButton(_("&Openen…"), self)
        self.save_button = QPushButton(_("Op&slaan"), self)
        self.save_as_button = QPushButton(_("Opslaan &als…"), self)
        for button in (self.new_button, self.open_button, self.save_button, self.save_as_button):
            row.addWidget(button)
        self.new_button.clicked.connect(self.new)
        self.open_button.clicked.connect(self.choose_manifest)
        self.save_button.clicked.connect(lambda: self.save())
        self.save_as_button.clicked.connect(lambda: self.save_as())
        return row

    def _build_row(self) -> QVBoxLayout:
        column = QVBoxLayout()
        row = QHBoxLayout()
        caption = QLabel(_("&Dossier-PDF:"), self)
        self.output = QLineEdit(self)
        self.output.setAccessibleName(_("Dossier-PDF"))
        caption.setBuddy(self.output)
        browse = QPushButton(_("&Bladeren…"), self)
        browse.clicked.connect(self._browse_output)
        row.addWidget(caption)
        row.addWidget(self.output, 1)
        row.addWidget(browse)
        column.addLayout(row)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(_("Voortgang van het dossier"))
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = muted("", self)
        column.addWidget(self.progress)
        column.addWidget(self.status)
        buttons = QHBoxLayout()
        self.build_button = QPushButton(_("Dossier &maken"), self)
        self.folder_button = QPushButton(_("&Map openen"), self)
        self.pdf_button = QPushButton(_("&PDF openen"), self)
        self.close_button = QPushButton(_("Sluiten"), self)
        buttons.addWidget(self.build_button)
        buttons.addStretch(1)
        for button in (self.folder_button, self.pdf_button, self.close_button):
            buttons.addWidget(button)
        column.addLayout(buttons)
        self.build_button.clicked.connect(self.build_clicked)
        self.folder_button.clicked.connect(
            lambda: self.result_path and self._open(self.result_path.parent))
        self.pdf_button.clicked.connect(lambda: self.result_path and self._open(self.result_path))
        self.close_button.clicked.connect(self.close)
        return column

    # --- the manifest as data ----------------------------------------------------------
    def data(self) -> dict[str, Any]:
        """The manifest as JSON data, from the widgets."""
        documents = [{k: v for k, v in e.items() if v or k == "file"}
                     for e in self.documents.entries]
        return {**self.extra, "format": "toetsapp/dossier", "format_version": 1,
                "language": self.fields.language.currentData(),
                "dossier": self.fields.data(), "documents": documents}

    def load_data(self, data: dict[str, Any], path: Path | None) -> None:
        self.extra = {k: v for k, v in data.items()
                      if k not in ("format", "format_version", "language", "dossier",
                                   "documents")}
        self.path, self.modified, self.result_path = path, False, None  # before the list:
        self.fields.load(data.get("dossier") or {}, data.get("language", "nl"))  # it names
        self.documents.load([{"kind": "toets", "title": "", "proposal": "", **d}  # kinds
                             for d in data.get("documents", [])])
        self.output.setText(str(self._default_output()) if path else "")
        self.status.setText("")
        self.validate()
        self._sync()

    def manifest(self) -> Any:
        """The validated :class:`~toetsapp.dossier.Manifest` or :class:`FileProblem`."""
        from toetsapp.dossier.manifest_io import manifest_from_data

        return manifest_from_data(self.data(), self.path or _("nieuw dossier"))

    def _to_do(self) -> dict[str, str]:
        """What a new dossier still needs, by JSON path, in words (instead of the
        validation messages for those fields)."""
        info, todo = self.fields.data(), {}
        if not info["dossiernummer"]:
            todo["$.dossier.dossiernummer"] = _("Vul het dossiernummer in (bijvoorbeeld 36 812).")
        if not info["title"]:
            todo["$.dossier.title"] = _("Vul de titel van het wetsvoorstel in.")
        if not self.documents.entries:
            todo["$.documents"] = _("Voeg minstens één document toe (‘Documenten toevoegen…’).")
        if self.path is None:
            todo[""] = _("Sla het manifest op (of kies ‘Documenten toevoegen…’) om te bepalen "
                         "in welke map het dossier staat.")
        return todo

    def validate(self) -> list[str]:
        """Check the manifest and its files with the dossier API; show every problem."""
        from toetsapp.dossier import resolve_documents

        todo, problems = self._to_do(), []
        try:
            manifest = self.manifest()
            if self.path is not None:
                resolve_documents(manifest, self.path)
        except FileProblem as problem:
            problems = [readable_issue(issue) for issue in problem.issues
                        if issue.path not in todo]
        self.problems = [*todo.values(), *problems]
        head = (ngettext("{n} probleem:", "{n} problemen:", len(problems)).format(
            n=len(problems)) if problems else _("Nog te doen:"))
        tint(self.issues, "error" if problems else "muted")  # what is left is no error
        self.issues.show_message(head + "\n" + "\n".join(self.problems)
                                 if self.problems else "")
        self._sync()
        return self.problems

    def _changed(self) -> None:
        self.modified = True
        self._timer.start()
        self._sync()

    def _sync(self) -> None:
        name = self.path.name if self.path else _("nieuw dossier")
        self.file_label.setText(name + (" *" if self.modified else ""))
        self.setWindowTitle(_("Dossier samenstellen — {name}").format(name=name)
                            + ("*" if self.modified else ""))
        idle = not self.building
        for button in (self.new_button, self.open_button, self.save_button,
                       self.save_as_button, self.close_button):
            button.setEnabled(idle)
        self.build_button.setEnabled(idle and not self.problems and not self._timer.isActive())
        self.folder_button.setEnabled(idle and self.result_path is not None)
        self.pdf_button.setEnabled(idle and self.result_path is not None)

    def _default_output(self) -> Path:
        from toetsapp.dossier.files import default_output

        assert self.path is not None
        return default_output(self.path, None)

    def reject(self) -> None:
        """Escape, 'Sluiten' or the window's close button: asks about unsaved changes."""
        if self.building or not self.may_discard():
            return
        self.modified = False
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.building or not self.may_discard():
            event.ignore()
            return
        self.modified = False
        super().closeEvent(event)
