"""The comparison PDF and the dossier's own pages (cover, contents, comparison) are
tagged like the toets PDF: the ``pdfua`` checker finds nothing, all content is tagged
or an artifact, comparison tables have header cells with a scope, and the XMP names
the dossier's Kamerstuk."""

from __future__ import annotations

import pytest

from tests.dossier_support import TYPES, rendered_examples, write_manifest
from tests.pdf_tags import elements, open_pdf, pdfua_findings, reading_order, tree, unmarked
from toetsapp.pdf.pdfa import NAMESPACE


@pytest.fixture(scope="module")
def comparison_pdf() -> bytes:
    from toetsapp.dossier import compare, render_comparison_pdf

    toetsen = [toets for toets, _pdf in rendered_examples().values()]
    return render_comparison_pdf(compare(toetsen), [f"{name}.toets" for name in TYPES])


@pytest.fixture(scope="module")
def front_pages(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The dossier's own pages as laid out, before they are merged with the documents
    (the real build runs; the front is kept on its way to the merge)."""
    from toetsapp.dossier import build, build_dossier, load_manifest
    from toetsapp.signing.trust import TrustStore

    folder = tmp_path_factory.mktemp("dossier")
    for name, (_toets, pdf) in rendered_examples().items():
        (folder / f"{name}.pdf").write_bytes(pdf)
    manifest = write_manifest(folder, [{"file": f"{name}.pdf", "kind": "document"}
                                       for name in TYPES])
    kept: list[bytes] = []
    real = build._front

    def keep(*args, **kwargs):
        front, links = real(*args, **kwargs)
        kept.append(front)
        return front, links

    build._front = keep
    try:
        build_dossier(load_manifest(manifest), manifest, trust=TrustStore())
    finally:
        build._front = real
    return kept[0]


def test_the_comparison_pdf_passes_the_checker(comparison_pdf, tmp_path):
    assert pdfua_findings(comparison_pdf, tmp_path) == []
    assert unmarked(comparison_pdf) == []


def test_comparison_tables_have_scoped_headers(comparison_pdf):
    doc = open_pdf(comparison_pdf)
    tables = elements(doc, "Table")
    assert len(tables) >= 2  # the overview and a score matrix
    headers = elements(doc, "TH")
    assert headers and all(str(h.A.Scope) in ("/Column", "/Row") for h in headers)
    assert str(doc.Root.Lang) == "nl-NL"


def test_the_dossiers_own_pages_pass_the_checker(front_pages, tmp_path):
    assert pdfua_findings(front_pages, tmp_path) == []
    assert unmarked(front_pages) == []
    order = reading_order(tree(front_pages, 0))
    assert order[0][1] == "DOSSIER"


def test_the_dossiers_own_pages_name_the_kamerstuk_in_the_xmp(front_pages):
    doc = open_pdf(front_pages)
    meta = doc.open_metadata()
    assert meta[f"{{{NAMESPACE}}}dossiernummers"] == "36 812"
    assert meta[f"{{{NAMESPACE}}}vergaderjaar"] == "2025/26"
    assert meta["{http://www.aiim.org/pdfa/ns/id/}part"] == "3"
    assert doc.Root.OutputIntents[0].S == "/GTS_PDFA1"
