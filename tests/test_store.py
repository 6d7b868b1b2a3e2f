"""Toets files: round trips, atomic saves, and clear errors for every kind of broken file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toetsapp.errors import FileProblem
from toetsapp.files.atomic import atomic_write_bytes
from toetsapp.files.store import load_toets, new_toets, save_toets, toets_from_bytes, toets_json
from toetsapp.model.toets import Answer, Override


@pytest.fixture
def saved(tmp_path, mini_catalog) -> Path:
    toets = new_toets(mini_catalog, "mini", title="Wet proef", by="A. Toetser")
    toets.answers["titel"] = Answer(value="Wet proef", evidence="Conceptwetsvoorstel")
    toets.metadata.dossiernummer = "36501"
    toets.overrides.dimensions["impact"] = Override(value="goed", motivation="Klein effect.")
    path = tmp_path / "proef.toets"
    save_toets(toets, path)
    return path


def test_round_trip_is_exact(saved):
    toets = load_toets(saved)
    assert toets.metadata.dossiernummer == "36 501"
    assert toets.answers["titel"].value == "Wet proef"
    assert toets_json(toets) == saved.read_text("utf-8")


def test_save_logs_revision_and_touches_modified(saved):
    toets = load_toets(saved)
    before = toets.metadata.modified
    save_toets(toets, saved, summary="Antwoorden aangevuld", by="B")
    again = load_toets(saved)
    assert again.revisions[-1].summary == "Antwoorden aangevuld"
    assert again.metadata.modified >= before


def test_failed_save_leaves_previous_file_and_no_temp(saved, monkeypatch):
    original = saved.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(FileProblem) as exc:
        atomic_write_bytes(saved, b"half")
    assert "No space left on device" in exc.value.describe()
    assert saved.read_bytes() == original
    assert not list(saved.parent.glob(".*.tmp"))


def test_save_into_missing_folder_is_a_clear_error(tmp_path, saved):
    with pytest.raises(FileProblem) as exc:
        save_toets(load_toets(saved), tmp_path / "bestaat-niet" / "x.toets")
    assert "kan niet schrijven in de map" in exc.value.describe()


def _valid_data(saved: Path) -> dict:
    return json.loads(saved.read_text("utf-8"))


BROKEN = {
    "empty": (lambda d: b"", "het bestand is leeg"),
    "truncated": (lambda d: json.dumps(d).encode()[:200], "geen geldige JSON"),
    "invalid_utf8": (lambda d: b'{"format": "\xff\xfe"}', "geen geldige UTF-8"),
    "deep": (lambda d: b"[" * 100_000 + b"]" * 100_000, "te diep genest"),
    "deep_but_parseable": (lambda d: b"[" * 200 + b"]" * 200, "te diep genest"),
    "huge_string": (lambda d: json.dumps({**d, "answers": {"titel": {
        "value": "x" * 10_000_000}}}).encode(), "tekst is te lang (10.000.000 tekens"),
    "not_a_toets": (lambda d: b'{"id": "mini", "sections": []}', "geen Toetsapp-toets"),
    "array": (lambda d: b"[1, 2, 3]", "geen Toetsapp-toets"),
    "newer_version": (lambda d: json.dumps({**d, "format_version": 9}).encode(),
                      "nieuwere Toetsapp"),
    "wrong_types": (lambda d: json.dumps({**d, "metadata": {**d["metadata"],
                                                             "organisations": "UWV"}}).encode(),
                    "$.metadata.organisations"),
    "bad_dossier": (lambda d: json.dumps({**d, "metadata": {**d["metadata"],
                                                             "dossiernummer": "abc"}}).encode(),
                    "$.metadata.dossiernummer"),
    "unknown_field": (lambda d: json.dumps({**d, "macro": "rm -rf /"}).encode(), "$.macro"),
    "nan": (lambda d: json.dumps(d).replace('"answers": {', '"answers": {"x": {"value": NaN},',
                                            1).encode(), None),
    "empty_motivation": (lambda d: json.dumps({**d, "overrides": {"dimensions": {
        "impact": {"value": "goed", "motivation": " "}}}}).encode(), "motivering"),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_broken_files_give_one_clear_error(saved, tmp_path, kind):
    make, expected = BROKEN[kind]
    path = tmp_path / f"{kind}.toets"
    path.write_bytes(make(_valid_data(saved)))
    if expected is None:  # parses; must simply not crash
        load_toets(path)
        return
    with pytest.raises(FileProblem) as exc:
        load_toets(path)
    message = exc.value.describe()
    assert str(path) in message
    assert expected in message
    assert "Traceback" not in message


def test_directory_and_missing_file(tmp_path):
    with pytest.raises(FileProblem, match="dit is een map"):
        load_toets(tmp_path)
    with pytest.raises(FileProblem, match="bestaat niet"):
        load_toets(tmp_path / "nergens.toets")


@settings(max_examples=150, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_bytes_load_or_fail_cleanly(saved, data):
    raw = bytearray(saved.read_bytes())
    for _ in range(data.draw(st.integers(1, 6))):
        action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        pos = data.draw(st.integers(0, max(len(raw) - 1, 0)))
        if action == "flip" and raw:
            raw[pos] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del raw[pos:pos + data.draw(st.integers(1, 50))]
        else:
            raw[pos:pos] = data.draw(st.binary(min_size=1, max_size=8))
    try:
        toets = toets_from_bytes(bytes(raw), "mutated.toets")
    except FileProblem as problem:
        assert problem.issues and all(str(i) for i in problem.issues)
    else:
        assert toets.format == "toetsapp/toets"
