"""A dossier built straight from ``.toets`` files: each is rendered while bundling (as
``toetsapp render`` would), compared with the toetsen in PDFs, and attached as the
``.toets`` itself, so the dossier rebuilds from its own attachments."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.dossier_support import example as example_toets
from tests.dossier_support import other_pdf, rendered_examples, write_manifest, write_toets
from toetsapp.cli import main
from toetsapp.dossier import build_dossier, load_manifest, write_dossier
from toetsapp.dossier.manifest_io import manifest_from_data
from toetsapp.signing.trust import TrustStore


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("toetsfiles")
    (folder / "mvt.pdf").write_bytes(other_pdf("Memorie van toelichting", 2))
    (folder / "uh.pdf").write_bytes(rendered_examples()["uitvoerbaarheidstoets"][1])
    write_toets(folder, "doen.toets", example_toets("doenvermogentoets"))
    write_manifest(folder, [{"file": "mvt.pdf", "kind": "document"}, {"file": "uh.pdf"},
                            {"file": "doen.toets", "proposal": "Wet ATH"}],
                   name="mix.dossier.json")
    return folder


@pytest.fixture(scope="module")
def built(folder):
    return write_dossier(folder / "mix.dossier.json", folder / "mix.pdf", trust=TrustStore())


def test_a_toets_file_is_rendered_compared_and_attached_as_itself(built, folder):
    path, result = built
    doen = result.documents[2]
    reference = PdfReader(io.BytesIO(rendered_examples()["doenvermogentoets"][1]))
    assert doen.kind == "toets" and doen.pages == len(reference.pages)
    assert doen.attachment == "03-doen.toets"
    assert doen.size == len((folder / "doen.toets").read_bytes())
    # the comparison holds both toetsen, the one from the PDF and the one rendered now
    assert result.comparison is not None
    assert [row.source for row in result.comparison.overview.rows] == [
        "uh.pdf", "doen.toets"]
    reader = PdfReader(path)
    first = result.starts[2]
    toets = example_toets("doenvermogentoets")
    text = " ".join((reader.pages[first].extract_text() or "").split())
    assert "TOETSKAART Doenvermogentoets" in text and toets.metadata.title[:20] in text
    attached = reader.attachments
    assert attached["03-doen.toets"] == [(folder / "doen.toets").read_bytes()]
    assert attached["02-uh.pdf"] == [(folder / "uh.pdf").read_bytes()]


def test_the_dossier_rebuilds_from_its_attachments(built, tmp_path):
    path, result = built
    attached = PdfReader(path).attachments
    pinned = manifest_from_data(json.loads(attached["mix.dossier.json"][0]), "bijlage")
    assert pinned.documents[2].file == "03-doen.toets"
    assert pinned.documents[2].sha256 == result.documents[2].sha256
    for name, contents in attached.items():
        (tmp_path / name).write_bytes(contents[0])
    again = build_dossier(load_manifest(tmp_path / "mix.dossier.json"),
                          tmp_path / "mix.dossier.json", trust=TrustStore())
    assert again.pages == result.pages and again.starts == result.starts


def test_a_broken_toets_file_is_named_and_nothing_is_written(tmp_path, capsys):
    (tmp_path / "uh.pdf").write_bytes(rendered_examples()["uitvoerbaarheidstoets"][1])
    (tmp_path / "kapot.toets").write_text('{"format": "toetsapp/toets", "niet af', "utf-8")
    (tmp_path / "leeg.toets").write_bytes(b"")
    manifest = write_manifest(tmp_path, [{"file": "uh.pdf"}, {"file": "kapot.toets"},
                                         {"file": "leeg.toets"}])
    code = main(["bundle", str(manifest), "-o", str(tmp_path / "uit.pdf")])
    err = capsys.readouterr().err
    assert code == 3, err
    assert "kapot.toets" in err and "leeg.toets" in err and "leeg" in err
    assert "Traceback" not in err and not (tmp_path / "uit.pdf").exists()


def test_bundle_on_the_command_line_accepts_toets_files(folder, tmp_path, capsys):
    output = tmp_path / "cli.pdf"
    assert main(["bundle", str(folder / "mix.dossier.json"), "-o", str(output)]) == 0
    assert len(PdfReader(output).pages) > 10
    out = capsys.readouterr().out
    assert "Doenvermogen Dienst Toeslagen: Wet ATH" in out and "3 documenten" in out
