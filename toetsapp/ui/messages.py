"""Message boxes with Dutch buttons; every prompt the app shows goes through here."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtWidgets import QMessageBox, QWidget

from toetsapp.errors import FileProblem
from toetsapp.i18n import _

Choice = Literal["save", "discard", "cancel"]


def ask_save_changes(parent: QWidget, name: str, question: str = "") -> Choice:
    """'Save changes to X?' with Opslaan / Niet opslaan / Annuleren."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("Wijzigingen opslaan?"),
                      _("‘{name}’ heeft wijzigingen die nog niet zijn opgeslagen.").format(
                          name=name), QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(question or _("Wil je ze opslaan voordat de toets wordt gesloten?"))
    save = box.addButton(_("&Opslaan"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_("&Niet opslaan"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_("Annuleren"), QMessageBox.ButtonRole.RejectRole)
    save.setObjectName("save")
    discard.setObjectName("discard")
    cancel.setObjectName("cancel")
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return "save"
    if clicked is discard:
        return "discard"
    return "cancel"


def show_file_problem(parent: QWidget, title: str, problem: FileProblem) -> None:
    """Which file, and what is wrong with it (from ``FileProblem.describe()``)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok,
                      parent)
    box.setInformativeText(problem.describe())
    box.button(QMessageBox.StandardButton.Ok).setObjectName("ok")
    box.exec()


def show_error(parent: QWidget, title: str, text: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    if details:
        box.setDetailedText(details)
    box.button(QMessageBox.StandardButton.Ok).setObjectName("ok")
    box.exec()


def confirm(parent: QWidget, title: str, text: str, yes: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_("Annuleren"), QMessageBox.ButtonRole.RejectRole)
    ok.setObjectName("yes")
    cancel.setObjectName("cancel")
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def confirm_overwrite(parent: QWidget, path: Path, confirmed: Path | None = None) -> bool:
    """Ask before replacing an existing file (not when ``confirmed`` is that file, e.g.
    chosen in a save dialog that asked already, or written by this dialog before)."""
    if not path.exists() or (confirmed is not None and confirmed == path):
        return True
    return confirm(parent, _("Bestand bestaat al"), _(
        "{file} bestaat al. Wil je het vervangen?").format(file=path), _("&Vervangen"))
