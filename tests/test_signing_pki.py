"""A throw-away PKI for the signing tests, generated once per session under tmp.

Root CA → issuing CA → personal signing certificates for Dienst Toeslagen (RSA 2048),
Belastingdienst and VNG (EC P-256), plus an expired, a not-yet-valid, a revoked and a
not-for-signing certificate, and a certificate from a CA nobody trusts. Every key is
also written as a password-protected PKCS#12 file. Other modules use :func:`shared_pki`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from toetsapp.model.toets import Toets
from toetsapp.signing import SigningKey, TrustStore, load_p12, load_trust_store, sign_toets

PASSWORD = "Geheim-2026!"
NOW = datetime.now(UTC).replace(microsecond=0)
DAY = timedelta(days=1)
CRL_URL = "http://crl.toetsapp-test.invalid/organisatie-ca.crl"


@dataclass
class Pki:
    folder: Path
    trust_dir: Path  # root CA (PEM), CRL of the issuing CA, a stray text file
    trust_der_dir: Path  # the same root as DER, no CRL
    root: x509.Certificate
    issuing: x509.Certificate
    certs: dict[str, x509.Certificate] = field(default_factory=dict)
    p12: dict[str, Path] = field(default_factory=dict)
    other: dict[str, Path] = field(default_factory=dict)
    tsa: tuple[object, x509.Certificate] | None = None  # timestamp authority: key, cert


def _name(cn: str, org: str | None = None, title: str | None = None,
          oin: str | None = None) -> x509.Name:
    """A subject; with ``oin`` like a PKIoverheid certificate: the OIN in serialNumber and
    as organizationIdentifier (``NTRNL-<OIN>``)."""
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "NL")]
    if org:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    if oin:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, f"NTRNL-{oin}"))
    if title:
        attrs.append(x509.NameAttribute(NameOID.TITLE, title))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    if oin:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, oin))
    return x509.Name(attrs)


OIN_FIN = "00000001003214345000"
OIN_DT = "00000004003214345001"


def _cert(subject: x509.Name, key, issuer_cert, issuer_key, *, ca: bool = False,
          start: datetime = NOW - 30 * DAY, end: datetime = NOW + 365 * DAY,
          usage: str = "sign", serial: int | None = None) -> x509.Certificate:
    builder = (x509.CertificateBuilder().subject_name(subject)
               .issuer_name(issuer_cert.subject if issuer_cert else subject)
               .public_key(key.public_key()).serial_number(serial or x509.random_serial_number())
               .not_valid_before(start).not_valid_after(end)
               .add_extension(x509.BasicConstraints(ca=ca, path_length=1 if ca else None),
                              critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                              critical=False))
    if issuer_cert is not None:
        builder = builder.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            issuer_key.public_key()), critical=False)
    if not ca:  # like government certificates, name where the CRL is published
        builder = builder.add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
            [x509.UniformResourceIdentifier(CRL_URL)], None, None, None)]), critical=False)
    flags = dict(digital_signature=False, content_commitment=False, key_encipherment=False,
                 data_encipherment=False, key_agreement=False, key_cert_sign=False,
                 crl_sign=False, encipher_only=False, decipher_only=False)
    if ca:
        flags.update(key_cert_sign=True, crl_sign=True)
    elif usage == "sign":
        flags.update(digital_signature=True, content_commitment=True)
    elif usage == "nonrep":  # PKIoverheid signing certificates: non-repudiation only
        flags.update(content_commitment=True)
    else:
        flags.update(key_encipherment=True)
    builder = builder.add_extension(x509.KeyUsage(**flags), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _p12(path: Path, key, cert, chain, password: str | None = PASSWORD) -> Path:
    encryption = (serialization.BestAvailableEncryption(password.encode())
                  if password else serialization.NoEncryption())
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        cert.subject.rfc4514_string().encode(), key, cert, chain, encryption))
    return path


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def build_pki(folder: Path) -> Pki:
    ec_key = lambda: ec.generate_private_key(ec.SECP256R1())  # noqa: E731
    root_key, issuing_key = ec_key(), ec_key()
    root = _cert(_name("Toetsapp Test Root CA", "Staat der Nederlanden (test)"), root_key,
                 None, root_key, ca=True, start=NOW - 800 * DAY, end=NOW + 3650 * DAY)
    issuing = _cert(_name("Toetsapp Test Organisatie CA", "Staat der Nederlanden (test)"),
                    issuing_key, root, root_key, ca=True, start=NOW - 700 * DAY,
                    end=NOW + 3000 * DAY)
    alien_key = ec_key()
    alien = _cert(_name("Onbekende CA", "Niemand"), alien_key, None, alien_key, ca=True)
    pki = Pki(folder, folder / "trust", folder / "trust-der", root, issuing)
    people = {  # id: (organisation, name, title, key, issuer, start, end, usage)
        "toeslagen": ("Dienst Toeslagen", "Anna de Vries", "Directeur Uitvoering",
                      rsa.generate_private_key(65537, 2048), None, None, None, "sign"),
        "belastingdienst": ("Belastingdienst", "Bram Jansen", "Hoofd Uitvoerbaarheid",
                            ec_key(), None, None, None, "sign"),
        "vng": ("Vereniging van Nederlandse Gemeenten", "Chantal Bakker", None, ec_key(),
                None, None, None, "sign"),
        "expired": ("Dienst Justis", "Dirk Verlopen", None, ec_key(), None,
                    NOW - 400 * DAY, NOW - DAY, "sign"),
        "future": ("DUO", "Eva Toekomst", None, ec_key(), None, NOW + 30 * DAY,
                   NOW + 400 * DAY, "sign"),
        "revoked": ("CJIB", "Frank Ingetrokken", None, ec_key(), None, None, None, "sign"),
        "encrypt_only": ("SVB", "Gerda Versleutel", None, ec_key(), None, None, None, "enc"),
        "untrusted": ("Nep Dienst", "Henk Onbekend", None, ec_key(), "alien", None, None,
                      "sign"),
        # PKIoverheid-like: O, CN, the OIN in serialNumber/organizationIdentifier
        "pkio_fin": ("Ministerie van Financiën", "Ingrid Oostveen", "Directeur", ec_key(),
                     None, None, None, "nonrep"),
        "pkio_dt": ("Dienst Toeslagen", "Jan Pieters", None,
                    rsa.generate_private_key(65537, 2048), None, None, None, "nonrep"),
        "weak": ("Dienst Toeslagen", "Karel Zwak", None, rsa.generate_private_key(65537, 1024),
                 None, None, None, "sign"),
    }
    oins = {"pkio_fin": OIN_FIN, "pkio_dt": OIN_DT}
    folder.mkdir(parents=True, exist_ok=True)
    keys = {}
    for ident, (org, cn, title, key, issuer, start, end, usage) in people.items():
        issuer_cert, issuer_key = (alien, alien_key) if issuer else (issuing, issuing_key)
        cert = _cert(_name(cn, org, title, oins.get(ident)), key, issuer_cert, issuer_key,
                     usage=usage,
                     start=start or NOW - 30 * DAY, end=end or NOW + 365 * DAY)
        pki.certs[ident] = cert
        keys[ident] = key
        pki.p12[ident] = _p12(folder / f"{ident}.p12", key, cert, [issuer_cert])
    pki.p12["no_password"] = _p12(folder / "no_password.p12", keys["vng"], pki.certs["vng"],
                                  [issuing], password=None)
    nokey = pkcs12.serialize_key_and_certificates(
        b"alleen certificaat", None, pki.certs["belastingdienst"], [issuing],
        serialization.BestAvailableEncryption(PASSWORD.encode()))
    (folder / "certificaat_zonder_sleutel.p12").write_bytes(nokey)
    pki.other["no_key"] = folder / "certificaat_zonder_sleutel.p12"
    ed_key = ed25519.Ed25519PrivateKey.generate()
    ed_cert = _cert(_name("Ed Edwards", "Rijksdienst"), ed_key, issuing, issuing_key)
    pki.other["ed25519"] = _p12(folder / "ed25519.p12", ed_key, ed_cert, [issuing])
    (folder / "certificaat.pem").write_bytes(_pem(pki.certs["vng"]))
    pki.other["pem"] = folder / "certificaat.pem"
    (folder / "certificaat.cer").write_bytes(pki.certs["vng"].public_bytes(
        serialization.Encoding.DER))
    pki.other["der"] = folder / "certificaat.cer"
    (folder / "notitie.txt").write_text("Dit is geen sleutel.\n", "utf-8")
    pki.other["text"] = folder / "notitie.txt"
    (folder / "brief.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    pki.other["pdf"] = folder / "brief.pdf"
    crl = (x509.CertificateRevocationListBuilder().issuer_name(issuing.subject)
           .last_update(NOW - 2 * DAY).next_update(NOW + 30 * DAY)
           .add_revoked_certificate(x509.RevokedCertificateBuilder()
                                    .serial_number(pki.certs["revoked"].serial_number)
                                    .revocation_date(NOW - DAY).build())
           .add_extension(x509.CRLNumber(1), critical=False)
           .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
               issuing_key.public_key()), critical=False)
           .sign(issuing_key, hashes.SHA256()))
    tsa_key = rsa.generate_private_key(65537, 2048)  # pyHanko's test timestamper: RSA
    tsa_cert = (x509.CertificateBuilder().subject_name(_name("Toetsapp Test TSA", "Tijd (test)"))
                .issuer_name(issuing.subject).public_key(tsa_key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(NOW - 30 * DAY).not_valid_after(NOW + 365 * DAY)
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.ExtendedKeyUsage([x509.ExtendedKeyUsageOID.TIME_STAMPING]),
                               critical=True)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                    issuing_key.public_key()), critical=False)
                .sign(issuing_key, hashes.SHA256()))
    pki.tsa = (tsa_key, tsa_cert)
    pki.trust_dir.mkdir()
    (pki.trust_dir / "root.pem").write_bytes(_pem(root))
    (pki.trust_dir / "organisatie-ca.crl").write_bytes(crl.public_bytes(
        serialization.Encoding.DER))
    (pki.trust_dir / "LEESMIJ.txt").write_text("Vertrouwde certificaten.\n", "utf-8")
    pki.trust_der_dir.mkdir()
    (pki.trust_der_dir / "root.cer").write_bytes(root.public_bytes(serialization.Encoding.DER))
    return pki


_CACHE: dict[str, Pki] = {}


def shared_pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """The session's PKI, built once for all test modules (each wraps it in a fixture)."""
    if "pki" not in _CACHE:
        _CACHE["pki"] = build_pki(tmp_path_factory.mktemp("pki"))
    return _CACHE["pki"]


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return shared_pki(tmp_path_factory)


