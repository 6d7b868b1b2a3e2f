"""Data folders are found, and a missing catalog for the chosen language stops the start."""

from __future__ import annotations

import pytest

import toetsapp.i18n as i18n
from tests.conftest import ROOT
from toetsapp.cli import main
from toetsapp.resources import SOURCE_TREE, resource_dir, resource_root


def test_development_tree_reads_the_repository_folders():
    assert resource_root() == SOURCE_TREE == ROOT
    for name in ("forms", "rubrics", "exports", "help", "i18n"):
        assert resource_dir(name).is_dir(), name


def test_missing_catalog_is_an_error_not_a_fallback(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(i18n, "resource_dir", lambda name: tmp_path / name)
    with pytest.raises(i18n.MissingCatalog) as raised:
        i18n.set_language("en")
    assert "toetsapp.mo" in str(raised.value) and "'en'" in str(raised.value)
    assert main(["--lang", "en", "forms"]) == 3
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "cannot find the translations for language 'en'" in err
    assert main(["--lang", "nl", "forms"]) == 3
    assert "kan de vertalingen voor taal 'nl' niet vinden" in capsys.readouterr().err
