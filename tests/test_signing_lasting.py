"""Validation that lasts: certificates and CRLs from the trust folder in the DSS (B-LT),
signature and document timestamps from a TSA on 127.0.0.1 (B-LTA)."""

from __future__ import annotations

import io

import pikepdf
import pytest

from tests import pdf_attacks as attack
from tests.conftest import EXAMPLES
from tests.test_signing_pki import PASSWORD, THREE, shared_pki
from tests.tsa_server import timestamp_server
from toetsapp.cli import main
from toetsapp.signing import load_trust_store, verify_file

UT = next(p for p in EXAMPLES if p.stem == "uitvoerbaarheidstoets")


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return shared_pki(tmp_path_factory)


@pytest.fixture(scope="module")
def lta_pdf(pki, tmp_path_factory):
    """The example rendered and signed by three keys through `render --sign … --tsa`."""
    folder = tmp_path_factory.mktemp("lta")
    source = folder / "ut.toets"
    source.write_bytes(UT.read_bytes())
    pdf = folder / "ut.pdf"
    args = ["render", str(source), "-o", str(pdf), "--trust", str(pki.trust_dir)]
    for ident in THREE:
        args += ["--sign", str(pki.p12[ident]), "--password", PASSWORD]
    with timestamp_server(pki) as url:
        assert url.startswith("http://127.0.0.1:")
        assert main([*args, "--tsa", url]) == 0
    return pdf


def test_validation_data_is_embedded(pki, lta_pdf):
    with pikepdf.open(lta_pdf) as pdf:
        dss = pdf.Root.DSS
        certificates = [bytes(c.read_bytes()) for c in dss.Certs]
        crls = [bytes(c.read_bytes()) for c in dss.CRLs]
    from cryptography import x509

    subjects = {x509.load_der_x509_certificate(c).subject.rfc4514_string()
                for c in certificates}
    assert pki.issuing.subject.rfc4514_string() in subjects
    assert pki.root.subject.rfc4514_string() in subjects
    trusted_crl = (pki.trust_dir / "organisatie-ca.crl").read_bytes()
    assert trusted_crl in crls


def test_signature_and_document_timestamps(pki, lta_pdf, capsys):
    report = verify_file(lta_pdf, load_trust_store(pki.trust_dir))
    assert report.ok and report.integrity.pages_protected
    assert [r.timestamp is not None for r in report.pdf] == [True] * 3
    assert report.integrity.signatures == 6  # three signatures, three document timestamps
    assert sum("Documenttijdstempel" in n for n in report.notes) == 3
    assert main(["verify", str(lta_pdf), "--trust", str(pki.trust_dir)]) == 0
    assert "PAdES B-LTA" in capsys.readouterr().out


def test_a_change_after_the_document_timestamp_is_found(pki, lta_pdf, tmp_path):
    changed = tmp_path / "gewijzigd.pdf"
    changed.write_bytes(attack.change_info(lta_pdf.read_bytes(), "/Subject", "Iets anders"))
    report = verify_file(changed, load_trust_store(pki.trust_dir))
    assert not report.ok and any("/Subject" in p for p in report.problems)


def test_an_unreachable_tsa_is_a_clear_error(pki, tmp_path, capsys):
    source = tmp_path / "ut.toets"
    source.write_bytes(UT.read_bytes())
    code = main(["render", str(source), "-o", str(tmp_path / "x.pdf"), "--sign",
                 str(pki.p12["vng"]), "--password", PASSWORD, "--tsa",
                 "http://127.0.0.1:9/tsa"])
    assert code == 3 and "geen tijdstempel van http://127.0.0.1:9/tsa" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_without_a_trusted_certificate_nothing_is_embedded(pki, tmp_path):
    from tests.test_signing_pki import key, plain_pdf
    from toetsapp.signing import pades_sign

    pdf = pades_sign(plain_pdf(), key(pki, "untrusted"), trust=load_trust_store(pki.trust_dir))
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert "/DSS" not in doc.Root


