"""The prompts that prevent lost updates: a toets opened elsewhere, a file changed on disk."""

from __future__ import annotations

from typing import Literal

from PySide6.QtWidgets import QMessageBox, QWidget

from toetsapp.files.locking import LockInfo
from toetsapp.i18n import _

LockChoice = Literal["read_only", "open", "cancel"]
ChangedChoice = Literal["reload", "copy", "overwrite", "cancel"]


def _box(parent: QWidget, title: str, text: str, info: str,
         buttons: list[tuple[str, str, QMessageBox.ButtonRole]]) -> str:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    box.setInformativeText(info)
    made = {}
    for name, label, role in buttons:
        button = box.addButton(label, role)
        button.setObjectName(name)
        made[name] = button
    box.setDefaultButton(made[buttons[0][0]])
    box.setEscapeButton(made["cancel"])
    box.exec()
    clicked = box.clickedButton()
    return next((name for name, button in made.items() if button is clicked), "cancel")


def ask_locked(parent: QWidget, name: str, holder: LockInfo) -> LockChoice:
    """'X is opened by Y on Z since …': read-only, open anyway, or cancel."""
    choice = _box(parent, _("Toets is al geopend"),
                  _("‘{name}’ is al geopend door {who}.").format(name=name,
                                                                 who=holder.describe()),
                  _("Open hem alleen-lezen, of open hem toch om te bewerken. Als jullie "
                    "allebei opslaan, vraagt Toetsapp wat er met de andere versie moet "
                    "gebeuren."),
                  [("read_only", _("&Alleen-lezen"), QMessageBox.ButtonRole.AcceptRole),
                   ("open", _("&Toch openen"), QMessageBox.ButtonRole.DestructiveRole),
                   ("cancel", _("Annuleren"), QMessageBox.ButtonRole.RejectRole)])
    return choice  # type: ignore[return-value]


def ask_changed_on_disk(parent: QWidget, name: str) -> ChangedChoice:
    """The file changed since it was opened or saved: reload, save a copy, overwrite."""
    choice = _box(parent, _("Bestand is intussen gewijzigd"),
                  _("‘{name}’ is op schijf gewijzigd sinds je het opende of opsloeg (door "
                    "een ander programma, een collega of een ander Toetsapp-venster).")
                  .format(name=name),
                  _("Herladen: de versie op schijf openen (je wijzigingen vervallen). "
                    "Kopie: jouw versie als nieuw bestand opslaan. Overschrijven: de andere "
                    "versie gaat verloren."),
                  [("copy", _("Opslaan als &kopie…"), QMessageBox.ButtonRole.AcceptRole),
                   ("reload", _("&Herladen"), QMessageBox.ButtonRole.ResetRole),
                   ("overwrite", _("&Overschrijven"), QMessageBox.ButtonRole.DestructiveRole),
                   ("cancel", _("Annuleren"), QMessageBox.ButtonRole.RejectRole)])
    return choice  # type: ignore[return-value]
