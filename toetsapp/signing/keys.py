"""Signing keys from PKCS#12 (.p12/.pfx) files, and the two signature primitives.

RSA keys sign with RSASSA-PSS (SHA-256, MGF1-SHA-256, 32-byte salt); EC keys with
ECDSA over SHA-256 (DER-encoded signature). All cryptography is ``cryptography``'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from toetsapp.errors import FileProblem
from toetsapp.files.readfile import read_file_bytes
from toetsapp.i18n import _
from toetsapp.signing import certs

MAX_P12_BYTES = 1 * 2**20
_PSS = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH)

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


class PasswordProblem(FileProblem):
    """The key file needs a (different) password: ask again."""


@dataclass(frozen=True)
class SigningKey(certs.CertificateHolder):
    """A private key with its certificate and the other certificates from the file."""

    private_key: PrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()
    source: Path | None = field(default=None, compare=False)

    @property
    def algorithm(self) -> str:
        algorithm = certs.algorithm_for_key(self.private_key)
        assert algorithm is not None  # load_p12 only accepts RSA and EC keys
        return algorithm

    def sign(self, message: bytes) -> bytes:
        """Sign ``message`` (it is hashed with SHA-256 as part of signing)."""
        return sign_message(self.private_key, message)


def sign_message(key: PrivateKey, message: bytes) -> bytes:
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(message, _PSS, hashes.SHA256())
    return key.sign(message, ec.ECDSA(hashes.SHA256()))


def verify_message(cert: x509.Certificate, algorithm: str, signature: bytes,
                   message: bytes) -> bool:
    """Whether ``signature`` is ``cert``'s key's signature over ``message``."""
    public = cert.public_key()
    try:
        if algorithm == certs.RSA_PSS_SHA256 and isinstance(public, rsa.RSAPublicKey):
            public.verify(signature, message, _PSS, hashes.SHA256())
            return True
        if algorithm == certs.ECDSA_SHA256 and isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, message, ec.ECDSA(hashes.SHA256()))
            return True
    except (InvalidSignature, ValueError):
        return False
    return False


def _password_bytes(password: str | bytes | None) -> bytes | None:
    if password is None or isinstance(password, bytes):
        return password
    return password.encode("utf-8")


def _looks_like_pfx(data: bytes) -> bool:
    """A structural check (no decryption): is this a PKCS#12 ``PFX`` at all?"""
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return (pfx["version"].native == "v3"
                and pfx["auth_safe"]["content_type"].native in ("data", "signed_data"))
    except Exception:  # asn1crypto raises many kinds of errors for non-PFX data
        return False


def _wrong_type(data: bytes) -> str:
    head = data.lstrip()[:64]
    if head.startswith(b"%PDF"):
        return _("dit is een PDF, geen PKCS#12-sleutelbestand (.p12 of .pfx)")
    if b"-----BEGIN CERTIFICATE" in data:
        return _("dit is een los certificaat (PEM) zonder privésleutel; gebruik het "
                 ".p12- of .pfx-bestand met certificaat en sleutel")
    if b"-----BEGIN" in data:
        return _("dit is een PEM-bestand, geen PKCS#12-sleutelbestand (.p12 of .pfx)")
    try:
        x509.load_der_x509_certificate(data)
    except ValueError:
        return _("dit is geen PKCS#12-sleutelbestand (.p12 of .pfx)")
    return _("dit is een los certificaat zonder privésleutel; gebruik het .p12- of "
             ".pfx-bestand met certificaat en sleutel")


def _password_message(data: bytes, secret: bytes | None) -> str:
    """What went wrong with the password: none given, an empty one, one too many, a wrong one."""
    if secret is None:
        return _("dit sleutelbestand is met een wachtwoord beveiligd; geef het wachtwoord")
    if not secret:
        return _("er is een leeg wachtwoord gegeven, maar dit sleutelbestand is met een "
                 "wachtwoord beveiligd; geef het juiste wachtwoord")
    try:
        pkcs12.load_key_and_certificates(data, None)
    except ValueError:
        return _("het wachtwoord is onjuist")
    return _("dit sleutelbestand heeft geen wachtwoord, maar er is er wel een gegeven; laat "
             "het wachtwoord weg (--password of {env})").format(env="TOETSAPP_P12_PASSWORD")


def load_p12(path: Path | str, password: str | bytes | None = None) -> SigningKey:
    """Read a password-protected PKCS#12 file; :class:`FileProblem` says what is wrong."""
    path = Path(path)
    data = read_file_bytes(path, MAX_P12_BYTES)
    return load_p12_bytes(data, password, path)


def load_p12_bytes(data: bytes, password: str | bytes | None, source: Path | str) -> SigningKey:
    """As :func:`load_p12`, from bytes; ``source`` names the file in messages."""
    if not data.strip():
        raise FileProblem(source, _("het bestand is leeg"))
    if not _looks_like_pfx(data):
        raise FileProblem(source, _wrong_type(data))
    secret = _password_bytes(password)
    try:
        key, cert, others = pkcs12.load_key_and_certificates(data, secret)
    except ValueError:
        raise PasswordProblem(source, _password_message(data, secret)) from None
    if key is None:
        raise FileProblem(source, _("het bestand bevat geen privésleutel, alleen "
                                    "certificaten; ondertekenen kan alleen met de sleutel"))
    if cert is None:
        raise FileProblem(source, _("het bestand bevat geen certificaat bij de sleutel"))
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise FileProblem(source, _("dit type sleutel wordt niet ondersteund ({kind}); "
                                    "gebruik een RSA- of EC-sleutel")
                          .format(kind=type(key).__name__.lstrip("_")))
    if key.public_key().public_numbers() != cert.public_key().public_numbers():  # type: ignore
        raise FileProblem(source, _("de sleutel hoort niet bij het certificaat in het bestand"))
    return SigningKey(key, cert, tuple(others), Path(source))
