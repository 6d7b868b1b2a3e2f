"""PAdES signatures on PDF bytes (pyHanko): sign as an incremental update, validate offline.

Each signature is added with :class:`IncrementalPdfFileWriter`, so signatures made
earlier stay valid. Validation uses pyHanko's own validator with the trust store's
roots only and no network access (``allow_fetching=False``). Signatures carry no
trusted timestamp (offline), i.e. PAdES baseline B-B: certificates are checked now.
"""

from __future__ import annotations

import io
import logging
from datetime import UTC, datetime
from pathlib import Path

from toetsapp.errors import FileProblem, ToetsappError
from toetsapp.i18n import _
from toetsapp.signing import certs
from toetsapp.signing.keys import SigningKey, load_p12
from toetsapp.signing.status import SignatureResult, SignatureStatus
from toetsapp.signing.trust import TrustStore, check_certificate, signing_usage

FIELD_PREFIX = "Handtekening"
logging.getLogger("pyhanko").addHandler(logging.NullHandler())
logging.getLogger("pyhanko_certvalidator").addHandler(logging.NullHandler())


def _signer(key: SigningKey):  # -> pyhanko SimpleSigner
    from asn1crypto import keys as asn1_keys
    from cryptography.hazmat.primitives import serialization as ser
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    der = key.private_key.private_bytes(ser.Encoding.DER, ser.PrivateFormat.PKCS8,
                                        ser.NoEncryption())
    return SimpleSigner(
        signing_cert=certs.to_asn1(key.certificate),
        signing_key=asn1_keys.PrivateKeyInfo.load(der),
        cert_registry=SimpleCertificateStore.from_certs([certs.to_asn1(c) for c in key.chain]),
        prefer_pss=True)


def _writer(pdf_bytes: bytes):  # -> IncrementalPdfFileWriter
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError

    if b"%PDF-" not in pdf_bytes[:1024]:
        raise ToetsappError(_("dit is geen PDF"))
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    except (PdfError, ValueError, KeyError, IndexError) as exc:
        raise ToetsappError(_("de PDF kan niet worden gelezen: {error}")
                            .format(error=exc)) from None
    if writer.prev.encrypted:
        raise ToetsappError(_("een versleutelde PDF kan niet worden ondertekend"))
    return writer


def next_field_name(writer) -> str:
    """'Handtekening1', 'Handtekening2', …: the first name not yet used."""
    from pyhanko.sign.fields import enumerate_sig_fields

    used = {name for name, _value, _ref in enumerate_sig_fields(writer)}
    n = 1
    while f"{FIELD_PREFIX}{n}" in used:
        n += 1
    return f"{FIELD_PREFIX}{n}"


def pades_sign(pdf_bytes: bytes, p12: SigningKey | Path | str, password: str | bytes | None = None,
               *, reason: str | None = None, location: str | None = None,
               field_name: str | None = None) -> bytes:
    """``pdf_bytes`` with one more PAdES signature (subfilter ETSI.CAdES.detached).

    ``p12`` is a loaded key or the path of a PKCS#12 file (then ``password`` opens it).
    Earlier signatures stay valid: the signature is appended as an incremental update.
    """
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers
    from pyhanko.sign.general import SigningError

    key = p12 if isinstance(p12, SigningKey) else load_p12(p12, password)
    now = datetime.now(UTC)
    if not certs.valid_at(key.certificate, now):
        raise ToetsappError(_("het certificaat van {name} is niet geldig op dit moment")
                            .format(name=key.name or key.subject))
    writer = _writer(pdf_bytes)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name or next_field_name(writer), md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES, name=key.name or None,
        reason=reason, location=location)
    try:
        out = signers.PdfSigner(meta, _signer(key)).sign_pdf(writer, output=io.BytesIO())
    except (SigningError, PdfError) as exc:  # e.g. a certified PDF that allows no changes
        raise ToetsappError(_("de PDF kan niet worden ondertekend: {error}")
                            .format(error=exc)) from None
    return out.getvalue()


def _explain(status, cert, chain, trust: TrustStore) -> tuple[SignatureStatus, str]:
    """Status and sentence for a pyHanko result that is not a clean pass."""
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if not status.intact:
        return SignatureStatus.CONTENT_CHANGED, _(
            "het ondertekende deel van de PDF is gewijzigd na ondertekening")
    if not status.valid:
        return SignatureStatus.INVALID, _("de handtekening klopt niet met het certificaat")
    coverage = status.coverage
    if (coverage is None or coverage < SignatureCoverageLevel.ENTIRE_REVISION
            or status.docmdp_ok is False):
        return SignatureStatus.CONTENT_CHANGED, _(
            "de PDF is na deze handtekening gewijzigd op een manier die niet is toegestaan")
    problem = check_certificate(cert, chain, trust, datetime.now(UTC))
    if problem:
        return problem
    indication = getattr(status.trust_problem_indic, "name", "") or "?"
    return SignatureStatus.UNTRUSTED, _("het certificaat is niet vertrouwd ({reason})").format(
        reason=indication)


def verify_pdf(pdf_bytes: bytes, trust: TrustStore, *,
               source: Path | str = "PDF") -> list[SignatureResult]:
    """Validate every signature in the PDF with pyHanko's validator, oldest first."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    from toetsapp.files.pdfguard import PDF_ERRORS, pdf_problem

    if b"%PDF-" not in pdf_bytes[:1024]:
        raise FileProblem(source, _("dit is geen PDF"))
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        embedded = list(reader.embedded_regular_signatures)  # document timestamps aside
    except PDF_ERRORS as exc:
        raise pdf_problem(source, exc) from None
    results = []
    for index, sig in enumerate(embedded):
        field = sig.field_name or ""
        try:
            status = validate_pdf_signature(sig, trust.context(),
                                            key_usage_settings=signing_usage())
        except PDF_ERRORS as exc:  # incl. SignatureValidationError
            results.append(SignatureResult(index, SignatureStatus.MALFORMED, _(
                "de handtekening kan niet worden gelezen: {error}").format(
                error=pdf_problem(source, exc).issues[0].message),
                kind="pdf", field=field))
            continue
        cert = certs.from_asn1(status.signing_cert)
        chain = [certs.from_asn1(c) for c in sig.other_embedded_certs]
        if status.bottom_line:
            state, detail = SignatureStatus.VALID, _(
                "de PAdES-handtekening klopt en het certificaat is vertrouwd")
        else:
            state, detail = _explain(status, cert, chain, trust)
        results.append(SignatureResult(
            index, state, detail, certs.organisation_name(cert), certs.common_name(cert),
            certs.subject_text(cert), certs.fingerprint(cert), status.signer_reported_dt,
            kind="pdf", field=field))
    return results
