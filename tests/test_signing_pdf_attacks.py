"""Pages and data are protected separately: each attack on a signed Toetsapp PDF from
issue 17 is built here (pyHanko incremental updates, pikepdf rewrites) and must make
``verify`` exit 1, ``extract`` refuse, and the dossier say so."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pikepdf
import pytest

from tests import pdf_attacks as attack
from tests.dossier_support import example, render, write_manifest
from tests.test_signing_pki import THREE, key, shared_pki, signed_by
from toetsapp.canonical import file_digest
from toetsapp.cli import main
from toetsapp.dossier import write_dossier
from toetsapp.errors import FileProblem
from toetsapp.export.colophon import toets_content_hash
from toetsapp.export.embed import embedded_toets
from toetsapp.files.store import toets_json
from toetsapp.signing import load_trust_store, pades_sign, verify_file


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    """The example U&H-toets co-signed by three organisations, rendered, PAdES-signed by
    the same three; plus the trust store and another (unsigned) toets's bytes."""
    pki = shared_pki(tmp_path_factory)
    toets = signed_by(pki, *THREE, toets=example("uitvoerbaarheidstoets"))
    pdf = render(toets)
    for ident in THREE:
        pdf = pades_sign(pdf, key(pki, ident))
    other = example("uitvoerbaarheidstoets")
    other.metadata.title = "Een heel andere wet"
    return pdf, toets, load_trust_store(pki.trust_dir), toets_json(other).encode("utf-8"), pki


def report(tmp_path: Path, name: str, pdf: bytes, trust):
    path = tmp_path / name
    path.write_bytes(pdf)
    return path, verify_file(path, trust)


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_untouched_pdf_is_in_order(signed, tmp_path, capsys):
    pdf, toets, trust, _other, pki = signed
    path, found = report(tmp_path, "echt.pdf", pdf, trust)
    assert found.ok and found.problems == () and found.integrity.pages_protected
    assert found.tally == (3, 3) and not found.integrity.embedded_changed
    _loaded, embedded, recorded = embedded_toets(pdf, path)
    assert recorded == (file_digest(embedded), toets_content_hash(toets))
    code, out, _err = cli(capsys, "verify", path, "--trust", pki.trust_dir, "--complete")
    assert code == 0, out
    assert "dekken het hele bestand" in out and "3 van 3 organisaties" in out


def test_a_stripped_signature_is_found(signed, tmp_path, capsys):
    """Paint over page 1 and delete /AcroForm in an update: the /ByteRanges remain."""
    pdf, _toets, trust, _other, pki = signed
    path, found = report(tmp_path, "gestript.pdf", attack.strip_signatures(pdf), trust)
    assert found.pdf == () and not found.ok
    assert any("verwijderde handtekeningen" in p for p in found.problems)
    code, out, _err = cli(capsys, "verify", path, "--trust", pki.trust_dir)
    assert code == 1 and "alle handtekeningen zijn geldig" not in out
    assert "NIET beschermd" in out and "NIET IN ORDE" in out


@pytest.mark.parametrize(("name", "alter", "what"), [
    ("info", attack.change_info, "documentinformatie (/Title)"),
    ("pagina", attack.paint_over, "de inhoud van pagina 1"),
    ("annotatie", attack.add_annotation, "de annotaties"),
])
def test_changes_after_signing_are_found(signed, tmp_path, capsys, name, alter, what):
    pdf, _toets, trust, _other, pki = signed
    path, found = report(tmp_path, f"{name}.pdf", alter(pdf), trust)
    assert not found.ok and any(what in p for p in found.problems), found.problems
    assert [r.status.value for r in found.pdf] == ["content_changed"] * 3
    code, _out, _err = cli(capsys, "verify", path, "--trust", pki.trust_dir)
    assert code == 1
    if name == "pagina":  # pyHanko's own difference analysis agrees
        code, out, _err = cli(capsys, "verify", path, "--trust", pki.trust_dir, "--deep")
        assert code == 1 and "inhoud gewijzigd na ondertekening" in out


def test_a_swapped_attachment_is_found_and_not_extracted(signed, tmp_path, capsys):
    pdf, _toets, trust, other, _pki = signed
    path, found = report(tmp_path, "verwisseld.pdf", attack.swap_attachment(pdf, other), trust)
    assert found.integrity.embedded_changed and not found.ok
    assert any("de bijlagen" in p for p in found.problems)
    assert "niet de toets waaruit de pagina's zijn gemaakt" in found.pairing
    code, _out, err = cli(capsys, "extract", path, "-o", tmp_path / "uit.toets")
    assert code == 1 and "gewijzigd na de laatste PDF-handtekening" in err
    assert not (tmp_path / "uit.toets").exists()
    code, _out, err = cli(capsys, "extract", path, "-o", tmp_path / "uit.toets", "--force")
    assert code == 0 and (tmp_path / "uit.toets").read_bytes() == other


