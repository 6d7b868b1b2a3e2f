"""Every command of the window as a QAction with a mnemonic and a shortcut, and the menus."""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from toetsapp.i18n import _

Key = QKeySequence.StandardKey


@dataclass
class Actions:
    new: QAction
    open: QAction
    save: QAction
    save_as: QAction
    export_pdf: QAction
    sign: QAction
    compare: QAction
    dossier: QAction
    diff_file: QAction
    diff_signature: QAction
    merge_copy: QAction
    question_comments: QAction
    question_history: QAction
    upgrade_form: QAction
    close: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    override_verdict: QAction
    data_page: QAction
    next_section: QAction
    previous_section: QAction
    next_problem: QAction
    focus_navigator: QAction
    focus_page: QAction
    focus_scores: QAction
    focus_problems: QAction
    about: QAction
    find: QAction
    only_unanswered: QAction
    only_invalid: QAction
    only_commented: QAction
    print: QAction
    help_question: QAction
    help_shortcuts: QAction
    help_guide: QAction

    def document_actions(self) -> list[QAction]:
        """Actions that need an open document."""
        return [self.save, self.save_as, self.export_pdf, self.sign, self.close,
                self.diff_file, self.diff_signature, self.merge_copy,
                self.question_comments, self.question_history, self.upgrade_form,
                self.override_verdict,
                self.data_page, self.next_section, self.previous_section, self.next_problem,
                self.focus_navigator, self.focus_page, self.focus_scores, self.focus_problems,
                self.find, self.only_unanswered, self.only_invalid, self.only_commented,
                self.print]

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]


def _action(window: QMainWindow, text: str, shortcut: QKeySequence | Key | str | None = None,
            tip: str = "") -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)  # every platform binding, e.g. Ctrl+W and Ctrl+F4
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    window.addAction(action)
    return action


def create_actions(window: QMainWindow) -> Actions:
    a = Actions(
        new=_action(window, _("&Nieuwe toets…"), Key.New, _("Begin een nieuwe toets")),
        open=_action(window, _("&Openen…"), Key.Open, _("Open een opgeslagen toets")),
        save=_action(window, _("Op&slaan"), Key.Save),
        save_as=_action(window, _("Opslaan &als…"), Key.SaveAs),
        export_pdf=_action(window, _("&Exporteren naar PDF…"), "Ctrl+E",
                           _("Maak de PDF van deze toets")),
        sign=_action(window, _("Onder&tekenen…"), None,
                     _("Leg het standpunt van je organisatie vast en onderteken")),
        compare=_action(window, _("Toetsen &vergelijken…"), "Ctrl+Alt+V",
                        _("Zet toetsen en Toetsapp-PDF's naast elkaar")),
        dossier=_action(window, _("&Dossier samenstellen…"), "Ctrl+Shift+D",
                        _("Bundel toetsen en andere PDF's tot één dossier voor de Kamer")),
        diff_file=_action(window, _("&Vergelijken met een bestand…"), None,
                          _("Zet deze toets naast een andere versie, antwoord voor antwoord")),
        diff_signature=_action(window, _("Veranderd sinds een &handtekening…"), None,
                               _("Wat is er veranderd sinds een organisatie tekende?")),
        merge_copy=_action(window, _("Teruggestuurde kopie &samenvoegen…"), None,
                           _("Neem opmerkingen en wijzigingen uit een kopie over")),
        question_comments=_action(window, _("&Opmerkingen bij deze vraag…"), "Ctrl+Alt+M",
                                  _("Lees en plaats opmerkingen bij de vraag waar je bent")),
        question_history=_action(window, _("&Geschiedenis van dit antwoord…"), "Ctrl+Alt+H",
                                 _("Eerdere waarden van dit antwoord, met herstellen")),
        upgrade_form=_action(window, _("&Formulier bijwerken…"), None,
                             _("Werk de toets bij naar de nieuwste formulierversie, met een "
                               "verslag van wat er verandert")),
        close=_action(window, _("&Sluiten"), Key.Close),
        quit=_action(window, _("&Afsluiten"), Key.Quit),
        undo=_action(window, _("&Ongedaan maken"), Key.Undo),
        redo=_action(window, _("Opnieu&w"), Key.Redo),
        override_verdict=_action(window, _("&Eindoordeel aanpassen…")),
        data_page=_action(window, _("&Gegevens van de toets"), "Ctrl+0"),
        next_section=_action(window, _("&Volgende sectie"), "Ctrl+PgDown"),
        previous_section=_action(window, _("V&orige sectie"), "Ctrl+PgUp"),
        next_problem=_action(window, _("Volgend &probleem"), "F8"),
        focus_navigator=_action(window, _("Naar de &inhoud"), "Ctrl+1"),
        focus_page=_action(window, _("Naar de &vragen"), "Ctrl+2"),
        focus_scores=_action(window, _("Naar de &scores"), "Ctrl+3"),
        focus_problems=_action(window, _("Naar de p&roblemen"), "Ctrl+4"),
        about=_action(window, _("&Over Toetsapp")),
        find=_action(window, _("&Zoeken…"), Key.Find,
                     _("Zoek in vragen, antwoorden, bronnen en opmerkingen")),
        only_unanswered=_action(window, _("Alleen onbe&antwoorde vragen")),
        only_invalid=_action(window, _("Alleen on&geldige antwoorden")),
        only_commented=_action(window, _("Alleen vragen met op&merkingen")),
        print=_action(window, _("Afdr&ukken…"), Key.Print,
                      _("Bekijk de PDF van deze toets en druk hem af")),
        help_question=_action(window, _("&Help bij deze vraag"), Key.HelpContents,
                              _("Wat de vraag vraagt, welke scores ze voedt en hoe")),
        help_shortcuts=_action(window, _("&Sneltoetsen")),
        help_guide=_action(window, _("Je &eerste toets")),
    )
    for action, fallback in ((a.find, "Ctrl+F"), (a.print, "Ctrl+P"), (a.help_question, "F1")):
        if not action.shortcuts():
            action.setShortcut(QKeySequence(fallback))
    for action, fallback in ((a.quit, "Ctrl+Q"), (a.close, "Ctrl+W")):
        if not action.shortcuts():
            action.setShortcut(QKeySequence(fallback))
    return a


