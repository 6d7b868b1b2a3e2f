"""Starting the desktop application: ``toetsapp`` without a command, or ``toetsapp gui FILE``."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from toetsapp.catalog import default_catalog
from toetsapp.files.locations import recovery_dir
from toetsapp.formatting import babel_locale
from toetsapp.i18n import _, current_language, set_language
from toetsapp.ui import settings
from toetsapp.ui.autosave import Session
from toetsapp.ui.mainwindow import MainWindow
from toetsapp.ui.theme import apply_theme

THEME_ENV = "TOETSAPP_THEME"


def create_application() -> QApplication:
    """The QApplication with Toetsapp's name, high-DPI policy and theme (once per process)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication([sys.argv[0] if sys.argv else "toetsapp"])
    app.setApplicationName("Toetsapp")
    app.setApplicationDisplayName("Toetsapp")
    app.setDesktopFileName("toetsapp")
    apply_theme(app, os.environ.get(THEME_ENV) or settings.theme.get())
    apply_qt_language(app, current_language())
    return app


def apply_qt_language(app: QApplication, language: str) -> QTranslator | None:
    """Qt's own texts (file dialogs, context menus, calendar) in Toetsapp's language."""
    QLocale.setDefault(QLocale(babel_locale(language)))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        return None
    app.installTranslator(translator)
    return translator


def _arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="toetsapp", add_help=False)
    parser.add_argument("--lang", choices=["nl", "en"])
    parser.add_argument("files", nargs="*")
    args, _unknown = parser.parse_known_args([a for a in argv if a != "gui"])
    return args


def build_window(files: Sequence[str] = ()) -> MainWindow:
    """The main window with the shipped catalog and this process's recovery session."""
    window = MainWindow(default_catalog(), Session(recovery_dir()))
    for name in files[:1]:
        window.open_path(Path(name))
    window.show()
    return window


def _install_crash_guard(window: MainWindow) -> None:
    """An unexpected error: save the work for recovery first, then say what happened."""
    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, error, tb))
        sys.stderr.write(details)
        window.autosaver.save_now()
        from toetsapp.ui.messages import show_error

        show_error(window, _("Er ging iets mis"), _(
            "Toetsapp liep tegen een onverwachte fout aan. Je werk is automatisch bewaard; "
            "sla de toets op en start Toetsapp zo nodig opnieuw."), details)

    sys.excepthook = hook


def _install_signal_handlers(window: MainWindow) -> QTimer:
    """On SIGTERM/SIGINT (logout, shutdown): keep the work for recovery and quit."""
    def stop(_signum: int, _frame: object) -> None:
        window.autosaver.save_now()
        window.session.release()
        QApplication.exit(0)

    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
    timer = QTimer(window)  # lets Python run its signal handlers while Qt waits
    timer.start(500)
    timer.timeout.connect(lambda: None)
    return timer


def run_app(argv: Sequence[str] = ()) -> int:
    """Run the application until its window closes; returns the exit code."""
    args = _arguments(argv)
    if args.lang is None and not os.environ.get("TOETSAPP_LANG") and settings.language.get():
        set_language(settings.language.get())
    app = create_application()
    window = build_window(args.files)
    _install_crash_guard(window)
    keep = _install_signal_handlers(window)
    from toetsapp.ui import driver

    driver.install(window)
    code = app.exec()
    keep.stop()
    settings.sync()
    window.session.release()
    return code
