"""Whatever the answers, the PDF is made and nothing is lost."""

from __future__ import annotations

import pytest

from tests.export_support import (
    all_text,
    body_text,
    in_order,
    mini_toets,
    outline,
    page_text,
    reader,
    render_mini,
    squash,
)
from toetsapp.model.toets import Answer, Organisation, Override

LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwe" * 7  # > 300 characters
LONG_URL = "https://wetten.overheid.nl/" + "/".join(f"segment{i:03d}" for i in range(30))
SCRIPTS = "Grieks Αθήνα, Cyrillisch Москва, Hebreeuws שלום, Arabisch مرحبا"
SPECIALS = '<b>vet</b> & </para> <font name="x"> "quote" 5 > 3 &amp; &#169;'


def _numbered_words(chars: int) -> str:
    words, size, i = [], 0, 0
    while size < chars:
        word = f"woord{i:05d}"
        words.append(word)
        size += len(word) + 1
        i += 1
    return " ".join(words)[:chars]


def test_a_100000_character_answer_is_there_in_full():
    text = _numbered_words(100_000)
    pdf = render_mini(mini_toets({"titel": "x", "toelichting": text}))
    body = squash(body_text(pdf))
    assert squash(text) in body, "every character, in order"
    assert len(reader(pdf).pages) > 15


def test_100000_characters_without_a_space_or_with_only_newlines():
    blob = ("abcdefghij" * 10_000)
    lines = "\n".join(f"regel {i}" for i in range(12_000))[:100_000]
    pdf = render_mini(mini_toets({"titel": "x", "toelichting": blob, "maatregelen": lines,
                                  "gevolgen": "ingrijpend"}))
    body = squash(body_text(pdf))
    assert blob in body
    assert squash(lines) in body


def test_long_words_and_urls_everywhere():
    toets = mini_toets(
        {"titel": LONG_WORD, "toelichting": f"Zie {LONG_URL} en {LONG_WORD}.",
         "gevolgen": Answer(value="ingrijpend", evidence=LONG_URL, involved=LONG_WORD),
         "risicos": [{"risico": LONG_URL, "ernst": "hoog"}, {"risico": LONG_WORD}]},
        title=LONG_WORD, short_title=LONG_URL[:200], ministry=LONG_WORD[:300])
    pdf = render_mini(toets)
    body = squash(all_text(pdf))
    assert body.count(LONG_URL) >= 3 and body.count(LONG_WORD) >= 4
    assert "Inhoud" in page_text(pdf, 2), "the toetskaart stays one page"


def test_emoji_and_other_scripts():
    text = f"{SCRIPTS}. Emoji 😀 en 中文 en familie 👨‍👩‍👧 en vlag 🇳🇱."
    toets = mini_toets({"titel": text, "toelichting": text,
                        "risicos": [{"risico": text, "ernst": "hoog"}]}, title=text)
    pdf = render_mini(toets)
    body = all_text(pdf)
    for word in ("Αθήνα", "Москва", "😀"):
        assert word in body, word
    assert "[U+4E2D][U+6587]" in body, "CJK without a font is shown as code points"
    assert "[U+200D]" not in body, "invisible joiners are dropped, not shown"


def test_control_characters_and_unpaired_surrogates():
    bad = "nul\x00bel\x07 half \ud800 surrogaat\x1b"
    pdf = render_mini(mini_toets({"titel": bad, "toelichting": bad,
                                  "risicos": [{"risico": bad}]}))
    body = all_text(pdf)
    assert "[U+0000]" in body and "[U+D800]" in body and "surrogaat" in body


def test_markup_characters_are_shown_literally():
    toets = mini_toets(
        {"titel": SPECIALS, "toelichting": SPECIALS,
         "gevolgen": Answer(value="ingrijpend", evidence=SPECIALS, involved=SPECIALS),
         "risicos": [{"risico": SPECIALS, "ernst": "hoog"}], SPECIALS[:20]: SPECIALS},
        title=SPECIALS, ministry=SPECIALS,
        organisations=[Organisation(name=SPECIALS, abbreviation="<&>", role="lead")])
    toets.overrides.dimensions["impact"] = Override(value="goed", motivation=SPECIALS)
    body = all_text(render_mini(toets))
    assert squash(body).count(squash(SPECIALS)) >= 8