def test_an_unsigned_pdf_says_its_pages_are_not_protected(signed, tmp_path, capsys):
    _pdf, toets, _trust, other, pki = signed
    path = tmp_path / "ongetekend.pdf"
    path.write_bytes(render(toets))
    code, out, _err = cli(capsys, "verify", path, "--trust", pki.trust_dir)
    assert code == 0 and "pagina's zijn niet beschermd" in out
    assert "alle handtekeningen zijn geldig" not in out
    swapped = tmp_path / "ongetekend-verwisseld.pdf"
    swapped.write_bytes(attack.rewrite_with_attachment(render(toets), other))
    code, out, _err = cli(capsys, "verify", swapped, "--trust", pki.trust_dir, "--json")
    data = json.loads(out)
    assert code == 1 and "niet de toets waaruit" in data["files"][0]["problems"][0]


def _with_info(pdf: bytes, **values: str | None) -> bytes:
    """A full rewrite with document-information entries set (None: removed)."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for key, value in values.items():
            if value is None:
                del doc.docinfo["/" + key]
            else:
                doc.docinfo["/" + key] = value
        out = io.BytesIO()
        doc.save(out)
    return out.getvalue()


def test_pairing_holds_across_format_versions_through_the_attached_files_hash(
        signed, tmp_path, capsys):
    """A later release migrates the embedded toets when it loads it, so its content hash
    may differ from the one recorded at rendering; the attached file's own hash does not."""
    _pdf, toets, _trust, other, pki = signed
    later = tmp_path / "later.pdf"
    later.write_bytes(_with_info(render(toets), ToetsappContentHash="sha256:" + "0" * 64))
    code, out, _err = cli(capsys, "verify", later, "--trust", pki.trust_dir)
    assert code == 0 and "niet de toets waaruit" not in out
    manifest = write_manifest(tmp_path, [{"file": "later.pdf"}])
    write_dossier(manifest, tmp_path / "dossier.pdf")  # pairs: no FileProblem
    older = tmp_path / "ouder.pdf"  # made before the file hash: compared by content
    older.write_bytes(_with_info(attack.rewrite_with_attachment(render(toets), other),
                                 ToetsappAttachmentHash=None))
    code, out, _err = cli(capsys, "verify", older, "--trust", pki.trust_dir)
    assert code == 1 and "niet de toets waaruit" in out


def test_complete_waits_for_every_organisation(signed, tmp_path, capsys):
    _pdf, toets, _trust, _other, pki = signed
    partial = toets.model_copy(deep=True)
    partial.signatures = partial.signatures[:2]
    path = tmp_path / "twee.toets"
    path.write_text(toets_json(partial), "utf-8")
    assert cli(capsys, "verify", path, "--trust", pki.trust_dir)[0] == 0
    code, out, _err = cli(capsys, "verify", path, "--trust", pki.trust_dir, "--complete")
    assert code == 1 and "Vereniging van Nederlandse Gemeenten" in out


def test_the_dossier_never_shows_stripped_pages_as_signed_nor_pairs_other_data(
        signed, tmp_path):
    pdf, _toets, trust, other, _pki = signed
    (tmp_path / "gestript.pdf").write_bytes(attack.strip_signatures(pdf))
    copies = example("uitvoerbaarheidstoets")
    copies.signatures = [signed_by(signed[4], "belastingdienst",
                                   toets=example("uitvoerbaarheidstoets")).signatures[0]] * 3
    (tmp_path / "kopieen.pdf").write_bytes(render(copies))
    manifest = write_manifest(tmp_path, [{"file": "gestript.pdf"}, {"file": "kopieen.pdf"}])
    _path, result = write_dossier(manifest, tmp_path / "dossier.pdf", trust=trust)
    stripped, copied = (d.signatures for d in result.documents)
    assert stripped.state == "invalid" and "PDF: pagina's niet beschermd" in stripped.summary()
    assert copied.summary() == "1 van 3 medeondertekeningen geldig"
    (tmp_path / "verwisseld.pdf").write_bytes(attack.swap_attachment(pdf, other))
    manifest = write_manifest(tmp_path, [{"file": "verwisseld.pdf"}], name="twee.json")
    with pytest.raises(FileProblem, match="niet de toets waaruit de pagina's zijn gemaakt"):
        write_dossier(manifest, tmp_path / "dossier2.pdf", trust=trust)


@pytest.mark.parametrize("user", ["geheim", ""], ids=["password", "restrictions-only"])
def test_an_encrypted_pdf_is_unreadable_input_exit_3(signed, tmp_path, capsys, user):
    """A signed PDF saved again encrypted (with a password, or with only an owner
    password): `verify` cannot check it and says so, exit 3 (README: file not readable),
    naming the file; never a traceback or a 'no signatures' verdict."""
    import io

    import pikepdf

    pdf, _toets, _trust, _other, pki = signed
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        doc.save(out, encryption=pikepdf.Encryption(user=user, owner="eigenaar"))
    path = tmp_path / "versleuteld.pdf"
    path.write_bytes(out.getvalue())
    code, stdout, err = cli(capsys, "verify", path, "--trust", pki.trust_dir)
    assert code == 3, stdout + err
    assert "versleuteld" in err and str(path) in err
    assert "Traceback" not in err and "geen PDF-handtekening" not in stdout