def sample_toets() -> Toets:
    """A ketenbrede toets with every kind of content a signature must cover."""
    return Toets.model_validate({
        "format": "toetsapp/toets", "format_version": 1,
        "id": "0f8fad5b-d9cb-469f-a165-70867728950e", "language": "nl",
        "form": {"id": "uitvoerbaarheidstoets", "version": "1.0.0",
                 "hash": "sha256:" + "1" * 64},
        "rubric": {"id": "uitvoerbaarheid-rubric", "version": "1.0.0",
                   "hash": "sha256:" + "2" * 64},
        "metadata": {
            "title": "Wet automatische toekenning huurtoeslag", "short_title": "Wet ATH",
            "dossiernummer": "36 812", "ondernummer": "3", "kamer": "II",
            "vergaderjaar": "2025/26", "kamerstuk_document": "2025D12345",
            "zaaknummer": "2025Z12345", "ministry": "Ministerie van Financiën",
            "organisations": [
                {"name": "Dienst Toeslagen", "abbreviation": "DT", "role": "lead"},
                {"name": "Belastingdienst", "abbreviation": "BD", "role": "co"},
                {"name": "Vereniging van Nederlandse Gemeenten", "abbreviation": "VNG",
                 "role": "co"}],
            "toetser": {"name": "Marieke van Dalen", "organisation": "Dienst Toeslagen",
                        "role": "Senior adviseur", "email": "m.vandalen@example.nl"},
            "toets_date": "2026-03-02", "deadline": "2026-04-01",
            "created": "2026-01-12T09:30:00Z", "modified": "2026-03-02T15:45:00Z",
            "status": "definitief"},
        "answers": {
            "gevolgen": {"value": "middelgroot", "evidence": "Impactanalyse v2",
                         "involved": "Team ICT"},
            "aspecten": {"value": ["maakbaarheid_systemen", "fraudebestendigheid"]},
            "fte_structureel": {"value": 12.5, "evidence": "Begroting 2026"},
            "kosten": {"value": 1250000},
            "invoering": {"value": "2028-01-01"},
            "ict_wijziging": {"value": True},
            "toelichting": {"value": "Eerste regel.\n  Tweede regel — met accenten: é, ü."},
            "kosten_tabel": {"value": [{"jaar": 2027, "bedrag": 500000.0},
                                       {"jaar": 2028, "bedrag": 750000}]},
        },
        "overrides": {
            "dimensions": {"ict": {"value": "zorgelijk", "motivation": "Afhankelijk van "
                                   "vervanging kernsysteem", "computed": "aanvaardbaar",
                                   "by": "Marieke van Dalen", "at": "2026-03-01T12:00:00Z"}},
            "verdict": {"value": "uitvoerbaar_onder_voorwaarden", "motivation": "Zie ICT",
                        "computed": "uitvoerbaar", "by": "Marieke van Dalen",
                        "at": "2026-03-01T12:05:00Z"}},
        "signatures": [],
        "revisions": [{"at": "2026-01-12T09:30:00Z", "by": "Marieke van Dalen",
                       "summary": "Toets aangemaakt"}],
    })