def build_menus(window: QMainWindow, a: Actions) -> QMenu:
    """The menu bar; returns the 'recent files' submenu for the window to fill."""
    bar = window.menuBar()
    file_menu = bar.addMenu(_("&Bestand"))
    file_menu.addActions([a.new, a.open])
    recent = file_menu.addMenu(_("&Recente bestanden"))
    file_menu.addSeparator()
    file_menu.addActions([a.save, a.save_as])
    file_menu.addSeparator()
    file_menu.addActions([a.export_pdf, a.print, a.sign])
    file_menu.addSeparator()
    file_menu.addActions([a.compare, a.dossier])
    file_menu.addSeparator()
    file_menu.addActions([a.close, a.quit])
    edit_menu = bar.addMenu(_("Be&werken"))
    edit_menu.addActions([a.undo, a.redo])
    edit_menu.addSeparator()
    edit_menu.addActions([a.find, a.only_unanswered, a.only_invalid, a.only_commented])
    edit_menu.addSeparator()
    edit_menu.addAction(a.override_verdict)
    review_menu = bar.addMenu(_("Beoo&rdelen"))
    review_menu.addActions([a.question_comments, a.question_history])
    review_menu.addSeparator()
    review_menu.addActions([a.diff_file, a.diff_signature])
    review_menu.addSeparator()
    review_menu.addActions([a.merge_copy, a.upgrade_form])
    view_menu = bar.addMenu(_("Bee&ld"))
    view_menu.addActions([a.data_page, a.next_section, a.previous_section, a.next_problem])
    view_menu.addSeparator()
    view_menu.addActions([a.focus_navigator, a.focus_page, a.focus_scores, a.focus_problems])
    window.panels_menu = view_menu.addMenu(_("&Panelen"))  # type: ignore[attr-defined]
    from toetsapp.ui import preferences

    preferences.install(window, view_menu)
    help_menu = bar.addMenu(_("&Help"))
    help_menu.addActions([a.help_question, a.help_shortcuts, a.help_guide])
    help_menu.addSeparator()
    help_menu.addAction(a.about)
    return recent
