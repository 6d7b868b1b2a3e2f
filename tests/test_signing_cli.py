"""``toetsapp sign``, ``toetsapp verify`` and ``toetsapp render --sign`` end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.test_signing_pki import PASSWORD, Pki, plain_pdf, sample_toets, shared_pki
from toetsapp.cli import main
from toetsapp.files.store import load_toets, save_toets
from toetsapp.signing import SignatureStatus, load_trust_store, verify_file

UT = next((p for p in EXAMPLES if p.stem == "uitvoerbaarheidstoets"), None)
"""The example toets of Dienst Toeslagen, Belastingdienst and VNG (the test PKI's three)."""


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return shared_pki(tmp_path_factory)


@pytest.fixture(autouse=True)
def trusted(pki, monkeypatch):
    """The test CA is the user's trust store; no password in the environment."""
    monkeypatch.setenv("TOETSAPP_TRUST_DIR", str(pki.trust_dir))
    monkeypatch.delenv("TOETSAPP_P12_PASSWORD", raising=False)


SIGN = ("sign", "--allow-problems")  # the sample toets is not complete


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def toets_file(tmp_path) -> Path:
    path = tmp_path / "ketentoets.toets"
    save_toets(sample_toets(), path)
    return path


def sign_three(capsys, pki, path: Path) -> None:
    for ident, position, remarks in [
            ("toeslagen", "akkoord", ""),
            ("belastingdienst", "akkoord_met_kanttekeningen", "Invoering pas per 2028."),
            ("vng", "niet_akkoord", "Gemeenten krijgen te weinig middelen.")]:
        code, out, err = run(capsys, *SIGN, path, "--p12", pki.p12[ident], "--position",
                             position, "--remarks", remarks, "--password", PASSWORD)
        assert code == 0, err
        assert "Ondertekend door" in out


def test_sign_three_then_verify(capsys, pki, toets_file):
    sign_three(capsys, pki, toets_file)
    toets = load_toets(toets_file)
    assert [s.position for s in toets.signatures] == [
        "akkoord", "akkoord_met_kanttekeningen", "niet_akkoord"]
    assert toets.revisions[-1].summary.startswith("Medeondertekend door Vereniging")
    code, out, _ = run(capsys, "verify", toets_file)
    assert code == 0, out
    assert out.count("geldig") >= 3 and "alle handtekeningen zijn geldig" in out


def test_sign_takes_the_password_from_the_environment(capsys, pki, toets_file, monkeypatch):
    monkeypatch.setenv("TOETSAPP_P12_PASSWORD", PASSWORD)
    code, _out, err = run(capsys, *SIGN, toets_file, "--p12", pki.p12["vng"], "--position",
                          "akkoord", "--role", "Directeur")
    assert code == 0, err
    sig = load_toets(toets_file).signatures[0]
    assert (sig.organisation, sig.name, sig.role) == (
        "Vereniging van Nederlandse Gemeenten", "Chantal Bakker", "Directeur")


def test_sign_refuses_a_typed_organisation_or_name(capsys, pki, toets_file):
    """The attack of issue 17: signing with the Belastingdienst key "for" Dienst Toeslagen."""
    before = toets_file.read_bytes()
    for option, value in (("--organisation", "Dienst Toeslagen"),
                          ("--name", "Directeur Toeslagen")):
        code, _out, err = run(capsys, "sign", toets_file, "--p12", pki.p12["belastingdienst"],
                              "--position", "akkoord", "--password", PASSWORD, option, value)
        assert code == 2 and "uit het certificaat" in err
    assert toets_file.read_bytes() == before


def test_sign_without_password_and_terminal_fails_fast(pki, toets_file):
    env = {k: v for k, v in os.environ.items() if k != "TOETSAPP_P12_PASSWORD"}
    done = subprocess.run(
        [sys.executable, "-m", "toetsapp", "sign", str(toets_file), "--allow-problems", "--p12",
         str(pki.p12["vng"]), "--position", "akkoord"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120, env=env,
        check=False)
    assert done.returncode == 3
    assert "--password" in done.stderr and "TOETSAPP_P12_PASSWORD" in done.stderr
    assert "Traceback" not in done.stderr
    assert load_toets(toets_file).signatures == []


@pytest.mark.parametrize(("which", "message"), [
    ("wrong_password", "het wachtwoord is onjuist"),
    ("pem", "zonder privésleutel"),
    ("no_key", "geen privésleutel"),
])
def test_sign_key_problems_are_clear(capsys, pki, toets_file, which, message):
    keyfile = {"wrong_password": pki.p12["vng"], "pem": pki.other["pem"],
               "no_key": pki.other["no_key"]}[which]
    password = "fout" if which == "wrong_password" else PASSWORD
    before = toets_file.read_bytes()
    code, _, err = run(capsys, *SIGN, toets_file, "--p12", keyfile, "--position", "akkoord",
                       "--password", password)
    assert code == 3 and message in err and keyfile.name in err
    assert toets_file.read_bytes() == before


def test_remarks_are_required_before_any_password_is_asked(capsys, pki, toets_file):
    code, _, err = run(capsys, *SIGN, toets_file, "--p12", pki.p12["vng"], "--position",
                       "niet_akkoord")
    assert code == 2 and "kanttekeningen" in err


def test_remarks_from_a_file(capsys, pki, toets_file, tmp_path):
    notes = tmp_path / "kanttekeningen.txt"
    notes.write_text("Eerste punt.\nTweede punt.\n", "utf-8")
    code, _, err = run(capsys, *SIGN, toets_file, "--p12", pki.p12["belastingdienst"],
                       "--position", "akkoord_met_kanttekeningen", "--remarks-file", notes,
                       "--password", PASSWORD)
    assert code == 0, err
    assert load_toets(toets_file).signatures[0].remarks == "Eerste punt.\nTweede punt."


def test_sign_warns_about_an_untrusted_certificate_and_outdated_signatures(
        capsys, pki, toets_file):
    run(capsys, *SIGN, toets_file, "--p12", pki.p12["toeslagen"], "--position", "akkoord",
        "--password", PASSWORD)
    toets = load_toets(toets_file)
    toets.metadata.title = "Gewijzigde titel"
    save_toets(toets, toets_file, summary="Titel aangepast")
    code, out, err = run(capsys, *SIGN, toets_file, "--p12", pki.p12["untrusted"],
                         "--position", "akkoord", "--password", PASSWORD)
    assert code == 0, err
    assert "Dienst Toeslagen hoort bij een eerdere versie" in out
    assert "uitgever niet vertrouwd" in err
    assert "dit certificaat wordt bij controle niet geaccepteerd" in err  # before signing
    assert "Nep Dienst" in err and "geen van de organisaties van deze toets" in err


def test_render_sign_warns_about_an_untrusted_certificate(capsys, pki, toets_file, tmp_path):
    code, _out, err = run(capsys, "render", toets_file, "--concept", "-o", tmp_path / "t.pdf",
                          "--sign",
                          pki.p12["untrusted"], "--password", PASSWORD)
    assert code == 0 and "niet geaccepteerd (uitgever niet vertrouwd)" in err
    code, _out, err = run(capsys, "render", toets_file, "--concept", "-o", tmp_path / "t.pdf",
                          "--sign",
                          pki.p12["weak"], "--password", PASSWORD)
    assert code == 3 and "te zwak" in err


def test_verify_exit_codes(capsys, pki, toets_file, tmp_path):
    code, out, _ = run(capsys, "verify", toets_file)
    assert code == 1 and "niet ondertekend" in out
    sign_three(capsys, pki, toets_file)
    toets = load_toets(toets_file)
    toets.answers["kosten"].value = 999
    save_toets(toets, toets_file, summary="Kosten aangepast")
    code, out, _ = run(capsys, "verify", toets_file)
    assert code == 1 and out.count("inhoud gewijzigd na ondertekening") >= 3
    assert "NIET IN ORDE" in out
    code, _, err = run(capsys, "verify", toets_file, tmp_path / "bestaat-niet.toets")
    assert code == 3 and "bestaat-niet.toets" in err
    code, _, err = run(capsys, "verify", toets_file, "--trust", tmp_path / "geen-map")
    assert code == 3 and "bestaat niet" in err


def test_verify_untrusted_with_another_trust_folder(capsys, pki, toets_file, tmp_path):
    sign_three(capsys, pki, toets_file)
    empty = tmp_path / "leeg"
    empty.mkdir()
    code, out, _ = run(capsys, "verify", toets_file, "--trust", empty)
    assert code == 1 and out.count("uitgever niet vertrouwd") == 6  # table and explanation


def test_verify_json_and_missing_signers(capsys, pki, toets_file):
    run(capsys, *SIGN, toets_file, "--p12", pki.p12["toeslagen"], "--position", "akkoord",
        "--password", PASSWORD)
    code, out, _ = run(capsys, "verify", "--json", toets_file)
    data = json.loads(out)
    assert code == 0
    report = data["files"][0]
    assert report["ok"] and report["kind"] == "toets"
    assert report["signatures"][0]["status"] == "valid"
    assert report["signatures"][0]["position"] == "akkoord"
    assert report["missing"] == ["Belastingdienst", "Vereniging van Nederlandse Gemeenten"]


@pytest.mark.skipif(not EXAMPLES, reason="no examples yet")
def test_render_signed_pdf_then_verify(capsys, pki, tmp_path):
    source = tmp_path / UT.name
    source.write_bytes(UT.read_bytes())
    sign_three(capsys, pki, source)
    pdf = tmp_path / "getekend.pdf"
    args = ["render", source, "-o", pdf]
    for ident in ("toeslagen", "belastingdienst", "vng"):
        args += ["--sign", pki.p12[ident], "--password", PASSWORD]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    report = verify_file(pdf, load_trust_store(pki.trust_dir))
    kinds = [(r.kind, r.status) for r in report.results]
    assert kinds == [("pdf", SignatureStatus.VALID)] * 3 + [("toets", SignatureStatus.VALID)] * 3
    code, out, _ = run(capsys, "verify", pdf)
    assert code == 0 and "Handtekening3" in out and "Gegevens: medeondertekeningen" in out
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages[-4:])
    for needle in ("Ondertekening", "Dienst Toeslagen", "Belastingdienst", "Niet akkoord",
                   "SHA-256", "Certificaat", "Gemeenten krijgen te weinig middelen"):
        assert needle in text, needle
    back = tmp_path / "terug.toets"
    code, _, _ = run(capsys, "extract", pdf, "-o", back)
    assert code == 0 and back.read_bytes() == source.read_bytes()


@pytest.mark.skipif(not EXAMPLES, reason="no examples yet")
def test_render_sign_with_a_wrong_password_writes_nothing(capsys, pki, tmp_path):
    pdf = tmp_path / "niet.pdf"
    code, _, err = run(capsys, "render", EXAMPLES[0], "-o", pdf, "--sign", pki.p12["vng"],
                       "--password", "fout")
    assert code == 3 and "wachtwoord" in err and not pdf.exists()


@pytest.mark.skipif(not EXAMPLES, reason="no examples yet")
def test_render_with_trust_only_checks_the_co_signatures(capsys, pki, tmp_path):
    source = tmp_path / UT.name
    source.write_bytes(UT.read_bytes())
    sign_three(capsys, pki, source)
    pdf = tmp_path / "gecontroleerd.pdf"
    code, _, err = run(capsys, "render", source, "-o", pdf, "--trust", pki.trust_dir)
    assert code == 0, err
    report = verify_file(pdf, load_trust_store(pki.trust_dir))
    assert [r.kind for r in report.results] == ["toets"] * 3 and report.ok
    code, _, err = run(capsys, "render", source, "-o", pdf, "--password", PASSWORD)
    assert code == 3 and "--sign" in err


def test_verify_a_signed_pdf_that_is_not_a_toetsapp_pdf(capsys, pki, tmp_path):
    from toetsapp.signing import pades_sign

    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(pades_sign(plain_pdf(), pki.p12["belastingdienst"], PASSWORD))
    code, out, _ = run(capsys, "verify", pdf)
    assert code == 0 and "geen Toetsapp-toets" in out and "Belastingdienst" in out
    pdf.write_bytes(plain_pdf())
    code, out, _ = run(capsys, "verify", pdf)
    assert code == 1 and "geen PDF-handtekening" in out


def _read_until(fd: int, needle: bytes, seconds: float = 60) -> bytes:
    import select
    import time

    seen, end = b"", time.monotonic() + seconds
    while needle not in seen and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 1024)
            except OSError:  # the terminal closed: the process ended
                break
            if not chunk:
                break
            seen += chunk
    return seen


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_password_prompt_on_a_terminal(pki, toets_file):
    import pty

    env = {k: v for k, v in os.environ.items() if k != "TOETSAPP_P12_PASSWORD"}
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "toetsapp", "sign", str(toets_file), "--allow-problems", "--p12",
         str(pki.p12["belastingdienst"]), "--position", "akkoord"],
        stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    try:
        assert b"Wachtwoord voor belastingdienst.p12" in _read_until(master, b"Wachtwoord")
        os.write(master, b"fout\n")
        assert b"onjuist" in _read_until(master, b"Wachtwoord voor")
        os.write(master, PASSWORD.encode() + b"\n")
        output = _read_until(master, b"Opgeslagen")
        assert proc.wait(timeout=60) == 0, output
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    assert load_toets(toets_file).signatures[0].organisation == "Belastingdienst"


