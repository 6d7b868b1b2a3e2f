"""Co-signing a toets and checking its co-signatures (pure: no files, no Qt)."""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError

from toetsapp.errors import ToetsappError
from toetsapp.formatting import format_date, format_datetime
from toetsapp.i18n import _
from toetsapp.model.toets import POSITIONS, CoSignature, Toets, utcnow
from toetsapp.signing import certs
from toetsapp.signing.content import accepted_digests, content_digest, signed_message
from toetsapp.signing.keys import SigningKey, verify_message
from toetsapp.signing.status import SignatureResult, SignatureStatus, position_label
from toetsapp.signing.trust import TrustStore, check_certificate, load_trust_store

CLOCK_SKEW = timedelta(minutes=5)
NEEDS_REMARKS = ("akkoord_met_kanttekeningen", "niet_akkoord")


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _when(moment: datetime) -> str:
    return format_datetime(moment) + " UTC"


def make_signature(toets: Toets, key: SigningKey, *, position: str, remarks: str = "",
                   name: str | None = None, role: str | None = None,
                   organisation: str | None = None, at: datetime | None = None,
                   open_problems: int | None = None) -> CoSignature:
    """A co-signature by ``key`` over the current content of ``toets``; ``open_problems``
    (signed) records how many open problems the signer was shown.

    ``name`` and ``organisation`` default to the certificate's CN and O, ``role`` to
    its title. No policy checks (see :func:`sign_toets`, which never takes a name or
    organisation: verification takes identity from the certificate anyway).
    """
    fields = {
        "organisation": (organisation if organisation is not None else key.organisation).strip(),
        "name": (name if name is not None else key.name).strip(),
        "role": (role if role is not None else certs.title(key.certificate)).strip(),
        "position": position, "remarks": remarks.strip(),
    }
    if not fields["organisation"]:
        raise ToetsappError(_("het certificaat noemt geen organisatie; geef de organisatie op"))
    if not fields["name"]:
        raise ToetsappError(_("het certificaat noemt geen naam; geef de naam van de "
                              "ondertekenaar op"))
    try:
        unsigned = CoSignature(
            **fields, signed_at=_utc(at or utcnow()).replace(microsecond=0),
            content_digest=content_digest(toets), algorithm=key.algorithm, signature="",
            certificate=certs.to_pem(key.certificate),
            chain=[certs.to_pem(c) for c in key.chain[:10]], open_problems=open_problems)
    except ValidationError as exc:
        problem = exc.errors()[0]
        raise ToetsappError(_("ongeldige gegevens voor de handtekening ({field}): {msg}").format(
            field=".".join(map(str, problem["loc"])), msg=problem["msg"])) from None
    message = signed_message(unsigned, certs.fingerprint_hex(key.certificate))
    return unsigned.model_copy(update={"signature": base64.b64encode(key.sign(message))
                                       .decode("ascii")})


def _same_subject(a: CoSignature, b: CoSignature) -> bool:
    """Made with a certificate of the same subject (the same person, e.g. a renewed
    certificate); a signature whose certificate cannot be read is never replaced."""
    try:
        return certs.from_pem(a.certificate).subject == certs.from_pem(b.certificate).subject
    except ValueError:
        return False


def check_position(position: str, remarks: str) -> None:
    """Refuse an unknown position, or 'akkoord met kanttekeningen' / 'niet akkoord'
    without remarks (the dialog can call this before asking for the password)."""
    if position not in POSITIONS:
        raise ToetsappError(_("onbekend standpunt '{position}'; kies uit {choices}")
                            .format(position=position, choices=", ".join(POSITIONS)))
    if position in NEEDS_REMARKS and not remarks.strip():
        raise ToetsappError(_("bij het standpunt '{position}' horen kanttekeningen of een "
                              "motivering").format(position=position_label(position)))


