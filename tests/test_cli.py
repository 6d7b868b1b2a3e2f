"""The command line: output, exit codes, and messages instead of tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES
from toetsapp.cli import main
from toetsapp.files.store import load_toets


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_forms_lists_three_types(capsys):
    code, out, _ = run(capsys, "forms")
    assert code == 0
    for toets_type in ("uitvoerbaarheid", "doenvermogen", "invoering"):
        assert toets_type in out


def test_new_then_validate_then_score(capsys, tmp_path):
    path = tmp_path / "nieuw.toets"
    code, out, _ = run(capsys, "new", "--type", "uitvoerbaarheid", "-o", str(path),
                       "--title", "Wet test")
    assert code == 0 and path.exists()
    assert load_toets(path).metadata.title == "Wet test"
    code, out, _ = run(capsys, "new", "--type", "uitvoerbaarheid", "-o", str(path))
    assert code == 1 and "bestaat al" in out
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0 and out.startswith("OK")
    code, out, _ = run(capsys, "validate", "--strict", str(path))
    assert code == 1 and "Verplichte vraag is niet beantwoord" in out
    code, out, _ = run(capsys, "score", str(path))
    assert code == 0 and "niet beoordeeld" in out


def test_unknown_type(capsys, tmp_path):
    code, _, err = run(capsys, "new", "--type", "belasting", "-o", str(tmp_path / "x"))
    assert code == 3 and "Onbekend toetstype 'belasting'" in err


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_are_complete_and_explained(capsys, example):
    code, out, _ = run(capsys, "validate", "--strict", str(example))
    assert code == 0, out
    code, out, _ = run(capsys, "score", "--json", str(example))
    report = json.loads(out)
    assert code == 0
    assert report["verdict"]["value"] is not None
    for dim in report["dimensions"]:
        assert dim["level"] is not None, dim["id"]
        assert dim["reasons"] and all(r["because"] for r in dim["reasons"])
    assert report["problems"]["errors"] == 0


def test_examples_exist_for_each_type():
    assert len(EXAMPLES) == 3


def test_validate_reports_file_and_path(capsys, tmp_path):
    bad = tmp_path / "kapot.toets"
    bad.write_text('{"format": "toetsapp/toets", "format_version": 1, "form": 5}', "utf-8")
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 1
    assert "FOUT" in out and "$.form" in out


def test_score_broken_file_exit_3(capsys, tmp_path):
    bad = tmp_path / "leeg.toets"
    bad.write_bytes(b"")
    code, _, err = run(capsys, "score", str(bad))
    assert code == 3 and "leeg.toets" in err and "het bestand is leeg" in err


def test_english_output(capsys, catalog):
    code, out, _ = run(capsys, "--lang", "en", "forms")
    assert code == 0
    for form in catalog.forms.values():
        assert form.title.en in out and form.title.nl not in out


def test_whole_process_version_and_usage_error():
    done = subprocess.run([sys.executable, "-m", "toetsapp", "--version"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("Toetsapp ")
    done = subprocess.run([sys.executable, "-m", "toetsapp", "score"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "C.UTF-8"}, "nl"), ({"LANG": "en_GB.UTF-8"}, "en"), ({"LANG": "nl_NL.UTF-8"}, "nl"),
    ({"LANGUAGE": "en:nl", "LANG": "nl_NL.UTF-8"}, "en"), ({"LANG": "de_DE.UTF-8"}, "nl"),
    ({"LC_ALL": "POSIX", "LANG": "en_US.UTF-8"}, "nl"),
])
def test_system_language(monkeypatch, env, expected):
    from toetsapp.i18n import system_language

    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert system_language() == expected
