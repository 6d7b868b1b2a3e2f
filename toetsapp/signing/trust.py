"""The trust store: a folder of CA certificates (PEM or DER) and, optionally, CRLs.

Certificate paths are built and checked by pyhanko-certvalidator (RFC 5280), never
fetched from the network: the machine may be offline. Revocation is checked only
against CRL files placed in the trust folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from toetsapp.errors import FileProblem
from toetsapp.files.readfile import read_file_bytes
from toetsapp.formatting import format_date
from toetsapp.i18n import _
from toetsapp.signing import certs
from toetsapp.signing.paths import TRUST_ENV, default_trust_dir
from toetsapp.signing.status import SignatureStatus

MAX_TRUST_FILE = 8 * 2**20
__all__ = ["TRUST_ENV", "TrustStore", "check_certificate", "default_trust_dir",
           "load_trust_store", "signing_usage"]


@dataclass(frozen=True)
class TrustStore:
    """Trust anchors and CRLs; ``problems`` lists files in the folder that were skipped."""

    roots: tuple[x509.Certificate, ...] = ()
    crls: tuple[bytes, ...] = ()
    folder: Path | None = None
    problems: tuple[str, ...] = field(default=(), compare=False)
    # organisaties.json: organisation name or abbreviation -> OINs and certificate
    # SHA-256 fingerprints (lower-case hex) that may sign for it
    organisations: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # validation contexts and certificate checks per explicit moment, so checking several
    # signatures with the same chain at the same moment builds and checks the path once
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def allowed_for(self, *names: str) -> set[str] | None:
        """The OINs and fingerprints mapped to any of ``names`` (casefolded), or None
        when the mapping file says nothing about them."""
        wanted = {n.casefold() for n in names if n}
        found = [values for name, values in self.organisations if name.casefold() in wanted]
        return {v for values in found for v in values} if found else None

    def context(self, moment: datetime | None = None,
                chain: tuple[str, ...] | None = None):  # -> ValidationContext
        """A pyHanko validation context: these roots and CRLs only, no fetching, at
        ``moment`` (None: now). Given a moment and ``chain`` (the fingerprints of the
        intermediate certificates the signature brings), the same context is returned
        for the same pair, so pyHanko reuses its parsed CRLs and checked paths. It is
        never shared between different chains: a context remembers the intermediates it
        saw, and a signature must not validate through another signature's chain."""
        from pyhanko_certvalidator import ValidationContext

        key = ("context", moment, chain)
        if moment is not None and chain is not None and key in self.memo:
            return self.memo[key]
        if "roots" not in self.memo:
            self.memo["roots"] = [certs.to_asn1(root) for root in self.roots]
        context = ValidationContext(
            trust_roots=self.memo["roots"],
            moment=moment, allow_fetching=False,
            crls=list(self.crls), revocation_mode="soft-fail",
            # a CRL newer than ``moment`` still tells whether the certificate was
            # revoked at ``moment`` (the revocation date is compared)
            retroactive_revinfo=True)
        if moment is not None and chain is not None:
            self._remember(key, context)
        return context

    def _remember(self, key: tuple, value: object) -> None:
        if len(self.memo) > MEMO_SIZE:  # a long-running app: keep the memo small
            roots = self.memo.get("roots")
            self.memo.clear()
            if roots is not None:
                self.memo["roots"] = roots
        self.memo[key] = value


MEMO_SIZE = 64


def _read_entry(path: Path) -> tuple[list[x509.Certificate], list[bytes]]:
    data = read_file_bytes(path, MAX_TRUST_FILE)
    if b"-----BEGIN" in data:
        found = _pem_certificates(data)
        crls = [x509.load_pem_x509_crl(block).public_bytes(Encoding.DER)
                for block in _pem_blocks(data, b"X509 CRL")]
        return found, crls
    try:
        return [x509.load_der_x509_certificate(data)], []
    except ValueError:
        return [], [x509.load_der_x509_crl(data).public_bytes(Encoding.DER)]


def _pem_blocks(data: bytes, label: bytes) -> list[bytes]:
    begin, end = b"-----BEGIN " + label + b"-----", b"-----END " + label + b"-----"
    blocks, start = [], data.find(begin)
    while start >= 0:
        stop = data.find(end, start)
        if stop < 0:
            raise ValueError("unterminated PEM block")
        blocks.append(data[start:stop + len(end)])
        start = data.find(begin, stop)
    return blocks


def _pem_certificates(data: bytes) -> list[x509.Certificate]:
    if b"-----BEGIN CERTIFICATE-----" not in data:
        return []
    return x509.load_pem_x509_certificates(data)


def load_trust_store(folder: Path | str | None = None, *, required: bool = False) -> TrustStore:
    """Read every certificate and CRL in ``folder`` (default: :func:`default_trust_dir`).

    A missing folder gives an empty store (nothing is trusted) unless ``required``,
    then it is a :class:`FileProblem`. Unreadable files are skipped and listed in
    ``problems``.
    """
    folder = Path(folder) if folder is not None else default_trust_dir()
    if not folder.is_dir():
        if required:
            raise FileProblem(folder, _("de map met vertrouwde certificaten bestaat niet"))
        return TrustStore(folder=folder, problems=(
            _("De map met vertrouwde certificaten bestaat niet: {folder}. Zet daar de "
              "certificaten (PEM of DER) van de CA's die je vertrouwt; tot dan is geen "
              "handtekening vertrouwd.").format(folder=folder),))
    roots: list[x509.Certificate] = []
    crls: list[bytes] = []
    problems: list[str] = []
    organisations: tuple[tuple[str, tuple[str, ...]], ...] = ()
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        if path.name == ORGANISATIONS_FILE:
            organisations, problem = _read_organisations(path)
            problems += [problem] if problem else []
            continue
        try:
            found, revoked = _read_entry(path)
        except (FileProblem, OSError, ValueError):
            problems.append(_("{file}: geen certificaat of CRL (PEM of DER); overgeslagen")
                            .format(file=path.name))
            continue
        roots += found
        crls += revoked
        if not found and not revoked:
            problems.append(_("{file}: geen certificaat of CRL gevonden; overgeslagen")
                            .format(file=path.name))
    return TrustStore(tuple(roots), tuple(crls), folder, tuple(problems), organisations)


