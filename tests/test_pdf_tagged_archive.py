"""PDF/A-3a identification of the toets PDF: XMP (PDF/A and PDF/UA ids, title,
language, creator, dates, Kamerstuk identifiers with their extension schema), the
sRGB output intent, version 1.7, the .toets as associated file (extracted
byte-identical), and a PAdES signature that keeps all of it (field /TU, Form
element, /Tabs /S) while pyHanko still reports it intact and valid."""

from __future__ import annotations

import pytest

from tests.dossier_support import rendered_examples
from tests.pdf_tags import elements, open_pdf, pdfua_findings, unmarked
from tests.test_signing_pki import Pki, key, shared_pki, trust
from toetsapp.pdf.pdfa import NAMESPACE

PDFA = "http://www.aiim.org/pdfa/ns/id/"
PDFUA = "http://www.aiim.org/pdfua/ns/id/"


@pytest.fixture(scope="module")
def example():
    toets, pdf = rendered_examples()["uitvoerbaarheidstoets"]
    return toets, pdf


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return shared_pki(tmp_path_factory)


@pytest.fixture(scope="module")
def signed(example, pki) -> bytes:
    from toetsapp.signing import pades_sign

    return pades_sign(example[1], key(pki, "toeslagen"), reason="Medeondertekening")


def test_version_and_binary_header(example):
    pdf = example[1]
    assert pdf.startswith(b"%PDF-1.7\n%")
    assert all(b > 127 for b in pdf[10:14])
    assert open_pdf(pdf).pdf_version == "1.7"


def test_xmp_identifies_pdfa3a_and_pdfua1_and_matches_the_info(example):
    _toets, pdf = example
    doc = open_pdf(pdf)
    stream = doc.Root.Metadata
    assert stream.Type == "/Metadata" and stream.Subtype == "/XML"
    assert "/Filter" not in stream  # PDF/A: metadata stays readable
    meta = doc.open_metadata()
    assert meta[f"{{{PDFA}}}part"] == "3"
    assert meta[f"{{{PDFA}}}conformance"] == "A"
    assert meta[f"{{{PDFUA}}}part"] == "1"
    info = doc.docinfo
    assert meta["dc:title"] == str(info.Title)
    assert meta["dc:creator"] == [str(info.Author)]
    assert "Dienst Toeslagen" in str(info.Author)  # the organisations
    assert meta["dc:language"] == {"nl-NL"}
    assert meta["pdf:Producer"] == str(info.Producer)
    assert meta["xmp:CreatorTool"] == str(info.Creator)
    created = str(info.CreationDate)  # D:YYYYMMDDHHmmSS+00'00'
    assert meta["xmp:CreateDate"].startswith(
        f"{created[2:6]}-{created[6:8]}-{created[8:10]}T{created[10:12]}:{created[12:14]}")


def test_xmp_carries_the_kamerstuk_identifiers_with_their_schema(example):
    toets, pdf = example
    doc = open_pdf(pdf)
    meta = doc.open_metadata()
    m = toets.metadata
    assert meta[f"{{{NAMESPACE}}}dossiernummers"] == ", ".join(m.dossiernummers())
    assert meta[f"{{{NAMESPACE}}}ondernummer"] == m.ondernummer
    assert meta[f"{{{NAMESPACE}}}vergaderjaar"] == m.vergaderjaar
    assert meta[f"{{{NAMESPACE}}}citation"] == m.citation()
    raw = bytes(doc.Root.Metadata.read_bytes()).decode("utf-8")
    assert f"<pdfaSchema:namespaceURI>{NAMESPACE}</pdfaSchema:namespaceURI>" in raw
    assert f"<pdfaSchema:namespaceURI>{PDFUA}</pdfaSchema:namespaceURI>" in raw


def test_srgb_output_intent(example):
    doc = open_pdf(example[1])
    intents = doc.Root.OutputIntents
    assert len(intents) == 1
    intent = intents[0]
    assert intent.S == "/GTS_PDFA1"
    assert "sRGB" in str(intent.OutputConditionIdentifier)
    profile = intent.DestOutputProfile
    assert profile.N == 3
    icc = profile.read_bytes()
    assert icc[36:40] == b"acsp" and icc[16:20] == b"RGB "
    assert int.from_bytes(icc[:4], "big") == len(icc)


def test_the_toets_is_an_associated_source_file_and_extracts_byte_identical(example, tmp_path):
    from toetsapp.cli import main

    _toets, pdf = example
    doc = open_pdf(pdf)
    spec = doc.Root.AF[0]
    assert spec.AFRelationship == "/Source"
    assert spec.EF.F.Subtype == "/application/vnd.toetsapp.toets+json"
    path = tmp_path / "toets.pdf"
    path.write_bytes(pdf)
    out = tmp_path / "uit.toets"
    assert main(["extract", str(path), "-o", str(out)]) == 0
    data = rendered_examples()["uitvoerbaarheidstoets"]
    from toetsapp.export.render import file_bytes

    assert out.read_bytes() == spec.EF.F.read_bytes() == file_bytes(data[0])


