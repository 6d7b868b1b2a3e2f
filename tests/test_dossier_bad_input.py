"""Unusable input: every case names the file, exits with 3 and leaves no dossier behind."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from tests.dossier_support import other_pdf, rendered_examples, write_manifest
from toetsapp.cli import main

GOOD = "uitvoerbaarheidstoets"


def toets_pdf() -> bytes:
    return rendered_examples()[GOOD][1]


def encrypted(data: bytes, user: str = "geheim", owner: str = "eigenaar") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def garbled(data: bytes, start: float = 0.3, end: float = 0.7) -> bytes:
    rnd = random.Random(7)
    raw = bytearray(data)
    for i in range(int(len(raw) * start), int(len(raw) * end)):
        raw[i] = rnd.randrange(256)
    return bytes(raw)


def page_object_broken(data: bytes) -> bytes:
    """Valid structure except that the first page's object is not where the xref says."""
    reader = PdfReader(io.BytesIO(data))
    number = reader.pages[0].indirect_reference.idnum
    return data.replace(b"\n%d 0 obj" % number, b"\n%d 0 xbj" % number, 1)


# name, file content, kind in the manifest, words in the message
CASES: list[tuple[str, Callable[[], bytes], str, str]] = [
    ("versleuteld.pdf", lambda: encrypted(toets_pdf()), "toets", "versleuteld"),
    ("beperkt.pdf", lambda: encrypted(other_pdf("Brief"), user=""), "document", "versleuteld"),
    ("beschadigd.pdf", lambda: garbled(toets_pdf()), "toets", "beschadigd"),
    ("beschadigd-document.pdf", lambda: garbled(other_pdf("Brief", 6)), "document",
     "beschadigd"),
    ("afgebroken.pdf", lambda: toets_pdf()[: len(toets_pdf()) // 2], "toets", "onvolledig"),
    ("leeg.pdf", lambda: b"", "document", "leeg"),
    ("notitie.pdf", lambda: b"Dit is een notitie, geen PDF.\n", "document",
     "geen PDF"),
    ("wet.toets", lambda: rendered_examples()[GOOD][0].model_dump_json().encode()[:-40],
     "toets", "wet.toets"),  # a whole .toets is rendered while bundling; a cut-off one not
    ("brief.pdf", lambda: other_pdf("Brief"), "toets", "bevat geen toets"),
]


def dossier(folder: Path, documents: list[dict], files: dict[str, bytes]) -> Path:
    (folder / "ut.pdf").write_bytes(toets_pdf())
    (folder / "mvt.pdf").write_bytes(other_pdf("Memorie van toelichting"))
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return write_manifest(folder, [{"file": "mvt.pdf", "kind": "document"},
                                   {"file": "ut.pdf"}, *documents])


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


def assert_nothing_written(folder: Path, output: Path, before: bytes | None) -> None:
    if before is None:
        assert not output.exists()
    else:
        assert output.read_bytes() == before
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(("name", "make", "kind", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_is_named_and_no_dossier_is_left(tmp_path, capsys, name, make, kind, words):
    manifest = dossier(tmp_path, [{"file": name, "kind": kind}], {name: make()})
    output = tmp_path / "dossier.pdf"
    before = b"vorige versie" if name.startswith("b") else None
    if before is not None:
        output.write_bytes(before)
    code, err = run(capsys, "bundle", str(manifest), "-o", str(output))
    assert code == 3, err
    assert name in err and words in err, err
    assert "Traceback" not in err
    assert_nothing_written(tmp_path, output, before)


@pytest.mark.parametrize(("documents", "files", "words"), [
    ([{"file": "ut.pdf"}], {}, "twee keer"),
    ([{"file": "kopie.pdf"}], {"kopie.pdf": None}, "hetzelfde als document 2"),
    ([{"file": "weg.pdf"}], {}, "weg.pdf' bestaat niet"),
    ([{"file": "../buiten.pdf"}], {}, "buiten de map"),
    ([{"file": "bijlage.pdf", "kind": "document", "sha256": "0" * 64}],
     {"bijlage.pdf": other_pdf("Bijlage")}, "gewijzigd"),
], ids=["same-path", "same-content", "missing", "outside", "changed-since-pinned"])
def test_manifest_problems(tmp_path, capsys, documents, files, words):
    folder = tmp_path / "dossier"
    folder.mkdir()
    (tmp_path / "buiten.pdf").write_bytes(other_pdf("Buiten"))
    manifest = dossier(folder, documents, {n: d or toets_pdf() for n, d in files.items()})
    output = folder / "dossier.pdf"
    code, err = run(capsys, "bundle", str(manifest), "-o", str(output))
    assert code == 3 and words in err, err
    assert str(manifest) in err
    assert_nothing_written(folder, output, None)


def test_damage_pypdf_can_repair_keeps_the_page(tmp_path, capsys):
    """An object header off by a byte: the raw copy refuses it, pypdf repairs it."""
    manifest = dossier(tmp_path, [{"file": "hersteld.pdf", "kind": "document"}],
                       {"hersteld.pdf": page_object_broken(other_pdf("Brief", 4))})
    output = tmp_path / "dossier.pdf"
    code, err = run(capsys, "bundle", str(manifest), "-o", str(output))
    assert code == 0, err
    texts = [page.extract_text() for page in PdfReader(output).pages]
    assert sum("Brief — pagina 1" in text for text in texts) == 1


def test_every_bad_file_is_reported_at_once(tmp_path, capsys):
    manifest = dossier(tmp_path, [{"file": "leeg.pdf", "kind": "document"},
                                  {"file": "notitie.pdf", "kind": "document"}],
                       {"leeg.pdf": b"", "notitie.pdf": b"hallo"})
    code, err = run(capsys, "bundle", str(manifest), "-o", str(tmp_path / "d.pdf"))
    assert code == 3
    assert "$.documents[2].file: leeg.pdf" in err and "$.documents[3].file: notitie.pdf" in err


def test_output_may_not_overwrite_an_input(tmp_path, capsys):
    manifest = dossier(tmp_path, [], {})
    before = (tmp_path / "ut.pdf").read_bytes()
    code, err = run(capsys, "bundle", str(manifest), "-o", str(tmp_path / "ut.pdf"))
    assert code == 3 and "invoerbestand" in err
    assert (tmp_path / "ut.pdf").read_bytes() == before


def test_compare_refuses_bad_files_naming_each(tmp_path, capsys):
    good = tmp_path / "ut.pdf"
    good.write_bytes(toets_pdf())
    (tmp_path / "leeg.pdf").write_bytes(b"")
    (tmp_path / "brief.pdf").write_bytes(other_pdf("Brief"))
    (tmp_path / "kapot.toets").write_text("{niet af", "utf-8")
    output = tmp_path / "vergelijking.pdf"
    code, err = run(capsys, "compare", str(good), str(tmp_path / "leeg.pdf"),
                    str(tmp_path / "brief.pdf"), str(tmp_path / "kapot.toets"), str(good),
                    "-o", str(output))
    assert code == 3
    for words in ("leeg.pdf", "brief.pdf", "bevat geen toets", "kapot.toets",
                  "twee keer in de lijst"):
        assert words in err, err
    assert not output.exists()
