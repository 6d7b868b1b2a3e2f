"""Saves that respect the file system, reads that trust nothing, and JSON with one
meaning: read-only files, symbolic links, devices, outputs over inputs, duplicate keys,
numbers Python cannot hold, unknown answers; Hypothesis fuzzing of toets and manifest
loading (never an exception other than FileProblem)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import stat
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from tests.hostile import cases as hc
from tests.test_signing_pki import PASSWORD, Pki, sample_toets, shared_pki
from toetsapp.cli import main
from toetsapp.dossier.manifest_io import load_manifest, manifest_from_data
from toetsapp.errors import FileProblem
from toetsapp.export.embed import read_embedded_toets
from toetsapp.files import pdfguard
from toetsapp.files.atomic import ReadOnlyFile, atomic_write_bytes
from toetsapp.files.jsonfile import parse_json_bytes, read_json
from toetsapp.files.readfile import read_file_bytes
from toetsapp.files.store import MAX_ANSWERS, load_toets, save_toets, toets_from_bytes

EXAMPLE = next(p for p in EXAMPLES if p.name.startswith("uitvoerbaarheid"))


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return shared_pki(tmp_path_factory)


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def read_only(path: Path) -> Path:
    path.chmod(0o444)
    return path


# --- reading ------------------------------------------------------------------------------
def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pijp.toets"
    os.mkfifo(fifo)
    done: list[BaseException] = []
    reader = threading.Thread(target=lambda: done.append(_problem(fifo)), daemon=True)
    reader.start()
    reader.join(5)
    assert done and "FIFO" in str(done[0])


def _problem(path: Path) -> BaseException:
    try:
        read_file_bytes(path, 1000)
    except FileProblem as problem:
        return problem
    raise AssertionError("read")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_before_reading(tmp_path, device):
    link = tmp_path / "sleutel.p12"
    link.symlink_to(device)
    start = time.monotonic()
    with pytest.raises(FileProblem, match="apparaat") as problem:
        read_file_bytes(link, 2**40)
    assert str(link) in str(problem.value) and time.monotonic() - start < 1


def test_the_cap_holds_while_reading_not_by_size(tmp_path):
    path = tmp_path / "groot.toets"
    path.write_bytes(b"x" * 5000)
    assert read_file_bytes(path, 5000) == b"x" * 5000
    with pytest.raises(FileProblem, match="te groot"):
        read_file_bytes(path, 4999)


def test_a_symlink_loop_and_a_nul_byte_are_named(tmp_path):
    (tmp_path / "a.toets").symlink_to("b.toets")
    (tmp_path / "b.toets").symlink_to("a.toets")
    with pytest.raises(FileProblem, match="naar zichzelf"):
        load_toets(tmp_path / "a.toets")
    with pytest.raises(FileProblem, match="NUL"):
        load_toets(str(tmp_path / "a\0.toets"))


# --- JSON: one document, numbers Python can hold --------------------------------------------
@pytest.mark.parametrize("text", [
    '{"a": 1, "a": 2}', '{"x": {"value": "A", "value": "B"}}', '[{"id": 1, "id": 1}]'])
def test_duplicate_keys_are_refused(text):
    with pytest.raises(FileProblem, match="twee keer"):
        parse_json_bytes(text.encode(), "dubbel.json")


@pytest.mark.parametrize("kind", ["forms", "rubrics"])
def test_duplicate_keys_in_forms_and_rubrics(capsys, tmp_path, kind):
    source = next((EXAMPLE.parents[1] / kind).glob("uitvoerbaarheid*.json"))
    text = source.read_text("utf-8").replace('{\n', '{\n  "version": "0.0.1",\n', 1)
    target = tmp_path / source.name
    target.write_text(text, "utf-8")
    code, out, _err = run(capsys, "validate", target)
    assert code == 1 and "twee keer" in out and "version" in out


def test_duplicate_keys_in_a_manifest(tmp_path):
    path = tmp_path / "dossier.json"
    path.write_text('{"format": "toetsapp/dossier", "format": "iets anders"}', "utf-8")
    with pytest.raises(FileProblem, match="'format' komt twee keer voor"):
        load_manifest(path)


@pytest.mark.parametrize("raw", ["9" * 5000, "1e400", "-1e400", "NaN", "Infinity"])
def test_numbers_python_cannot_hold_are_kept_as_text(raw):
    assert parse_json_bytes(f'{{"v": {raw}}}'.encode(), "x.json") == {"v": raw}


def test_numbers_too_large_for_their_type_are_invalid(capsys, tmp_path):
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["answers"]["fte_structureel"]["value"] = 1e308
    data["answers"]["kosten_structureel"]["value"][0]["dienstverlening"] = -1e300
    data["answers"]["fte_incidenteel"]["value"] = -12.5  # a negative FTE is no magnitude issue
    path = tmp_path / "groot.toets"
    path.write_text(json.dumps(data), "utf-8")
    code, out, _err = run(capsys, "validate", path)
    assert code == 1 and out.count("het getal is te groot") == 2, out
    for command in (["score", path], ["score", "--json", path],
                    ["render", "--concept", path, "-o", tmp_path / "groot.pdf"]):
        code, out, err = run(capsys, *command)
        assert code == 0, err


def test_many_unknown_answers_are_refused_and_a_few_give_a_capped_warning(capsys, tmp_path):
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["answers"].update({f"onbekend_{i}": {"value": "x"} for i in range(MAX_ANSWERS + 1)})
    with pytest.raises(FileProblem, match=r"\$\.answers: te veel antwoorden"):
        toets_from_bytes(json.dumps(data).encode(), "veel.toets")
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["answers"].update({f"onbekend_{i}": {"value": "x"} for i in range(500)})
    path = tmp_path / "onbekend.toets"
    path.write_text(json.dumps(data), "utf-8")
    code, out, _err = run(capsys, "validate", path)
    assert code == 0
    assert out.count("niet (meer) in het formulier staat: 'onbekend_") == 20
    assert "Nog 480 antwoorden op vragen die niet (meer) in het formulier staan." in out


# --- saving ----------------------------------------------------------------------------------
def test_sign_does_not_replace_a_read_only_toets_without_force(capsys, pki, tmp_path):
    path = tmp_path / "ketentoets.toets"
    save_toets(sample_toets(), path)
    before = read_only(path).read_bytes()
    args = ["sign", path, "--p12", pki.p12["toeslagen"], "--position", "akkoord",
            "--password", PASSWORD, "--allow-problems"]  # the sample toets is incomplete
    code, _out, err = run(capsys, *args)
    assert code == 3 and "alleen-lezen" in err and str(path) in err
    assert path.read_bytes() == before
    code, _out, err = run(capsys, *args, "--force")
    assert code == 0, err
    assert load_toets(path).signatures and not path.stat().st_mode & 0o222  # still read-only


def test_save_through_a_symlink_updates_its_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "archief" / "wet.toets"
    real.parent.mkdir()
    save_toets(sample_toets(), real)
    link = tmp_path / "wet.toets"
    link.symlink_to(real)
    toets = load_toets(link)
    toets.metadata.title = "Via de koppeling"
    save_toets(toets, link)
    assert link.is_symlink() and link.resolve() == real
    assert load_toets(real).metadata.title == "Via de koppeling"
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_a_device_is_never_replaced(tmp_path):
    link = tmp_path / "uit.pdf"
    link.symlink_to("/dev/null")
    with pytest.raises(FileProblem, match="apparaat"):
        atomic_write_bytes(link, b"%PDF-")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_read_only_is_refused_by_every_atomic_write(tmp_path):
    path = tmp_path / "uit.pdf"
    path.write_bytes(b"oud")
    read_only(path)
    with pytest.raises(ReadOnlyFile):
        atomic_write_bytes(path, b"nieuw")
    atomic_write_bytes(path, b"nieuw", replace_read_only=True)
    assert path.read_bytes() == b"nieuw" and not path.stat().st_mode & 0o222


def test_render_and_extract_refuse_an_output_that_is_an_input(capsys, tmp_path):
    toets = tmp_path / "wet.toets"
    toets.write_bytes(EXAMPLE.read_bytes())
    before = toets.read_bytes()
    code, _out, err = run(capsys, "render", toets, "-o", toets)
    assert code == 3 and "invoerbestand" in err and toets.read_bytes() == before
    pdf = tmp_path / "wet.pdf"
    assert run(capsys, "render", toets, "-o", pdf)[0] == 0
    alias = tmp_path / "ook-wet.pdf"
    alias.symlink_to(pdf)
    pdf_before = pdf.read_bytes()
    code, _out, err = run(capsys, "extract", pdf, "-o", alias, "--force")
    assert code == 3 and "invoerbestand" in err and pdf.read_bytes() == pdf_before


# --- fuzzing ---------------------------------------------------------------------------------
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner,
                                                                   max_size=5),
    max_leaves=30)
SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def _mutate(data, raw: bytearray) -> bytes:
    for _ in range(data.draw(st.integers(1, 8))):
        action = data.draw(st.sampled_from(["flip", "cut", "insert", "number", "dup"]))
        pos = data.draw(st.integers(0, max(len(raw) - 1, 0)))
        if action == "flip" and raw:
            raw[pos] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del raw[pos:pos + data.draw(st.integers(1, 80))]
        elif action == "number":
            raw[pos:pos] = data.draw(st.sampled_from(
                [b"1e999", b"-0", b"9" * 400, b"NaN", b"-Infinity", b"1e-999", b"0.1e308"]))
        elif action == "dup":
            raw[pos:pos] = b'"format": "toetsapp/toets", '
        else:
            raw[pos:pos] = data.draw(st.binary(min_size=1, max_size=8))
    return bytes(raw)


@SETTINGS
@given(data=st.data())
def test_fuzzed_toets_bytes_load_or_fail_with_a_file_problem(data):
    raw = _mutate(data, bytearray(EXAMPLE.read_bytes()))
    try:
        toets = toets_from_bytes(raw, "fuzz.toets")
    except FileProblem as problem:
        assert problem.issues and "fuzz.toets" in problem.describe()
    else:
        assert toets.format == "toetsapp/toets"


@SETTINGS
@given(value=JSON, where=st.sampled_from(["answers", "metadata", "overrides", "form", "top"]))
def test_fuzzed_toets_json_loads_or_fails_with_a_file_problem(value, where):
    data = json.loads(EXAMPLE.read_text("utf-8"))
    if where == "top":
        data = value
    elif where == "answers":
        data["answers"]["fte_structureel"] = value
    else:
        data[where] = value
    with contextlib.suppress(FileProblem):
        toets_from_bytes(json.dumps(data).encode(), "fuzz.toets")


MANIFEST = {"format": "toetsapp/dossier", "format_version": 1,
            "dossier": {"dossiernummer": "36 812", "title": "Wet proef",
                        "vergaderjaar": "2025/26", "kamer": "II"},
            "documents": [{"file": "ut.pdf"}, {"file": "mvt.pdf", "kind": "document"}]}


@SETTINGS
@given(data=st.data())
def test_fuzzed_manifests_load_or_fail_with_a_file_problem(data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("manifest")
    if data.draw(st.booleans()):
        raw = _mutate(data, bytearray(json.dumps(MANIFEST, indent=1).encode()))
    else:
        spoiled = json.loads(json.dumps(MANIFEST))
        key = data.draw(st.sampled_from(["dossier", "documents", "format_version", "extra"]))
        spoiled[key] = data.draw(JSON)
        raw = json.dumps(spoiled).encode()
    path = folder / "dossier.json"
    path.write_bytes(raw)
    try:
        manifest = load_manifest(path)
    except FileProblem as problem:
        assert "dossier.json" in problem.describe()
    else:
        assert manifest_from_data(read_json(path), path) == manifest


# --- the PDF guard that every PDF reader uses ------------------------------------------------
@pytest.mark.parametrize(("make", "words"), [
    (hc.encrypted_pdf, "versleuteld"), (hc.circular_xref, "beschadigd"),
    (lambda f: hc.write(f, "rommel.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40), "beschadigd"),
], ids=["encrypted", "circular-xref", "garbage"])
def test_pdf_guard_translates_library_errors(tmp_path, make, words):
    path = make(tmp_path)
    data = path.read_bytes()
    try:
        with pdfguard.guarded(path):
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                reader.pages[0].extract_text()
            reader.attachments  # noqa: B018 - reading is the test
            pdf = pdfguard.open_pikepdf(data, path)
            pdf.close()
    except FileProblem as problem:
        assert words in str(problem) and str(path) in str(problem)
        assert not any(w in str(problem) for w in ("Error", "xref", "Exception"))
    else:
        assert words == "beschadigd"  # a repairable file may open: then no error at all


def test_pdf_guard_names_a_compression_bomb(tmp_path):
    path = hc.bomb_attachment(tmp_path)
    with pytest.raises(FileProblem, match="compressiebom"):
        read_embedded_toets(path)
