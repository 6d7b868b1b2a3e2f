"""PAdES on PDF bytes: three organisations sign in turn; pyHanko's validator agrees;
any change to signed bytes, or a later illicit update, is detected."""

from __future__ import annotations

import io

import pytest

from tests.test_signing_pki import (
    PASSWORD,
    TEXT,
    THREE,
    Pki,
    key,
    plain_pdf,
    shared_pki,
    signed_by,
    trust,
)
from toetsapp.errors import FileProblem, ToetsappError
from toetsapp.signing import (
    SignatureStatus,
    TrustStore,
    pades_sign,
    signature_rows,
    verify_pdf,
    verify_toets,
)

S = SignatureStatus


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return shared_pki(tmp_path_factory)


@pytest.fixture(scope="module")
def three_signed(pki) -> bytes:
    pdf = plain_pdf()
    for ident in THREE:
        pdf = pades_sign(pdf, key(pki, ident), reason="Medeondertekening")
    return pdf


def pyhanko_statuses(pdf: bytes, roots) -> list:
    """Straight from pyHanko: its reader, its validator, our trust roots, no fetching."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from toetsapp.signing.certs import to_asn1

    reader = PdfFileReader(io.BytesIO(pdf))
    return [validate_pdf_signature(sig, ValidationContext(
        trust_roots=[to_asn1(r) for r in roots], allow_fetching=False))
        for sig in reader.embedded_signatures]


def test_three_signatures_validate_with_pyhankos_own_validator(pki, three_signed):
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    found = pyhanko_statuses(three_signed, [pki.root])
    assert len(found) == 3
    assert all(s.bottom_line and s.intact and s.valid and s.trusted for s in found)
    assert [s.coverage for s in found] == [SignatureCoverageLevel.ENTIRE_REVISION] * 2 + [
        SignatureCoverageLevel.ENTIRE_FILE]
    assert all(s.docmdp_ok is not False for s in found)
    subjects = [s.signing_cert.subject.human_friendly for s in found]
    assert "Dienst Toeslagen" in subjects[0] and "Belastingdienst" in subjects[1]
    assert "Vereniging van Nederlandse Gemeenten" in subjects[2]


def test_signatures_are_pades_incremental_updates(three_signed):
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(three_signed))
    sigs = reader.embedded_signatures
    assert [s.field_name for s in sigs] == ["Handtekening1", "Handtekening2", "Handtekening3"]
    assert all(s.sig_object["/SubFilter"] == "/ETSI.CAdES.detached" for s in sigs)
    assert three_signed.startswith(plain_pdf())  # the original bytes are untouched
    assert three_signed.count(b"%%EOF") >= 4


def test_verify_pdf_reports_each_signer(three_signed, pki):
    results = verify_pdf(three_signed, trust(pki))
    assert [r.status for r in results] == [S.VALID] * 3
    assert [r.organisation for r in results] == [
        "Dienst Toeslagen", "Belastingdienst", "Vereniging van Nederlandse Gemeenten"]
    assert all(r.kind == "pdf" and r.fingerprint and r.signed_at for r in results)


def test_one_byte_changed_in_the_first_revision_breaks_every_signature(three_signed, pki):
    at = three_signed.index(TEXT) + 9
    assert at < len(plain_pdf())  # inside the range every signature covers
    altered = three_signed[:at] + b"X" + three_signed[at + 1:]
    assert all(not s.intact and not s.bottom_line for s in pyhanko_statuses(altered, [pki.root]))
    results = verify_pdf(altered, trust(pki))
    assert [r.status for r in results] == [S.CONTENT_CHANGED] * 3
    assert "gewijzigd" in results[0].detail


def test_one_byte_changed_in_the_last_revision_breaks_only_the_last(three_signed, pki):
    at = three_signed.rindex(b"Chantal Bakker")
    altered = three_signed[:at] + b"K" + three_signed[at + 1:]
    assert len(altered) == len(three_signed)
    assert [r.status for r in verify_pdf(altered, trust(pki))] == [
        S.VALID, S.VALID, S.CONTENT_CHANGED]


def test_a_later_update_that_changes_the_page_is_detected(three_signed, pki):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(three_signed))
    extra = writer.add_object(generic.StreamObject(
        stream_data=b"BT /F1 30 Tf 72 600 Td (NIET AKKOORD WAS AKKOORD) Tj ET"))
    writer.add_stream_to_page(0, extra)
    out = io.BytesIO()
    writer.write(out)
    assert not any(s.bottom_line for s in pyhanko_statuses(out.getvalue(), [pki.root]))
    results = verify_pdf(out.getvalue(), trust(pki))
    assert [r.status for r in results] == [S.CONTENT_CHANGED] * 3
    assert "niet is toegestaan" in results[0].detail


def test_trust_matters(three_signed, pki):
    assert [r.status for r in verify_pdf(three_signed, TrustStore())] == [S.UNTRUSTED] * 3
    foreign = pades_sign(plain_pdf(), key(pki, "untrusted"))
    result = verify_pdf(foreign, trust(pki))[0]
    assert result.status is S.UNTRUSTED and "Onbekende CA" in result.detail


def test_revoked_signer(pki):
    signed = pades_sign(plain_pdf(), pki.p12["revoked"], PASSWORD)  # path + password
    assert [r.status for r in verify_pdf(signed, trust(pki))] == [S.REVOKED]


def test_expired_certificate_cannot_sign(pki):
    with pytest.raises(ToetsappError, match="niet geldig"):
        pades_sign(plain_pdf(), key(pki, "expired"))


def test_not_a_pdf_and_unsigned_pdf(pki):
    with pytest.raises(ToetsappError, match="geen PDF"):
        pades_sign(b"hallo", key(pki, "vng"))
    with pytest.raises(FileProblem, match="geen PDF"):
        verify_pdf(b"hallo", trust(pki), source="hallo.txt")
    with pytest.raises(FileProblem, match="beschadigd of onleesbaar"):
        verify_pdf(b"%PDF-1.7\n" + bytes(range(256)) * 8, trust(pki))
    assert verify_pdf(plain_pdf(), trust(pki)) == []


def test_signature_rows_for_the_signatures_page(pki):
    toets = signed_by(pki, *THREE)
    results = verify_toets(toets, trust(pki))
    rows = signature_rows(toets, results, pdf_signers=[key(pki, "vng"), key(pki, "untrusted")])
    assert [r.organisation for r in rows] == [
        "Dienst Toeslagen", "Belastingdienst", "Vereniging van Nederlandse Gemeenten",
        "Nep Dienst"]
    assert [r.position for r in rows[:3]] == ["Akkoord", "Akkoord met kanttekeningen",
                                              "Niet akkoord"]
    assert rows[1].remarks == "Kanttekening van belastingdienst."
    assert all(r.verified for r in rows[:3]) and rows[3].verified is None
    first = rows[0].status_text()
    assert first.startswith("Geldig")
    assert rows[0].subject.startswith("CN=Anna de Vries")
    groups = rows[0].fingerprint.split()
    assert len(groups) == 16 and all(len(g) == 4 for g in groups)
    assert rows[3].subject and rows[3].fingerprint
    assert "PAdES" in rows[2].status_text() and "PAdES" not in first
    toets.answers["kosten"].value = 1
    changed = signature_rows(toets, verify_toets(toets, trust(pki)))
    assert changed[0].verified is False
    assert changed[0].status_text().startswith("Inhoud gewijzigd")
    unchecked = signature_rows(toets)
    assert unchecked[0].verified is None
    assert unchecked[0].status_text().startswith("Niet gecontroleerd")
