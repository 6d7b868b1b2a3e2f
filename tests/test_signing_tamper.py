"""Tampering with a signed toets is always detected; reformatting its JSON never is.

Every leaf of the file (answers, metadata, overrides, form and rubric references,
format version, and every field of every co-signature) is changed — once each by a
fixed rule, and at random by hypothesis — and the verdict must be 'not valid':
all signatures 'content changed' for content, the touched signature for its own fields.
"""

from __future__ import annotations

import base64
import copy
import json
import random
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_signing_pki import THREE, Pki, shared_pki, signed_by, trust
from toetsapp.errors import FileProblem
from toetsapp.files.store import toets_from_bytes, toets_from_data
from toetsapp.model.toets import POSITIONS, STATUSES
from toetsapp.signing import (
    SignatureStatus,
    TrustStore,
    content_digest,
    missing_signers,
    verify_toets,
)
from toetsapp.signing.certs import ALGORITHMS

Path_ = tuple[Any, ...]
NOT_COVERED = (("revisions",), ("comments",), ("reviews",), ("metadata", "modified"),
               ("migrated_from",))
CALM = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture,
                                                    HealthCheck.too_slow]}


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return shared_pki(tmp_path_factory)


@pytest.fixture(scope="module")
def signed(pki) -> tuple[dict[str, Any], TrustStore]:
    """A toets co-signed by three organisations, as file data, and the trust store."""
    toets = signed_by(pki, *THREE)
    assert [r.status for r in verify_toets(toets, trust(pki))] == [SignatureStatus.VALID] * 3
    return toets.model_dump(mode="json"), trust(pki)


def leaves(data: Any, path: Path_ = ()) -> Iterator[Path_]:
    """Every scalar (and empty container) in ``data`` that signatures must protect."""
    if any(path[:len(skip)] == skip for skip in NOT_COVERED):
        return
    if isinstance(data, dict) and data:
        for k, v in data.items():
            yield from leaves(v, (*path, k))
    elif isinstance(data, list) and data:
        for i, v in enumerate(data):
            yield from leaves(v, (*path, i))
    else:
        yield path


