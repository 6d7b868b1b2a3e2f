"""Identity comes from the certificate: typed organisations, copied signatures, OIN
mappings, weak keys and key usage (issue 17, the co-signature attacks)."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.test_signing_pki import (
    OIN_DT,
    OIN_FIN,
    THREE,
    key,
    sample_toets,
    shared_pki,
    signed_by,
    trust,
)
from toetsapp.errors import ToetsappError
from toetsapp.model.toets import Organisation
from toetsapp.signing import SignatureStatus as S
from toetsapp.signing import certs, load_trust_store, make_signature, missing_signers, sign_toets
from toetsapp.signing import verify_toets as verify
from toetsapp.signing.identity import tally


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return shared_pki(tmp_path_factory)


def mapped_trust(pki, tmp_path, mapping: dict) -> object:
    folder = tmp_path / "trust"
    shutil.copytree(pki.trust_dir, folder)
    (folder / "organisaties.json").write_text(json.dumps(mapping), "utf-8")
    return load_trust_store(folder)


def test_the_pkioverheid_like_certificates_carry_their_oin(pki):
    assert certs.oin(pki.certs["pkio_fin"]) == OIN_FIN
    assert certs.oin(pki.certs["pkio_dt"]) == OIN_DT
    assert certs.oin(pki.certs["belastingdienst"]) == ""
    assert "organizationIdentifier=NTRNL-" + OIN_FIN in certs.subject_text(pki.certs["pkio_fin"])


def test_a_typed_organisation_is_not_that_organisations_signature(pki):
    """`sign --p12 belastingdienst.p12 --organisation "Dienst Toeslagen" --name "Directeur
    Toeslagen"` as the old command line made it: it must not count for Dienst Toeslagen."""
    toets = sample_toets()
    toets.signatures = [make_signature(toets, key(pki, "belastingdienst"), position="akkoord",
                                       organisation="Dienst Toeslagen",
                                       name="Directeur Toeslagen")]
    result = verify(toets, trust(pki))[0]
    assert result.status is S.WRONG_ORGANISATION
    assert S.WRONG_ORGANISATION.label == "ondertekend door een andere organisatie dan vermeld"
    assert (result.organisation, result.name) == ("Belastingdienst", "Bram Jansen")
    assert "Belastingdienst" in result.detail and "Dienst Toeslagen" in result.detail
    assert missing_signers(toets, [result]) == [o.name for o in toets.metadata.organisations]


def test_a_typed_name_is_its_own_status(pki):
    toets = sample_toets()
    toets.signatures = [make_signature(toets, key(pki, "belastingdienst"), position="akkoord",
                                       name="Directeur Toeslagen")]
    result = verify(toets, trust(pki))[0]
    assert result.status is S.WRONG_SIGNER and "Bram Jansen" in result.detail


def test_a_certificate_of_an_organisation_not_in_the_toets_counts_for_nobody(pki):
    toets = signed_by(pki, "pkio_fin")
    result = verify(toets, trust(pki))[0]
    assert result.status is S.WRONG_ORGANISATION and OIN_FIN in result.detail
    assert len(missing_signers(toets, [result])) == 3


def test_signing_never_replaces_another_signers_signature(pki):
    forged = sample_toets()
    forged.signatures = [make_signature(forged, key(pki, "belastingdienst"),
                                        position="niet_akkoord", remarks="Nee.",
                                        organisation="Dienst Toeslagen")]
    toets = sign_toets(forged, key(pki, "toeslagen"), position="akkoord")
    assert len(toets.signatures) == 2
    toets = sign_toets(toets, key(pki, "belastingdienst"), position="akkoord")
    assert [s.organisation for s in toets.signatures] == ["Dienst Toeslagen", "Belastingdienst"]
    assert [r.status for r in verify(toets, trust(pki))] == [S.VALID, S.VALID]


def test_copies_of_one_signature_count_once(pki):
    toets = signed_by(pki, "belastingdienst")
    toets.signatures = [toets.signatures[0]] * 3
    results = verify(toets, trust(pki))
    assert [r.status for r in results] == [S.VALID, S.DUPLICATE, S.DUPLICATE]
    assert tally(toets, results) == (1, 3)
    full = signed_by(pki, *THREE)
    assert tally(full, verify(full, trust(pki))) == (3, 3)


def test_oin_mapping_in_the_trust_folder(pki, tmp_path):
    """Ministerie van Financiën's certificate may sign for Dienst Toeslagen (DT) when the
    trust folder maps DT to its OIN; the mapping is then the only way to sign for DT."""
    toets = signed_by(pki, "pkio_fin", "pkio_dt", "toeslagen")
    mapped = mapped_trust(pki, tmp_path, {"DT": [OIN_FIN]})
    results = verify(toets, mapped)
    assert [r.status for r in results] == [S.VALID, S.WRONG_ORGANISATION,
                                            S.WRONG_ORGANISATION]
    assert results[0].counts_for == "Dienst Toeslagen" and results[0].oin == OIN_FIN
    assert [r.status for r in verify(toets, trust(pki))] == [
        S.WRONG_ORGANISATION, S.VALID, S.VALID]


def test_fingerprint_mapping(pki, tmp_path):
    toets = signed_by(pki, "vng")
    fingerprint = certs.fingerprint(pki.certs["vng"])
    mapped = mapped_trust(pki, tmp_path, {"Belastingdienst": [fingerprint]})
    result = verify(toets, mapped)[0]
    assert result.status is S.VALID and result.counts_for == "Belastingdienst"
    assert missing_signers(toets, [result]) == ["Dienst Toeslagen",
                                                "Vereniging van Nederlandse Gemeenten"]


def test_a_bad_mapping_file_is_skipped_with_a_note(pki, tmp_path):
    mapped = mapped_trust(pki, tmp_path, {"DT": ["geen oin"]})
    assert mapped.organisations == ()
    assert any("organisaties.json" in p for p in mapped.problems)


def test_non_repudiation_only_certificates_sign(pki):
    toets = signed_by(pki, "pkio_dt")
    assert [r.status for r in verify(toets, trust(pki))] == [S.VALID]


def test_weak_keys_are_refused_and_reported(pki):
    with pytest.raises(ToetsappError, match="1024 bits"):
        sign_toets(sample_toets(), key(pki, "weak"), position="akkoord")
    toets = sample_toets()
    toets.signatures = [make_signature(toets, key(pki, "weak"), position="akkoord")]
    result = verify(toets, trust(pki))[0]
    assert result.status is S.WEAK_KEY and "2048" in result.detail


def test_without_listed_organisations_the_certificate_decides(pki):
    toets = sample_toets()
    toets.metadata.organisations = []
    toets.signatures = [make_signature(toets, key(pki, "vng"), position="akkoord",
                                       organisation="VNG")]
    assert verify(toets, trust(pki))[0].status is S.WRONG_ORGANISATION
    toets = signed_by(pki, "vng", toets=toets)  # replaces the earlier one: same subject
    assert [r.status for r in verify(toets, trust(pki))] == [S.VALID]
    toets.metadata.organisations.append(Organisation(name="VNG", abbreviation="VNG"))
    assert [r.status for r in verify(toets, trust(pki))] == [S.CONTENT_CHANGED]