def test_every_annotation_is_printed(example):
    for page in open_pdf(example[1]).pages:
        for annot in page.get("/Annots", []):
            assert int(annot.F) & 4


def test_every_organisation_has_an_empty_signature_field_in_the_structure(example):
    toets, pdf = example
    doc = open_pdf(pdf)
    fields = list(doc.Root.AcroForm.Fields)
    assert [str(f.TU) for f in fields] == [f"Handtekening van {o.name}"
                                           for o in toets.metadata.organisations]
    forms = elements(doc, "Form")
    widgets = [f.Kids[0] for f in fields]
    assert sorted(f.K.Obj.objgen for f in forms) == sorted(w.objgen for w in widgets)
    assert all(f.FT == "/Sig" and "/V" not in f for f in fields)
    assert all(int(w.F) & 4 and w.Subtype == "/Widget" for w in widgets)
    assert doc.pages[0].Tabs == "/S"


def test_a_signature_keeps_the_pdf_tagged_and_archival(signed, tmp_path):
    assert pdfua_findings(signed, tmp_path) == []
    assert unmarked(signed) == []
    doc = open_pdf(signed)
    (field,) = [f for f in doc.Root.AcroForm.Fields if "/V" in f]
    assert field.FT == "/Sig"
    assert str(field.TU) == "Handtekening van Dienst Toeslagen"  # the signer's own field
    widget = field.Kids[0]
    assert int(widget.F) & 4
    assert doc.pages[0].Tabs == "/S"
    forms = elements(doc, "Form")
    (form,) = [f for f in forms if f.K.Obj.objgen == widget.objgen]
    nums = list(doc.Root.StructTreeRoot.ParentTree.Nums)
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    assert parents[int(widget.StructParent)].objgen == form.objgen
    assert doc.open_metadata()[f"{{{PDFA}}}part"] == "3"  # the XMP is untouched


def test_pyhanko_still_reports_the_signature_intact_and_valid(signed, pki):
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from toetsapp.signing.certs import to_asn1

    reader = PdfFileReader(io.BytesIO(signed))
    (sig,) = reader.embedded_signatures
    status = validate_pdf_signature(sig, ValidationContext(trust_roots=[to_asn1(pki.root)],
                                                           allow_fetching=False))
    assert status.intact and status.valid and status.bottom_line


def test_a_second_signature_leaves_the_first_one_valid(signed, pki, tmp_path):
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from toetsapp.signing import SignatureStatus, pades_sign, verify_pdf
    from toetsapp.signing.certs import to_asn1

    again = pades_sign(signed, key(pki, "vng"), reason="Medeondertekening")
    reader = PdfFileReader(io.BytesIO(again))
    found = [validate_pdf_signature(sig, ValidationContext(
        trust_roots=[to_asn1(pki.root)], allow_fetching=False))
        for sig in reader.embedded_signatures]
    assert len(found) == 2
    assert all(s.intact and s.valid and s.docmdp_ok is not False for s in found)
    assert all(s.modification_level.name in ("NONE", "FORM_FILLING") for s in found)
    results = verify_pdf(again, trust(pki))
    assert [r.status for r in results] == [SignatureStatus.VALID] * 2
    doc = open_pdf(again)
    assert len([f for f in doc.Root.AcroForm.Fields if "/V" in f]) == 2
    assert pdfua_findings(again, tmp_path) == []


def test_validation_data_after_a_signature_is_no_change_to_the_xmp(example, pki):
    """pyHanko writes the XMP again (its own serialisation) with the DSS revision."""
    from toetsapp.signing import SignatureStatus, pades_sign, verify_pdf

    lasting = pades_sign(example[1], key(pki, "toeslagen"), trust=trust(pki))
    assert b"/DSS" in lasting[len(example[1]):]
    assert [r.status for r in verify_pdf(lasting, trust(pki))] == [SignatureStatus.VALID]


def test_a_changed_xmp_title_after_signing_is_found(signed, pki):
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from toetsapp.signing import SignatureStatus, verify_pdf

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    stream = writer.root["/Metadata"]
    xml = stream.data.replace(b"Wet automatische toekenning huurtoeslag", b"Een andere wet")
    assert xml != stream.data
    forged = generic.StreamObject({generic.NameObject("/Type"): generic.NameObject("/Metadata"),
                                   generic.NameObject("/Subtype"): generic.NameObject("/XML")},
                                  stream_data=xml)
    writer.root["/Metadata"] = writer.add_object(forged)
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    (result,) = verify_pdf(out.getvalue(), trust(pki))
    assert result.status == SignatureStatus.CONTENT_CHANGED
    assert "XMP" in result.detail
