"""The PyInstaller bundle: builds, finds its data, runs its commands and opens its window.

Slow (about a minute): runs when CI=true or TOETSAPP_DIST_TEST=1.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

pytestmark = [
    pytest.mark.dist,
    pytest.mark.skipif(not (os.environ.get("CI") == "true" or os.environ.get("TOETSAPP_DIST_TEST")),
                       reason="builds the bundle; set TOETSAPP_DIST_TEST=1 (CI does)"),
]


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(work / "dist"),
                    "--workpath", str(work / "build"), str(ROOT / "pyinstaller.spec")],
                   check=True, cwd=ROOT)
    return work / "dist" / "toetsapp"


def run(bundle: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return subprocess.run([str(bundle / "toetsapp"), *args], capture_output=True, text=True,
                          timeout=120, env={**clean_env, "QT_QPA_PLATFORM": "offscreen", **env},
                          check=False)


def test_data_ships_inside_and_needless_weight_is_trimmed(bundle):
    internal = bundle / "_internal"
    for name in ("forms/uitvoerbaarheidstoets.json", "rubrics/invoeringstoets.json",
                 "exports/style.json", "i18n/en/LC_MESSAGES/toetsapp.mo",
                 "packaging/linux/toetsapp.desktop"):
        assert (internal / name).is_file(), name
    assert list((internal / "exports" / "fonts").glob("*.ttf"))
    locale_data = {p.stem for p in (internal / "babel" / "locale-data").glob("*.dat")}
    assert {"nl", "en", "en_GB", "root"} <= locale_data and "de" not in locale_data
    qt_libs = [p.name for p in (internal / "PySide6" / "Qt" / "lib").glob("libQt6*")]
    assert not [name for name in qt_libs if "Qml" in name or "Quick" in name]


def test_command_line_runs_frozen(bundle, tmp_path):
    done = run(bundle, "--version")
    assert done.returncode == 0 and done.stdout.startswith("Toetsapp ")
    done = run(bundle, "forms")
    assert done.returncode == 0 and "uitvoerbaarheidstoets" in done.stdout
    done = run(bundle, "validate", *map(str, EXAMPLES))
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = tmp_path / "toets.pdf"
    done = run(bundle, "--lang", "en", "render", str(EXAMPLES[0]), "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    done = run(bundle, "verify", str(pdf), "--trust", str(tmp_path))
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr
    done = run(bundle, "score", str(tmp_path / "missing.toets"))
    assert done.returncode == 3 and "missing.toets" in done.stderr


def test_main_window_opens_frozen_with_a_toets(bundle, tmp_path):
    env = {"TOETSAPP_TEST_DRIVER": '{"mode": "shown"}',
           "TOETSAPP_CONFIG_DIR": str(tmp_path / "config"),
           "TOETSAPP_STATE_DIR": str(tmp_path / "state")}
    done = run(bundle, str(EXAMPLES[-1]), **env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "SHOWN" in done.stdout
    done = run(bundle, "--lang", "en", "gui", str(EXAMPLES[0]), **env)
    assert done.returncode == 0 and "SHOWN" in done.stdout, done.stderr[-2000:]
