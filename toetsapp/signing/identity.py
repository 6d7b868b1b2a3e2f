"""Who a co-signature is from, and which organisation of the toets it counts for.

Identity comes from the certificate (O, CN, and the OIN in ``serialNumber`` or
``organizationIdentifier``), never from the fields a signer typed. A certificate
counts for an organisation listed in ``metadata.organisations`` when the trust
folder's ``organisaties.json`` maps that organisation (name or abbreviation) to the
certificate's OIN or SHA-256 fingerprint, or — when the file says nothing about the
organisation — when the certificate's O equals its name or abbreviation. Of several
valid signatures with the same certificate subject, or copies of one signature,
only the first counts; the rest are :attr:`SignatureStatus.DUPLICATE`.
"""

from __future__ import annotations

from dataclasses import replace

from cryptography import x509

from toetsapp.i18n import _
from toetsapp.model.toets import CoSignature, Organisation, Toets
from toetsapp.signing import certs
from toetsapp.signing.status import SignatureResult, SignatureStatus
from toetsapp.signing.trust import TrustStore


def _fold(*names: str) -> set[str]:
    return {n.strip().casefold() for n in names if n and n.strip()}


def counts_for(cert: x509.Certificate, organisations: list[Organisation],
               trust: TrustStore) -> Organisation | None:
    """The first listed organisation this certificate may sign for, or None."""
    own = _fold(certs.organisation_name(cert))
    keys = {certs.oin(cert), certs.fingerprint_hex(cert)} - {""}
    for org in organisations:
        allowed = trust.allowed_for(org.name, org.abbreviation)
        if (allowed & keys) if allowed is not None else (own & _fold(org.name,
                                                                    org.abbreviation)):
            return org
    return None


def describe(cert: x509.Certificate) -> str:
    """'Belastingdienst (OIN 00000001003214345000)' or just the organisation."""
    org = certs.organisation_name(cert) or certs.subject_text(cert)
    number = certs.oin(cert)
    return _("{organisation} (OIN {oin})").format(organisation=org, oin=number) if number \
        else org


def _cert(signature: CoSignature) -> x509.Certificate | None:
    try:
        return certs.from_pem(signature.certificate)
    except ValueError:
        return None


def attribute(toets: Toets, results: list[SignatureResult],
              trust: TrustStore) -> list[SignatureResult]:
    """``results`` (one per ``toets.signatures``) with identity from the certificate,
    the organisation each counts for, and identity mismatches and duplicates marked."""
    listed = list(toets.metadata.organisations)
    out: list[SignatureResult] = []
    seen_subjects: set[str] = set()
    seen_signatures: set[str] = set()
    for signature, result in zip(toets.signatures, results, strict=True):
        cert = _cert(signature)
        if cert is None:
            out.append(result)
            continue
        org, name = certs.organisation_name(cert), certs.common_name(cert)
        result = replace(result, organisation=org or signature.organisation,
                         name=name or signature.name, oin=certs.oin(cert))
        target = counts_for(cert, listed, trust) if listed else None
        if target is not None:
            result = replace(result, counts_for=target.name)
        if not result.valid:
            out.append(result)
            continue
        stated = _fold(signature.organisation)
        if listed and target is None:
            result = replace(result, status=SignatureStatus.WRONG_ORGANISATION, detail=_(
                "het certificaat is van {who}, geen van de organisaties van deze toets "
                "({listed})").format(who=describe(cert),
                                     listed=", ".join(o.name for o in listed)))
        elif not stated & _fold(org, *(() if target is None else
                                        (target.name, target.abbreviation))):
            result = replace(result, status=SignatureStatus.WRONG_ORGANISATION, detail=_(
                "de handtekening noemt '{stated}' als organisatie, maar het certificaat is "
                "van {who}").format(stated=signature.organisation, who=describe(cert)))
        elif name and _fold(signature.name) != _fold(name):
            result = replace(result, status=SignatureStatus.WRONG_SIGNER, detail=_(
                "de handtekening noemt '{stated}' als ondertekenaar, maar het certificaat "
                "is van {name}").format(stated=signature.name, name=name))
        elif (cert.subject.rfc4514_string() in seen_subjects
              or signature.signature in seen_signatures):
            result = replace(result, status=SignatureStatus.DUPLICATE, detail=_(
                "{who} heeft deze toets al eerder in dit bestand ondertekend met hetzelfde "
                "certificaat; deze handtekening telt niet nog eens").format(who=name or org))
        if result.valid:
            seen_subjects.add(cert.subject.rfc4514_string())
            seen_signatures.add(signature.signature)
        out.append(result)
    return out


def signed_organisations(toets: Toets, results: list[SignatureResult]) -> list[str]:
    """The distinct organisations with a valid co-signature (listed ones by their name
    in the toets; without a list, by the certificate's organisation)."""
    names = [r.counts_for or r.organisation for r in results if r.valid]
    return list(dict.fromkeys(names))


def tally(toets: Toets, results: list[SignatureResult]) -> tuple[int, int]:
    """(n, m): organisations with a valid co-signature, of those that should sign (the
    listed organisations; without a list, the distinct signing organisations)."""
    signed = signed_organisations(toets, results)
    if toets.metadata.organisations:
        listed = {o.name for o in toets.metadata.organisations}
        return len(listed & set(signed)), len(listed)
    everyone = {r.organisation for r in results}
    return len(signed), max(len(everyone), len(signed))
