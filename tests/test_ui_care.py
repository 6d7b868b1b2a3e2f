"""Small things that show care: placeholders look like placeholders, long one-line
text can be read, navigator titles are shown in full where the window has room."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.conftest import ROOT
from tests.uihelp import dispose, open_window, press_in_dialog, type_text
from toetsapp.model.form import Question
from toetsapp.ui.dossierform import DossierFields
from toetsapp.ui.editors.numeric import NumberEditor
from toetsapp.ui.editors.text import AreaEditor, LineEditor
from toetsapp.ui.fieldhints import set_placeholder

DOEN = ROOT / "examples" / "doenvermogentoets.toets"


def _settle() -> None:
    for _round in range(4):
        QApplication.processEvents()


def _question(type_: str) -> Question:
    return Question.model_validate({"id": "q", "type": type_, "label": {"nl": "Vraag"},
                                    "placeholder": {"nl": "bijvoorbeeld iets"}})


def _ink(widget) -> set[tuple[int, int, int]]:
    """The colours of the text pixels drawn in ``widget`` (not its background)."""
    image = widget.grab().toImage()
    base = widget.palette().color(QPalette.ColorRole.Base).rgb()
    found = set()
    for x in range(4, image.width() - 4):
        for y in range(4, image.height() - 4):
            pixel = image.pixel(x, y)
            if pixel != base:
                colour = image.pixelColor(x, y)
                found.add((colour.red(), colour.green(), colour.blue()))
    return found


def _darkest(colours: set[tuple[int, int, int]]) -> int:
    return min(sum(c) for c in colours)


def test_placeholders_are_grey_and_italic_entries_are_not(qtbot):
    for editor_type, type_ in ((LineEditor, "text"), (AreaEditor, "textarea")):
        editor = editor_type(_question(type_), type_)
        qtbot.addWidget(editor)
        editor.resize(400, 120)
        editor.show()
        qtbot.waitExposed(editor)
        edit = editor.edit
        assert edit.placeholderText() == "bijvoorbeeld iets"
        assert edit.font().italic()  # empty: the placeholder is shown, in italics
        empty_ink = _ink(edit.viewport() if type_ == "textarea" else edit)
        editor.set_value("bijvoorbeeld iets")  # the model's value, set with signals blocked
        _settle()
        assert not edit.font().italic()
        typed_ink = _ink(edit.viewport() if type_ == "textarea" else edit)
        # the placeholder is drawn lighter than an entry with the very same words
        assert _darkest(empty_ink) > _darkest(typed_ink) + 150
        editor.set_value(None)
        _settle()
        assert edit.font().italic()


def test_an_empty_amount_does_not_look_like_zero(qtbot):
    question = Question.model_validate({"id": "m", "type": "money", "label": {"nl": "Kosten"}})
    editor = NumberEditor(question, "money")
    qtbot.addWidget(editor)
    assert editor.edit.placeholderText() == "bedrag" and editor.edit.font().italic()


def test_a_long_one_line_entry_can_be_read_in_full(qtbot):
    fields = DossierFields()
    qtbot.addWidget(fields)
    fields.resize(700, 300)
    fields.show()
    qtbot.waitExposed(fields)
    title = fields.edits["title"]
    long_title = ("Wijziging van de Wet op de huurtoeslag en enige andere wetten in verband met "
                  "het automatisch toekennen van huurtoeslag aan huishoudens met een laag "
                  "inkomen (Wet automatische toekenning huurtoeslag)")
    type_text(qtbot, title, long_title)
    _settle()
    assert title.toolTip() == long_title and not title.font().italic()
    title.clear()
    type_text(qtbot, title, "Wet ATH")
    _settle()
    assert title.toolTip() == ""  # it fits: no tooltip needed
    own = QLineEdit()
    qtbot.addWidget(own)
    own.setToolTip("Eigen uitleg")
    set_placeholder(own, "iets")
    own.setText("x" * 300)
    own.show()
    _settle()
    assert own.toolTip() == "Eigen uitleg"  # a field's own tooltip stays


def test_navigator_shows_every_title_in_full_at_1920_and_stays_resizable(qtbot, catalog):
    window = open_window(qtbot, catalog)
    try:
        window.resize(QSize(1920, 1080))
        _settle()
        assert window.open_path(DOEN)
        _settle()
        navigator, splitter = window.view.navigator, window.view.splitter
        assert splitter.sizes()[0] >= navigator.preferred_width()
        metrics = navigator.fontMetrics()
        for row in range(navigator.entries.rowCount()):
            item = navigator.entries.item(row)
            assert metrics.horizontalAdvance(item.text()) + 100 < navigator.viewport().width()
            assert item.text() in item.toolTip()
        splitter.setSizes([navigator.minimumWidth(), 1500])
        _settle()
        assert splitter.sizes()[0] == navigator.minimumWidth()  # the user decides
    finally:
        dispose(window)


def test_files_dropped_onto_the_window_open_through_real_events(qtbot, catalog, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    doen, uitv = tmp_path / "doen.toets", tmp_path / "uh.toets"  # copies: nobody else's lock
    doen.write_bytes(DOEN.read_bytes())
    uitv.write_bytes((ROOT / "examples" / "uitvoerbaarheidstoets.toets").read_bytes())
    window = open_window(qtbot, catalog)
    try:
        def mime(*paths) -> QMimeData:
            data = QMimeData()
            data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
            return data

        def enter(data: QMimeData) -> bool:
            event = QDragEnterEvent(QPoint(300, 300), Qt.DropAction.CopyAction, data,
                                    Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
            QApplication.sendEvent(window, event)
            return event.isAccepted()

        assert window.acceptDrops()
        assert not enter(mime(ROOT / "README.md"))  # not a toets: the drop is refused
        data = mime(ROOT / "README.md", doen)
        assert enter(data)  # a toets among other files is taken
        move = QDragMoveEvent(QPoint(310, 300), Qt.DropAction.CopyAction, data,
                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(window, move)
        drop = QDropEvent(QPointF(310, 300), Qt.DropAction.CopyAction, data,
                          Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(window, drop)
        assert drop.isAccepted()
        qtbot.waitUntil(lambda: window.doc is not None and window.doc.path == doen.resolve())
        # with a toets open, dropping another one opens that one
        window.doc.edit_answer("kern_voorstel", "value", "Iets anders")
        data = mime(uitv)
        assert enter(data)
        drop = QDropEvent(QPointF(310, 300), Qt.DropAction.CopyAction, data,
                          Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        seen: list = []
        press_in_dialog("discard", seen)  # asked after the drop, never inside it
        QApplication.sendEvent(window, drop)
        assert drop.isAccepted() and not seen
        qtbot.waitUntil(lambda: window.doc.path == uitv.resolve())
        assert seen and "opgeslagen" in seen[0].text()
    finally:
        dispose(window)


def _mark(rank: int, colour: str, theme: str, hollow: bool = False):
    """The navigator's mark for a level, drawn on the theme's base colour."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from toetsapp.ui.navigator import level_mark
    from toetsapp.ui.theme import dark_palette

    palette = dark_palette() if theme == "dark" else QApplication.style().standardPalette()
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    image = QImage(24, 24, QImage.Format.Format_RGB32)
    image.fill(base)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    level_mark(painter, QRectF(4, 4, 16, 16), QColor(colour), rank, text, hollow=hollow)
    painter.end()
    return image, base


