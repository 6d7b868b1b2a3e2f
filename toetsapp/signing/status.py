"""Outcomes of checking a signature, with Dutch labels (translated through ``_``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from toetsapp.i18n import _


class SignatureStatus(StrEnum):
    """What checking one signature found. Only :attr:`VALID` and :attr:`VALID_AT_SIGNING`
    (a PDF signature whose certificate has expired since, but a trusted timestamp shows
    it was valid when it was used) are good."""

    VALID = "valid"
    CONTENT_CHANGED = "content_changed"
    INVALID = "invalid"
    UNTRUSTED = "untrusted"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    REVOKED = "revoked"
    MALFORMED = "malformed"
    KEY_USAGE = "key_usage"
    WEAK_KEY = "weak_key"
    WRONG_ORGANISATION = "wrong_organisation"
    WRONG_SIGNER = "wrong_signer"
    DUPLICATE = "duplicate"
    VALID_AT_SIGNING = "valid_at_signing"

    @property
    def label(self) -> str:
        """Short text for a table cell, e.g. 'geldig' or 'inhoud gewijzigd'."""
        return {
            SignatureStatus.VALID: _("geldig"),
            SignatureStatus.VALID_AT_SIGNING: _("geldig op het moment van ondertekening"),
            SignatureStatus.CONTENT_CHANGED: _("inhoud gewijzigd na ondertekening"),
            SignatureStatus.INVALID: _("handtekening klopt niet"),
            SignatureStatus.UNTRUSTED: _("uitgever niet vertrouwd"),
            SignatureStatus.EXPIRED: _("certificaat verlopen"),
            SignatureStatus.NOT_YET_VALID: _("certificaat nog niet geldig"),
            SignatureStatus.REVOKED: _("certificaat ingetrokken"),
            SignatureStatus.MALFORMED: _("handtekening onleesbaar"),
            SignatureStatus.KEY_USAGE: _("certificaat niet bedoeld voor ondertekenen"),
            SignatureStatus.WEAK_KEY: _("sleutel te zwak"),
            SignatureStatus.WRONG_ORGANISATION: _(
                "ondertekend door een andere organisatie dan vermeld"),
            SignatureStatus.WRONG_SIGNER: _("ondertekend door een ander dan vermeld"),
            SignatureStatus.DUPLICATE: _("dubbele handtekening (telt één keer)"),
        }[self]

    @property
    def valid(self) -> bool:
        return self in (SignatureStatus.VALID, SignatureStatus.VALID_AT_SIGNING)


def position_label(position: str) -> str:
    """'Akkoord', 'Akkoord met kanttekeningen' or 'Niet akkoord'."""
    return {"akkoord": _("Akkoord"),
            "akkoord_met_kanttekeningen": _("Akkoord met kanttekeningen"),
            "niet_akkoord": _("Niet akkoord")}.get(position, position)


@dataclass(frozen=True)
class SignatureResult:
    """The check of one signature (a co-signature in a toets, or a PAdES signature in a PDF).

    ``detail`` explains the status in a sentence; ``subject`` and ``fingerprint``
    (SHA-256) identify the certificate, empty when it could not be read.
    """

    index: int
    status: SignatureStatus
    detail: str
    organisation: str = ""
    name: str = ""
    subject: str = ""
    fingerprint: str = ""
    signed_at: datetime | None = None
    position: str = ""  # co-signatures: akkoord, akkoord_met_kanttekeningen, niet_akkoord
    kind: str = "toets"  # "toets" (co-signature) or "pdf" (PAdES)
    field: str = ""  # PDF signature field name
    oin: str = ""  # the OIN in the certificate (PKIoverheid), if any
    counts_for: str = ""  # the organisation of the toets this signature counts for
    timestamp: datetime | None = None  # PDF: the time in a valid signature timestamp (TSA)
    issuer: str = ""
    serial: str = ""  # the certificate's serial number (hex)

    @property
    def valid(self) -> bool:
        return self.status.valid

    def as_dict(self) -> dict[str, object]:
        """Plain data (the ``--json`` output)."""
        return {"kind": self.kind, "index": self.index, "field": self.field,
                "organisation": self.organisation, "name": self.name,
                "status": self.status.value, "label": self.status.label,
                "detail": self.detail, "subject": self.subject,
                "fingerprint": self.fingerprint, "position": self.position or None,
                "oin": self.oin or None, "counts_for": self.counts_for or None,
                "issuer": self.issuer or None, "serial_number": self.serial or None,
                "timestamp": self.timestamp.isoformat() if self.timestamp else None,
                "signed_at": self.signed_at.isoformat() if self.signed_at else None}
