"""Hostile files against every command that reads them: each run in its own process
(10 s, 500 MB), ending with exit 1, 2 or 3 and a message naming the file, never a
traceback or exit 70, and no existing output touched.

The cases are made by :mod:`tests.hostile.cases`; the processes come from the fork
server in :mod:`tests.hostile.runner` (one child per run).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.hostile import cases as hc

TIMEOUT_S = 10
MEMORY = 500 * 2**20
SENTINEL = b"eerder gemaakt; mag niet veranderen\n"
ROOT = Path(__file__).resolve().parents[1]
LIBRARY_WORDS = ("Circular xref", "LimitReached", "PdfReadError", "Error:", "Exception",
                 "errno", "Errno")


class Runner:
    """The fork server, started once per test session."""

    def __init__(self, home: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TOETSAPP_LANG": "nl",
               "TOETSAPP_CONFIG_DIR": str(home / "config"),
               "TOETSAPP_STATE_DIR": str(home / "state"), "TOETSAPP_DEBUG": ""}
        env.pop("TOETSAPP_P12_PASSWORD", None)
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.hostile.runner"], cwd=ROOT,
                                     env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True)
        assert json.loads(self.proc.stdout.readline()) == {"ready": True}

    def run(self, argv: list[str], cwd: Path) -> tuple[dict, str, str]:
        out, err = cwd / ".stdout", cwd / ".stderr"
        request = {"argv": argv, "cwd": str(cwd), "env": {}, "out": str(out),
                   "err": str(err), "memory": MEMORY, "timeout": TIMEOUT_S}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        result = json.loads(self.proc.stdout.readline())
        texts = (out.read_text("utf-8", "replace"), err.read_text("utf-8", "replace"))
        out.unlink()
        err.unlink()
        return result, *texts

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(10)


@pytest.fixture(scope="module")
def runner() -> Iterator[Runner]:
    home = Path(tempfile.mkdtemp(prefix="toetsapp-hostile-"))
    server = Runner(home)
    yield server
    server.close()


def good_files(folder: Path) -> dict[str, Path]:
    """A good toets, key (with and without password), remarks, and outputs made earlier."""
    protected, plain = hc.key_files()
    files = {
        "toets": hc.write(folder, "goed.toets", hc.EXAMPLE.read_bytes()),
        "key": hc.write(folder, "sleutel.p12", protected),
        "plain_key": hc.write(folder, "zonder-wachtwoord.p12", plain),
        "remarks": hc.write(folder, "opmerkingen.txt", "Invoering pas per 2028."),
        "out_pdf": hc.write(folder, "eerder.pdf", SENTINEL),
        "out_toets": hc.write(folder, "eerder.toets", SENTINEL),
    }
    return files


def _sign(toets: Path, key: Path, *extra: str) -> list[str]:
    return ["sign", str(toets), "--p12", str(key), "--position", "akkoord_met_kanttekeningen",
            "--remarks", "Zie de bijlage.", "--password", hc.PASSWORD, *extra]


Command = Callable[[Path, dict[str, Path]], list[str]]
COMMANDS: dict[str, dict[str, Command]] = {
    "toets": {
        "validate": lambda f, g: ["validate", str(f)],
        "score": lambda f, g: ["score", str(f)],
        "render": lambda f, g: ["render", str(f), "-o", str(g["out_pdf"])],
        "sign": lambda f, g: _sign(f, g["key"]),
        "verify": lambda f, g: ["verify", str(f)],
        "compare": lambda f, g: ["compare", str(f), str(g["toets"]), "-o", str(g["out_pdf"])],
    },
    "pdf": {
        "extract": lambda f, g: ["extract", str(f), "-o", str(g["out_toets"]), "--force"],
        "verify": lambda f, g: ["verify", str(f)],
        "compare": lambda f, g: ["compare", str(f), str(g["toets"]), "-o", str(g["out_pdf"])],
        "bundle": lambda f, g: ["bundle", str(hc.manifest(
            f.parent, "dossier.json", json.dumps(f.name), kind="toets")), "-o",
            str(g["out_pdf"])],
    },
    "manifest": {
        "bundle": lambda f, g: ["bundle", str(f), "-o", str(g["out_pdf"])],
    },
    "key": {
        "sign": lambda f, g: _sign(g["toets"], f),
        "render --sign": lambda f, g: ["render", str(g["toets"]), "-o", str(g["out_pdf"]),
                                       "--sign", str(f), "--password", hc.PASSWORD],
    },
    "text": {
        "sign --remarks-file": lambda f, g: [
            "sign", str(g["toets"]), "--p12", str(g["key"]), "--position",
            "akkoord_met_kanttekeningen", "--remarks-file", str(f), "--password", hc.PASSWORD],
    },
}

RUNS = [(case, command) for kind in COMMANDS for case in hc.cases_for(kind)
        for command in COMMANDS[kind]]


def check_run(runner: Runner, folder: Path, case: hc.Case, argv: list[str],
              files: dict[str, Path], outputs: list[Path], ok: frozenset[int],
              name: str, words: str) -> None:
    before = {p: p.read_bytes() for p in outputs if p.exists() and p.is_file()}
    result, out, err = runner.run(argv, folder)
    shown = f"{argv}\nstdout: {out[-2000:]}\nstderr: {err[-2000:]}"
    assert not result["timeout"], f"no answer within {TIMEOUT_S} s: {shown}"
    assert result["code"] in ok, f"exit {result['code']}: {shown}"
    assert "Traceback" not in out + err and "Onverwachte fout" not in err, shown
    assert not [w for w in LIBRARY_WORDS if w in out + err], f"library text: {shown}"
    if result["code"] != 0:
        assert name in out + err, f"the file is not named: {shown}"
        if words and (result["code"] == 3 or argv[0] == "validate"):  # 1: e.g. not signed
            lines = [line for line in (out + err).splitlines()
                     if any(w in line for w in words.split("|"))]
            assert lines, f"expected {words!r}: {shown}"
        for path, data in before.items():
            assert path.read_bytes() == data, f"{path.name} was changed: {shown}"
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")], shown


@pytest.mark.parametrize(("case", "command"), RUNS,
                         ids=[f"{c.name}-{cmd}" for c, cmd in RUNS])
def test_hostile_file(runner, tmp_path, case, command):
    files = good_files(tmp_path)
    path = case.make(tmp_path)
    argv = COMMANDS[case.kind][command](path, files)
    outputs = [files["out_pdf"], files["out_toets"], files["toets"]]
    check_run(runner, tmp_path, case, argv, files, outputs, case.ok_codes, path.name,
              case.words)


@pytest.mark.parametrize(("key", "password", "words"), [
    ("key", "", "leeg wachtwoord"),
    ("plain_key", "iets", "geen wachtwoord"),
    ("key", "onjuist", "wachtwoord is onjuist"),
], ids=["empty-for-protected", "given-for-unprotected", "wrong"])
def test_password_messages_say_what_happened(runner, tmp_path, key, password, words):
    files = good_files(tmp_path)
    argv = ["sign", str(files["toets"]), "--p12", str(files[key]), "--position", "akkoord",
            "--password", password]
    check_run(runner, tmp_path, hc.Case(key, "key", lambda f: f), argv, files,
              [files["toets"]], frozenset({3}), files[key].name, words)
