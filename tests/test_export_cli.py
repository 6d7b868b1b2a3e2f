"""``toetsapp render`` and ``toetsapp extract``: outputs, invariance, errors and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT
from tests.export_support import outline, reader
from toetsapp.cli import main
from toetsapp.files.store import save_toets

pytestmark = pytest.mark.skipif(not EXAMPLES, reason="no examples yet")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def example(tmp_path) -> Path:
    target = tmp_path / EXAMPLES[0].name
    target.write_bytes(EXAMPLES[0].read_bytes())
    return target


def test_render_next_to_the_toets_then_extract_byte_identical(capsys, example, tmp_path):
    code, out, err = run(capsys, "render", str(example))
    pdf = example.with_suffix(".pdf")
    assert code == 0, err
    assert str(pdf) in out and pdf.read_bytes().startswith(b"%PDF-")
    back = tmp_path / "terug.toets"
    code, out, _ = run(capsys, "extract", str(pdf), "-o", str(back))
    assert code == 0 and back.read_bytes() == example.read_bytes()
    code, _, err = run(capsys, "extract", str(pdf), "-o", str(back))
    assert code == 1 and "--force" in err
    assert run(capsys, "extract", str(pdf), "-o", str(back), "--force")[0] == 0


def test_render_several_into_a_folder(capsys, tmp_path):
    folder = tmp_path / "pdf"
    folder.mkdir()
    code, _out, err = run(capsys, "render", *map(str, EXAMPLES), "-o", str(folder))
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.stem + ".pdf" for p in EXAMPLES)
    assert not list(folder.glob(".*.tmp")), "atomic writes leave no temp files"


def test_several_files_need_a_folder(capsys, tmp_path):
    code, _, err = run(capsys, "render", *map(str, EXAMPLES * 2), "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and "map" in err


def test_invariant_output_is_byte_for_byte_the_same(capsys, example, tmp_path, monkeypatch):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert run(capsys, "render", str(example), "-o", str(first), "--invariant")[0] == 0
    assert run(capsys, "render", str(example), "-o", str(second), "--invariant")[0] == 0
    assert first.read_bytes() == second.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    third, fourth = tmp_path / "c.pdf", tmp_path / "d.pdf"
    assert run(capsys, "render", str(example), "-o", str(third))[0] == 0
    assert run(capsys, "render", str(example), "-o", str(fourth))[0] == 0
    assert third.read_bytes() == fourth.read_bytes()
    assert "1 jan 2026, 00:00:00 UTC" in reader(third.read_bytes()).pages[-1].extract_text()


def test_lang_option_renders_english(capsys, example, tmp_path):
    pdf = tmp_path / "en.pdf"
    assert run(capsys, "render", str(example), "-o", str(pdf), "--lang", "en")[0] == 0
    data = pdf.read_bytes()
    assert reader(data).trailer["/Root"]["/Lang"] == "en-GB"
    from toetsapp.catalog import default_catalog
    from toetsapp.files.store import load_toets

    form = default_catalog().form(load_toets(example).form.id)
    titles = [t for level, t, _ in outline(data) if level == 0]
    assert f"1. {form.sections[0].title.get('en')}" in titles


def test_render_problems_are_reported_and_the_rest_still_renders(capsys, example, tmp_path):
    broken = tmp_path / "kapot.toets"
    broken.write_text("{ geen json", "utf-8")
    code, _out, err = run(capsys, "render", str(broken), str(example), "-o", str(tmp_path),
                         "--invariant")
    assert code == 3
    assert "kapot.toets" in err and "geen geldige JSON" in err
    assert (tmp_path / (example.stem + ".pdf")).exists()
    assert not (tmp_path / "kapot.pdf").exists()


def test_a_failed_render_leaves_the_old_pdf_alone(capsys, tmp_path):
    old = tmp_path / "uit.pdf"
    old.write_bytes(b"oud")
    broken = tmp_path / "kapot.toets"
    broken.write_text('{"format": "toetsapp/toets", "format_version": 1}', "utf-8")
    code, _, err = run(capsys, "render", str(broken), "-o", str(old))
    assert code == 3 and "form" in err and old.read_bytes() == b"oud"
    code, _, err = run(capsys, "render", str(EXAMPLES[0]), "-o",
                       str(tmp_path / "bestaat-niet" / "uit.pdf"))
    assert code == 3 and "bestaat-niet" in err


def test_extract_errors_name_the_file(capsys, example, tmp_path):
    code, _, err = run(capsys, "extract", str(example))
    assert code == 3 and "geen PDF-bestand" in err and example.name in err


def test_empty_new_toets_renders(capsys, tmp_path):
    path = tmp_path / "leeg.toets"
    assert run(capsys, "new", "--type", "doenvermogen", "-o", str(path))[0] == 0
    assert run(capsys, "render", str(path))[0] == 0
    card = reader(path.with_suffix(".pdf").read_bytes()).pages[0].extract_text()
    assert "nog geen oordeel" in card.lower()


def test_cli_start_does_not_import_reportlab_or_pypdf():
    code = ("import sys, toetsapp.cli; "
            "print(sorted(m for m in ('reportlab', 'pypdf') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert out.strip() == "[]"


def test_saved_and_rendered_toets_matches(tmp_path, catalog):
    from toetsapp.export import read_embedded_toets, write_toets_pdf
    from toetsapp.files.store import load_toets

    toets = load_toets(EXAMPLES[0])
    toets.metadata.title = "Aangepast 😀 <&>"
    path = tmp_path / "aangepast.toets"
    save_toets(toets, path)
    back, data = read_embedded_toets(write_toets_pdf(path, catalog=catalog))
    assert data == path.read_bytes() and back.metadata.title == "Aangepast 😀 <&>"
