"""Days of work in the app: Ctrl+F search and filters, F1 help, Ctrl+P preview and print,
export that asks before replacing, and a layout that never clips at 1024×700."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton

from tests.conftest import EXAMPLES, ROOT
from tests.uihelp import dispose, open_window, when_dialog
from toetsapp.files.locations import recovery_dir
from toetsapp.files.store import load_toets
from toetsapp.helptext import question_help_html
from toetsapp.i18n import set_language
from toetsapp.search import Hit, filtered, search
from toetsapp.ui.autosave import Session
from toetsapp.ui.exporting import ExportDialog
from toetsapp.ui.mainwindow import MainWindow
from toetsapp.ui.sectionpage import SectionPage
from toetsapp.ui.theme import apply_theme, contrast

UITV = ROOT / "examples" / "uitvoerbaarheidstoets.toets"
SCORED = "risico_procesverstoring"  # feeds 'Processen en ICT' through two rules


@pytest.fixture
def window(qtbot, catalog):
    app = QApplication.instance()
    apply_theme(app, "light")
    win = MainWindow(catalog, Session(recovery_dir()))
    qtbot.addWidget(win, before_close_func=dispose)  # no save prompt when the test ends
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    assert win.open_path(UITV)
    return win


def _settle() -> None:
    for _round in range(4):
        QApplication.processEvents()


# --- search and filters -----------------------------------------------------------------
def test_ctrl_f_searches_lists_hits_by_section_and_jumps(qtbot, window):
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = window.view.search
    qtbot.waitUntil(lambda: panel.isVisible() and panel.field.hasFocus())
    qtbot.keyClicks(panel.field, "huurtoeslag")
    qtbot.waitUntil(lambda: bool(panel.items()))
    doc = window.doc
    expected = search(doc.toets, doc.form, "huurtoeslag", "nl")
    assert len(panel.items()) == len(expected) > 5
    groups = [panel.hits.topLevelItem(i).text(0) for i in range(panel.hits.topLevelItemCount())]
    sections = list(dict.fromkeys(h.section for h in expected))
    assert len(groups) == len(sections)
    assert groups[0].startswith("1. ") and "(" in groups[0]
    assert {h.where for h in expected} >= {"answer", "evidence"}
    # Enter goes to the first hit, Enter again to the next: the page shows that question.
    last = expected[-1]
    QTest.keyClick(panel.field, Qt.Key.Key_Return)
    for _ in range(len(expected) - 1):
        QTest.keyClick(panel.field, Qt.Key.Key_Return)
    _settle()
    page = window.view.stack.currentWidget()
    assert isinstance(page, SectionPage) and page.section.id == last.section
    card = page.widgets[last.question]
    top = card.mapTo(page.body, card.rect().topLeft()).y() - page.verticalScrollBar().value()
    assert 0 <= top < page.viewport().height()
    QTest.keyClick(panel.field, Qt.Key.Key_Escape)
    assert not panel.isVisible()


def test_search_is_case_and_accent_blind_and_finds_choices_by_label(window):
    doc = window.doc
    hits = search(doc.toets, doc.form, "WET IN FORMELE ZIN", "nl")
    assert any(h.where == "answer" for h in hits)  # a choice, found by what it shows
    assert search(doc.toets, doc.form, "GEGEVENSLEVERANCIER", "nl")  # in a question's help
    assert all(isinstance(h, Hit) for h in hits)
    assert search(doc.toets, doc.form, "   ", "nl") == []


def test_filters_show_only_unanswered_invalid_and_commented(qtbot, window):
    doc = window.doc
    doc.edit_answer("uitvoeringsorganisaties", "value", None)
    number = next(q.id for _s, q in doc.form.questions()
                  if q.type == "number" and q.id in doc.evaluation.visibility.questions)
    doc.edit_answer(number, "value", "zeer veel")
    window.actions.only_unanswered.trigger()
    panel = window.view.search
    qtbot.waitUntil(lambda: panel.isVisible() and bool(panel.items()))
    listed = [item.data(0, Qt.ItemDataRole.UserRole + 1) for item in panel.items()]
    assert "uitvoeringsorganisaties" in listed
    assert listed == filtered("unanswered", doc.toets, doc.form, doc.evaluation)
    window.actions.only_invalid.trigger()
    qtbot.waitUntil(lambda: [i.data(0, Qt.ItemDataRole.UserRole + 1)
                             for i in panel.items()] == [number])
    window.actions.only_commented.trigger()
    qtbot.waitUntil(lambda: panel.summary.text() == "Niets gevonden.")
    # the filter and the search combine: only unanswered questions that mention the text
    panel.set_filter("unanswered")
    panel.field.setText("ketenpartner")
    panel.refresh()
    assert {h.question for h in panel.hit_list} == {"uitvoeringsorganisaties"}


def test_comments_are_searched_and_filtered(window):
    model = pytest.importorskip("toetsapp.model.toets")
    if "comments" not in model.Toets.model_fields:
        pytest.skip("this toets format has no comments yet")
    doc = window.doc
    comment = model.Comment(section="voorstel", question="voorstel_inhoud",
                            text="Graag de bron van de schatting toevoegen")
    doc.toets.comments.append(comment)
    hits = search(doc.toets, doc.form, "bron van de schatting", "nl")
    assert [(h.question, h.where) for h in hits] == [("voorstel_inhoud", "comment")]
    assert filtered("commented", doc.toets, doc.form, doc.evaluation) == ["voorstel_inhoud"]


# --- help -------------------------------------------------------------------------------
def test_f1_explains_the_question_with_focus(qtbot, window):
    window.view.reveal(SCORED)
    _settle()
    focus = QApplication.focusWidget()
    assert focus is not None
    QTest.keyClick(focus, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help_window is not None and window.help_window.isVisible())
    text = window.help_window.question.toPlainText()
    doc = window.doc
    question = doc.question(SCORED)
    assert question.label.get("nl") in text
    dimension = next(d for d in doc.rubric.dimensions if SCORED in d.inputs)
    assert dimension.label.get("nl") in text
    rules = [r for r in dimension.rules if any(
        getattr(leaf, "question", None) == SCORED for leaf in _leaves(r.when))]
    assert rules and all(r.because.get("nl") in text for r in rules)
    assert all(level.label.get("nl") in text for level in doc.rubric.levels)
    assert window.help_window.tabs.currentIndex() == 0
    window.actions.help_shortcuts.trigger()
    keys = window.help_window.shortcuts.toPlainText()
    assert "Ctrl+F" in keys and "F1" in keys and "Ctrl+P" in keys and "F8" in keys
    window.actions.help_guide.trigger()
    guide = json.loads((ROOT / "help" / "guide.json").read_text("utf-8"))
    assert guide["first_toets"]["steps"][0]["nl"][:40] in window.help_window.guide.toPlainText()


def _leaves(condition):
    from toetsapp.model.condition import iter_leaves

    return list(iter_leaves(condition))


def test_question_help_is_bilingual_data(catalog):
    form = catalog.form("uitvoerbaarheidstoets")
    rubric = catalog.rubric_for(form.id)
    question = form.question_index()[SCORED]
    set_language("en")
    try:
        english = question_help_html(question, form, rubric, "en")
    finally:
        set_language("nl")
    dutch = question_help_html(question, form, rubric, "nl")
    assert question.label.get("en") in english and "What the levels mean" in english
    assert question.label.get("nl") in dutch and "Wat de niveaus betekenen" in dutch
    guide = json.loads((ROOT / "help" / "guide.json").read_text("utf-8"))
    for step in guide["first_toets"]["steps"]:
        assert step["nl"] and step["en"] and step["nl"] != step["en"]


# --- print and preview ------------------------------------------------------------------
def test_ctrl_p_previews_while_rendering_and_prints_to_a_pdf_printer(qtbot, window, tmp_path):
    QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible())
    preview = window.preview
    assert not preview.complete and not preview.print_button.isEnabled()  # shown at once
    qtbot.waitUntil(lambda: len(preview.pages) >= 1, timeout=60000)
    assert preview.page_label.pixmap() is not None and not preview.page_label.pixmap().isNull()
    qtbot.waitUntil(lambda: preview.complete, timeout=120000)
    total = preview.page_count
    assert total > 5 and preview.of_label.text() == f"van {total}"
    preview.go(2)
    assert preview.page_box.value() == 2 and preview.page_label.accessibleName() == "Pagina 2"
    QTest.keyClick(preview, Qt.Key.Key_PageDown)
    assert preview.page_box.value() == 3
    narrow = preview.page_label.pixmap().width()
    preview.set_zoom(150)
    assert preview.page_label.pixmap().width() == pytest.approx(narrow * 2, rel=0.02)
    preview.go(total + 5)
    assert preview.page_box.value() == total and not preview.next_button.isEnabled()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer) == total
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == total
    saved = tmp_path / "saved.pdf"
    assert preview.save_to(saved) and saved.read_bytes() == preview.pdf
    assert not (UITV.with_suffix(".pdf")).exists()  # nothing written without asking
    preview.close()


def test_export_asks_before_replacing_a_file(qtbot, window, tmp_path):
    target = tmp_path / "bestaat.pdf"
    target.write_bytes(b"oud")
    dialog = ExportDialog(window.doc, window)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(target))
    asked = []

    def answer(name):  # the confirmation's buttons are named "yes" and "cancel"
        def handle(box):
            asked.append(box.text())
            next(b for b in box.buttons() if b.objectName() == name).click()
        return handle

    when_dialog(answer("cancel"))
    dialog.export_button.click()
    assert asked and "bestaat.pdf" in asked[0]
    assert target.read_bytes() == b"oud" and dialog.export_button.isEnabled()
    when_dialog(answer("yes"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.result_path is not None, timeout=120000)
    assert len(asked) == 2 and target.read_bytes().startswith(b"%PDF")


# --- layout -----------------------------------------------------------------------------
def _clipped_cards(window) -> list[str]:
    """Question cards whose content is wider than what the page shows, without a way to
    scroll to it."""
    view, out = window.view, []
    for number in range(1, len(view.sections) + 1):
        view.show_page(number)
        _settle()
        page = view.page(number)
        bar = page.horizontalScrollBar()
        scrollable = bar.isVisible() and bar.maximum() > 0
        for question_id, card in page.widgets.items():
            if not card.isVisibleTo(page):
                continue
            right = card.mapTo(page.body, card.rect().topRight()).x()
            fits = (card.minimumSizeHint().width() <= card.width()
                    and right <= page.viewport().width())
            if not (fits or (scrollable and page.body.width() >= right)):
                out.append(question_id)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_no_question_card_is_clipped_at_1024_by_700(qtbot, catalog, scale):
    app = QApplication.instance()
    font = QFont(app.font())
    if scale != 1.0:  # 200 %: every text twice as large in the same window
        larger = QFont(font)
        larger.setPointSizeF(font.pointSizeF() * scale)
        app.setFont(larger)
    try:
        for path in EXAMPLES:
            win = open_window(qtbot, catalog)
            try:
                win.resize(QSize(1024, 700))
                assert win.open_path(path)
                _settle()
                assert _clipped_cards(win) == [], path.name
                # the navigator folds away and the page keeps a minimum
                splitter = win.view.splitter
                assert splitter.isCollapsible(0) and not splitter.isCollapsible(1)
            finally:
                dispose(win)
    finally:
        app.setFont(font)


def test_problems_panel_hides_when_empty_and_returns_with_a_problem(qtbot, window):
    assert not window.doc.evaluation.errors
    assert not window.problems_dock.isVisible()
    window.doc.edit_answer("uitvoeringsorganisaties", "value", None)
    qtbot.waitUntil(window.problems_dock.isVisible)
    assert window.problems_dock.windowTitle() == "Problemen (1)"
    window.doc.undo_stack.undo()
    qtbot.waitUntil(lambda: not window.problems_dock.isVisible())


def test_navigator_titles_are_readable_in_full(window):
    entries = window.view.navigator.entries
    for row, section in enumerate(window.doc.form.sections, start=1):
        assert section.title.get("nl") in entries.item(row).toolTip()


def test_years_show_without_a_thousands_separator(catalog):
    from toetsapp.display import format_value

    form = catalog.form("uitvoerbaarheidstoets")
    table = next(q for _s, q in form.questions() if q.columns and q.column("jaar"))
    assert format_value(table.column("jaar"), "number", 2026, "nl") == "2026"
    assert format_value(table.column("jaar"), "number", 2026, "en") == "2026"


@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
def test_dark_theme_check_boxes_and_radio_buttons_are_visible(qtbot, kind):
    app = QApplication.instance()
    apply_theme(app, "dark")
    try:
        images = {}
        for checked in (False, True):
            box = kind("Optie")
            qtbot.addWidget(box)
            box.setChecked(checked)
            box.resize(120, 30)
            box.show()
            qtbot.waitExposed(box)
            images[checked] = box.grab().toImage()
        background = QColor(images[False].pixelColor(images[False].width() - 2, 2))
        # the outline of the empty indicator stands out 3:1 from the window
        left = images[False].copy(0, 0, 26, images[False].height())
        strongest = max(contrast(QColor(left.pixelColor(x, y)), background)
                        for x in range(left.width()) for y in range(left.height()))
        assert strongest >= 3
        assert images[False].copy(0, 0, 26, 30) != images[True].copy(0, 0, 26, 30)
    finally:
        apply_theme(app, "light")


# --- small things -----------------------------------------------------------------------
def test_a_toets_dropped_onto_the_window_opens(qtbot, catalog):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    win = MainWindow(catalog, Session(recovery_dir()))
    qtbot.addWidget(win, before_close_func=dispose)
    win.show()
    qtbot.waitExposed(win)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(ROOT / "README.md"))])
    enter = QDragEnterEvent(win.rect().center(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    win.dragEnterEvent(enter)
    assert not enter.isAccepted()  # not a toets: refused
    mime.setUrls([QUrl.fromLocalFile(str(UITV))])
    enter = QDragEnterEvent(win.rect().center(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    win.dragEnterEvent(enter)
    assert enter.isAccepted() and win.acceptDrops()
    drop = QDropEvent(QPointF(win.rect().center()), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    win.dropEvent(drop)
    qtbot.waitUntil(lambda: win.doc is not None and win.doc.path == UITV.resolve())


def test_recent_files_show_title_type_change_and_completeness(qtbot, catalog, tmp_path):
    from toetsapp.files.recent import recent_info
    from toetsapp.ui import settings

    doen = next(p for p in EXAMPLES if "doenvermogen" in p.name)
    settings.recent_files.set([str(doen), str(doen.with_name("kopie.toets")), str(UITV)])
    win = MainWindow(catalog, Session(recovery_dir()))
    qtbot.addWidget(win, before_close_func=dispose)
    win.show()
    start = win.start
    first = start.recent.item(0).text()
    info = recent_info(doen, catalog)
    toets = load_toets(doen)
    assert (toets.metadata.short_title or toets.metadata.title) in first
    form = catalog.form("doenvermogentoets")
    assert (form.short_title or form.title).get("nl") in first and "gewijzigd" in first
    assert f"{info.answered} van {info.visible} vragen beantwoord" in first
    assert info.visible > 0
    assert "(niet gevonden)" in start.recent.item(1).text()
    # the type in use comes first among the new-toets cards (here: tie, doenvermogen first)
    settings.recent_files.set([str(doen), str(UITV), str(doen)])
    start.set_recent(settings.recent_files.get())
    assert start.cards_layout.itemAt(0).widget() is start.cards["doenvermogentoets"]
    start.set_recent([str(UITV)])
    assert start.cards_layout.itemAt(0).widget() is start.cards["uitvoerbaarheidstoets"]
    start.set_recent([str(UITV), str(doen)])  # a tie: the type used last comes first
    assert start.cards_layout.itemAt(0).widget() is start.cards["uitvoerbaarheidstoets"]
    start.set_recent([str(doen), str(UITV)])
    assert start.cards_layout.itemAt(0).widget() is start.cards["doenvermogentoets"]


def test_date_button_arrow_does_not_cover_its_label(qtbot, catalog):
    from toetsapp.model.form import Question
    from toetsapp.ui.editors.numeric import DateEditor

    question = Question.model_validate({"id": "d", "type": "date", "label": {"nl": "Datum"}})
    editor = DateEditor(question, "date")
    qtbot.addWidget(editor)
    editor.show()
    button = editor.pick
    text = button.fontMetrics().horizontalAdvance(button.text())
    assert button.sizeHint().width() >= text + button.fontMetrics().horizontalAdvance("0") * 2


def test_dossier_problems_name_the_document_not_a_json_path():
    from toetsapp.errors import Issue
    from toetsapp.ui.dossier import readable_issue

    assert readable_issue(Issue("$.documents[2].file", "bestaat niet")) \
        == "Document 3, bestand: bestaat niet"
    assert readable_issue(Issue("$.dossier.vergaderjaar", "ongeldig")) \
        == "Dossier, vergaderjaar: ongeldig"
    assert "$." not in readable_issue(Issue("$.format_version", "onbekend"))
