"""The wheel: built from the repository, installed outside it, a complete application.

Builds the wheel from a copy of the project's sources (no network:
``--no-build-isolation``, with the build tools of the dev extra), installs it with
``--no-index --no-deps`` into a fresh virtual environment in a temporary folder whose
dependencies come from the running environment's site-packages (a ``.pth`` line, so no
download either), and runs the installed ``toetsapp`` from a folder outside the
checkout. Slow (about half a minute): runs when CI=true or TOETSAPP_DIST_TEST=1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import EXAMPLES, ROOT

pytestmark = [
    pytest.mark.dist,
    pytest.mark.skipif(not (os.environ.get("CI") == "true" or os.environ.get("TOETSAPP_DIST_TEST")),
                       reason="builds and installs the wheel; set TOETSAPP_DIST_TEST=1 (CI does)"),
]
SOURCES = ("toetsapp", "forms", "rubrics", "exports", "help", "i18n", "setup.py",
           "pyproject.toml", "MANIFEST.in", "README.md")


def _copy_sources(target: Path) -> Path:
    """The files a build may use: no compiled catalogs, no caches, no virtual env."""
    ignore = shutil.ignore_patterns("__pycache__", "*.mo", "*.egg-info", "data")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    tree = _copy_sources(work / "src")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "--no-build-isolation", "-w", str(work / "dist"), str(tree)],
                   check=True, timeout=300)
    (built,) = (work / "dist").glob("toetsapp-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The ``bin`` folder of a fresh virtual environment with the wheel installed."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; "
                              "print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True,
                             env=_clean_env()).stdout.strip()
    # Outside the checkout and without PYTHONPATH: pip must not mistake the development
    # tree (its .egg-info) for an installed toetsapp.
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-index", "--no-deps",
                    "--force-reinstall", str(wheel)], check=True, timeout=300,
                   cwd=venv.parent, env=_clean_env())
    # Dependencies from the running environment, after the fresh site-packages (added once
    # the wheel is in, so pip cannot mistake a development install there for this one).
    (Path(purelib) / "toetsapp_test_dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    return venv / "bin"


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("PYTHON", "TOETSAPP_LANG", "VIRTUAL_ENV", "PIP_"))}


def run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = _clean_env()
    env |= {"QT_QPA_PLATFORM": "offscreen", "TOETSAPP_CONFIG_DIR": str(cwd / "config"),
            "TOETSAPP_STATE_DIR": str(cwd / "state")}
    return subprocess.run([str(bin_dir / "toetsapp"), *args], capture_output=True, text=True,
                          timeout=180, cwd=cwd, env=env, check=False)


def test_wheel_carries_data_and_compiled_catalogs(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("forms/uitvoerbaarheidstoets.json", "forms/toets.schema.json",
                 "rubrics/doenvermogentoets.json", "exports/style.json",
                 "exports/fonts/DejaVuSans.ttf", "help/guide.json",
                 "i18n/en/LC_MESSAGES/toetsapp.mo", "i18n/nl/LC_MESSAGES/toetsapp.mo"):
        assert f"toetsapp/data/{name}" in names, name
    assert not [n for n in names if n.endswith(".po")]


def test_installed_wheel_is_a_complete_application(installed, tmp_path):
    where = run(installed, tmp_path, "--version")
    assert where.returncode == 0 and where.stdout.startswith("Toetsapp ")
    located = subprocess.run([str(installed / "python"), "-c",
                              "import toetsapp.resources as r; print(r.resource_root())"],
                             capture_output=True, text=True, cwd=tmp_path, check=True,
                             env={"PATH": os.environ.get("PATH", "")})
    assert located.stdout.strip().startswith(str(installed.parent)), located.stdout
    assert not located.stdout.strip().startswith(str(ROOT))

    forms = run(installed, tmp_path, "forms")
    assert forms.returncode == 0, forms.stderr
    for form_id in ("uitvoerbaarheidstoets", "doenvermogentoets", "invoeringstoets"):
        assert form_id in forms.stdout

    made = run(installed, tmp_path, "new", "--type", "doenvermogen", "-o", "nieuw.toets")
    assert made.returncode == 0, made.stderr
    assert json.loads((tmp_path / "nieuw.toets").read_text("utf-8"))["form"]["id"] \
        == "doenvermogentoets"
    checked = run(installed, tmp_path, "validate", "nieuw.toets", *map(str, EXAMPLES))
    assert checked.returncode == 0, checked.stdout + checked.stderr

    pdf = tmp_path / "toets.pdf"
    done = run(installed, tmp_path, "--lang", "en", "render", str(EXAMPLES[0]), "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    text = "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    assert "ASSESSMENT SUMMARY CARD" in text and "page 1 of" in text
    assert "TOETSKAART" not in text and "KERNCIJFERS" not in text and "pagina 1 van" not in text


def test_missing_catalog_is_an_error_at_start(installed, tmp_path):
    catalog = next(installed.parent.glob("lib/python*/site-packages/toetsapp/data/i18n/en"))
    hidden = catalog.with_name("en-hidden")
    catalog.rename(hidden)
    try:
        done = run(installed, tmp_path, "--lang", "en", "forms")
    finally:
        hidden.rename(catalog)
    assert done.returncode == 3
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "en" in done.stderr and "toetsapp.mo" in done.stderr
