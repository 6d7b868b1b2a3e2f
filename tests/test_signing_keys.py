"""Key files (PKCS#12) and the trust store: what loads, and clear messages for what does not."""

from __future__ import annotations

import pytest

from tests.test_signing_pki import PASSWORD, Pki, shared_pki
from toetsapp.errors import FileProblem
from toetsapp.signing import PasswordProblem, load_p12, load_trust_store
from toetsapp.signing.certs import ECDSA_SHA256, RSA_PSS_SHA256
from toetsapp.signing.paths import TRUST_ENV, default_trust_dir


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return shared_pki(tmp_path_factory)


def test_rsa_and_ec_keys_load_with_their_certificate_and_chain(pki):
    rsa = load_p12(pki.p12["toeslagen"], PASSWORD)
    ec = load_p12(pki.p12["belastingdienst"], PASSWORD.encode())
    assert rsa.algorithm == RSA_PSS_SHA256 and ec.algorithm == ECDSA_SHA256
    assert (rsa.organisation, rsa.name) == ("Dienst Toeslagen", "Anna de Vries")
    assert rsa.chain == (pki.issuing,)
    assert rsa.subject.startswith("CN=Anna de Vries,title=Directeur Uitvoering")
    assert len(rsa.fingerprint.split(":")) == 32


def test_key_file_without_password(pki):
    assert load_p12(pki.p12["no_password"]).organisation == "Vereniging van Nederlandse Gemeenten"


def test_wrong_password_is_named(pki):
    with pytest.raises(PasswordProblem) as caught:
        load_p12(pki.p12["vng"], "fout")
    assert "het wachtwoord is onjuist" in str(caught.value)
    assert "vng.p12" in str(caught.value)


def test_missing_password_is_asked_for(pki):
    with pytest.raises(PasswordProblem, match="met een wachtwoord beveiligd"):
        load_p12(pki.p12["vng"])


@pytest.mark.parametrize(("which", "message"), [
    ("pem", "los certificaat (PEM) zonder privésleutel"),
    ("der", "los certificaat zonder privésleutel"),
    ("text", "geen PKCS#12-sleutelbestand"),
    ("pdf", "dit is een PDF"),
])
def test_wrong_file_type(pki, which, message):
    with pytest.raises(FileProblem) as caught:
        load_p12(pki.other[which], PASSWORD)
    assert message in str(caught.value)
    assert not isinstance(caught.value, PasswordProblem)


def test_certificate_without_key(pki):
    with pytest.raises(FileProblem, match="geen privésleutel"):
        load_p12(pki.other["no_key"], PASSWORD)


def test_unsupported_key_type(pki):
    with pytest.raises(FileProblem, match="niet ondersteund"):
        load_p12(pki.other["ed25519"], PASSWORD)


def test_missing_empty_and_folder(tmp_path):
    with pytest.raises(FileProblem, match="bestaat niet"):
        load_p12(tmp_path / "weg.p12", PASSWORD)
    (tmp_path / "leeg.p12").write_bytes(b"")
    with pytest.raises(FileProblem, match="leeg"):
        load_p12(tmp_path / "leeg.p12", PASSWORD)
    with pytest.raises(FileProblem, match="map"):
        load_p12(tmp_path, PASSWORD)


def test_truncated_key_file(pki, tmp_path):
    broken = tmp_path / "kapot.p12"
    broken.write_bytes(pki.p12["vng"].read_bytes()[:-40])
    with pytest.raises(FileProblem, match="geen PKCS#12"):
        load_p12(broken, PASSWORD)


def test_trust_store_reads_pem_der_and_crl_and_reports_strays(pki):
    store = load_trust_store(pki.trust_dir)
    assert store.roots == (pki.root,)
    assert len(store.crls) == 1
    assert any("LEESMIJ.txt" in p for p in store.problems)
    assert load_trust_store(pki.trust_der_dir).roots == (pki.root,)


def test_trust_store_pem_bundle(pki, tmp_path):
    from cryptography.hazmat.primitives.serialization import Encoding

    bundle = b"".join(c.public_bytes(Encoding.PEM) for c in (pki.root, pki.issuing))
    (tmp_path / "bundel.pem").write_bytes(b"Vertrouwd:\n" + bundle)
    assert load_trust_store(tmp_path).roots == (pki.root, pki.issuing)


def test_missing_trust_folder(tmp_path):
    store = load_trust_store(tmp_path / "nergens")
    assert store.roots == () and "bestaat niet" in store.problems[0]
    with pytest.raises(FileProblem, match="bestaat niet"):
        load_trust_store(tmp_path / "nergens", required=True)


def test_default_trust_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(TRUST_ENV, str(tmp_path))
    assert default_trust_dir() == tmp_path
    monkeypatch.delenv(TRUST_ENV)
    monkeypatch.setenv("TOETSAPP_CONFIG_DIR", str(tmp_path / "instellingen"))
    assert default_trust_dir() == tmp_path / "instellingen" / "trust"
    monkeypatch.delenv("TOETSAPP_CONFIG_DIR")
    assert default_trust_dir().parts[-2:] in (("Toetsapp", "trust"), ("toetsapp", "trust"))