def get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def put(data: Any, path: Path_, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    target = out
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return out


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def tweak(path: Path_, old: Any) -> Any:
    """A fixed, valid change of the leaf at ``path`` (valid: the file still loads)."""
    key = path[-1]
    if path == ("id",):
        return str(uuid.UUID(int=uuid.UUID(old).int ^ 1))
    if path == ("format",):
        return "toetsapp/iets-anders"
    if key == "format_version":
        return 1 if old != 1 else 2
    if key == "language":
        return "en" if old == "nl" else "nl"
    if key == "version":
        major, minor, patch = map(int, old.split("."))
        return f"{major}.{minor}.{patch + 1}"
    if key in ("hash", "content_digest"):
        return old[:-1] + ("0" if old[-1] != "0" else "1")
    if key == "ondernummer":
        return str(int(old or 0) + 1)
    if key == "open_problems":  # recorded (signed) or not recorded: both are detected
        return (old or 0) + 1
    added = {"joint_dossiernummers": ["36 900"],
             "related_kamerstukken": [{"dossiernummer": "36 900", "ondernummer": "4"}],
             "not_applicable_sections": {"sectie": {"reason": "x"}},
             "not_applicable": {"reason": ""},
             "not_applicable_choices": ["x"]}
    if key in added and not old:
        return added[key]
    special = {"dossiernummer": "36 813", "kamer": "I" if old == "II" else "II",
               "vergaderjaar": "2026/27"}
    if key in special:
        return special[key]
    if key in ("kamerstuk_document", "zaaknummer"):
        return old[:-1] + ("0" if old[-1] != "0" else "1")
    if key in ("toets_date", "deadline"):
        return (date.fromisoformat(old) + timedelta(days=1)).isoformat()
    if key in ("created", "at", "signed_at"):
        return _iso(datetime.fromisoformat(old.replace("Z", "+00:00")) + timedelta(seconds=1))
    if key == "status":
        return STATUSES[(STATUSES.index(old) + 1) % len(STATUSES)]
    if key == "role" and "organisations" in path:
        return "co" if old == "lead" else "lead"
    if key == "position":
        return POSITIONS[(POSITIONS.index(old) + 1) % len(POSITIONS)]
    if key == "algorithm":
        return next(a for a in ALGORITHMS if a != old)
    if key == "signature":
        raw = bytearray(base64.b64decode(old))
        raw[len(raw) // 2] ^= 0x04
        return base64.b64encode(bytes(raw)).decode()
    if isinstance(old, str) and old.startswith("-----BEGIN CERTIFICATE-----"):
        lines = old.splitlines()
        body = lines[3]  # flip one character inside the DER: another certificate
        lines[3] = body[:10] + ("A" if body[10] != "A" else "B") + body[11:]
        return "\n".join(lines) + "\n"
    if isinstance(old, bool):
        return not old
    if isinstance(old, int):
        return old + 1
    if isinstance(old, float):
        return old + 0.5
    if isinstance(old, str):
        return old + "·" if old else "x"
    return "x"


def random_change(path: Path_, old: Any) -> st.SearchStrategy[Any]:
    """Random changes of the leaf, of its own type where the schema allows any value."""
    fixed = st.just(tweak(path, old))
    key = path[-1]
    if key in ("toets_date", "deadline"):
        return st.dates(date(2000, 1, 1), date(2100, 1, 1)).map(date.isoformat) | fixed
    if key in ("created", "at", "signed_at"):
        return st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1)).map(
            lambda d: d.replace(microsecond=0).isoformat() + "Z") | fixed
    if isinstance(old, bool) or not isinstance(old, str | int | float):
        return fixed
    if isinstance(old, int):
        return st.integers(-10**12, 10**12) | fixed
    if isinstance(old, float):
        return st.floats(-1e9, 1e9, allow_nan=False) | fixed
    if key in ("title", "short_title", "ministry", "name", "summary", "remarks", "evidence",
               "involved", "motivation", "by", "role", "organisation", "value", "email",
               "abbreviation") and not ("organisations" in path and key == "role"):
        return st.text(min_size=1, max_size=30) | fixed
    return fixed


def check_detected(data: dict[str, Any], path: Path_, store: TrustStore,
                   *, must_load: bool) -> None:
    """The mutated file either fails to load, or its signatures say what happened."""
    try:
        toets = toets_from_data(json.loads(json.dumps(data)), "getest.toets")
    except FileProblem:
        assert not must_load, f"{path}: change should load"
        return
    results = verify_toets(toets, store)
    statuses = [r.status for r in results]
    if path == ("format_version",):
        # Labelled as an older format, the file is migrated; the signatures still hold
        # exactly when the migrated content is the content that was signed.
        assert content_digest(toets) == data["signatures"][0]["content_digest"] or (
            statuses == [SignatureStatus.CONTENT_CHANGED] * 3), statuses
        return
    if path[0] == "signatures":
        assert not results[path[1]].valid, f"{path}: signature still valid"
        others = [s for i, s in enumerate(statuses) if i != path[1]]
        assert others == [SignatureStatus.VALID] * 2, f"{path}: {statuses}"
    else:
        assert statuses == [SignatureStatus.CONTENT_CHANGED] * 3, f"{path}: {statuses}"


def test_there_is_much_to_protect(signed):
    data, _store = signed
    paths = list(leaves(data))
    groups = {p[0] for p in paths}
    assert {"id", "format_version", "form", "rubric", "metadata", "answers", "overrides",
            "signatures", "language", "format"} <= groups
    assert len(paths) > 100


def test_every_leaf_changed_is_detected(signed):
    data, store = signed
    for path in leaves(data):
        old = get(data, path)
        new = tweak(path, old)
        assert new != old, path
        must_load = path not in (("format",), ("format_version",))
        check_detected(put(data, path, new), path, store, must_load=must_load)