def test_signing_with_open_problems_needs_the_flag_and_records_them(capsys, pki, toets_file):
    from toetsapp.signing import verify_toets

    before = toets_file.read_bytes()
    code, out, err = run(capsys, "sign", toets_file, "--p12", pki.p12["toeslagen"],
                         "--position", "akkoord", "--password", PASSWORD)
    assert code == 1 and "open problemen" in err and "--allow-problems" in err
    assert "Verplichte vraag is niet beantwoord." in err
    assert toets_file.read_bytes() == before
    code, out, err = run(capsys, *SIGN, toets_file, "--p12", pki.p12["toeslagen"],
                         "--position", "akkoord", "--password", PASSWORD)
    assert code == 0, err
    signature = load_toets(toets_file).signatures[-1]
    assert signature.open_problems and signature.open_problems > 10
    assert f"ondertekend met {signature.open_problems} open problemen" in out
    store = load_trust_store(None)
    assert verify_toets(load_toets(toets_file), store)[0].status is SignatureStatus.VALID
    tampered = load_toets(toets_file)
    tampered.signatures[-1].open_problems = 0  # pretend the signer saw none
    assert verify_toets(tampered, store)[0].status is SignatureStatus.INVALID


def test_a_complete_toets_signs_without_the_flag(capsys, pki, tmp_path):
    path = tmp_path / "compleet.toets"
    path.write_bytes(EXAMPLES[0].read_bytes())
    code, _out, err = run(capsys, "sign", path, "--p12", pki.p12["toeslagen"], "--position",
                          "akkoord", "--password", PASSWORD)
    assert code == 0, err
    assert load_toets(path).signatures[-1].open_problems == 0


def test_position_is_required_and_remarks_are_usage(capsys, pki, toets_file):
    with pytest.raises(SystemExit) as stop:
        main(["sign", str(toets_file), "--p12", str(pki.p12["vng"])])
    assert stop.value.code == 2
    code, _, err = run(capsys, *SIGN, toets_file, "--p12", pki.p12["vng"], "--position",
                       "akkoord_met_kanttekeningen", "--remarks", "   ")
    assert code == 2 and "kanttekeningen" in err


def test_who_still_has_to_sign_reads_as_dutch_and_english():
    from toetsapp.i18n import set_language
    from toetsapp.signing.report import still_to_sign

    assert still_to_sign(["UWV"]) == "UWV moet nog (geldig) ondertekenen."
    assert still_to_sign(["UWV", "SVB", "DUO"]) == "UWV, SVB en DUO moeten nog (geldig) " \
        "ondertekenen."
    set_language("en")
    assert still_to_sign(["UWV", "SVB", "DUO"]) == "UWV, SVB and DUO still have to sign " \
        "(validly)."
    assert still_to_sign(["UWV"]) == "UWV still has to sign (validly)."