def test_verify_writes_a_validation_record(pki, lta_pdf, tmp_path, capsys):
    import json

    from pypdf import PdfReader

    from toetsapp.signing import certs

    target = tmp_path / "rapport"
    assert main(["verify", str(lta_pdf), "--trust", str(pki.trust_dir), "--report",
                 str(target)]) == 0
    record = json.loads((tmp_path / "rapport.json").read_text("utf-8"))
    assert record["format"] == "toetsapp/validatierapport" and record["result"] == "valid"
    assert record["validated_at"] and "@" in record["validated_by"]["who"]
    entry = record["files"][0]
    assert entry["pages_protected"] is True and len(entry["signatures"]) == 3
    first = entry["signatures"][0]
    bd = pki.certs["toeslagen"]
    assert first["holder"] == {"name": "Anna de Vries", "organisation": "Dienst Toeslagen",
                               "oin": None, "counts_for": None}
    assert first["signed_at_timestamp"] and first["result"]["status"] == "valid"
    assert first["certificate"] == {"subject": certs.subject_text(bd),
                                    "issuer": certs.issuer_text(bd),
                                    "serial_number": f"{bd.serial_number:x}",
                                    "sha256": certs.fingerprint(bd)}
    assert [a["sha256"] for a in record["trust"]["anchors"]] == [certs.fingerprint(pki.root)]
    assert len(record["trust"]["crls"]) == 1
    pdf = PdfReader(tmp_path / "rapport.pdf")
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "Validatierapport" in text and "Anna de Vries" in text


def _signed_back_then(pki, url: str | None, at) -> bytes:
    """A PDF signed with the certificate that expired yesterday, as if on ``at`` (then
    still valid): validation data (DSS) gathered at ``at``, and, with ``url``, a signature
    timestamp from the test TSA whose clock says ``at``. pades_sign refuses an expired
    certificate, so the test signs through pyHanko itself."""
    from pyhanko.sign import fields, signers

    from tests.test_signing_pki import key, plain_pdf
    from toetsapp.signing.pades import _signer, _timestamper, _writer

    trust = load_trust_store(pki.trust_dir)
    meta = signers.PdfSignatureMetadata(
        field_name="Handtekening1", md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES, embed_validation_info=True,
        validation_context=trust.context(at))
    signer = signers.PdfSigner(meta, _signer(key(pki, "expired")),
                               timestamper=_timestamper(url) if url else None)
    return signer.sign_pdf(_writer(plain_pdf()), output=io.BytesIO()).getvalue()


def test_an_expired_certificate_timestamped_while_valid_is_valid_at_signing(pki, tmp_path,
                                                                              capsys):
    from tests.test_signing_pki import DAY, NOW
    from toetsapp.signing import SignatureStatus

    at = NOW - 10 * DAY  # the certificate ran until NOW - 1 day
    with timestamp_server(pki, at=at) as url:
        pdf = _signed_back_then(pki, url, at)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert len(doc.Root.DSS.CRLs) == 1 and len(doc.Root.DSS.Certs) >= 1
    path = tmp_path / "toen-getekend.pdf"
    path.write_bytes(pdf)
    report = verify_file(path, load_trust_store(pki.trust_dir))
    [result] = report.pdf
    assert result.status is SignatureStatus.VALID_AT_SIGNING and result.valid, result.detail
    assert result.timestamp == at
    assert "inmiddels verlopen" in result.detail and "vertrouwde tijdstempel" in result.detail
    assert main(["verify", str(path), "--trust", str(pki.trust_dir)]) == 0
    assert "geldig op het moment van ondertekening" in capsys.readouterr().out


@pytest.mark.parametrize("stamped", ["none", "after-expiry"])
def test_an_expired_certificate_without_proof_of_time_is_expired(pki, tmp_path, stamped):
    """No timestamp (the signer's own clock proves nothing), or a timestamp from after
    the certificate expired: `expired`, exit 1."""
    from tests.test_signing_pki import DAY, NOW
    from toetsapp.signing import SignatureStatus

    at = NOW - 10 * DAY
    if stamped == "none":
        pdf = _signed_back_then(pki, None, at)
    else:
        with timestamp_server(pki, at=NOW) as url:
            pdf = _signed_back_then(pki, url, at)
    path = tmp_path / "verlopen.pdf"
    path.write_bytes(pdf)
    [result] = verify_file(path, load_trust_store(pki.trust_dir)).pdf
    assert result.status is SignatureStatus.EXPIRED, result.detail
    assert main(["verify", str(path), "--trust", str(pki.trust_dir)]) == 1


