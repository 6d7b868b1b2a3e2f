"""PAdES signatures on PDF bytes (pyHanko): sign as an incremental update, validate offline.

Each signature is added with :class:`IncrementalPdfFileWriter`, so signatures made
earlier stay valid. Validation uses pyHanko's own validator with the trust store's
roots only and no network access (``allow_fetching=False``). Signatures carry no
trusted timestamp (offline), i.e. PAdES baseline B-B: certificates are checked now.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from toetsapp.errors import FileProblem, ToetsappError
from toetsapp.formatting import format_date
from toetsapp.i18n import _
from toetsapp.signing import certs
from toetsapp.signing.integrity import PdfIntegrity, check_integrity
from toetsapp.signing.keys import SigningKey, load_p12
from toetsapp.signing.status import SignatureResult, SignatureStatus
from toetsapp.signing.trust import TrustStore, check_certificate, signing_usage

FIELD_PREFIX = "Handtekening"
logging.getLogger("pyhanko").addHandler(logging.NullHandler())
logging.getLogger("pyhanko_certvalidator").addHandler(logging.NullHandler())


def _signer(key: SigningKey):  # -> pyhanko Signer
    if hasattr(key, "pyhanko_signer"):  # a key on a smartcard or token (PKCS#11)
        return key.pyhanko_signer()
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
               field_name: str | None = None, trust: TrustStore | None = None,
               tsa: str | None = None) -> bytes:
    """``pdf_bytes`` with one more PAdES signature (subfilter ETSI.CAdES.detached).

    ``p12`` is a loaded key or the path of a PKCS#12 file (then ``password`` opens it).
    Earlier signatures stay valid: the signature is appended as an incremental update.
    With ``trust``, the certificates and CRLs that validate the signer (from the trust
    folder) go into the document security store (DSS, PAdES B-LT) when the signer's
    certificate validates against it. With ``tsa`` (an RFC 3161 URL) the signature gets
    a signature timestamp and, after the DSS, a document timestamp (B-LTA).
    """
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers
    from pyhanko.sign.general import SigningError
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    key = load_p12(p12, password) if isinstance(p12, Path | str) else p12
    now = datetime.now(UTC)
    if not certs.valid_at(key.certificate, now):
        raise ToetsappError(_("het certificaat van {name} is niet geldig op dit moment")
                            .format(name=key.name or key.subject))
    weak = certs.key_weakness(key.certificate)
    if weak:
        raise ToetsappError(_("deze sleutel is te zwak om mee te ondertekenen: {reason}")
                            .format(reason=weak))
    writer = _writer(pdf_bytes)
    lasting = trust is not None and check_certificate(key.certificate, key.chain, trust,
                                                      now) is None
    timestamper = _timestamper(tsa) if tsa else None
    meta = signers.PdfSignatureMetadata(
        field_name=field_name or next_field_name(writer), md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES, name=key.name or None,
        reason=reason, location=location,
        embed_validation_info=lasting, validation_context=trust.context() if lasting else None,
        use_pades_lta=lasting and timestamper is not None)
    try:
        out = signers.PdfSigner(meta, _signer(key), timestamper=timestamper).sign_pdf(
            writer, output=io.BytesIO())
    except TimestampRequestError as exc:
        raise ToetsappError(_("geen tijdstempel van {url}: {error}")
                            .format(url=tsa, error=exc)) from None
    except (SigningError, PdfError) as exc:  # e.g. a certified PDF that allows no changes
        raise ToetsappError(_("de PDF kan niet worden ondertekend: {error}")
                            .format(error=exc)) from None
    return out.getvalue()


def _timestamper(url: str):  # -> UrlTimeStamper
    from toetsapp.signing.tsa import url_timestamper

    return url_timestamper(url)


def _explain(status, cert, chain, trust: TrustStore,
             now: datetime) -> tuple[SignatureStatus, str]:
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
    problem = check_certificate(cert, chain, trust, now)
    if problem:
        return problem
    indication = getattr(status.trust_problem_indic, "name", "") or "?"
    return SignatureStatus.UNTRUSTED, _("het certificaat is niet vertrouwd ({reason})").format(
        reason=indication)


@dataclass(frozen=True)
class PdfCheck:
    """Each PDF signature's result, and the file-level findings (removed signatures,
    changes after signing: :mod:`toetsapp.signing.integrity`)."""

    results: list[SignatureResult]
    integrity: PdfIntegrity


def verify_pdf(pdf_bytes: bytes, trust: TrustStore, *,
               source: Path | str = "PDF") -> list[SignatureResult]:
    """Validate every signature in the PDF with pyHanko's validator, oldest first."""
    return inspect_pdf(pdf_bytes, trust, source=source).results


