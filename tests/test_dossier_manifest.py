"""The dossier manifest: the model, its JSON Schema, loading, saving and finding files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from tests.dossier_support import write_manifest
from toetsapp.dossier import (
    DocumentEntry,
    Manifest,
    load_manifest,
    relative_file,
    resolve_documents,
    save_manifest,
)
from toetsapp.errors import FileProblem
from toetsapp.resources import resource_dir


def _touch(folder: Path, *names: str) -> None:
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.4\n%%EOF\n")


def test_load_normalises_and_save_round_trips(tmp_path):
    _touch(tmp_path, "mvt.pdf", "toetsen/ut.pdf")
    path = write_manifest(tmp_path, [
        {"file": "mvt.pdf", "kind": "document", "title": "Memorie van toelichting"},
        {"file": "toetsen/ut.pdf", "proposal": "Variant A"}], dossiernummer="36812",
        ondernummer="3", date="2026-03-20")
    manifest = load_manifest(path)
    assert manifest.dossier.dossiernummer == "36 812"
    assert manifest.dossier.citation() == "Kamerstukken II 2025/26, 36 812, nr. 3"
    assert [d.kind for d in manifest.documents] == ["document", "toets"]
    assert [d.entry.file for d in resolve_documents(manifest, path)] == [
        "mvt.pdf", "toetsen/ut.pdf"]
    manifest.documents.append(DocumentEntry(file=relative_file(path, tmp_path / "mvt2.pdf"),
                                            kind="document"))
    copy = tmp_path / "kopie.dossier.json"
    save_manifest(manifest, copy)
    again = load_manifest(copy)
    assert again == manifest
    text = copy.read_text("utf-8")
    assert text.startswith('{\n  "$schema": "https://toetsapp.nl/schema/dossier.schema.json"')
    assert not list(tmp_path.glob(".*.tmp"))


def test_committed_schema_accepts_a_saved_manifest_and_rejects_mistakes(tmp_path):
    schema = json.loads((resource_dir("docs") / "dossier.schema.json").read_text("utf-8"))
    manifest = Manifest.model_validate({"dossier": {"dossiernummer": "36 600 VI",
                                                    "title": "Begroting"},
                                        "documents": [{"file": "a.pdf"}]})
    save_manifest(manifest, tmp_path / "m.json")
    data = json.loads((tmp_path / "m.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    data["documents"][0]["kind"] = "memo"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


@pytest.mark.parametrize(("change", "where"), [
    ({"format": "toetsapp/toets"}, "$.format"),
    ({"dossier": {"dossiernummer": "3681", "title": "x"}}, "$.dossier.dossiernummer"),
    ({"dossier": {"dossiernummer": "36 812", "title": "x", "vergaderjaar": "2025/27"}},
     "$.dossier.vergaderjaar"),
    ({"documents": []}, "$.documents"),
    ({"documents": [{"file": "a.pdf", "kind": "memo"}]}, "$.documents[0].kind"),
    ({"documents": [{"file": "a.pdf", "sha256": "abc"}]}, "$.documents[0].sha256"),
    ({"extra": 1}, "$.extra"),
])
def test_invalid_manifests_name_the_place(tmp_path, change, where):
    data = {"format": "toetsapp/dossier", "format_version": 1,
            "dossier": {"dossiernummer": "36 812", "title": "Wet"},
            "documents": [{"file": "a.pdf"}], **change}
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(FileProblem) as caught:
        load_manifest(path)
    assert caught.value.file == path
    assert where in [issue.path for issue in caught.value.issues]


def test_not_json_and_missing_manifest(tmp_path):
    (tmp_path / "m.json").write_text("{kapot", "utf-8")
    with pytest.raises(FileProblem, match=r"m\.json"):
        load_manifest(tmp_path / "m.json")
    with pytest.raises(FileProblem, match="bestaat niet"):
        load_manifest(tmp_path / "weg.json")


def test_every_path_problem_is_reported_at_once(tmp_path):
    folder = tmp_path / "dossier"
    _touch(folder, "a.pdf", "sub/b.pdf")
    _touch(tmp_path, "buiten.pdf")
    (folder / "map.pdf").mkdir()
    os.symlink(tmp_path / "buiten.pdf", folder / "link.pdf")
    path = write_manifest(folder, [
        {"file": "a.pdf"}, {"file": "weg.pdf"}, {"file": "../buiten.pdf"},
        {"file": str(tmp_path / "buiten.pdf")}, {"file": "./a.pdf"}, {"file": "map.pdf"},
        {"file": "link.pdf"}, {"file": "sub\\b.pdf"}])
    with pytest.raises(FileProblem) as caught:
        resolve_documents(load_manifest(path), path)
    found = {issue.path: issue.message for issue in caught.value.issues}
    assert caught.value.file == path
    assert "weg.pdf' bestaat niet" in found["$.documents[1].file"]
    assert "buiten de map" in found["$.documents[2].file"]
    assert "relatief" in found["$.documents[3].file"]
    assert "twee keer" in found["$.documents[4].file"]
    assert "map, geen bestand" in found["$.documents[5].file"]
    assert "buiten de map" in found["$.documents[6].file"]
    assert "$.documents[0].file" not in found and "$.documents[7].file" not in found


def test_relative_file_refuses_a_pdf_outside_the_folder(tmp_path):
    (tmp_path / "d").mkdir()
    manifest = tmp_path / "d" / "m.json"
    assert relative_file(manifest, tmp_path / "d" / "x" / "y.pdf") == "x/y.pdf"
    with pytest.raises(FileProblem, match="buiten de map"):
        relative_file(manifest, tmp_path / "y.pdf")