def test_score_marks_differ_in_shape_and_stand_out_3_to_1_in_both_themes(qapp, catalog):
    from toetsapp.ui.theme import contrast

    rubric = catalog.rubric_for("uitvoerbaarheidstoets")
    for theme in ("light", "dark"):
        for hollow in (False, True):
            shapes = []
            for rank, level in enumerate(rubric.levels):
                image, base = _mark(rank, level.color, theme, hollow)
                pixels = [image.pixelColor(x, y) for y in range(24) for x in range(24)]
                shapes.append(tuple(p != base for p in pixels))
                strongest = max(contrast(p, base) for p in pixels)
                assert strongest >= 3, (theme, hollow, level.value, strongest)
            assert len(set(shapes)) == len(shapes), (theme, hollow)  # not colour-only


def test_long_titles_on_the_data_page_wrap_or_show_in_full(qtbot, catalog, tmp_path):
    from toetsapp.ui.editors.text import GrowingTextEdit

    copy = tmp_path / "doen.toets"
    copy.write_bytes(DOEN.read_bytes())
    window = open_window(qtbot, catalog)
    try:
        window.resize(QSize(1024, 700))
        assert window.open_path(copy)
        window.view.go_to(0)
        _settle()
        fields = window.view.metadata_page.fields
        title = fields["title"].edit
        assert isinstance(title, GrowingTextEdit)  # a bill's title can be long: it wraps
        lines = title.height() // title.fontMetrics().lineSpacing()
        assert lines >= 2 and title.horizontalScrollBar().maximum() == 0
        organisation = fields["toetser.organisation"].edit
        organisation.setFocus()
        organisation.selectAll()  # typing replaces what was there
        long_name = "Directoraat-generaal Volkshuisvesting en Bouwen, directie Woningmarkt " * 2
        type_text(qtbot, organisation, long_name.strip())
        _settle()
        assert organisation.toolTip() == long_name.strip()  # one line: the tooltip has it all
    finally:
        dispose(window)


def test_at_1024_by_700_the_u_and_h_and_invoering_pages_need_no_sideways_scrolling(qtbot,
                                                                                  catalog):
    """Stricter than 'clipped or scrollable': with the navigator and the score panel
    open, every card of these two toetsen fits the page's width (the doenvermogentoets
    still has four pages whose long check-box labels need the scroll bar)."""
    for name in ("uitvoerbaarheidstoets", "invoeringstoets"):
        window = open_window(qtbot, catalog)
        try:
            window.resize(QSize(1024, 700))
            assert window.open_path(ROOT / "examples" / f"{name}.toets")
            view, wide = window.view, []
            for number in range(1, len(view.sections) + 1):
                view.show_page(number)
                _settle()
                page = view.page(number)
                if page.body.minimumSizeHint().width() > page.viewport().width():
                    wide.append(number)
            assert wide == [], (name, wide)
        finally:
            dispose(window)