def test_a_table_with_500_rows_spans_pages_with_its_header():
    rows = [{"risico": f"Risico nummer {i}", "ernst": "midden", "bedrag": i * 1000}
            for i in range(1, 501)]
    pdf = render_mini(mini_toets({"titel": "x", "risicos": rows}))
    body = all_text(pdf)
    for i in (1, 250, 500):
        assert f"Risico nummer {i}\n" in body or f"Risico nummer {i} " in body
    assert "€ 500.000" in body and "(ennog4" in squash(body)  # annex A: names, then a count
    assert "500 rijen" not in body
    table_pages = [t for t in (p.extract_text() for p in reader(pdf).pages[1:])
                   if "Risico nummer" in t and "op basis van" not in t]  # not annex A
    assert len(table_pages) >= 5
    assert all("Ernst" in t for t in table_pages), "the header row repeats on every page"


def test_very_wide_and_very_tall_cells_split_instead_of_crashing():
    tall = _numbered_words(20_000)
    lines = "\n".join(f"r{i}" for i in range(400))
    rows = [{"risico": tall, "ernst": "hoog", "bedrag": 1}, {"risico": lines},
            {"risico": "kort", "bedrag": 10**15}]
    pdf = render_mini(mini_toets({"titel": "x", "risicos": rows}))
    body = body_text(pdf)
    assert in_order(tall.split(), body)
    assert in_order([f"r{i}" for i in range(400)], body)
    assert "Ongeldig antwoord" in all_text(pdf), "the too-long cell is flagged, not dropped"


def test_an_entirely_empty_toets():
    pdf = render_mini(mini_toets())
    card = page_text(pdf, 1)
    assert "(voorstel zonder titel)" in card and "nog geen oordeel" in card.lower()
    body = all_text(pdf)
    assert body.count("Niet beantwoord") >= 8
    assert "Niet van toepassing" in body  # the 'extra' section and 'ict_detail'
    assert [t for level, t, _ in outline(pdf) if level == 0][-1] == "Colofon"


def test_hidden_questions_are_listed_with_any_old_answer():
    toets = mini_toets({"titel": "x", "gevolgen": "beperkt", "aspecten": ["handhaving"],
                        "ict_detail": "Oud antwoord over ICT", "maatregelen": "Oude maatregel"})
    body = all_text(render_mini(toets))
    assert "Deze sectie is niet van toepassing" in body
    assert body.count("Niet van toepassing.") >= 2
    assert "Oud antwoord over ICT" in body and "Oude maatregel" in body
    assert body.count("Eerder ingevuld (telt niet mee):") == 2


def test_invalid_values_and_stale_overrides_are_shown():
    toets = mini_toets({"titel": "x", "gevolgen": "reusachtig", "aantal": "veel",
                        "start": "morgen", "oud_veld": {"iets": [1, 2]}})
    toets.overrides.dimensions["verdwenen"] = Override(value="goed", motivation="Oude afwijking")
    body = all_text(render_mini(toets))
    assert "reusachtig" in body and "veel" in body and "morgen" in body
    assert body.count("Ongeldig antwoord") >= 3
    assert "oud_veld" in body and "Antwoorden buiten dit formulier" in body
    assert "Oude afwijking" in body


@pytest.mark.parametrize("count", [1, 50])
def test_many_long_organisations_keep_the_card_on_one_page(count):
    orgs = [Organisation(name=f"Organisatie {i} " + "met een lange naam " * 14, role="co")
            for i in range(count)]
    toets = mini_toets({"titel": "x"}, organisations=orgs, title="T" * 1000)
    pdf = render_mini(toets)
    assert "Inhoud" in page_text(pdf, 2)
    assert f"Organisatie {count - 1}" in all_text(pdf)
