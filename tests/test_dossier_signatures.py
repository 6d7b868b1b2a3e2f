"""Signatures at bundle time: recorded on the contents page and in the comparison, the
merged copy carries no (broken) signature fields, the attached originals still verify."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.dossier_pdf import Grid, landscape_pages, page_words
from tests.dossier_support import example, other_pdf, render, write_manifest
from tests.test_dossier_bundle import OVERVIEW
from tests.test_signing_pki import key, shared_pki, signed_by
from toetsapp.dossier import write_dossier
from toetsapp.signing import load_trust_store, pades_sign, verify_pdf


@pytest.fixture(scope="module")
def signed_dossier(tmp_path_factory):
    pki = shared_pki(tmp_path_factory)
    folder = tmp_path_factory.mktemp("ondertekend")
    ut = signed_by(pki, "toeslagen", "belastingdienst", toets=example("uitvoerbaarheidstoets"))
    ut_pdf = pades_sign(render(ut), key(pki, "toeslagen"))
    dv = signed_by(pki, "toeslagen", toets=example("doenvermogentoets"))
    dv.metadata.title += " (gewijzigd na ondertekening)"
    mvt = pades_sign(other_pdf("Memorie van toelichting"), key(pki, "belastingdienst"))
    files = {"ut.pdf": ut_pdf, "dv.pdf": render(dv), "mvt.pdf": mvt,
             "iv.pdf": render(example("invoeringstoets"))}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    manifest = write_manifest(folder, [{"file": "mvt.pdf", "kind": "document"},
                                       {"file": "ut.pdf"}, {"file": "dv.pdf"},
                                       {"file": "iv.pdf"}])
    trust = load_trust_store(pki.trust_dir)
    path, result = write_dossier(manifest, folder / "dossier.pdf", trust=trust)
    return path.read_bytes(), result, files, trust, pki


def test_states_at_bundle_time(signed_dossier):
    _pdf, result, _files, _trust, _pki = signed_dossier
    states = [d.signatures.state for d in result.documents]
    assert states == ["valid", "partial", "invalid", "unsigned"]
    ut = result.documents[1].signatures
    assert ut.summary() == "2 van 3 medeondertekeningen geldig; PDF: 1 van 1 geldig"
    assert ut.missing == ("Vereniging van Nederlandse Gemeenten",)
    assert "inhoud gewijzigd na ondertekening" in result.documents[2].signatures.details()[0]


def test_contents_page_records_each_status(signed_dossier):
    pdf, _result, _files, _trust, pki = signed_dossier
    text = " ".join(w.text for w in page_words(pdf, 1))
    for words in ("PDF: 1 van 1 geldig", "2 van 3 medeondertekeningen geldig",
                  "Vereniging van Nederlandse Gemeenten moet nog (geldig) ondertekenen.",
                  "Dienst Toeslagen: inhoud gewijzigd na ondertekening",
                  "Belastingdienst: geldig", "niet ondertekend"):
        assert words in text, words
    front = "".join(w.text for w in page_words(pdf, 1) + page_words(pdf, 2)).replace(" ", "")
    assert str(pki.trust_dir) not in front, "no local path in a parliamentary document"
    assert "vertrouwdecertificatenvandesamensteller" in front


def test_overview_shows_the_signature_state(signed_dossier):
    pdf, result, _files, _trust, _pki = signed_dossier
    overview = result.comparison.overview
    assert [r.cell("ondertekening").value for r in overview.rows] == [
        "partial", "invalid", "unsigned"]
    words = page_words(pdf, landscape_pages(pdf, result.front_pages)[0])
    header = next(w.top for w in words if w.text == "Nr.")
    bottom = min((w.top for w in words if w.text == "scores" and w.top > header), default=1e9)
    rows = [r for r in Grid(words, OVERVIEW, header_top=header, bottom=bottom - 3).rows()
            if r[0].isdigit()]
    assert [r[11] for r in rows] == [
        "2 van 3 geldig Vereniging van Nederlandse Gemeenten moet nog (geldig) "
        "ondertekenen.",
        "0 van 2 geldig Dienst Toeslagen: inhoud gewijzigd na ondertekening",
        "niet ondertekend"]


def test_merged_pages_carry_no_signature_fields(signed_dossier):
    pdf, _result, _files, trust, _pki = signed_dossier
    reader = PdfReader(io.BytesIO(pdf))
    assert "/AcroForm" not in reader.trailer["/Root"]
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            assert annot.get_object().get("/Subtype") != "/Widget"
    assert verify_pdf(pdf, trust) == []


def test_attached_originals_still_verify(signed_dossier, tmp_path: Path):
    pdf, result, files, trust, _pki = signed_dossier
    attached = PdfReader(io.BytesIO(pdf)).attachments
    original = attached[result.documents[1].attachment][0]
    assert original == files["ut.pdf"]
    assert [r.valid for r in verify_pdf(original, trust)] == [True]
    memo = attached[result.documents[0].attachment][0]
    assert [r.organisation for r in verify_pdf(memo, trust)] == ["Belastingdienst"]


def test_the_dossier_carries_the_validation_record(signed_dossier):
    import json

    pdf, result, _files, _trust, pki = signed_dossier
    record = json.loads(PdfReader(io.BytesIO(pdf)).attachments["validatierapport.json"][0])
    assert record["format"] == "toetsapp/validatierapport"
    assert [f["file"] for f in record["files"]] == [d.attachment for d in result.documents]
    ut = record["files"][1]
    assert ut["pages_protected"] is True and ut["ok"] is True
    holders = [s["holder"]["organisation"] for s in ut["signatures"]]
    assert holders == ["Dienst Toeslagen", "Belastingdienst", "Dienst Toeslagen"]
    assert record["files"][2]["ok"] is False  # the toets changed after co-signing
    assert record["trust"]["folder"] == str(pki.trust_dir)


def test_a_pades_signed_toets_shows_the_dossier_page_number(signed_dossier):
    """Signed PDFs are merged as they are: their own number is still replaced."""
    pdf, result, _files, _trust, _pki = signed_dossier
    reader = PdfReader(io.BytesIO(pdf))
    start, total = result.starts[1], result.pages - result.front_pages
    for page in (start, start + result.documents[1].pages - 1):
        text = " ".join(reader.pages[page].extract_text().split())
        assert f"dossier, pagina {page - result.front_pages + 1} van {total}" in text
        assert not re.search(r"(?<!dossier, )pagina \d+ van \d+", text), text[-80:]