ORGANISATIONS_FILE = "organisaties.json"


def _normal_value(value: str) -> str | None:
    """An OIN (20 digits) or a SHA-256 fingerprint (hex, colons and spaces allowed)."""
    text = value.strip().lower().removeprefix("sha256:").replace(":", "").replace(" ", "")
    if len(text) == 20 and text.isdigit():
        return text
    if len(text) == 64 and all(c in "0123456789abcdef" for c in text):
        return text
    return None


def _read_organisations(path: Path) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], str]:
    """``organisaties.json``: ``{"Belastingdienst": ["<OIN>", "<SHA-256>"], …}``."""
    import json

    try:
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
        entries = []
        for name, values in data.items():
            values = [values] if isinstance(values, str) else values
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise ValueError(name)
            normal = [_normal_value(v) for v in values]
            if None in normal:
                raise ValueError(name)
            entries.append((str(name), tuple(v for v in normal if v)))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return (), _("{file}: ongeldig ({error}); verwacht {{\"organisatie\": [\"OIN of "
                     "SHA-256-vingerafdruk\", …]}}; overgeslagen").format(
            file=path.name, error=exc)
    return tuple(entries), ""


def signing_usage():  # -> KeyUsageConstraints
    """Key usage a signing certificate needs: digital signature or non-repudiation."""
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    return KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"},
                               match_all_key_usages=False)


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def check_certificate(cert: x509.Certificate, chain: list[x509.Certificate] | tuple,
                      trust: TrustStore, moment: datetime
                      ) -> tuple[SignatureStatus, str] | None:
    """Problems with ``cert`` at ``moment``: path to a trust anchor, validity, revocation,
    key usage (digital signature or non-repudiation). None when all is well. The answer
    is remembered per certificate, chain and moment in ``trust.memo``."""
    moment = _utc(moment)
    fingerprints = tuple(sorted({certs.fingerprint_hex(c) for c in chain}))
    key = ("check", certs.fingerprint_hex(cert), fingerprints, moment)
    if key not in trust.memo:
        trust._remember(key, _check_certificate(cert, chain, trust, moment, fingerprints))
    return trust.memo[key]


def _check_certificate(cert: x509.Certificate, chain: list[x509.Certificate] | tuple,
                       trust: TrustStore, moment: datetime, fingerprints: tuple[str, ...]
                       ) -> tuple[SignatureStatus, str] | None:
    import asyncio

    from pyhanko_certvalidator import CertificateValidator
    from pyhanko_certvalidator import errors as e

    weak = certs.key_weakness(cert)
    if weak:
        return SignatureStatus.WEAK_KEY, _("de sleutel van het certificaat is te zwak: "
                                           "{reason}").format(reason=weak)
    leaf = certs.to_asn1(cert)
    validator = CertificateValidator(leaf, [certs.to_asn1(c) for c in chain],
                                     trust.context(moment, fingerprints))
    when = format_date(moment.date())
    try:
        asyncio.run(validator.async_validate_path())
    except e.PathBuildingError:
        return SignatureStatus.UNTRUSTED, _(
            "de uitgever van het certificaat ({issuer}) staat niet in de vertrouwde "
            "certificaten").format(issuer=certs.issuer_text(cert))
    except e.RevokedError as exc:
        which = _("het certificaat") if exc.is_ee_cert else _("een CA-certificaat in de keten")
        return SignatureStatus.REVOKED, _("{which} is ingetrokken op {date}").format(
            which=which, date=format_date(exc.revocation_dt.date()))
    except e.ExpiredError as exc:
        which = _("het certificaat") if exc.is_ee_cert else _("een CA-certificaat in de keten")
        return SignatureStatus.EXPIRED, _(
            "{which} was op {when} verlopen (geldig tot {end})").format(
            which=which, when=when, end=format_date(exc.expired_dt.date()))
    except e.NotYetValidError as exc:
        which = _("het certificaat") if exc.is_ee_cert else _("een CA-certificaat in de keten")
        return SignatureStatus.NOT_YET_VALID, _(
            "{which} was op {when} nog niet geldig (geldig vanaf {start})").format(
            which=which, when=when, start=format_date(exc.valid_from.date()))
    except (e.ValidationError, e.PathError) as exc:
        return SignatureStatus.UNTRUSTED, _("het certificaat is niet bruikbaar: {reason}").format(
            reason=getattr(exc, "failure_msg", None) or exc)
    try:
        signing_usage().validate(leaf)
    except e.InvalidCertificateError:
        return SignatureStatus.KEY_USAGE, _("het certificaat is niet bedoeld voor het "
                                            "ondertekenen van documenten (sleutelgebruik)")
    return None
