"""Signing with a smartcard or token through PKCS#11, against a SoftHSM2 token the test
sets up itself: co-signatures and PAdES signatures, from the command line."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES
from tests.softhsm import SoftToken, shared_token
from tests.test_signing_pki import shared_pki
from toetsapp.cli import main
from toetsapp.files.store import load_toets
from toetsapp.signing import SignatureStatus, load_trust_store, verify_file, verify_toets
from toetsapp.signing.keys import verify_message
from toetsapp.signing.token import PinProblem, list_tokens, open_token_key

UT = next(p for p in EXAMPLES if p.stem == "uitvoerbaarheidstoets")


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return shared_pki(tmp_path_factory)


@pytest.fixture(scope="module")
def token(pki, tmp_path_factory) -> SoftToken:
    return shared_token(pki, tmp_path_factory)


@pytest.fixture(autouse=True)
def environment(pki, token, monkeypatch):
    monkeypatch.setenv("TOETSAPP_TRUST_DIR", str(pki.trust_dir))
    monkeypatch.setenv("SOFTHSM2_CONF", str(token.conf))
    monkeypatch.setenv("TOETSAPP_PKCS11_PIN", token.pin)


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_token_lists_its_certificates(token):
    tokens = list_tokens(token.module)
    assert [t.label for t in tokens] == [token.token]
    assert {"dt", "bd"} <= set(tokens[0].keys)


@pytest.mark.parametrize("label", ["dt", "bd"])
def test_token_keys_sign_like_key_files(pki, token, label):
    found = open_token_key(token.module, token.token, label, token.pin)
    try:
        message = b"toetsapp co-signature message"
        signature = found.sign(message)
        assert verify_message(found.certificate, found.algorithm, signature, message)
        assert found.organisation == {"dt": "Dienst Toeslagen", "bd": "Belastingdienst"}[label]
        assert pki.issuing in found.chain
    finally:
        found.close()


def test_a_wrong_pin_and_a_missing_token_are_clear(token):
    with pytest.raises(PinProblem, match="pincode is onjuist"):
        open_token_key(token.module, token.token, "dt", "000000")
    with pytest.raises(Exception, match="geen token met het label 'kaart-weg'"):
        open_token_key(token.module, "kaart-weg", "dt", token.pin)


def test_sign_and_render_through_pkcs11_then_verify(capsys, pki, token, tmp_path):
    source = tmp_path / "ut.toets"
    source.write_bytes(UT.read_bytes())
    for label, position in (("dt", "akkoord"), ("bd", "akkoord_met_kanttekeningen")):
        code, out, err = run(capsys, "sign", source, "--pkcs11", token.module, "--token",
                             token.token, "--key", label, "--position", position,
                             "--remarks", "Met de kaart ondertekend.")
        assert code == 0, err
        assert "Ondertekend door" in out and "Waarschuwing" not in err
    toets = load_toets(source)
    results = verify_toets(toets, load_trust_store(pki.trust_dir))
    assert [(r.status, r.counts_for) for r in results] == [
        (SignatureStatus.VALID, "Dienst Toeslagen"), (SignatureStatus.VALID, "Belastingdienst")]
    pdf = tmp_path / "ut.pdf"
    code, _out, err = run(capsys, "render", source, "-o", pdf, "--pkcs11", token.module,
                          "--token", token.token, "--key", "dt")
    assert code == 0, err
    report = verify_file(pdf, load_trust_store(pki.trust_dir))
    assert [(r.kind, r.status) for r in report.pdf] == [("pdf", SignatureStatus.VALID)]
    assert report.pdf[0].organisation == "Dienst Toeslagen" and report.ok
    code, out, _err = run(capsys, "verify", pdf)
    assert code == 0 and "Jan Pieters" in out


def test_pkcs11_needs_token_and_key_labels(capsys, token, tmp_path):
    source = tmp_path / "ut.toets"
    source.write_bytes(UT.read_bytes())
    code, _out, err = run(capsys, "sign", source, "--pkcs11", token.module, "--position",
                          "akkoord")
    assert code == 2 and "--token" in err