def _chain_key(sig) -> tuple[str, ...] | None:
    """The fingerprints of the certificates a signature brings (its validation context is
    shared only with signatures that bring the same); None when they cannot be read."""
    import hashlib

    try:
        return tuple(sorted({hashlib.sha256(c.dump()).hexdigest()
                             for c in sig.signed_data["certificates"]}))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _byte_range(sig) -> tuple[int, int, int, int]:
    return tuple(int(x) for x in sig.sig_object["/ByteRange"])  # type: ignore[return-value]


def inspect_pdf(pdf_bytes: bytes, trust: TrustStore, *, source: Path | str = "PDF",
                deep: bool = False) -> PdfCheck:
    """:func:`verify_pdf` plus :func:`~toetsapp.signing.integrity.check_integrity`.

    The changes after each signature are found by comparing the signed revisions object
    by object (pikepdf, fast). ``deep`` also runs pyHanko's difference analysis for the
    first signature (every later revision against its rules: seconds on a large PDF).
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    from toetsapp.files.pdfguard import CORE_ERRORS as PDF_ERRORS
    from toetsapp.files.pdfguard import pdf_problem

    if b"%PDF-" not in pdf_bytes[:1024]:
        raise FileProblem(source, _("dit is geen PDF"))
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        if reader.encrypted:  # Toetsapp never signs one; its signatures cannot be checked
            raise FileProblem(source, _(
                "de PDF is versleuteld (beveiligd met een wachtwoord of met beperkingen) en "
                "kan niet worden gelezen; lever een onbeveiligde versie aan"))
        everything = list(reader.embedded_signatures)
        embedded = [sig for sig in everything if sig.sig_object_type != "/DocTimeStamp"]
        spans = {id(sig): _byte_range(sig) for sig in everything}
    except PDF_ERRORS as exc:
        raise pdf_problem(source, exc) from None
    levels: dict[int, object] = {}
    results = []
    now = datetime.now(UTC)  # one moment and one validation context for every signature
    for index, sig in enumerate(embedded):
        field = sig.field_name or ""
        try:
            status = validate_pdf_signature(sig, trust.context(now, _chain_key(sig)),
                                            key_usage_settings=signing_usage(),
                                            skip_diff=not (deep and index == 0))
        except PDF_ERRORS as exc:  # incl. SignatureValidationError
            results.append(SignatureResult(index, SignatureStatus.MALFORMED, _(
                "de handtekening kan niet worden gelezen: {error}").format(
                error=pdf_problem(source, exc).issues[0].message),
                kind="pdf", field=field))
            continue
        levels[id(sig)] = status.modification_level
        cert = certs.from_asn1(status.signing_cert)
        chain = [certs.from_asn1(c) for c in sig.other_embedded_certs]
        if status.bottom_line:
            state, detail = SignatureStatus.VALID, _(
                "de PAdES-handtekening klopt en het certificaat is vertrouwd")
        else:
            state, detail = _explain(status, cert, chain, trust, now)
            if state is SignatureStatus.EXPIRED:
                state, detail = _at_signing_time(status, cert, chain, trust, reader) or (
                    state, detail)
        if state.valid:
            weak = certs.key_weakness(cert)
            if weak:
                state, detail = SignatureStatus.WEAK_KEY, weak
        stamp = status.timestamp_validity
        results.append(SignatureResult(
            index, state, detail, certs.organisation_name(cert), certs.common_name(cert),
            certs.subject_text(cert), certs.fingerprint(cert), status.signer_reported_dt,
            kind="pdf", field=field, oin=certs.oin(cert),
            timestamp=stamp.timestamp if stamp is not None and stamp.valid and stamp.intact
            else None, issuer=certs.issuer_text(cert), serial=f"{cert.serial_number:x}"))
    timestamps = [sig for sig in everything if sig.sig_object_type == "/DocTimeStamp"]
    integrity = check_integrity(pdf_bytes, [(spans[id(sig)], sig.field_name or "",
                                             levels.get(id(sig))) for sig in everything],
                                timestamps=[_document_timestamp(sig, trust, now)
                                            for sig in timestamps])
    keep = (SignatureStatus.INVALID, SignatureStatus.MALFORMED, SignatureStatus.CONTENT_CHANGED)
    results = [replace(r, status=SignatureStatus.CONTENT_CHANGED, detail=_(
        "de PDF is na deze handtekening gewijzigd op een manier die niet is toegestaan: "
        "{what}").format(what=integrity.changed_after[r.field]))
        if r.field in integrity.changed_after and r.status not in keep else r for r in results]
    return PdfCheck(results, integrity)


def _dss(reader) -> tuple[list, list[bytes]]:
    """The certificates and CRLs in the PDF's document security store (PAdES B-LT)."""
    from cryptography import x509

    dss = reader.root.get("/DSS")
    if dss is None:
        return [], []
    dss = dss.get_object()
    found = [x509.load_der_x509_certificate(ref.get_object().data)
             for ref in dss.get("/Certs", [])]
    return found, [bytes(ref.get_object().data) for ref in dss.get("/CRLs", [])]