def sign_toets(toets: Toets, key: SigningKey, *, position: str, remarks: str = "",
               role: str | None = None, at: datetime | None = None,
               open_problems: int | None = None, tsa: str | None = None) -> Toets:
    """A copy of ``toets`` with a new co-signature; organisation and name are the
    certificate's O and CN. An earlier signature made with a certificate of the same
    subject is replaced; nobody else's ever is. ``open_problems`` (signed, only when
    given) records how many open problems the signer was shown. With ``tsa`` (an RFC 3161
    URL) the signature gets a timestamp token over its value.

    Refuses an unknown position, a missing motivation for 'akkoord met kanttekeningen'
    or 'niet akkoord', a key weaker than RSA-2048 / P-256, and a certificate that is
    not valid at the signing time.
    """
    check_position(position, remarks)
    moment = _utc(at or utcnow())
    cert = key.certificate
    weak = certs.key_weakness(cert)
    if weak:
        raise ToetsappError(_("deze sleutel is te zwak om mee te ondertekenen: {reason}")
                            .format(reason=weak))
    if moment > certs.not_after(cert):
        raise ToetsappError(_("het certificaat is verlopen op {date}; ondertekenen kan niet")
                            .format(date=format_date(certs.not_after(cert).date())))
    if moment < certs.not_before(cert):
        raise ToetsappError(_("het certificaat is pas geldig vanaf {date}")
                            .format(date=format_date(certs.not_before(cert).date())))
    signature = make_signature(toets, key, position=position, remarks=remarks, role=role,
                               at=moment, open_problems=open_problems)
    if tsa:
        from toetsapp.signing.tsa import stamp

        token = stamp(tsa, base64.b64decode(signature.signature))
        signature = signature.model_copy(update={"timestamp": base64.b64encode(token)
                                                 .decode("ascii")})
    kept = [s for s in toets.signatures if not _same_subject(s, signature)]
    signed = toets.model_copy(deep=True)
    signed.signatures = [*kept, signature]
    return signed


def verify_signature(signature: CoSignature, digest: str, trust: TrustStore, *,
                     now: datetime | None = None, index: int = 0) -> SignatureResult:
    """Check one co-signature against the toets content ``digest`` and ``trust``.

    Order: readable → signature over the signed message → content unchanged →
    certificate trusted and valid at the signing time → still valid now.
    """
    now = _utc(now or utcnow())

    def result(status: SignatureStatus, detail: str, cert=None,
               stamped: datetime | None = None) -> SignatureResult:
        return SignatureResult(
            index, status, detail, signature.organisation, signature.name,
            certs.subject_text(cert) if cert else "", certs.fingerprint(cert) if cert else "",
            signature.signed_at, signature.position,
            issuer=certs.issuer_text(cert) if cert else "",
            serial=f"{cert.serial_number:x}" if cert else "", timestamp=stamped)

    try:
        cert = certs.from_pem(signature.certificate)
        chain = [certs.from_pem(text) for text in signature.chain]
        raw = base64.b64decode(signature.signature, validate=True)
    except (ValueError, binascii.Error):
        return result(SignatureStatus.MALFORMED, _("het certificaat of de handtekening is "
                                                   "beschadigd en kan niet worden gelezen"))
    if signature.algorithm not in certs.ALGORITHMS:
        return result(SignatureStatus.MALFORMED, _("onbekend handtekeningalgoritme '{alg}'")
                      .format(alg=signature.algorithm), cert)
    message = signed_message(signature, certs.fingerprint_hex(cert))
    if not verify_message(cert, signature.algorithm, raw, message):
        return result(SignatureStatus.INVALID, _(
            "de handtekening past niet bij de gegevens: de ondertekenaar, het standpunt, de "
            "kanttekeningen, het tijdstip of de handtekening zelf is gewijzigd"), cert)
    signed_at = _utc(signature.signed_at)
    if signature.content_digest != digest:
        return result(SignatureStatus.CONTENT_CHANGED, _(
            "de toets is gewijzigd nadat {organisation} ondertekende op {when}; deze "
            "handtekening geldt voor een eerdere versie").format(
            organisation=signature.organisation, when=_when(signed_at)), cert)
    if signed_at > now + CLOCK_SKEW:
        return result(SignatureStatus.MALFORMED, _(
            "het tijdstip van ondertekening ({when}) ligt in de toekomst")
            .format(when=_when(signed_at)), cert)
    stamped = None
    if signature.timestamp:
        stamped, problem = _check_timestamp(signature, raw, signed_at, trust, now)
        if problem:
            return result(*problem, cert)
    for moment in (stamped or signed_at, now):
        problem = check_certificate(cert, chain, trust, moment)
        if problem:
            status, detail = problem
            if moment is now and status is SignatureStatus.EXPIRED and stamped:
                return result(SignatureStatus.VALID_AT_SIGNING, _(
                    "ondertekend op {when} volgens een vertrouwde tijdstempel; het "
                    "certificaat is inmiddels verlopen, maar was toen geldig").format(
                    when=_when(stamped)), cert, stamped)
            if moment is now and status is SignatureStatus.EXPIRED:
                detail += _("; bij ondertekening was het nog geldig, maar zonder vertrouwd "
                            "tijdstempel is dat niet aan te tonen")
            return result(status, detail, cert, stamped)
    if stamped:
        return result(SignatureStatus.VALID, _(
            "ondertekend op {when} met een vertrouwd certificaat; vertrouwde tijdstempel "
            "van {stamped}").format(when=_when(signed_at), stamped=_when(stamped)),
            cert, stamped)
    return result(SignatureStatus.VALID, _("ondertekend op {when} met een vertrouwd "
                                           "certificaat").format(when=_when(signed_at)),
                  cert)