TEXT = b"Toetsapp testdocument voor PAdES"


def plain_pdf() -> bytes:
    """A one-page PDF (uncompressed, so its text can be found in the bytes)."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1, pageCompression=0)
    page.drawString(72, 720, TEXT.decode())
    page.showPage()
    page.save()
    return buffer.getvalue()


_KEYS: dict[tuple[Path, str], SigningKey] = {}
THREE = ("toeslagen", "belastingdienst", "vng")


def key(pki: Pki, ident: str) -> SigningKey:
    """The signing key ``ident`` from its .p12 file (loaded once)."""
    if (pki.folder, ident) not in _KEYS:
        _KEYS[pki.folder, ident] = load_p12(pki.p12[ident], PASSWORD)
    return _KEYS[pki.folder, ident]


def trust(pki: Pki) -> TrustStore:
    return load_trust_store(pki.trust_dir)


def signed_by(pki: Pki, *idents: str, toets: Toets | None = None) -> Toets:
    """``toets`` (default: :func:`sample_toets`) co-signed by each of ``idents``."""
    toets = toets or sample_toets()
    for ident in idents:
        position = {"belastingdienst": "akkoord_met_kanttekeningen",
                    "vng": "niet_akkoord"}.get(ident, "akkoord")
        toets = sign_toets(toets, key(pki, ident), position=position,
                           remarks="" if position == "akkoord" else f"Kanttekening van {ident}.")
    return toets


def test_the_pki_has_what_the_tests_need(pki):
    orgs = {c.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
            for c in pki.certs.values()}
    assert {"Dienst Toeslagen", "Belastingdienst", "Vereniging van Nederlandse Gemeenten"} <= orgs
    assert pki.certs["expired"].not_valid_after_utc < NOW
    assert pki.certs["future"].not_valid_before_utc > NOW
    assert pki.certs["untrusted"].issuer != pki.issuing.subject
    assert all(p.stat().st_size > 0 for p in pki.p12.values())
