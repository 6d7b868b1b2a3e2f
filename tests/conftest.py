"""Shared fixtures. Qt runs offscreen; the language is Dutch unless a test says otherwise."""

from __future__ import annotations

import copy
import json
import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Settings and recovery files never go to the user's real folders, not even at import time.
os.environ["TOETSAPP_CONFIG_DIR"] = tempfile.mkdtemp(prefix="toetsapp-tests-config-")
os.environ["TOETSAPP_STATE_DIR"] = tempfile.mkdtemp(prefix="toetsapp-tests-state-")

from tests.mini import MINI_FORM, MINI_RUBRIC
from toetsapp.catalog import Catalog, default_catalog
from toetsapp.i18n import set_language
from toetsapp.resources import resource_root

ROOT = resource_root()
EXAMPLES = sorted((ROOT / "examples").glob("*.toets"))


@pytest.fixture(autouse=True)
def private_locations(tmp_path_factory, monkeypatch):
    """Each test gets its own settings and recovery folders."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TOETSAPP_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("TOETSAPP_STATE_DIR", str(base / "state"))
    return base


@pytest.fixture(autouse=True)
def dutch():
    set_language("nl")
    yield
    set_language("nl")


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return default_catalog()


@pytest.fixture
def mini_dirs(tmp_path: Path) -> tuple[Path, Path]:
    """A forms and a rubrics folder holding the mini form and rubric."""
    forms, rubrics = tmp_path / "forms", tmp_path / "rubrics"
    forms.mkdir()
    rubrics.mkdir()
    (forms / "mini.json").write_text(json.dumps(MINI_FORM), "utf-8")
    (rubrics / "mini.json").write_text(json.dumps(MINI_RUBRIC), "utf-8")
    return forms, rubrics


@pytest.fixture
def mini_catalog(mini_dirs) -> Catalog:
    catalog = Catalog.load(*mini_dirs)
    assert not catalog.problems, [p.describe() for p in catalog.problems]
    return catalog


@pytest.fixture
def mini_form_data() -> dict:
    return copy.deepcopy(MINI_FORM)


@pytest.fixture
def mini_rubric_data() -> dict:
    return copy.deepcopy(MINI_RUBRIC)


@pytest.fixture
def shots(tmp_path) -> Path:
    """Where screenshots go: TOETSAPP_SCREENSHOTS=DIR keeps them, else a temporary folder."""
    folder = Path(os.environ.get("TOETSAPP_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
