"""Format 1 files (the previous release) open, migrate with notes, score the same, and
keep their co-signatures valid."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import answer_value
from tests.test_signing_pki import key, shared_pki, trust
from toetsapp.canonical import canonical_bytes
from toetsapp.catalog import default_catalog
from toetsapp.engine import evaluate, evaluate_toets
from toetsapp.files.migration import STEPS, migrate
from toetsapp.files.store import definition_warnings, load_toets, save_toets, toets_from_data
from toetsapp.model.toets import FORMAT_VERSION, CoSignature, utcnow
from toetsapp.signing import SignatureStatus, verify_toets
from toetsapp.signing.certs import fingerprint_hex, to_pem
from toetsapp.signing.content import signed_message
from toetsapp.signing.state import signed_state

V1 = Path(__file__).parent / "data" / "v1"
V1_FILES = sorted(V1.glob("*.toets"))


def v1_data(name: str) -> dict[str, Any]:
    return json.loads((V1 / f"{name}.toets").read_text("utf-8"))


def levels(ev) -> dict[str, str | None]:
    return {s.dimension.id: s.level for s in ev.dimensions} | {
        "@verdict": ev.verdict.value if ev.verdict else None}


def test_the_chain_reaches_the_current_version_one_step_at_a_time():
    assert sorted(STEPS) == list(range(1, FORMAT_VERSION))
    data = v1_data("invoeringstoets")
    notes = migrate(data)
    assert data["format_version"] == FORMAT_VERSION
    assert "formaatversie 1" in notes[0]


@pytest.mark.parametrize("path", V1_FILES, ids=lambda p: p.stem)
def test_every_v1_example_opens_with_notes_and_scores_as_before(path):
    catalog = default_catalog()
    raw = json.loads(path.read_text("utf-8"))
    assert raw["format_version"] == 1
    toets = load_toets(path)
    assert toets.format_version == FORMAT_VERSION
    assert toets.migration_notes and "formaatversie 1" in toets.migration_notes[0]
    assert toets.migration_notes[0] in definition_warnings(toets, catalog)
    form, rubric = catalog.forms[toets.form.id], catalog.rubric_for(toets.form.id)
    before = evaluate(form, rubric, {q: a["value"] for q, a in raw["answers"].items()},
                      toets.overrides)
    assert levels(evaluate_toets(toets, form, rubric)) == levels(before)
    assert toets.metadata.title == raw["metadata"]["title"]


def test_title_and_ministry_asked_twice_move_into_the_toets_data():
    data = v1_data("uitvoerbaarheidstoets")
    data["metadata"]["ministry"] = ""
    toets = toets_from_data(data, "x.toets")
    assert toets.metadata.ministry == "Ministerie van Volkshuisvesting en Ruimtelijke Ordening"
    assert "verantwoordelijk_ministerie" not in toets.answers
    assert "voorstel_titel" not in toets.answers
    assert any("verantwoordelijk_ministerie" in n for n in toets.migration_notes)


def test_a_title_that_differs_is_kept_and_named_in_the_notes():
    data = v1_data("doenvermogentoets")
    data["answers"]["titel_voorstel"]["value"] = "Een andere titel"
    toets = toets_from_data(data, "x.toets")
    assert toets.answers["titel_voorstel"].value == "Een andere titel"
    assert any("Een andere titel" in n and "kijk na" in n for n in toets.migration_notes)


def test_the_input_data_is_not_changed_by_loading():
    data = v1_data("uitvoerbaarheidstoets")
    before = copy.deepcopy(data)
    toets_from_data(data, "x.toets")
    assert data == before


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_property_a_migrated_v1_toets_scores_the_same(data):
    catalog = default_catalog()
    base = v1_data("uitvoerbaarheidstoets")
    form = catalog.forms[base["form"]["id"]]
    rubric = catalog.rubric_for(form.id)
    answers = {}
    for _section, question in form.questions():
        if data.draw(st.booleans(), label=f"answer {question.id}"):
            answers[question.id] = {"value": data.draw(answer_value(question),
                                                       label=question.id)}
    base["answers"] = answers
    toets = toets_from_data(copy.deepcopy(base), "x.toets")
    before = evaluate(form, rubric, {q: a["value"] for q, a in answers.items()})
    assert levels(evaluate_toets(toets, form, rubric)) == levels(before)


# --- co-signatures made over format 1 -------------------------------------------------


def v1_content(data: dict[str, Any]) -> dict[str, Any]:
    """What a format 1 co-signature covers, worked out from the file itself: every
    field (the file holds them all) except signatures, revisions, metadata.modified."""
    content = copy.deepcopy(data)
    content.pop("signatures")
    content.pop("revisions")
    content["metadata"].pop("modified")
    return content


def sign_v1(data: dict[str, Any], signing_key, organisation: str) -> dict[str, Any]:
    """A real format 1 co-signature (RSA-PSS/ECDSA with a test certificate)."""
    digest = "sha256:" + hashlib.sha256(canonical_bytes(v1_content(data))).hexdigest()
    unsigned = CoSignature(
        organisation=organisation, name=signing_key.name, role="Directeur",
        position="akkoord", remarks="", signed_at=utcnow(),
        content_digest=digest, algorithm=signing_key.algorithm, signature="",
        certificate=to_pem(signing_key.certificate),
        chain=[to_pem(c) for c in signing_key.chain])
    message = signed_message(unsigned, fingerprint_hex(signing_key.certificate))
    signature = base64.b64encode(signing_key.sign(message)).decode("ascii")
    return unsigned.model_copy(update={"signature": signature}).model_dump(mode="json")


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return shared_pki(tmp_path_factory)


@pytest.fixture
def signed_v1(pki) -> dict[str, Any]:
    data = v1_data("uitvoerbaarheidstoets")
    # Both signers are listed: a signature only counts for an organisation of the toets.
    data["metadata"]["organisations"] = [
        {"name": "Dienst Toeslagen", "abbreviation": "", "role": "lead"},
        {"name": "Belastingdienst", "abbreviation": "", "role": "co"}]
    data["signatures"] = [sign_v1(data, key(pki, "toeslagen"), "Dienst Toeslagen"),
                          sign_v1(data, key(pki, "belastingdienst"), "Belastingdienst")]
    return data


def test_a_v1_cosigned_toets_still_verifies_after_migration(pki, signed_v1, tmp_path):
    path = tmp_path / "ath.toets"
    path.write_text(json.dumps(signed_v1, ensure_ascii=False), "utf-8")
    toets = load_toets(path)
    assert toets.format_version == FORMAT_VERSION
    assert "voorstel_titel" not in toets.answers  # the content really changed
    assert [r.status for r in verify_toets(toets, trust(pki))] == [SignatureStatus.VALID] * 2
    assert signed_state(toets).signed
    # saved as the current format without edits: still valid
    save_toets(toets, path, summary="Opgeslagen in het nieuwe formaat")
    again = load_toets(path)
    assert json.loads(path.read_text("utf-8"))["format_version"] == FORMAT_VERSION
    assert [r.status for r in verify_toets(again, trust(pki))] == [SignatureStatus.VALID] * 2


def test_an_edit_after_migration_voids_the_v1_signatures(pki, signed_v1):
    toets = toets_from_data(signed_v1, "x.toets")
    toets.answers["gevolgen"].value = "beperkt"
    statuses = [r.status for r in verify_toets(toets, trust(pki))]
    assert statuses == [SignatureStatus.CONTENT_CHANGED] * 2
    assert not signed_state(toets).signed


def test_an_edit_of_the_v1_file_before_opening_is_detected(pki, signed_v1):
    signed_v1["answers"]["gevolgen"]["value"] = "beperkt"
    toets = toets_from_data(signed_v1, "x.toets")
    assert [r.status for r in verify_toets(toets, trust(pki))] == [
        SignatureStatus.CONTENT_CHANGED] * 2


def test_a_forged_earlier_content_does_not_make_signatures_valid(pki, signed_v1, tmp_path):
    """Editing the answers and the kept earlier content alike does not fool the check:
    the kept content no longer has the signed digest."""
    toets = toets_from_data(signed_v1, "x.toets")
    data = toets.model_dump(mode="json")
    data["answers"]["gevolgen"]["value"] = "beperkt"
    data["migrated_from"][0]["content"]["answers"]["gevolgen"]["value"] = "beperkt"
    forged = toets_from_data(data, "x.toets")
    assert [r.status for r in verify_toets(forged, trust(pki))] == [
        SignatureStatus.CONTENT_CHANGED] * 2


def test_unsigned_files_keep_no_earlier_content():
    toets = toets_from_data(v1_data("uitvoerbaarheidstoets"), "x.toets")
    assert toets.migrated_from == []


def sign_v3(data: dict[str, Any], signing_key, organisation: str) -> dict[str, Any]:
    """A format 3 co-signature: over the content with ``"format_version": 3`` (format 4
    added only the unsigned ``timestamp`` of a signature), and without that field."""
    from toetsapp.signing.content import signed_content

    current = toets_from_data({**data, "format_version": FORMAT_VERSION}, "x.toets")
    content = {**signed_content(current), "format_version": 3}
    signature = sign_v1(data, signing_key, organisation)
    signature["content_digest"] = "sha256:" + hashlib.sha256(
        canonical_bytes(content)).hexdigest()
    unsigned = CoSignature.model_validate({**signature, "signature": ""})
    raw = signing_key.sign(signed_message(unsigned, fingerprint_hex(signing_key.certificate)))
    signature["signature"] = base64.b64encode(raw).decode("ascii")
    del signature["timestamp"]  # a format 3 release did not know the field
    return signature


def test_a_v3_cosigned_toets_still_verifies_as_format_4(pki, tmp_path):
    base = toets_from_data(v1_data("uitvoerbaarheidstoets"), "x.toets").model_dump(mode="json")
    base.update(format_version=3, migrated_from=[], signatures=[])
    base["metadata"]["organisations"] = [
        {"name": "Dienst Toeslagen", "abbreviation": "", "role": "lead"}]
    base["signatures"] = [sign_v3(base, key(pki, "toeslagen"), "Dienst Toeslagen")]
    path = tmp_path / "v3.toets"
    path.write_text(json.dumps(base, ensure_ascii=False), "utf-8")
    toets = load_toets(path)
    assert toets.format_version == FORMAT_VERSION == 4
    assert toets.migrated_from[0].format_version == 3
    assert [r.status for r in verify_toets(toets, trust(pki))] == [SignatureStatus.VALID]
    save_toets(toets, path, summary="Opgeslagen in formaat 4")
    again = load_toets(path)
    assert [r.status for r in verify_toets(again, trust(pki))] == [SignatureStatus.VALID]
    again.answers["gevolgen"].value = "beperkt"
    assert [r.status for r in verify_toets(again, trust(pki))] == [
        SignatureStatus.CONTENT_CHANGED]