def test_verify_imports_only_what_checking_needs(pki, lta_pdf):
    """`toetsapp verify` of a signed Toetsapp PDF (B-LTA, embedded co-signed toets) loads
    no GUI, no PDF writer, no second PDF reader, no schema validator, no HTTP client and
    no forms: the process starts quickly (the time itself is measured in
    bench/bench_verify.py)."""
    import json
    import os
    import subprocess
    import sys

    script = ("import json, sys\nfrom toetsapp.cli import main\n"
              f"code = main(['verify', {str(lta_pdf)!r}, '--trust', {str(pki.trust_dir)!r}])\n"
              "print(json.dumps([code, sorted(sys.modules)]))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    code, modules = json.loads(done.stdout.strip().splitlines()[-1])
    assert code == 0, done.stdout + done.stderr
    loaded = {name.split(".")[0] for name in modules}
    assert not loaded & {"PySide6", "reportlab", "pypdf", "pypdfium2", "jsonschema",
                         "requests", "aiohttp"}, loaded  # aiohttp: toetsapp.signing.lean
    assert not {"toetsapp.ui", "toetsapp.catalog", "toetsapp.definitions", "toetsapp.engine",
                "toetsapp.model.form", "toetsapp.export.render"} & set(modules)


# --- co-signatures with a timestamp token (sign --tsa; format 4) ---------------------------
def _with_justis(toets):
    """The sample toets with Dienst Justis (the expired certificate's O) listed too."""
    from toetsapp.model.toets import Organisation

    toets = toets.model_copy(deep=True)
    toets.metadata.organisations.append(Organisation(name="Dienst Justis", role="co"))
    return toets


def test_sign_tsa_puts_a_timestamp_token_over_the_signature(pki, tmp_path, capsys):
    import base64
    import json

    from asn1crypto import cms

    from tests.test_signing_pki import sample_toets
    from toetsapp.files.store import load_toets, save_toets
    from toetsapp.model.toets import FORMAT_VERSION

    path = tmp_path / "t.toets"
    save_toets(sample_toets(), path)
    with timestamp_server(pki) as url:
        assert main(["sign", "--allow-problems", str(path), "--p12", str(pki.p12["vng"]),
                     "--password", PASSWORD, "--position", "akkoord", "--trust",
                     str(pki.trust_dir), "--tsa", url]) == 0
    data = json.loads(path.read_text("utf-8"))
    assert data["format_version"] == FORMAT_VERSION == 4
    token = cms.ContentInfo.load(base64.b64decode(data["signatures"][0]["timestamp"]))
    assert token["content_type"].native == "signed_data"
    [result] = verify_file(path, load_trust_store(pki.trust_dir)).results
    assert result.valid and result.timestamp is not None
    assert "vertrouwde tijdstempel" in result.detail
    assert load_toets(path).signatures[0].timestamp  # survives loading and saving
    capsys.readouterr()
    assert main(["verify", str(path), "--trust", str(pki.trust_dir), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["signatures"][0]["timestamp"]


def test_a_swapped_or_damaged_timestamp_token_is_caught(pki):
    from tests.test_signing_pki import key, sample_toets
    from toetsapp.signing import SignatureStatus, sign_toets, verify_toets

    trust = load_trust_store(pki.trust_dir)
    toets = sample_toets()
    with timestamp_server(pki) as url:
        for ident in ("toeslagen", "vng"):
            toets = sign_toets(toets, key(pki, ident), position="akkoord", tsa=url)
    assert [r.status for r in verify_toets(toets, trust)] == [SignatureStatus.VALID] * 2
    first, second = toets.signatures
    swapped = toets.model_copy(deep=True)
    swapped.signatures[0].timestamp = second.timestamp  # another signature's proof of time
    result = verify_toets(swapped, trust)[0]
    assert result.status is SignatureStatus.INVALID and "hoort niet bij" in result.detail
    damaged = toets.model_copy(deep=True)
    damaged.signatures[1].timestamp = first.timestamp[:-20] + "A" * 20
    result = verify_toets(damaged, trust)[1]
    assert result.status is SignatureStatus.INVALID and "tijdstempel" in result.detail


def test_an_expired_co_signature_timestamped_while_valid_is_valid_at_signing(pki):
    from tests.test_signing_pki import DAY, NOW, key, sample_toets
    from toetsapp.signing import SignatureStatus, sign_toets, verify_toets

    trust = load_trust_store(pki.trust_dir)
    at = NOW - 10 * DAY  # the certificate ran until NOW - 1 day
    toets = _with_justis(sample_toets())
    plain = sign_toets(toets, key(pki, "expired"), position="akkoord", at=at)
    [result] = verify_toets(plain, trust)
    assert result.status is SignatureStatus.EXPIRED  # the signer's own clock proves nothing
    with timestamp_server(pki, at=at) as url:
        stamped = sign_toets(toets, key(pki, "expired"), position="akkoord", at=at, tsa=url)
    [result] = verify_toets(stamped, trust)
    assert result.status is SignatureStatus.VALID_AT_SIGNING and result.valid, result.detail
    assert result.timestamp == at and "inmiddels verlopen" in result.detail
    with timestamp_server(pki, at=NOW) as url:  # stamped after the certificate expired
        late = sign_toets(toets, key(pki, "expired"), position="akkoord", at=at, tsa=url)
    assert verify_toets(late, trust)[0].status is SignatureStatus.EXPIRED
