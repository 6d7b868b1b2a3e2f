"""Any user text made safe for reportlab: escaped, drawable, and cut into pieces that fit.

Answers can be anything: 100,000 characters, a 300-character URL, emoji, scripts the
house font lacks, control characters, lone surrogates. Nothing here may raise, and
nothing may silently disappear: a character no font can draw is shown as ``[U+XXXX]``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from toetsapp.export.style import FALLBACK, covered, derived, fallback

ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
MARKER_WEIGHT = 9  # '[U+1F600]' takes about nine ordinary characters
ELLIPSIS = "…"


def _missing(ch: str) -> bool:
    return ord(ch) not in covered()


def _invisible(ch: str) -> bool:
    """Format characters (joiners, variation selectors, bidi marks) the font lacks."""
    return unicodedata.category(ch) == "Cf" and not 0xD800 <= ord(ch) <= 0xDFFF


def markup(text: object, font: str | None = None, *, marker_color: str = "#8A8A8A") -> str:
    """Paragraph markup for plain ``text``: XML escaped, newlines as ``<br/>``, missing
    glyphs drawn with the fallback font or as a visible ``[U+XXXX]`` code. ``font``: the
    font the text is set in (default: characters every house font has)."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    safe = covered(font)
    if all(ord(ch) in safe or ch == "\n" for ch in set(text)):
        for raw, escaped in ESCAPES.items():
            text = text.replace(raw, escaped)
        return text.replace("\n", "<br/>")
    extra = fallback()
    out: list[str] = []
    in_fallback = False
    for ch in text:
        code = ord(ch)
        use_fallback = code not in safe and code in extra and ch != "\n"
        if use_fallback != in_fallback:
            out.append(f'<font name="{FALLBACK}">' if use_fallback else "</font>")
            in_fallback = use_fallback
        if ch == "\n":
            out.append("<br/>")
        elif code in safe or use_fallback:
            out.append(ESCAPES.get(ch, ch))
        elif _invisible(ch):
            continue
        else:
            out.append(f'<font color="{marker_color}">[U+{code:04X}]</font>')
    if in_fallback:
        out.append("</font>")
    return "".join(out)


def plain(text: object) -> str:
    """``text`` for direct drawing (no markup): undrawable characters become codes."""
    text = str(text)
    safe = covered()
    if all(ord(ch) in safe for ch in set(text)):
        return text
    return "".join(ch if ord(ch) in safe else " " if ch in "\n\t\r" else
                   "" if _invisible(ch) else f"[U+{ord(ch):04X}]" for ch in text)


def _weight(ch: str, line_chars: int) -> int:
    if ch == "\n":
        return line_chars
    return MARKER_WEIGHT if _missing(ch) else 1


def _cut(text: str, limit: int, line_chars: int) -> int | None:
    """Where to cut ``text`` so the first part weighs at most ``limit`` (None: it fits)."""
    if len(text) <= limit and all(ord(ch) in covered() for ch in set(text) - {"\n"}) \
            and len(text) + (line_chars - 1) * text.count("\n") <= limit:
        return None
    total, index = 0, 0
    for position, ch in enumerate(text):
        total += _weight(ch, line_chars)
        if total > limit:
            index = position
            break
    else:
        return None
    hard = max(index, 1)
    floor = hard * 6 // 10
    for sep in ("\n", ". ", "; ", ", ", " "):
        found = text.rfind(sep, floor, hard)
        if found > 0:
            return found + len(sep)
    return hard


def split_text(text: str, limit: int, line_chars: int = 80) -> list[str]:
    """Paragraphs of ``text`` (blank lines separate them), long ones cut at a line,
    sentence or word boundary so no piece weighs more than ``limit``."""
    return [piece for piece, _last in pieces(text, limit, line_chars)]


def pieces(text: str, limit: int, line_chars: int = 80) -> Iterator[tuple[str, bool]]:
    """Like :func:`split_text`, with a flag telling whether a piece ends its paragraph."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    for block in _blocks(text):
        while True:
            cut = _cut(block, limit, line_chars)
            if cut is None:
                yield block, True
                break
            head, block = block[:cut].rstrip(), block[cut:].lstrip()
            if head:
                yield head, not block
            if not block:
                break


def _blocks(text: str) -> Iterator[str]:
    block: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            block.append(line.rstrip())
        elif block:
            yield "\n".join(block).strip()
            block = []
    if block:
        yield "\n".join(block).strip()


def pack(pieces: list[str], limit: int, line_chars: int = 80) -> list[list[str]]:
    """Group consecutive pieces so each group weighs at most ``limit``."""
    groups: list[list[str]] = []
    current: list[str] = []
    weight = 0
    for piece in pieces:
        w = sum(_weight(ch, line_chars) for ch in piece) + line_chars
        if current and weight + w > limit:
            groups.append(current)
            current, weight = [], 0
        current.append(piece)
        weight += w
    if current:
        groups.append(current)
    return groups


def paragraphs(text: str, style: ParagraphStyle, chunk: int = 1500) -> list[Paragraph]:
    """Body text as a list of paragraphs, none too long to lay out quickly; the pieces
    of one long paragraph follow each other without extra space."""
    joined = derived(style, "cont", spaceAfter=0)
    return [Paragraph(markup(piece, style.fontName), style if last else joined)
            for piece, last in pieces(text, chunk)]


def lines_of(paragraph: Paragraph, width: float) -> int:
    paragraph.wrap(width, 1e6)
    return len(paragraph.blPara.lines)


def fit(text: str, style: ParagraphStyle, width: float, max_lines: int) -> Paragraph:
    """A paragraph of at most ``max_lines`` lines; longer text ends in an ellipsis."""
    text = " ".join(str(text).split())
    budget = max_lines * max(8, int(width / 2.5))
    candidate = text[:budget]
    para = Paragraph(markup(candidate, style.fontName), style)
    if candidate == text and lines_of(para, width) <= max_lines:
        return para
    low, high = 0, len(candidate)
    best = Paragraph(ELLIPSIS, style)
    while low <= high:
        mid = (low + high) // 2
        trial = Paragraph(markup(candidate[:mid].rstrip() + ELLIPSIS, style.fontName), style)
        if lines_of(trial, width) <= max_lines:
            best, low = trial, mid + 1
        else:
            high = mid - 1
    best.wrap(width, 1e6)
    return best


def resized(style: ParagraphStyle, size: float) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size,
                          leading=round(size * 1.2, 2))


def fitting(text: str, style: ParagraphStyle, width: float,
            max_lines: int) -> Paragraph | None:
    """``text`` as one paragraph if it fits in ``max_lines`` uncut, else None."""
    if len(text) > 60 * max_lines * max(1, int(width / 100)):
        return None
    para = Paragraph(markup(text, style.fontName), style)
    return para if lines_of(para, width) <= max_lines else None


def fit_size(text: str, style: ParagraphStyle, width: float, sizes: list[float],
             max_lines: int = 1) -> Paragraph:
    """The largest of ``sizes`` at which ``text`` fits in ``max_lines``; else clipped."""
    for size in sizes:
        para = fitting(text, resized(style, size), width, max_lines)
        if para is not None:
            return para
    return fit(text, resized(style, sizes[-1]), width, max_lines)


def numbered(number: str, title: str) -> str:
    """Heading markup: a number, two fixed spaces, the title."""
    return f"{markup(number)}&nbsp;&nbsp;{markup(title)}" if number else markup(title)
