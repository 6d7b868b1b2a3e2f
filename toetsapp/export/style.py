"""The house style: ``exports/style.json`` (colours, sizes, margins) and the embedded fonts."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, A5, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import TableStyle

from toetsapp.errors import FileProblem
from toetsapp.i18n import _
from toetsapp.resources import resource_dir

FAMILY = "Toetsapp"
FONT_ROLES = {"regular": FAMILY, "bold": f"{FAMILY}-Bold", "italic": f"{FAMILY}-Italic"}
FALLBACK = f"{FAMILY}-Fallback"
PAGE_SIZES = {"A4": A4, "A5": A5, "LETTER": LETTER}
_ASTRAL = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _utf16(match: re.Match[str]) -> str:
    code = int(match.group(2), 16) - 0x10000
    return f"<{match.group(1)}> <{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}>"


class _Font(TTFont):
    """A TrueType font whose ToUnicode map also encodes characters beyond the BMP
    (emoji) correctly as UTF-16 pairs, so copied or extracted text stays right."""

    def addObjects(self, doc: Any) -> None:
        super().addObjects(doc)
        for name, obj in doc.idToObject.items():
            if name.startswith("toUnicodeCMap:") and isinstance(obj.content, str):
                obj.content = _ASTRAL.sub(_utf16, obj.content)


@dataclass(frozen=True)
class HouseStyle:
    """The parsed style data plus helpers to turn it into reportlab objects."""

    data: dict[str, Any]
    folder: Path

    def color(self, name: str) -> colors.Color:
        return colors.HexColor(self.data["colors"][name])

    def size(self, name: str) -> float:
        return float(self.data["sizes"][name])

    def card(self, name: str) -> float:
        return float(self.data["card"][name])

    def leading(self, size: float) -> float:
        return round(size * self.size("leading"), 2)

    @cached_property
    def page_size(self) -> tuple[float, float]:
        return PAGE_SIZES.get(str(self.data["page"]["size"]).upper(), A4)

    def margin(self, side: str) -> float:
        return float(self.data["page"][f"margin_{side}_mm"]) * mm

    def offset(self, which: str) -> float:
        return float(self.data["page"][f"{which}_offset_mm"]) * mm

    @cached_property
    def fallback_files(self) -> list[Path]:
        """Configured fallback fonts that exist (for scripts the main font lacks)."""
        found = []
        for entry in self.data["fonts"].get("fallback", []):
            path = Path(entry) if Path(entry).is_absolute() else self.folder / "fonts" / entry
            if path.is_file():
                found.append(path)
        return found

    def para(self, name: str, *, size: str = "body", bold: bool = False, italic: bool = False,
             color: str = "text", align: int = 0, before: float = 0, after: float = 0,
             indent: float = 0, keep: bool = False) -> ParagraphStyle:
        """A paragraph style in the house font."""
        font = FONT_ROLES["bold" if bold else "italic" if italic else "regular"]
        points = self.size(size)
        return ParagraphStyle(
            name, fontName=font, fontSize=points, leading=self.leading(points),
            textColor=self.color(color), alignment=align, spaceBefore=before, spaceAfter=after,
            leftIndent=indent, keepWithNext=int(keep), splitLongWords=1, allowWidows=0,
            allowOrphans=0)

    @cached_property
    def styles(self) -> dict[str, ParagraphStyle]:
        """The named paragraph styles every part of the PDF uses."""
        p = self.para
        return {
            "body": p("body", after=3),
            "cell": p("cell", size="table"),
            "cell_bold": p("cell_bold", size="table", bold=True),
            "cell_right": p("cell_right", size="table", align=TA_RIGHT),
            "cell_head_right": p("cell_head_right", size="table", bold=True, align=TA_RIGHT),
            "cell_muted": p("cell_muted", size="table", color="muted", italic=True),
            "small": p("small", size="small"),
            "small_muted": p("small_muted", size="small", color="muted"),
            "tiny": p("tiny", size="tiny", color="muted"),
            "label": p("label", size="small", color="muted", bold=True),
            "h1": p("h1", size="h1", bold=True, color="accent", before=10, after=6),
            "h2": p("h2", size="h2", bold=True, color="accent", before=8, after=3),
            "h3": p("h3", size="h3", bold=True, before=7, after=1),
            "question": p("question", size="small", italic=True, color="muted", after=2),
            "unanswered": p("unanswered", size="small", bold=True, color="unanswered"),
            "not_applicable": p("not_applicable", size="small", italic=True, color="muted"),
            "meta": p("meta", size="small", after=1),
            "bullet": p("bullet", indent=11, after=1),
        }


@cache
def house_style() -> HouseStyle:
    """Load ``exports/style.json`` and register the house fonts (once per process)."""
    folder = resource_dir("exports")
    path = folder / "style.json"
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise FileProblem(path, _("de huisstijl kan niet worden gelezen: {error}")
                          .format(error=exc)) from None
    fonts = data["fonts"]
    for role, name in FONT_ROLES.items():
        file = folder / "fonts" / fonts[role]
        try:
            pdfmetrics.registerFont(_Font(name, str(file)))
        except Exception as exc:  # reportlab raises plain errors for unreadable fonts
            raise FileProblem(file, _("lettertype niet bruikbaar: {error}")
                              .format(error=exc)) from None
    pdfmetrics.registerFontFamily(FAMILY, normal=FONT_ROLES["regular"],
                                  bold=FONT_ROLES["bold"], italic=FONT_ROLES["italic"],
                                  boldItalic=FONT_ROLES["bold"])
    return HouseStyle(data, folder)


@cache
def covered(font: str | None = None) -> frozenset[int]:
    """Code points ``font`` can draw; without a font, those all house fonts can draw."""
    house_style()
    names = [font] if font in FONT_ROLES.values() else list(FONT_ROLES.values())
    maps = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in names]
    controls = set(range(0x20)) | set(range(0x7F, 0xA0))
    return frozenset(set.intersection(*maps) - controls)


@cache
def fallback() -> frozenset[int]:
    """Code points of the first usable fallback font (registered on first use)."""
    for file in house_style().fallback_files:
        try:
            font = _Font(FALLBACK, str(file))
        except Exception:  # an unusable fallback is skipped, never fatal
            continue
        pdfmetrics.registerFont(font)
        return frozenset(font.face.charToGlyph)
    return frozenset()


_DERIVED: dict[tuple[int, str], tuple[ParagraphStyle, ParagraphStyle]] = {}


def derived(style: ParagraphStyle, suffix: str, **changes: Any) -> ParagraphStyle:
    """``style`` with ``changes``, made once per style (creating styles is not free)."""
    key = (id(style), suffix)
    hit = _DERIVED.get(key)
    if hit is None or hit[0] is not style:
        hit = _DERIVED[key] = (style, ParagraphStyle(f"{style.name}-{suffix}", parent=style,
                                                     **changes))
    return hit[1]


def table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A table style in the house font (reportlab's default would be Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT_ROLES["regular"]), *commands])


def text_color_on(background: colors.Color) -> colors.Color:
    """Black or white, whichever reads better on ``background`` (WCAG luminance)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = (0.2126 * channel(background.red) + 0.7152 * channel(background.green)
           + 0.0722 * channel(background.blue))
    return colors.black if lum > 0.179 else colors.white