@settings(max_examples=120, **CALM)
@given(choice=st.data())
def test_random_changes_are_detected(signed, choice):
    data, store = signed
    path = choice.draw(st.sampled_from(list(leaves(data))), label="path")
    old = get(data, path)
    new = choice.draw(random_change(path, old).filter(lambda v: v != old), label="new")
    if isinstance(old, float | int) and not isinstance(old, bool) and float(new) == old:
        return  # 5 and 5.0 are the same number: not a change
    check_detected(put(data, path, new), path, store, must_load=False)


def _structural(data: dict[str, Any], op: str) -> dict[str, Any]:
    out = copy.deepcopy(data)
    if op == "add_answer":
        out["answers"]["nieuwe_vraag"] = {"value": "ja", "evidence": "", "involved": ""}
    elif op == "drop_answer":
        del out["answers"]["kosten"]
    elif op == "add_choice":
        out["answers"]["aspecten"]["value"].append("handhaafbaarheid")
    elif op == "drop_row":
        out["answers"]["kosten_tabel"]["value"].pop()
    elif op == "add_cell":
        out["answers"]["kosten_tabel"]["value"][0]["toelichting"] = "extra"
    elif op == "drop_verdict_override":
        out["overrides"]["verdict"] = None
    elif op == "drop_dimension_override":
        out["overrides"]["dimensions"] = {}
    elif op == "add_organisation":
        out["metadata"]["organisations"].append({"name": "UWV", "abbreviation": "UWV",
                                                 "role": "co"})
    elif op == "swap_organisations":
        orgs = out["metadata"]["organisations"]
        orgs[0], orgs[1] = orgs[1], orgs[0]
    elif op == "no_rubric":
        out["rubric"] = None
    return out


@pytest.mark.parametrize("op", ["add_answer", "drop_answer", "add_choice", "drop_row",
                                "add_cell", "drop_verdict_override", "drop_dimension_override",
                                "add_organisation", "swap_organisations", "no_rubric"])
def test_structural_changes_are_detected(signed, op):
    data, store = signed
    check_detected(_structural(data, op), (op,), store, must_load=True)


def test_dropping_the_chain_or_a_whole_signature_is_detected(signed):
    data, store = signed
    check_detected(put(data, ("signatures", 1, "chain"), []), ("signatures", 1), store,
                   must_load=True)
    gone = copy.deepcopy(data)
    del gone["signatures"][2]
    toets = toets_from_data(gone, "x")
    results = verify_toets(toets, store)
    assert all(r.valid for r in results)
    assert missing_signers(toets, results) == ["Vereniging van Nederlandse Gemeenten"]


def _shuffled(value: Any, rnd: random.Random) -> Any:
    if isinstance(value, dict):
        items = list(value.items())
        rnd.shuffle(items)
        return {k: _shuffled(v, rnd) for k, v in items}
    if isinstance(value, list):
        return [_shuffled(v, rnd) for v in value]
    return value


def _whole_floats(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, dict):
        return {k: _whole_floats(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole_floats(v) for v in value]
    return value


@settings(max_examples=30, **CALM)
@given(rnd=st.randoms(use_true_random=False), indent=st.sampled_from([None, 0, 1, 2, 4, "\t"]),
       ascii_only=st.booleans(), crlf=st.booleans(), bom=st.booleans(), floats=st.booleans(),
       loose=st.booleans())
def test_reformatting_is_not_a_change(signed, rnd, indent, ascii_only, crlf, bom, floats,
                                      loose):
    data, store = signed
    data = _shuffled(data, rnd)
    if floats:  # 1250000 written as 1250000.0 is the same number
        data["answers"] = _whole_floats(data["answers"])
    separators = (" , ", " : ") if loose else None
    text = json.dumps(data, indent=indent, ensure_ascii=ascii_only, separators=separators)
    if crlf:
        text = text.replace("\n", "\r\n")
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8") + b"\n\n"
    toets = toets_from_bytes(raw, "herschreven.toets")
    assert [r.status for r in verify_toets(toets, store)] == [SignatureStatus.VALID] * 3
