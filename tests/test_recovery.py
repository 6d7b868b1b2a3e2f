"""Recovery files, pure edits and input parsing: the Qt-free helpers of the app."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from toetsapp.editing import AnswerPart, MetaField, OverrideSlot, check_metadata, read, write
from toetsapp.errors import FileProblem
from toetsapp.files.recovery import (
    clean_temporary,
    discard_recovery,
    list_recovery,
    read_recovery,
    recovery_text,
    write_recovery,
)
from toetsapp.files.store import new_toets
from toetsapp.model.toets import Override
from toetsapp.parsing import date_input_text, number_input_text, parse_date_input, parse_number


def test_recovery_round_trip_and_listing(mini_catalog, tmp_path):
    toets = new_toets(mini_catalog, "mini", title="Wet")
    write_recovery(tmp_path, "dood", recovery_text(toets, Path("/x/wet.toets")))
    write_recovery(tmp_path, "levend", recovery_text(toets, None))
    (tmp_path / "kapot.recovery").write_text("{", "utf-8")
    entries = list_recovery(tmp_path, lambda session: session == "levend")
    assert {e.session for e in entries} == {"dood", "kapot"}
    good = next(e for e in entries if e.session == "dood")
    assert good.title == "Wet" and good.original == Path("/x/wet.toets") and good.problem is None
    assert next(e for e in entries if e.session == "kapot").problem
    restored, original, _saved = read_recovery(good.file)
    assert restored == toets and original == Path("/x/wet.toets")
    discard_recovery(good.file)
    discard_recovery(good.file)  # twice is fine
    assert not good.file.exists()


def test_foreign_json_is_not_a_recovery_file(tmp_path):
    path = tmp_path / "x.recovery"
    path.write_text('{"format": "iets anders"}', "utf-8")
    with pytest.raises(FileProblem):
        read_recovery(path)


def test_half_written_temporary_files_are_cleaned(tmp_path):
    stale = tmp_path / ".abc.recovery.123.tmp"
    stale.write_text("half", "utf-8")
    clean_temporary(tmp_path, older_than=-1)
    assert not stale.exists()


def test_pure_edits(mini_catalog):
    toets = new_toets(mini_catalog, "mini")
    write(toets, AnswerPart("titel", "evidence"), "Bron")
    assert read(toets, AnswerPart("titel")) is None
    assert read(toets, AnswerPart("titel", "evidence")) == "Bron"
    write(toets, AnswerPart("titel", "evidence"), "")
    assert "titel" not in toets.answers
    rows = [{"risico": "A"}]
    write(toets, AnswerPart("risicos"), rows)
    rows.append({"risico": "B"})
    assert read(toets, AnswerPart("risicos")) == [{"risico": "A"}]  # a copy was stored
    write(toets, MetaField("toetser.name"), "Anna")
    assert toets.metadata.toetser.name == "Anna"
    write(toets, MetaField("organisations"), [{"name": "UWV", "role": "lead"}])
    assert read(toets, MetaField("organisations"))[0]["abbreviation"] == ""
    assert check_metadata(toets, "dossiernummer", "abc")
    assert check_metadata(toets, "dossiernummer", "36501") is None
    override = Override(value="goed", motivation="Zo is het.")
    write(toets, OverrideSlot("impact"), override)
    write(toets, OverrideSlot(), override)
    assert read(toets, OverrideSlot("impact")) == override and toets.overrides.verdict == override
    write(toets, OverrideSlot("impact"), None)
    assert toets.overrides.dimensions == {}
    with pytest.raises(KeyError):
        read(toets, MetaField("geen_veld"))


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("1.250.000", "nl", 1_250_000), ("12,5", "nl", 12.5), ("12.5", "nl", 12.5),
    ("€ 10", "nl", 10), ("3 fte", "nl", 3), ("1,250,000", "en", 1_250_000), ("abc", "nl", None),
    ("", "nl", None), ("nan", "en", None), ("-4", "nl", -4),
])
def test_numbers_as_people_type_them(text, language, expected):
    assert parse_number(text, language) == expected


def test_number_and_date_display():
    assert number_input_text(1_250_000, "money", "nl") == "1.250.000"
    assert number_input_text(12.5, "fte", "en") == "12.5"
    assert parse_date_input("1-3-2026") == date(2026, 3, 1)
    assert parse_date_input("2026-03-01") == date(2026, 3, 1)
    assert parse_date_input("31-2-2026") is None and parse_date_input("morgen") is None
    assert date_input_text("2026-03-01", "nl") == "01-03-2026"
    assert date_input_text("2026-03-01", "en") == "2026-03-01"
