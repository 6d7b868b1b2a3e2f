"""Text fields that say what they are: a placeholder is grey and italic, so it never
looks like an entry, and a one-line field whose text is too long for it shows the
whole text as its tooltip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

HINTED = "toetsapp_placeholder_hinted"
SHOWN_TIP = "toetsapp_full_text_tip"
TextField = QLineEdit | QTextEdit | QPlainTextEdit


def _text(field: QWidget) -> str:
    if isinstance(field, QLineEdit):
        return field.text()
    return field.toPlainText()  # type: ignore[attr-defined]


def _update(field: QWidget) -> None:
    empty = not _text(field)
    italic = empty and bool(field.placeholderText())  # type: ignore[attr-defined]
    if field.font().italic() != italic:
        font = field.font()
        font.setItalic(italic)
        field.setFont(font)
    if isinstance(field, QLineEdit):
        text = field.text()
        room = field.contentsRect().width() - 8
        wide = bool(text) and field.fontMetrics().horizontalAdvance(text) > room
        tip = text if wide else ""
        ours = field.property(SHOWN_TIP) or ""
        if field.toolTip() in ("", ours) and field.toolTip() != tip:  # never another's tip
            field.setToolTip(tip)
            field.setProperty(SHOWN_TIP, tip)


class _Painting(QObject):
    """Checks a line edit just before it paints: its text may have been set with its
    signals blocked (a model echo), which ``textChanged`` never reports."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QLineEdit):
            _update(watched)
        return False


_PAINTING: list[_Painting] = []


def hint_placeholder(field: QWidget) -> None:
    """Keep ``field``'s placeholder italic (grey comes from the palette) while it is
    empty, and its full text as tooltip when it does not fit. Idempotent."""
    if not field.property(HINTED):
        field.setProperty(HINTED, True)
        if isinstance(field, QLineEdit):
            if not _PAINTING:
                _PAINTING.append(_Painting())
            field.installEventFilter(_PAINTING[0])
            field.textChanged.connect(lambda _t: _update(field))
        else:  # the document reports every change, also one made with signals blocked
            field.document().contentsChanged.connect(  # type: ignore[attr-defined]
                lambda: _update(field))
    _update(field)


def set_placeholder(field: QWidget, text: str) -> None:
    """``field.setPlaceholderText(text)``, styled as a placeholder."""
    field.setPlaceholderText(text)  # type: ignore[attr-defined]
    hint_placeholder(field)


class HintedLineEdit(QLineEdit):
    """A line edit whose placeholder looks like one."""

    def setPlaceholderText(self, text: str) -> None:
        super().setPlaceholderText(text)
        hint_placeholder(self)
