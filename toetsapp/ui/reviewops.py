"""The window's review commands: compare with a file or with the version at a
signature, and take over a returned copy (merge, with a choice per conflict)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QInputDialog,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from toetsapp.editing import ContentSlot
from toetsapp.errors import FileProblem, ToetsappError
from toetsapp.formatting import format_datetime
from toetsapp.i18n import _
from toetsapp.model.toets import Toets
from toetsapp.review.diff import value_text
from toetsapp.review.files import load_any
from toetsapp.review.history import version_at
from toetsapp.review.items import MISSING, part_of, question_of
from toetsapp.review.merge import Conflict, MergeResult, check_same_toets, merge
from toetsapp.ui import settings
from toetsapp.ui.messages import show_error, show_file_problem
from toetsapp.ui.widgets import muted

if TYPE_CHECKING:
    from toetsapp.ui.mainwindow import MainWindow

FILTER = "Toetsapp (*.toets *.pdf)"


class ReviewOps:
    """Mixed into :class:`MainWindow`."""

    def current_question_dialog(self: MainWindow, kind: str) -> None:
        """Comments or history of the question that holds the keyboard focus (else the
        section's comments)."""
        from PySide6.QtWidgets import QApplication

        from toetsapp.ui.question import QuestionWidget
        from toetsapp.ui.sectionpage import SectionPage

        widget = QApplication.focusWidget()
        question = page = None
        while widget is not None:
            if isinstance(widget, QuestionWidget) and question is None:
                question = widget.question.id
            if isinstance(widget, SectionPage):
                page = widget
                break
            widget = widget.parentWidget()
        if page is None:
            self.show_status(_("Ga eerst naar een vraag."))
            return
        if kind == "history" and question is not None:
            page.open_history(question)
        elif kind == "comments":
            page.open_comments(question)
        else:
            self.show_status(_("Ga eerst naar een vraag."))

    def _pick_file(self: MainWindow, title: str) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(self, title, settings.last_folder.get(),
                                                    FILTER)
        return Path(name) if name else None

    def _read_other(self: MainWindow, path: Path) -> Toets | None:
        try:
            return load_any(path)
        except FileProblem as problem:
            show_file_problem(self, _("Bestand niet te lezen"), problem)
            return None

    def compare_with_file(self: MainWindow, path: Path | None = None) -> QDialog | None:
        """Side by side with another .toets or Toetsapp PDF."""
        if self.doc is None:
            return None
        path = path or self._pick_file(_("Vergelijken met…"))
        other = self._read_other(path) if path else None
        if other is None:
            return None
        return self._show_diff(other, path.name)

    def compare_with_signature(self: MainWindow, index: int | None = None) -> QDialog | None:
        """'Wat is er veranderd sinds UWV tekende?': the version a co-signature covers."""
        doc = self.doc
        if doc is None:
            return None
        signatures = doc.toets.signatures
        if not signatures:
            show_error(self, _("Geen handtekeningen"), _("Deze toets is nog niet ondertekend."))
            return None
        if index is None:
            names = [f"{s.organisation} ({s.name}), {format_datetime(s.signed_at)}"
                     for s in signatures]
            chosen, ok = QInputDialog.getItem(self, _("Veranderd sinds een handtekening"),
                                              _("Sinds de handtekening van:"), names, 0, False)
            if not ok:
                return None
            index = names.index(chosen)
        signature = signatures[index]
        past = version_at(doc.toets, signature.content_digest, saved=doc.saved)
        if past is None:
            show_error(self, _("Niet te reconstrueren"), _(
                "Het wijzigingslogboek bevat de versie van {org} niet (ondertekend met een "
                "eerdere Toetsapp, of de waarden zijn niet meer bewaard).").format(
                org=signature.organisation))
            return None
        name = _("bij de handtekening van {org}").format(org=signature.organisation)
        title = _("Wat is er veranderd sinds {org} tekende?").format(org=signature.organisation)
        return self._show_diff(past.toets, name, title=title)

    def _show_diff(self: MainWindow, other: Toets, name: str, title: str = "") -> QDialog:
        from toetsapp.ui.diffview import DiffWindow

        assert self.doc is not None
        window = DiffWindow(self.doc, other, name, parent=self, title=title)
        window.show()
        self.tools["diff"] = window
        return window

    def merge_copy(self: MainWindow, path: Path | None = None, *,
                   ask: bool = True) -> MergeResult | None:
        """Take over a returned copy: comments and one-sided changes; a choice per
        conflict; the whole merge is one undo step."""
        doc = self.doc
        if doc is None:
            return None
        path = path or self._pick_file(_("Kopie samenvoegen…"))
        theirs = self._read_other(path) if path else None
        if theirs is None:
            return None
        try:
            check_same_toets(doc.toets, theirs, doc.display_name(), path.name)
        except ToetsappError as refused:
            show_error(self, _("Samenvoegen kan niet"), str(refused))
            return None
        result = merge(doc.toets, theirs, doc.form)
        if result.conflicts and ask:
            dialog = ConflictDialog(doc.form, result.conflicts, doc.language, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            choices = dialog.choices()
        else:
            choices = {c.key: c.chosen for c in result.conflicts}
        by = settings.toetser_name.get() or doc.toets.metadata.toetser.name
        result = merge(doc.toets, theirs, doc.form, choices=choices, by=by,
                       name_theirs=path.name)
        if result.changed:
            doc.edit(ContentSlot(), result.toets,
                     _("Samengevoegd met {file}").format(file=path.name))
        self.show_status(_("Samengevoegd: {taken} wijziging(en) overgenomen, {conflicts} "
                           "conflict(en), {comments} nieuwe opmerking(en).").format(
            taken=len(result.taken), conflicts=len(result.conflicts),
            comments=result.new_comments))
        return result


    def upgrade_form(self: MainWindow, *, ask: bool = True) -> bool:
        """Move the open toets to the current version of its form, on request, after
        showing what changes; the result is open as unsaved work (save to keep it)."""
        from toetsapp.review.formversions import form_report, migrate_toets
        from toetsapp.ui.messages import confirm

        doc = self.doc
        if doc is None:
            return False
        current = self.catalog.forms.get(doc.toets.form.id)
        if current is None or current.version == doc.toets.form.version:
            self.show_status(_("De toets gebruikt al de huidige formulierversie."))
            return False
        old = self.catalog.pinned_form(doc.toets.form)
        if old is None:
            show_error(self, _("Formulier bijwerken"), _(
                "Formulierversie {v} wordt niet meer meegeleverd; het verslag van wat er "
                "verandert kan niet worden gemaakt.").format(v=doc.toets.form.version))
            return False
        report = form_report(old, current, doc.toets)
        if ask and not confirm(self, _("Formulier bijwerken"), "\n".join(report.lines()),
                               _("Bijwerken")):
            return False
        moved, _report = migrate_toets(doc.toets, old, current,
                                       self.catalog.form_ref(current.id),
                                       by=settings.toetser_name.get())
        path = doc.path
        replacement = self._document_for(moved, path or Path(doc.display_name()), path=path,
                                         restored=True)
        self.autosaver.attach(None)
        self.clear_document()
        self.set_document(replacement)
        self.show_status(_("Bijgewerkt naar formulierversie {v}; sla op om het te bewaren.")
                         .format(v=current.version))
        return True


class ConflictDialog(QDialog):
    """Every conflicting answer with both values and who changed each; choose per row."""

    def __init__(self, form, conflicts: list[Conflict], language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Conflicten bij samenvoegen"))
        self.resize(900, 500)
        self.conflicts = conflicts
        index = form.question_index()
        layout = QVBoxLayout(self)
        layout.addWidget(muted(_("Beide kopieën wijzigden deze antwoorden. Kies per antwoord "
                                 "welke waarde blijft; de andere komt in een open opmerking, "
                                 "zodat er niets verloren gaat."), self))
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        body = QWidget(area)
        grid = QGridLayout(body)
        for column, text in enumerate((_("Vraag"), _("Mijn waarde"), _("Hun waarde"))):
            label = QLabel(f"<b>{text}</b>", body)
            grid.addWidget(label, 0, column)
        self.groups: list[QButtonGroup] = []
        for row, conflict in enumerate(conflicts, start=1):
            question_id = question_of(conflict.key)
            question = index.get(question_id or "")
            part = part_of(conflict.key) or "value"
            title = question.title(language) if question else conflict.key
            grid.addWidget(QLabel(title, body), row, 0)
            group = QButtonGroup(self)
            for column, (side, value, touch) in enumerate(
                    (("mine", conflict.mine, conflict.mine_by),
                     ("theirs", conflict.theirs, conflict.theirs_by)), start=1):
                shown = value_text(question, part, MISSING if value is None else value,
                                   language)
                who = (f"{touch.by or _('onbekend')}, {format_datetime(touch.at)}"
                       if touch and touch.at else _("onbekend"))
                button = QRadioButton(f"{shown}\n({who})", body)
                button.setProperty("side", side)
                button.setChecked(side == conflict.chosen)
                group.addButton(button)
                grid.addWidget(button, row, column)
            self.groups.append(group)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(conflicts) + 1, 1)
        area.setWidget(body)
        layout.addWidget(area, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choose(self, key: str, side: str) -> None:
        for conflict, group in zip(self.conflicts, self.groups, strict=True):
            if conflict.key == key:
                for button in group.buttons():
                    button.setChecked(button.property("side") == side)

    def choices(self) -> dict[str, str]:
        return {c.key: g.checkedButton().property("side")
                for c, g in zip(self.conflicts, self.groups, strict=True)}
