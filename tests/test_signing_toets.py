"""Co-signing a toets: every verification status, the signing rules, and signed_state."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tests.test_signing_pki import (
    NOW,
    THREE,
    Pki,
    key,
    sample_toets,
    shared_pki,
    signed_by,
    trust,
)
from toetsapp.errors import ToetsappError
from toetsapp.files.store import load_toets, save_toets, toets_from_data
from toetsapp.model.toets import Organisation, Revision
from toetsapp.signing import (
    SignatureStatus,
    TrustStore,
    content_digest,
    make_signature,
    missing_signers,
    sign_toets,
    signed_content,
    signed_state,
    verify_toets,
)

S = SignatureStatus


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return shared_pki(tmp_path_factory)


def statuses(toets, store, **kw) -> list[SignatureStatus]:
    return [r.status for r in verify_toets(toets, store, **kw)]


def with_signature(pki, ident: str, *, at: datetime, toets=None):
    """A toets with one signature made at ``at`` (bypassing sign_toets's own checks)."""
    toets = toets or sample_toets()
    toets.signatures = [make_signature(toets, key(pki, ident), position="akkoord", at=at)]
    return toets


def test_three_organisations_sign_and_all_verify(pki):
    toets = signed_by(pki, *THREE)
    results = verify_toets(toets, trust(pki))
    assert [r.status for r in results] == [S.VALID] * 3
    assert [r.organisation for r in results] == [
        "Dienst Toeslagen", "Belastingdienst", "Vereniging van Nederlandse Gemeenten"]
    assert [r.position for r in results] == ["akkoord", "akkoord_met_kanttekeningen",
                                             "niet_akkoord"]
    assert all(r.subject and len(r.fingerprint) == 95 for r in results)
    assert toets.signatures[0].algorithm == "rsa-pss-sha256"
    assert toets.signatures[1].algorithm == "ecdsa-sha256"
    assert missing_signers(toets, results) == []


def test_signing_returns_a_copy(pki):
    original = sample_toets()
    signed = sign_toets(original, key(pki, "vng"), position="akkoord")
    assert original.signatures == [] and len(signed.signatures) == 1


def test_organisation_and_name_come_from_the_certificate_role_can_be_given(pki):
    toets = sign_toets(sample_toets(), key(pki, "toeslagen"), position="akkoord")
    sig = toets.signatures[0]
    assert (sig.organisation, sig.name, sig.role) == (
        "Dienst Toeslagen", "Anna de Vries", "Directeur Uitvoering")
    toets = sign_toets(toets, key(pki, "vng"), position="akkoord", role="Directeur")
    sig = toets.signatures[1]
    assert (sig.organisation, sig.name, sig.role) == (
        "Vereniging van Nederlandse Gemeenten", "Chantal Bakker", "Directeur")
    assert statuses(toets, trust(pki)) == [S.VALID, S.VALID]
    with pytest.raises(TypeError):
        sign_toets(toets, key(pki, "vng"), position="akkoord",  # type: ignore[call-arg]
                   organisation="VNG")


def test_edit_voids_every_signature(pki):
    toets = signed_by(pki, *THREE)
    toets.answers["gevolgen"].value = "ingrijpend"
    results = verify_toets(toets, trust(pki))
    assert [r.status for r in results] == [S.CONTENT_CHANGED] * 3
    assert "eerdere versie" in results[0].detail
    assert S.CONTENT_CHANGED.label == "inhoud gewijzigd na ondertekening"


def test_signature_copied_from_another_toets_fails(pki):
    source = signed_by(pki, "belastingdienst")
    other = sample_toets()
    other.id = uuid.uuid4()  # identical content, another toets
    other.signatures = list(source.signatures)
    assert statuses(other, trust(pki)) == [S.CONTENT_CHANGED]


def test_untrusted_issuer(pki):
    toets = signed_by(pki, "untrusted")
    result = verify_toets(toets, trust(pki))[0]
    assert result.status is S.UNTRUSTED and "Onbekende CA" in result.detail
    assert S.UNTRUSTED.label == "uitgever niet vertrouwd"


def test_nothing_is_trusted_without_a_trust_store(pki):
    assert statuses(signed_by(pki, *THREE), TrustStore()) == [S.UNTRUSTED] * 3


def test_der_trust_store_works_too(pki):
    from toetsapp.signing import load_trust_store

    assert statuses(signed_by(pki, "vng"), load_trust_store(pki.trust_der_dir)) == [S.VALID]


def test_expired_now_but_valid_when_signed(pki):
    toets = with_signature(pki, "expired", at=NOW - timedelta(days=30))
    result = verify_toets(toets, trust(pki))[0]
    assert result.status is S.EXPIRED
    assert "bij ondertekening was het nog geldig" in result.detail


def test_expired_at_signing_time(pki):
    toets = with_signature(pki, "expired", at=NOW - timedelta(hours=1))
    result = verify_toets(toets, trust(pki))[0]
    assert result.status is S.EXPIRED and "verlopen" in result.detail
    assert "bij ondertekening" not in result.detail


def test_valid_today_expired_later(pki):
    toets = signed_by(pki, "vng")
    later = NOW + timedelta(days=400)
    assert statuses(toets, trust(pki), now=later) == [S.EXPIRED]


def test_not_yet_valid(pki):
    toets = with_signature(pki, "future", at=NOW)
    result = verify_toets(toets, trust(pki))[0]
    assert result.status is S.NOT_YET_VALID and "nog niet geldig" in result.detail


def test_revoked_by_a_crl_in_the_trust_store(pki):
    toets = sample_toets()
    toets.metadata.organisations.append(Organisation(name="CJIB"))
    toets = signed_by(pki, "revoked", toets=toets)
    assert statuses(toets, trust(pki)) == [S.REVOKED]
    assert statuses(toets, TrustStore(roots=(pki.root,))) == [S.VALID]  # without the CRL


def test_signed_before_revocation_is_still_revoked_now(pki):
    toets = with_signature(pki, "revoked", at=NOW - timedelta(days=3))  # revoked NOW - 1 day
    assert statuses(toets, trust(pki)) == [S.REVOKED]


def test_certificate_not_meant_for_signing(pki):
    result = verify_toets(signed_by(pki, "encrypt_only"), trust(pki))[0]
    assert result.status is S.KEY_USAGE and "sleutelgebruik" in result.detail
    assert S.KEY_USAGE.label == "certificaat niet bedoeld voor ondertekenen"


def test_changed_signer_fields_are_invalid(pki):
    for field, value in [("remarks", "Toch akkoord."), ("position", "akkoord"),
                         ("organisation", "Andere dienst"), ("name", "Iemand anders"),
                         ("role", "Stagiair"), ("signed_at", NOW - timedelta(days=1)),
                         ("content_digest", "sha256:" + "0" * 64)]:
        toets = signed_by(pki, "vng")
        setattr(toets.signatures[0], field, value)
        assert statuses(toets, trust(pki)) == [S.INVALID], field


@pytest.mark.parametrize("change", ["signature", "certificate", "algorithm", "future"])
def test_malformed_signatures(pki, change):
    toets = signed_by(pki, "belastingdienst")
    sig = toets.signatures[0]
    if change == "signature":
        sig.signature = "niet-base64!"
    elif change == "certificate":
        sig.certificate = sig.certificate.replace("MII", "XYZ", 1)
    elif change == "algorithm":
        sig.algorithm = "md5-rsa"
    else:
        toets.signatures = [make_signature(toets, key(pki, "vng"), position="akkoord",
                                           at=NOW + timedelta(days=1))]
    result = verify_toets(toets, trust(pki))[0]
    assert result.status is S.MALFORMED, result.detail


def test_other_key_type_for_the_algorithm_is_invalid(pki):
    toets = signed_by(pki, "toeslagen")
    toets.signatures[0].algorithm = "ecdsa-sha256"
    assert statuses(toets, trust(pki)) == [S.INVALID]


def test_signature_by_another_certificate_is_invalid(pki):
    toets = signed_by(pki, "vng", "belastingdienst")
    toets.signatures[0].certificate = toets.signatures[1].certificate
    assert statuses(toets, trust(pki)) == [S.INVALID, S.VALID]


def test_sign_refuses_unusable_certificates_and_positions(pki):
    with pytest.raises(ToetsappError, match="verlopen"):
        sign_toets(sample_toets(), key(pki, "expired"), position="akkoord")
    with pytest.raises(ToetsappError, match="pas geldig vanaf"):
        sign_toets(sample_toets(), key(pki, "future"), position="akkoord")
    with pytest.raises(ToetsappError, match="kanttekeningen"):
        sign_toets(sample_toets(), key(pki, "vng"), position="niet_akkoord", remarks="  ")
    with pytest.raises(ToetsappError, match="onbekend standpunt"):
        sign_toets(sample_toets(), key(pki, "vng"), position="misschien")


def test_signing_again_replaces_the_signers_earlier_signature(pki):
    toets = signed_by(pki, *THREE)
    toets.answers["kosten"].value = 2_000_000
    toets = sign_toets(toets, key(pki, "vng"), position="akkoord")
    assert [s.organisation for s in toets.signatures][-1].startswith("Vereniging")
    assert len(toets.signatures) == 3
    assert statuses(toets, trust(pki)) == [S.CONTENT_CHANGED, S.CONTENT_CHANGED, S.VALID]


def test_signed_state_warns_before_the_first_edit(pki):
    assert signed_state(sample_toets()).edit_warning() is None
    toets = signed_by(pki, "toeslagen", "belastingdienst")
    state = signed_state(toets)
    assert state.signed and state.organisations == ["Dienst Toeslagen", "Belastingdienst"]
    warning = state.edit_warning()
    assert "Dienst Toeslagen en Belastingdienst" in warning and "vervallen" in warning
    toets.metadata.title += " (gewijzigd)"
    after = signed_state(toets)
    assert not after.signed and after.edit_warning() is None and len(after.outdated) == 2


def test_saving_with_a_revision_keeps_signatures_valid(pki, tmp_path):
    path = tmp_path / "getekend.toets"
    save_toets(signed_by(pki, *THREE), path, summary="Medeondertekend", by="test")
    loaded = load_toets(path)
    assert loaded.revisions[-1].summary == "Medeondertekend"
    loaded.revisions = [*loaded.revisions, Revision(summary="Nog een notitie")]
    loaded.metadata.modified = datetime(2030, 1, 1, tzinfo=UTC)
    assert statuses(loaded, trust(pki)) == [S.VALID] * 3


def test_status_and_created_are_content(pki):
    for change in ("status", "created"):
        toets = signed_by(pki, "vng")
        if change == "status":
            toets.metadata.status = "vastgesteld"
        else:
            toets.metadata.created -= timedelta(seconds=1)
        assert statuses(toets, trust(pki)) == [S.CONTENT_CHANGED], change


def test_content_leaves_out_only_signatures_revisions_and_modified():
    content = signed_content(sample_toets())
    assert "signatures" not in content and "revisions" not in content
    assert "modified" not in content["metadata"] and "created" in content["metadata"]
    assert content["metadata"]["created"] == "2026-01-12T09:30:00Z"
    assert content["id"] == "0f8fad5b-d9cb-469f-a165-70867728950e"
    assert {"format", "format_version", "language", "form", "rubric", "answers",
            "overrides"} <= set(content)


def test_equal_instants_in_other_time_zones_give_the_same_digest():
    data = sample_toets().model_dump(mode="json")
    shifted = json.loads(json.dumps(data).replace('"2026-01-12T09:30:00Z"',
                                                  '"2026-01-12T10:30:00+01:00"'))
    assert content_digest(toets_from_data(shifted, "x")) == content_digest(sample_toets())


def test_missing_signers_shows_a_removed_signature(pki):
    toets = signed_by(pki, *THREE)
    del toets.signatures[1]
    results = verify_toets(toets, trust(pki))
    assert [r.status for r in results] == [S.VALID, S.VALID]
    assert missing_signers(toets, results) == ["Belastingdienst"]


def test_signature_bytes_flipped(pki):
    toets = signed_by(pki, "toeslagen")
    raw = bytearray(base64.b64decode(toets.signatures[0].signature))
    raw[10] ^= 0x01
    toets.signatures[0].signature = base64.b64encode(bytes(raw)).decode()
    assert statuses(toets, trust(pki)) == [S.INVALID]


def test_labels_are_dutch_and_translatable():
    assert [s.label for s in S][:3] == ["geldig", "inhoud gewijzigd na ondertekening",
                                        "handtekening klopt niet"]
    assert all(s.label for s in S)