def _check_timestamp(signature: CoSignature, raw: bytes, signed_at: datetime,
                     trust: TrustStore, now: datetime
                     ) -> tuple[datetime | None, tuple[SignatureStatus, str] | None]:
    """The time a co-signature's timestamp token proves, or the status it earns: the
    token must be over this signature value, intact, from a trusted TSA, and not
    earlier than the signing time the signer stated."""
    from toetsapp.signing.tsa import check_stamp, stamp_problem

    try:
        token = base64.b64decode(signature.timestamp, validate=True)
    except (ValueError, binascii.Error):
        token = b""
    when, problem = check_stamp(token, raw, trust.context(now))
    if problem:
        status = SignatureStatus.UNTRUSTED if problem == "untrusted" else SignatureStatus.INVALID
        return None, (status, _("de tijdstempel bij de handtekening klopt niet: {problem}")
                      .format(problem=stamp_problem(problem)))
    assert when is not None
    when = _utc(when)
    if when + CLOCK_SKEW < signed_at:
        return None, (SignatureStatus.MALFORMED, _(
            "het opgegeven tijdstip van ondertekening ({when}) ligt na de tijdstempel "
            "({stamped})").format(when=_when(signed_at), stamped=_when(when)))
    return when, None


def verify_toets(toets: Toets, trust: TrustStore | None = None, *,
                 now: datetime | None = None) -> list[SignatureResult]:
    """Check every co-signature of ``toets`` (default trust store: the user's folder)."""
    from toetsapp.signing.identity import attribute

    trust = trust if trust is not None else load_trust_store()
    now = _utc(now or utcnow())  # one moment for all: the certificate checks are shared
    digest = content_digest(toets)
    accepted = accepted_digests(toets) if toets.migrated_from else {digest}
    results = [verify_signature(sig, sig.content_digest if sig.content_digest in accepted
                                else digest, trust, now=now, index=i)
               for i, sig in enumerate(toets.signatures)]
    return attribute(toets, results, trust)


def missing_signers(toets: Toets, results: list[SignatureResult]) -> list[str]:
    """Organisations in ``metadata.organisations`` without a valid co-signature that
    counts for them (see :mod:`toetsapp.signing.identity`).

    The list of organisations is part of the signed content, so a co-signature that
    was removed from the file shows up here.
    """
    signed = {r.counts_for for r in results if r.valid and r.counts_for}
    return [org.name for org in toets.metadata.organisations if org.name not in signed]
