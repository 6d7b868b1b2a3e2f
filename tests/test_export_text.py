"""Making any text safe for reportlab: escaping, missing glyphs, cutting and fitting."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from toetsapp.export.style import house_style
from toetsapp.export.text import ELLIPSIS, fit, lines_of, markup, pack, plain, split_text


def test_markup_escapes_and_keeps_line_breaks():
    assert markup('a < b & c > "d"\ne') == "a &lt; b &amp; c &gt; &quot;d&quot;<br/>e"


def test_markup_marks_what_no_font_draws_and_drops_invisible_joiners():
    out = markup("中\x00x\u200d")
    assert "[U+4E2D]" in out and "[U+0000]" in out and "200D" not in out
    assert plain("a中\nb") == "a[U+4E2D] b"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_markup_of_any_text_is_valid_paragraph_markup(text):
    para = Paragraph(markup(text), house_style().styles["body"])
    para.wrap(300, 10_000)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=3000),
       st.integers(min_value=20, max_value=400))
def test_split_text_keeps_every_visible_character_within_the_limit(text, limit):
    pieces = split_text(text, limit, line_chars=40)
    assert "".join("".join(p.split()) for p in pieces) == "".join(text.split())
    assert all(len(piece) <= limit for piece in pieces)


def test_split_text_prefers_sentence_and_word_boundaries():
    text = "Eerste zin is hier. " * 100
    pieces = split_text(text, 300)
    assert all(p.endswith(".") for p in pieces)
    assert all(len(p) <= 300 for p in pieces)


def test_pack_groups_pieces_under_the_limit():
    groups = pack(["a" * 50] * 10, 130, line_chars=10)
    assert [len(g) for g in groups] == [2, 2, 2, 2, 2]


def test_fit_clips_with_an_ellipsis_within_the_lines():
    style = house_style().styles["body"]
    para = fit("woord " * 500, style, 200, 2)
    assert para.text.endswith(ELLIPSIS) and lines_of(para, 200) <= 2
    short = fit("kort", style, 200, 2)
    assert short.text == "kort"


def test_fit_widths_respects_minimums_and_weights():
    from toetsapp.export.tables import fit_widths

    assert fit_widths([1, 1], [10, 10], 100) == [50, 50]
    widths = fit_widths([3, 1, 1], [10, 40, 40], 200)
    assert widths[1] == widths[2] == 40 and abs(sum(widths) - 200) < 1e-9
    assert fit_widths([1, 1], [150, 50], 100) == [75, 25]


def test_many_narrow_columns_keep_their_words_whole():
    import io

    from pypdf import PdfReader
    from reportlab.platypus import SimpleDocTemplate

    from toetsapp.export.tables import table_flowables
    from toetsapp.model.form import Question

    scale = [{"value": v, "label": {"nl": v.capitalize()}} for v in ("laag", "gemiddeld", "hoog")]
    columns = [{"id": "stap", "type": "text", "label": {"nl": "Stap"}, "width": 3}] + [
        {"id": f"c{i}", "type": "scale", "label": {"nl": f"Omgaan met verleidingen {i}"},
         "choices": scale, "width": 0.5} for i in range(6)]
    question = Question.model_validate({"id": "t", "type": "table", "label": {"nl": "T"},
                                        "columns": columns})
    rows = [{"stap": "Een stap " * 20, **{f"c{i}": "gemiddeld" for i in range(6)}}]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(table_flowables(question, rows, house_style(), 480, "nl"))
    words = PdfReader(buffer).pages[0].extract_text().split()
    assert words.count("Gemiddeld") == 6
    assert words.count("verleidingen") == 6
