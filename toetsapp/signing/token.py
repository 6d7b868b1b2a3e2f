"""Signing keys on a smartcard or USB token, through PKCS#11 (python-pkcs11 + pyHanko).

Officials sign with PKIoverheid certificates whose private key never leaves the card.
:func:`open_token_key` opens a session on the token with the PIN and finds the key and
its certificate by label; the :class:`TokenKey` signs co-signatures (RSASSA-PSS with
SHA-256 and a 32-byte salt, or ECDSA with SHA-256, DER-encoded — the same as a key file)
and PAdES signatures through pyHanko's ``PKCS11Signer``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509

from toetsapp.errors import FileProblem
from toetsapp.i18n import _
from toetsapp.signing import certs

PIN_ENV = "TOETSAPP_PKCS11_PIN"


class PinProblem(FileProblem):
    """The PIN was refused (ask again) or the token is locked."""


@dataclass(frozen=True)
class TokenInfo:
    """A token in a slot, and the labels of the certificates with a private key on it."""

    label: str
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class TokenKey(certs.CertificateHolder):
    """A private key on a PKCS#11 token, with its certificate (and others on the token)."""

    module: str
    token: str
    label: str
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()
    signer: Any = field(default=None, compare=False, repr=False)  # pyhanko PKCS11Signer
    session: Any = field(default=None, compare=False, repr=False)
    private_key: Any = field(default=None, compare=False, repr=False)  # python-pkcs11 key

    @property
    def algorithm(self) -> str:
        algorithm = certs.algorithm_for_key(self.certificate.public_key())
        assert algorithm is not None  # open_token_key only accepts RSA and EC keys
        return algorithm

    @property
    def source(self) -> str:
        return f"{self.module}#{self.token}/{self.label}"

    def sign(self, message: bytes) -> bytes:
        """Sign ``message`` on the token (SHA-256; PSS or ECDSA as for key files)."""
        from pkcs11 import MGF, Mechanism
        from pkcs11.exceptions import PKCS11Error
        from pkcs11.util.ec import encode_ecdsa_signature

        try:
            if self.algorithm == certs.RSA_PSS_SHA256:
                return bytes(self.private_key.sign(
                    message, mechanism=Mechanism.SHA256_RSA_PKCS_PSS,
                    mechanism_param=(Mechanism.SHA256, MGF.SHA256, 32)))
            # hash here and sign the digest: cards support plain CKM_ECDSA most widely
            digest = hashlib.sha256(message).digest()
            raw = self.private_key.sign(digest, mechanism=Mechanism.ECDSA)
            return bytes(encode_ecdsa_signature(raw))
        except PKCS11Error as exc:
            raise FileProblem(self.source, _("de token kon niet ondertekenen: {error}")
                              .format(error=exc)) from None

    def pyhanko_signer(self) -> Any:
        return self.signer

    def close(self) -> None:
        if self.session is not None:
            self.session.close()


def _library(module: str) -> Any:
    from pyhanko.sign.pkcs11 import p11_lib

    try:
        return p11_lib(module)
    except (OSError, RuntimeError) as exc:
        raise FileProblem(module, _("dit is geen bruikbare PKCS#11-module: {error}")
                          .format(error=exc)) from None


def list_tokens(module: str) -> list[TokenInfo]:
    """The tokens the module sees, each with the labels of its certificates (without
    logging in: certificates are public objects)."""
    from pkcs11 import Attribute, ObjectClass
    from pkcs11.exceptions import PKCS11Error, TokenNotRecognised

    found = []
    try:
        for slot in _library(module).get_slots(token_present=True):
            try:
                token = slot.get_token()
                with token.open() as session:
                    labels = [str(obj[Attribute.LABEL]) for obj in session.get_objects(
                        {Attribute.CLASS: ObjectClass.CERTIFICATE})
                        if not _is_ca(obj)]
            except TokenNotRecognised:  # an empty or uninitialised slot
                continue
            found.append(TokenInfo(token.label.strip(), tuple(dict.fromkeys(labels))))
    except PKCS11Error as exc:
        raise FileProblem(module, _("de tokens kunnen niet worden gelezen: {error}")
                          .format(error=type(exc).__name__)) from None
    return found


def _is_ca(obj: Any) -> bool:
    """Whether a certificate object on the token is a CA certificate (not a signer's)."""
    from pkcs11 import Attribute

    try:
        cert = x509.load_der_x509_certificate(bytes(obj[Attribute.VALUE]))
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except (x509.ExtensionNotFound, ValueError, KeyError):
        return False


def open_token_key(module: str, token: str, label: str, pin: str) -> TokenKey:
    """Log in on ``token`` (its label) with ``pin`` and find key and certificate ``label``.

    :class:`PinProblem` for a wrong PIN, :class:`FileProblem` for a missing module,
    token, key or certificate.
    """
    from pkcs11 import exceptions as p11
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Error, PKCS11Signer, find_token

    where = f"{module}#{token}"
    lib = _library(module)
    try:
        slot_token = find_token(lib.get_slots(), token_criteria=TokenCriteria(label=token))
    except (p11.PKCS11Error, PKCS11Error) as exc:
        raise FileProblem(where, _("de tokens kunnen niet worden gelezen: {error}")
                          .format(error=type(exc).__name__)) from None
    if slot_token is None:
        raise FileProblem(where, _("geen token met het label '{token}' gevonden; is de kaart "
                                   "aangesloten?").format(token=token))
    try:
        session = slot_token.open(user_pin=pin)
    except p11.UserAlreadyLoggedIn:  # another session of this process is logged in
        session = slot_token.open()
    except p11.PinIncorrect:
        raise PinProblem(where, _("de pincode is onjuist")) from None
    except p11.PinLocked:
        raise FileProblem(where, _("de token is geblokkeerd (te vaak een onjuiste pincode)")
                          ) from None
    except (p11.PinLenRange, p11.PinInvalid, p11.ArgumentsBad):
        raise PinProblem(where, _("de pincode heeft niet de juiste lengte of vorm")) from None
    except p11.PKCS11Error as exc:
        raise FileProblem(where, _("inloggen op de token lukt niet: {error}")
                          .format(error=type(exc).__name__)) from None
    from pkcs11 import Attribute, ObjectClass

    try:
        found = list(session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE,
                                          Attribute.LABEL: label}))
        if not found:
            raise KeyError(_("geen certificaat met dit label"))
        cert = x509.load_der_x509_certificate(bytes(found[0][Attribute.VALUE]))
        others = [x509.load_der_x509_certificate(bytes(obj[Attribute.VALUE]))
                  for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE})]
        others = [c for c in others if c != cert]
        private = session.get_key(object_class=ObjectClass.PRIVATE_KEY, label=label)
        signer = PKCS11Signer(session, key_label=label, signing_cert=certs.to_asn1(cert),
                              ca_chain=[certs.to_asn1(c) for c in others], prefer_pss=True)
    except (p11.PKCS11Error, PKCS11Error, KeyError, ValueError) as exc:
        session.close()
        raise FileProblem(where, _("geen sleutel met certificaat '{label}' op de token: {error}")
                          .format(label=label, error=exc)) from None
    if certs.algorithm_for_key(cert.public_key()) is None:
        session.close()
        raise FileProblem(where, _("dit type sleutel wordt niet ondersteund; gebruik een RSA- "
                                   "of EC-sleutel"))
    return TokenKey(module, token, label, cert, tuple(others[:10]), signer, session, private)
