"""X.509 certificate helpers: names, fingerprints, PEM text and asn1crypto conversion."""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

RSA_PSS_SHA256 = "rsa-pss-sha256"
ECDSA_SHA256 = "ecdsa-sha256"
ALGORITHMS = (RSA_PSS_SHA256, ECDSA_SHA256)


def _attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    value = values[0].value if values else ""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def common_name(cert: x509.Certificate) -> str:
    """The subject's CN (the signer's name on personal certificates)."""
    return _attribute(cert.subject, NameOID.COMMON_NAME)


def organisation_name(cert: x509.Certificate) -> str:
    """The subject's O (the organisation), or its OU when O is absent."""
    return (_attribute(cert.subject, NameOID.ORGANIZATION_NAME)
            or _attribute(cert.subject, NameOID.ORGANIZATIONAL_UNIT_NAME))


def title(cert: x509.Certificate) -> str:
    """The subject's title attribute (a role, when the CA put one in)."""
    return _attribute(cert.subject, NameOID.TITLE)


NAMES = {NameOID.TITLE: "title", NameOID.SERIAL_NUMBER: "serialNumber",
         NameOID.SURNAME: "SN", NameOID.GIVEN_NAME: "GN",
         NameOID.ORGANIZATION_IDENTIFIER: "organizationIdentifier",
         NameOID.EMAIL_ADDRESS: "E"}


def subject_text(cert: x509.Certificate) -> str:
    """The subject as RFC 4514 text, e.g. ``CN=A. de Vries,O=Belastingdienst,C=NL``."""
    return cert.subject.rfc4514_string(NAMES)


def issuer_text(cert: x509.Certificate) -> str:
    return cert.issuer.rfc4514_string(NAMES)


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 over the DER certificate, as upper-case hex pairs joined by colons."""
    return cert.fingerprint(hashes.SHA256()).hex(":").upper()


def fingerprint_hex(cert: x509.Certificate) -> str:
    """SHA-256 over the DER certificate, lower-case hex without separators."""
    return cert.fingerprint(hashes.SHA256()).hex()


def not_before(cert: x509.Certificate) -> datetime:
    return cert.not_valid_before_utc


def not_after(cert: x509.Certificate) -> datetime:
    return cert.not_valid_after_utc


def valid_at(cert: x509.Certificate, moment: datetime) -> bool:
    """Whether ``moment`` lies inside the certificate's validity period."""
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return not_before(cert) <= moment <= not_after(cert)


def to_pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def from_pem(text: str) -> x509.Certificate:
    """One certificate from PEM text; raises ``ValueError`` when it is not one."""
    if "-----BEGIN CERTIFICATE-----" not in text:
        raise ValueError("no PEM certificate")
    return x509.load_pem_x509_certificate(text.encode("ascii", "strict"))


def to_asn1(cert: x509.Certificate):  # -> asn1crypto.x509.Certificate
    """The same certificate as an asn1crypto object (what pyHanko works with)."""
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def from_asn1(cert) -> x509.Certificate:  # cert: asn1crypto.x509.Certificate
    return x509.load_der_x509_certificate(cert.dump())


def algorithm_for_key(key: object) -> str | None:
    """The Toetsapp signature algorithm for a private or public key, or None."""
    if isinstance(key, rsa.RSAPrivateKey | rsa.RSAPublicKey):
        return RSA_PSS_SHA256
    if isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey):
        return ECDSA_SHA256
    return None


def oin(cert: x509.Certificate) -> str:
    """The OIN (20 digits) as PKIoverheid certificates carry it: in the subject's
    ``serialNumber`` or ``organizationIdentifier`` (e.g. ``NTRNL-00000001003214345000``);
    empty when neither holds one."""
    import re

    for oid in (NameOID.ORGANIZATION_IDENTIFIER, NameOID.SERIAL_NUMBER):
        found = re.search(r"(?<!\d)(\d{20})(?!\d)", _attribute(cert.subject, oid))
        if found:
            return found.group(1)
    return ""


MIN_RSA_BITS = 2048
MIN_EC_BITS = 256


def key_weakness(cert: x509.Certificate) -> str | None:
    """Why the certificate's key is too weak to sign with (RSA under 2048 bits, EC
    under 256 bits, or another key type), or None when it is strong enough."""
    from toetsapp.i18n import _

    public = cert.public_key()
    if isinstance(public, rsa.RSAPublicKey):
        if public.key_size < MIN_RSA_BITS:
            return _("RSA-sleutel van {bits} bits; minimaal {min} bits is vereist").format(
                bits=public.key_size, min=MIN_RSA_BITS)
        return None
    if isinstance(public, ec.EllipticCurvePublicKey):
        if public.curve.key_size < MIN_EC_BITS:
            return _("EC-sleutel van {bits} bits ({curve}); minimaal {min} bits (P-256) is "
                     "vereist").format(bits=public.curve.key_size, curve=public.curve.name,
                                       min=MIN_EC_BITS)
        return None
    return _("dit type sleutel wordt niet ondersteund ({kind})").format(
        kind=type(public).__name__.lstrip("_"))


class CertificateHolder:
    """Mixin for anything with a ``certificate``: who it names, read from that certificate."""

    certificate: x509.Certificate

    @property
    def name(self) -> str:
        return common_name(self.certificate)

    @property
    def organisation(self) -> str:
        return organisation_name(self.certificate)

    @property
    def subject(self) -> str:
        return subject_text(self.certificate)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.certificate)