def _at_signing_time(status, cert, chain, trust: TrustStore,
                     reader) -> tuple[SignatureStatus, str] | None:
    """For a signature whose certificate has expired since: (VALID_AT_SIGNING, detail)
    when a trusted signature timestamp (checked now, against the trust folder) shows a
    moment at which the certificate was valid, not revoked and trusted — checked at that
    moment against the trust anchors, with the CRLs of the trust folder and the
    validation data embedded in the PDF (DSS). None otherwise."""
    from toetsapp.formatting import format_datetime

    stamp = status.timestamp_validity
    if stamp is None or not (stamp.valid and stamp.intact and stamp.trusted):
        return None
    try:
        dss_certs, dss_crls = _dss(reader)
    except (ValueError, TypeError, KeyError, AttributeError):
        dss_certs, dss_crls = [], []
    past = TrustStore(trust.roots, (*trust.crls, *dss_crls), trust.folder)
    if check_certificate(cert, [*chain, *dss_certs], past, stamp.timestamp) is not None:
        return None
    return SignatureStatus.VALID_AT_SIGNING, _(
        "de PAdES-handtekening klopt; het certificaat is inmiddels verlopen (geldig tot "
        "{end}), maar volgens de vertrouwde tijdstempel van {when} UTC is er ondertekend "
        "toen het nog geldig was (gecontroleerd met de validatiegegevens in de PDF)").format(
        end=format_date(certs.not_after(cert).date()), when=format_datetime(stamp.timestamp))


def _document_timestamp(sig, trust: TrustStore,
                        now: datetime) -> tuple[str, datetime | None, str]:
    """(field, time, problem) for a document timestamp (PAdES B-LTA)."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign.validation import validate_pdf_timestamp

    try:
        status = validate_pdf_timestamp(sig, validation_context=trust.context(
            now, _chain_key(sig)))
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        return sig.field_name or "", None, _("de documenttijdstempel kan niet worden "
                                             "gelezen: {error}").format(error=exc)
    if not (status.intact and status.valid):
        return sig.field_name or "", status.timestamp, _(
            "de documenttijdstempel klopt niet met het bestand")
    if not status.trusted:
        return sig.field_name or "", status.timestamp, _(
            "de tijdstempeldienst van de documenttijdstempel is niet vertrouwd")
    return sig.field_name or "", status.timestamp, ""
