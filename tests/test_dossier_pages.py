"""Inside a dossier one page-numbering system is visible per page (the dossier's), and
every line of the contents links as a whole (issue 13)."""

from __future__ import annotations

import io
import re
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from tests.conftest import EXAMPLES
from tests.dossier_support import other_pdf, rendered_examples, write_manifest
from toetsapp.dossier import DossierResult, write_dossier
from toetsapp.signing.trust import TrustStore

pytestmark = pytest.mark.skipif(not EXAMPLES, reason="no examples yet")
OWN = re.compile(r"(?<!dossier, )pagina \d+ van \d+")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[bytes, DossierResult]:
    folder: Path = tmp_path_factory.mktemp("pages")
    (folder / "mvt.pdf").write_bytes(other_pdf("Memorie van toelichting", 3))
    for name, (_toets, pdf) in rendered_examples().items():
        (folder / f"{name}.pdf").write_bytes(pdf)
    write_manifest(folder, [{"file": "mvt.pdf", "kind": "document", "title": "MvT"},
                            {"file": "uitvoerbaarheidstoets.pdf"},
                            {"file": "doenvermogentoets.pdf"},
                            {"file": "invoeringstoets.pdf"}], name="d.json")
    path, result = write_dossier(folder / "d.json", folder / "dossier.pdf", trust=TrustStore())
    return path.read_bytes(), result


def _texts(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [" ".join((page.extract_text() or "").split()) for page in doc.pages]


def test_every_toets_page_shows_the_dossier_number_and_not_its_own(built):
    pdf, result = built
    texts = _texts(pdf)
    last = result.pages - result.front_pages
    for doc, start in zip(result.documents, result.starts, strict=True):
        for page in range(start, start + doc.pages):
            if doc.kind != "toets":
                continue
            label = page - result.front_pages + 1
            assert f"dossier, pagina {label} van {last}" in texts[page], (doc.title, page)
            assert not OWN.search(texts[page]), (doc.title, page, OWN.search(texts[page]))
    # the standalone PDF does say its own number: it is the dossier that replaced it
    assert "pagina 1 van" in _texts(rendered_examples()["invoeringstoets"][1])[0]


def test_other_documents_keep_their_own_pages(built):
    pdf, result = built
    texts = _texts(pdf)
    start = result.starts[0]
    assert "Memorie van toelichting — pagina 1" in texts[start]
    assert "dossier, pagina" not in texts[start]


def test_the_attached_originals_are_unchanged(built):
    pdf, _result = built
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        files = {name: spec.get_file().read_bytes() for name, spec in doc.attachments.items()}
    original = rendered_examples()["uitvoerbaarheidstoets"][1]
    assert original in files.values()


def test_contents_links_cover_the_whole_line(built):
    pdf, result = built
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[1]
        links = [[float(v) for v in a.Rect] for a in page.get("/Annots", [])
                 if a.get("/Subtype") == "/Link"]
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        plumber = doc.pages[1]
        height = float(plumber.height)
        words = plumber.extract_words()
        lines = plumber.lines + plumber.rects
    assert len(links) == len(result.documents) + 2  # every document, two front sections
    lefts, rights = {round(r[0]) for r in links}, {round(r[2]) for r in links}
    assert len(lefts) == len(rights) == 1, "every link spans the same full width"
    rules = [x for line in lines for x in (line["x0"], line["x1"])]
    assert min(lefts) <= min(rules) + 1 and max(rights) >= max(rules) - 1
    rows = sorted(links, key=lambda r: -r[3])
    for upper, lower in pairwise(rows):
        assert abs(upper[1] - lower[3]) < 0.5, "rows touch: no gap between two links"
    for doc in result.documents:  # the number, title, status and page of each line
        number = next(w for w in words if w["text"] == str(doc.number) and w["x0"] < 80)
        page_no = [w for w in words if w["text"] == str(doc.first_page) and w["x0"] > 450
                   and abs(w["top"] - number["top"]) < 2]
        for word in (number, *page_no):
            y = height - (word["top"] + word["bottom"]) / 2
            inside = [r for r in links if r[0] <= word["x0"] and word["x1"] <= r[2]
                      and r[1] <= y <= r[3]]
            assert len(inside) == 1, (doc.title, word["text"])


def test_a_font_without_subsets_gets_its_numbers_drawn_by_reportlab():
    """The fallback for a house font that is not a TrueType subset: one page per label."""
    from toetsapp.dossier.pagenumbers import _stamped
    from toetsapp.export.style import house_style

    doc = pikepdf.new()
    forms = _stamped(doc, [(595.0, 842.0), (842.0, 595.0)], ["dossier, pagina 1 van 2",
                                                           "dossier, pagina 2 van 2"],
                     house_style())
    assert [f.Subtype for f in forms] == ["/Form", "/Form"]
    assert [float(f.BBox[2]) for f in forms] == [595.0, 842.0]
