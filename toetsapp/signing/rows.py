"""Rows for the PDF's signatures page: every co-signer, checked, with certificate details."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cryptography import x509

from toetsapp.formatting import format_moment
from toetsapp.i18n import _
from toetsapp.model.toets import Toets
from toetsapp.signing import certs
from toetsapp.signing.keys import SigningKey
from toetsapp.signing.status import SignatureResult, position_label

if TYPE_CHECKING:
    from toetsapp.export.signatures import SignatureRow


def subject_display(cert: x509.Certificate) -> str:
    """The subject with a space after each comma, so it wraps in a table cell."""
    return ", ".join(rdn.rfc4514_string(certs.NAMES) for rdn in reversed(cert.subject.rdns))


def fingerprint_display(cert: x509.Certificate) -> str:
    """SHA-256 fingerprint in groups of four hex digits (wraps in a table cell)."""
    digits = certs.fingerprint_hex(cert).upper()
    return " ".join(digits[i:i + 4] for i in range(0, len(digits), 4))


def _certificate_fields(cert: x509.Certificate | None) -> tuple[str, str]:
    """(subject, fingerprint) as shown on the signatures page."""
    if cert is None:
        return "", ""
    return subject_display(cert), fingerprint_display(cert)


def _cert_or_none(pem: str) -> x509.Certificate | None:
    try:
        return certs.from_pem(pem)
    except ValueError:
        return None


def signature_rows(toets: Toets, results: Sequence[SignatureResult] | None = None, *,
                   pdf_signers: Sequence[SigningKey] = (),
                   language: str | None = None) -> list[SignatureRow]:
    """One row per co-signature of ``toets`` (``results[i]`` is the check of signature
    ``i``; None: not checked), then one per PAdES signer of the PDF without a
    co-signature. The status cell names the certificate subject and fingerprint.
    """
    from toetsapp.export.signatures import SignatureRow

    pades = {certs.fingerprint_hex(k.certificate): k for k in pdf_signers}
    rows: list[SignatureRow] = []
    for i, sig in enumerate(toets.signatures):
        result = results[i] if results is not None and i < len(results) else None
        cert = _cert_or_none(sig.certificate)
        head = result.status.label if result else _("niet gecontroleerd")
        lines = [head[:1].upper() + head[1:]]
        if cert is None:
            lines.append(_("certificaat onleesbaar"))
        if cert is not None and pades.pop(certs.fingerprint_hex(cert), None) is not None:
            lines.append(_("Ook digitaal ondertekend in deze PDF (PAdES)."))
        rows.append(SignatureRow(
            sig.organisation, sig.name, sig.role, position_label(sig.position),
            format_moment(sig.signed_at, language), sig.remarks,
            result.valid if result else None, "\n".join(lines), *_certificate_fields(cert)))
    for key in pades.values():
        rows.append(SignatureRow(
            key.organisation or key.subject, key.name, "", _("geen standpunt vastgelegd"),
            _("bij het maken van de PDF"), "", None,
            _("Digitaal ondertekend in deze PDF (PAdES), zonder standpunt in de toets"),
            *_certificate_fields(key.certificate)))
    return rows
