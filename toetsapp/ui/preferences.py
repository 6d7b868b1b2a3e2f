"""Theme and language choices in the View menu, kept in the settings registry."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from toetsapp.i18n import _, current_language
from toetsapp.ui import settings
from toetsapp.ui.messages import confirm
from toetsapp.ui.theme import apply_theme


def install(window: QMainWindow, menu: QMenu) -> None:
    """Add 'Thema' (applies at once) and 'Taal' (after a restart) to ``menu``."""
    themes = menu.addMenu(_("&Thema"))
    group = QActionGroup(window)
    current = settings.theme.get()
    for value, text in (("system", _("Zoals het &systeem")), ("light", _("&Licht")),
                        ("dark", _("&Donker"))):
        action = _choice(themes, group, text, value == current)
        action.triggered.connect(lambda _c=False, v=value: _set_theme(v))
    languages = menu.addMenu(_("T&aal"))
    group = QActionGroup(window)
    chosen = settings.language.get() or current_language()
    for value, text in (("nl", "&Nederlands"), ("en", "&English")):
        action = _choice(languages, group, text, value == chosen)
        action.triggered.connect(lambda _c=False, v=value: _set_language(window, v))


def _choice(menu: QMenu, group: QActionGroup, text: str, checked: bool) -> QAction:
    action = menu.addAction(text)
    action.setCheckable(True)
    action.setChecked(checked)
    group.addAction(action)
    return action


def _set_theme(value: str) -> None:
    settings.theme.set(value)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, value)


def _set_language(window: QMainWindow, value: str) -> None:
    settings.language.set(value)
    if value == current_language():
        return
    settings.sync()
    if offer_restart(window):
        restart(window)
    else:
        window.statusBar().showMessage(
            _("De nieuwe taal wordt gebruikt nadat Toetsapp opnieuw is gestart."), 8000)


def offer_restart(window: QMainWindow) -> bool:
    """Ask whether to restart now so the chosen language is used."""
    return confirm(window, _("Taal wijzigen"), _(
        "De nieuwe taal wordt gebruikt nadat Toetsapp opnieuw is gestart. Nu opnieuw starten? "
        "Wijzigingen die nog niet zijn opgeslagen, kun je eerst opslaan."),
        _("&Nu opnieuw starten"))


def restart_command(path: Path | None) -> tuple[str, list[str]]:
    """The program and arguments that start Toetsapp again, with ``path`` open."""
    arguments = ["gui", *([str(path)] if path else [])]
    if getattr(sys, "frozen", False):  # the PyInstaller bundle: the executable is Toetsapp
        return sys.executable, arguments
    return sys.executable, ["-m", "toetsapp", *arguments]


def restart(window: QMainWindow) -> bool:
    """Close the window (asking to save as usual) and start Toetsapp again."""
    doc = getattr(window, "doc", None)
    path = getattr(doc, "path", None)
    if not window.close():
        return False  # the person chose to keep working (cancelled)
    program, arguments = restart_command(path)
    QProcess.startDetached(program, arguments)
    return True
