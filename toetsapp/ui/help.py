"""F1: help for the current question, the shortcuts overview and a guide for a first toets.

The texts are data (``help/guide.json``, the forms and rubrics) put together by
``toetsapp/helptext.py``; this window only shows them, in tabs, beside the work.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from toetsapp.helptext import guide_html, question_help_html, shortcuts_html
from toetsapp.i18n import _
from toetsapp.ui.document import Document

TABS = ("question", "shortcuts", "guide")


def _browser(html: str, name: str, parent: QWidget) -> QTextBrowser:
    browser = QTextBrowser(parent)
    browser.setOpenExternalLinks(False)
    browser.setHtml(html)
    browser.setAccessibleName(name)
    return browser


class HelpWindow(QDialog):
    """Non-modal help beside the toets: this question, shortcuts, first toets."""

    def __init__(self, actions: list[QAction], language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Help bij Toetsapp"))
        self.language = language
        self.tabs = QTabWidget(self)
        self.question = _browser("", _("Help bij deze vraag"), self)
        native = QKeySequence.SequenceFormat.NativeText
        commands = [(a.text().replace("&", "").split(":")[0].rstrip("…"),
                     a.shortcut().toString(native)) for a in actions]
        self.shortcuts = _browser(shortcuts_html(commands, language), _("Sneltoetsen"), self)
        self.guide = _browser(guide_html(language), _("Je eerste toets"), self)
        self.tabs.addTab(self.question, _("Deze &vraag"))
        self.tabs.addTab(self.shortcuts, _("&Sneltoetsen"))
        self.tabs.addTab(self.guide, _("&Eerste toets"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        unit = self.fontMetrics().averageCharWidth()
        self.resize(unit * 90, self.fontMetrics().lineSpacing() * 36)

    def show_question(self, doc: Document | None, question_id: str | None) -> None:
        """Fill the first tab for ``question_id`` (or explain how to choose one)."""
        if doc is not None and question_id is not None:
            html = question_help_html(doc.question(question_id), doc.form, doc.rubric,
                                      self.language)
        else:
            html = "<p>" + _("Zet de cursor in een vraag en druk F1 om hier te lezen wat de "
                             "vraag vraagt, welke scores ze voedt en wat de niveaus "
                             "betekenen.") + "</p>"
        self.question.setHtml(html)

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(name))
        self.show()
        self.raise_()
        self.activateWindow()
        self.tabs.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)

