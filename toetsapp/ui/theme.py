"""Look and feel: Fusion with the system's light or dark palette, a few shared colours.

Colours come from the palette (so a dark system theme just works); the only
fixed colours are the rubric's level colours, always paired with a text colour
chosen for contrast.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

STYLE = """
QFrame#card { border: 1px solid palette(mid); border-radius: 8px; background: palette(base); }
QFrame#guidance { border-left: 3px solid palette(highlight); background: palette(alternate-base);
                  border-radius: 4px; }
QFrame#banner { border: 1px solid palette(mid); border-left: 4px solid palette(highlight);
                border-radius: 6px; background: palette(alternate-base); }
QFrame#dimension { border-radius: 6px; }
QFrame#dimension[flash="true"] { background: palette(alternate-base); }
QPushButton#link { border: none; color: palette(link); text-align: left; padding: 2px; }
QPushButton#link:hover { text-decoration: underline; }
QPushButton#link:focus { border: 1px dotted palette(highlight); }
QPushButton#card { border: 1px solid palette(mid); border-radius: 8px;
                   background: palette(base); text-align: left; }
QPushButton#card:hover { border: 1px solid palette(highlight); }
QPushButton#card:focus { border: 2px solid palette(highlight); }
QPushButton#card:pressed { background: palette(alternate-base); }
"""


# Fusion outlines check boxes and radio buttons with the window colour darkened, which
# vanishes on a dark window: here they get a light outline (more than 3:1 on #27292d)
# and a filled mark, so checked and unchecked differ in shape, not only in colour.
DARK_INDICATORS = """
QCheckBox::indicator, QRadioButton::indicator, QGroupBox::indicator {
    width: 14px; height: 14px; border: 2px solid #b9bcc2; background: #27292d; }
QCheckBox::indicator { border-radius: 3px; }
QRadioButton::indicator { border-radius: 9px; }
QCheckBox::indicator:hover, QRadioButton::indicator:hover,
QCheckBox::indicator:focus, QRadioButton::indicator:focus { border-color: #8ab4f8; }
QCheckBox::indicator:checked { border-color: #8ab4f8; background: qlineargradient(
    x1:0, y1:0, x2:0, y2:1, stop:0 #8ab4f8, stop:1 #8ab4f8); }
QCheckBox::indicator:indeterminate { border-color: #8ab4f8; background: qlineargradient(
    x1:0, y1:0, x2:0, y2:1, stop:0 #27292d, stop:0.4 #27292d, stop:0.41 #8ab4f8,
    stop:0.6 #8ab4f8, stop:0.61 #27292d, stop:1 #27292d); }
QRadioButton::indicator:checked { border-color: #8ab4f8; background: qradialgradient(
    cx:0.5, cy:0.5, radius:0.5, fx:0.5, fy:0.5, stop:0 #8ab4f8, stop:0.55 #8ab4f8,
    stop:0.65 #27292d, stop:1 #27292d); }
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled { border-color: #6b6e75; }
"""


def apply_theme(app: QApplication, choice: str = "system") -> None:
    """Fusion style with a light or dark palette (``choice``: system, light or dark)."""
    app.setStyle("Fusion")
    dark = choice == "dark" or (choice == "system" and _system_prefers_dark())
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    app.setStyleSheet(STYLE + (DARK_INDICATORS if dark else ""))
    for widget in app.allWidgets():
        if widget.property(TINT):
            tint(widget, str(widget.property(TINT)))


TINT = "toetsapp_tint"


def tint(widget: QWidget, role: str) -> None:
    """Colour a label's text 'muted' or 'error'; repeated whenever the theme changes."""
    widget.setProperty(TINT, role)
    colour = error_colour(widget) if role == "error" else muted_colour(widget)
    if widget.property("toetsapp_tint_css"):
        widget.setStyleSheet(f"color: {colour.name(QColor.NameFormat.HexArgb)}")
        return
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    widget.setPalette(palette)


def _system_prefers_dark() -> bool:
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    """A calm dark palette with readable contrast (WCAG AA for body text)."""
    p = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#1f2124", roles.WindowText: "#e8e8e8", roles.Base: "#27292d",
        roles.AlternateBase: "#2f3237", roles.Text: "#e8e8e8", roles.Button: "#2d3034",
        roles.ButtonText: "#e8e8e8", roles.ToolTipBase: "#2f3237", roles.ToolTipText: "#e8e8e8",
        roles.PlaceholderText: "#9a9da3", roles.Highlight: "#3d7bd9",
        roles.HighlightedText: "#ffffff", roles.Link: "#8ab4f8", roles.LinkVisited: "#c58af9",
        roles.Light: "#3a3d42", roles.Midlight: "#33363b", roles.Mid: "#4a4e55",
        roles.Dark: "#141517", roles.Shadow: "#000000", roles.BrightText: "#ffffff",
    }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(disabled, role, QColor("#7d8087"))
    return p


def is_dark(_widget: QWidget | None = None) -> bool:
    """Whether the application's palette is dark."""
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def tinted(colour: QColor, base: QColor, strength: float = 0.3) -> QColor:
    """``colour`` mixed into ``base`` at ``strength``: the pale fill of a provisional level."""
    ink = (colour.red(), colour.green(), colour.blue())
    paper = (base.red(), base.green(), base.blue())
    return QColor(*(round(b + (c - b) * strength) for c, b in zip(ink, paper, strict=True)))


def text_on(background: QColor) -> QColor:
    """Black or white, whichever contrasts more with ``background``."""
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = (0.2126 * channel(background.red()) + 0.7152 * channel(background.green())
           + 0.0722 * channel(background.blue()))
    return QColor("#000000") if (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) else QColor("#ffffff")


def error_colour(widget: QWidget | None = None) -> QColor:
    return QColor("#ff8a80") if is_dark(widget) else QColor("#b3261e")


def success_colour(widget: QWidget | None = None) -> QColor:
    return QColor("#66bb6a") if is_dark(widget) else QColor("#2e7d32")


def warning_colour(widget: QWidget | None = None) -> QColor:
    return QColor("#ffcc80") if is_dark(widget) else QColor("#8a5300")


def muted_colour(widget: QWidget | None = None) -> QColor:
    """Secondary text: readable (at least 4.5:1 on the window colour) in both themes."""
    return QColor("#a3a6ad") if is_dark(widget) else QColor("#5f6368")


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio between two colours (1 to 21)."""
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def scaled_font(base: QFont, factor: float, bold: bool = False) -> QFont:
    """``base`` at ``factor`` times its size (headings), optionally bold."""
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    else:
        font.setPixelSize(round(base.pixelSize() * factor))
    font.setBold(bold)
    return font
