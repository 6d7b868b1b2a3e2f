"""Comments, history, differences and merging (``toetsapp.review``), with real files."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.review_support import LARGEST, ROOT, definitions, edited, example, text_questions
from tests.test_signing_pki import PASSWORD, shared_pki
from toetsapp.cli import main
from toetsapp.files.store import load_toets, save_toets
from toetsapp.model.toets import FORMAT_VERSION, MAX_REVISIONS, Toets
from toetsapp.review.comments import (
    Author,
    add_comment,
    open_counts,
    reply,
    resolve,
    set_review,
)
from toetsapp.review.diff import diff_toetsen
from toetsapp.review.history import VALUE_BUDGET, answer_history, cap, record_revision
from toetsapp.review.items import items
from toetsapp.review.merge import merge
from toetsapp.signing.content import content_bytes, content_digest

CALM = {"deadline": None, "max_examples": 25,
        "suppress_health_check": [HealthCheck.function_scoped_fixture,
                                  HealthCheck.too_slow]}
EVA = Author("Eva de Wit", "UWV")
BRAM = Author("Bram Jansen", "Belastingdienst")
BASE = example()
QUESTIONS = text_questions(BASE)
FORM, RUBRIC = definitions(BASE)


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


# --- format and id ------------------------------------------------------------------------
def test_an_older_format_file_migrates_to_the_current_format_with_stable_ids(tmp_path):
    raw = json.loads(LARGEST.read_text("utf-8"))
    assert raw["format_version"] < 3  # the examples are written by an earlier format
    first, second = load_toets(LARGEST), load_toets(LARGEST)
    assert first.format_version == FORMAT_VERSION >= 3
    assert str(first.id) == raw["id"]
    assert [r.id for r in first.revisions] == [r.id for r in second.revisions]
    path = tmp_path / "x.toets"
    save_toets(first, path, summary="opgeslagen", previous=first)
    again = load_toets(path)
    assert again.id == first.id
    assert json.loads(path.read_text("utf-8"))["format_version"] == FORMAT_VERSION
    assert [r.id for r in again.revisions[:-1]] == [r.id for r in first.revisions[:-1]]


def test_a_file_without_id_gets_the_same_id_every_time(tmp_path):
    raw = json.loads(LARGEST.read_text("utf-8"))
    del raw["id"]
    path = tmp_path / "zonder-id.toets"
    path.write_text(json.dumps(raw), "utf-8")
    assert load_toets(path).id == load_toets(path).id


# --- comments -----------------------------------------------------------------------------
def test_comments_replies_resolving_and_counts(tmp_path):
    toets = BASE.model_copy(deep=True)
    question = QUESTIONS[0]
    first = add_comment(toets, FORM, "Bron ontbreekt", EVA, question=question)
    add_comment(toets, FORM, "Onderdeel als geheel graag korter", BRAM,
                section=FORM.sections[1].id)
    reply(toets, first.id, "Toegevoegd", BRAM)
    per_section, per_question = open_counts(toets)
    assert per_question[question] == 1 and sum(per_section.values()) == 2
    resolve(toets, first.id, EVA)
    assert open_counts(toets)[1][question] == 0
    set_review(toets, FORM, FORM.sections[0].id, "aanpassen", EVA, "Zie opmerkingen")
    set_review(toets, FORM, FORM.sections[0].id, "akkoord", EVA)  # replaces her earlier one
    assert [r.verdict for r in toets.reviews] == ["akkoord"]
    path = tmp_path / "r.toets"
    save_toets(toets, path)
    back = load_toets(path)
    assert back.comments[0].replies[0].text == "Toegevoegd"
    assert back.comments[0].resolved is not None and back.comments[0].resolved.by == EVA.name


def test_a_comment_never_voids_a_real_signature(tmp_path_factory, tmp_path):
    from tests.test_signing_pki import signed_by, trust
    from toetsapp.signing import SignatureStatus, verify_toets

    pki = shared_pki(tmp_path_factory)
    toets = signed_by(pki, "toeslagen", toets=BASE.model_copy(deep=True))
    add_comment(toets, FORM, "Graag nog een bron", EVA, question=QUESTIONS[0])
    set_review(toets, FORM, FORM.sections[0].id, "vraag", EVA, "Waarom 2028?")
    path = tmp_path / "getekend.toets"
    save_toets(toets, path, summary="opmerking", previous=toets)
    results = verify_toets(load_toets(path), trust(pki))
    assert [r.status for r in results] == [SignatureStatus.VALID]


@settings(**CALM)
@given(st.lists(st.tuples(st.sampled_from(["comment", "reply", "resolve", "review"]),
                          st.text(min_size=1, max_size=40).filter(str.strip),
                          st.integers(0, 20)), max_size=12))
def test_comments_never_change_the_signed_content(actions):
    toets = BASE.model_copy(deep=True)
    before = content_bytes(toets)
    for kind, text, n in actions:
        if kind == "comment" or not toets.comments:
            add_comment(toets, FORM, text, EVA, question=QUESTIONS[n % len(QUESTIONS)])
        elif kind == "reply":
            reply(toets, toets.comments[n % len(toets.comments)].id, text, BRAM)
        elif kind == "resolve":
            resolve(toets, toets.comments[n % len(toets.comments)].id, BRAM, n % 2 == 0)
        else:
            set_review(toets, FORM, FORM.sections[n % len(FORM.sections)].id, "vraag", BRAM,
                       text)
    assert content_bytes(toets) == before


# --- history ------------------------------------------------------------------------------
def test_every_save_logs_the_changed_answers_and_the_history_of_one_answer(tmp_path):
    path = tmp_path / "h.toets"
    save_toets(BASE, path)
    question = QUESTIONS[0]
    old_value = BASE.answers[question].value
    for n, who in enumerate(["Eva", "Bram"]):
        toets = load_toets(path)
        previous = toets.model_copy(deep=True)
        toets.answers[question] = toets.answers[question].model_copy(
            update={"value": f"versie {n}"})
        save_toets(toets, path, summary=f"ronde {n}", by=who, previous=previous)
    toets = load_toets(path)
    assert [c.key for c in toets.revisions[-1].changes] == [f"answers.{question}.value"]
    assert toets.revisions[-1].digest == content_digest(toets)
    history = answer_history(toets, question)
    assert [(h.old, h.new, h.revision.by) for h in history] == [
        ("versie 0", "versie 1", "Bram"), (old_value, "versie 0", "Eva")]


def test_the_history_is_capped_by_count_and_by_value_size():
    toets = BASE.model_copy(deep=True)
    question = QUESTIONS[0]
    for n in range(MAX_REVISIONS + 20):
        previous = toets.model_copy(deep=True)
        toets.answers[question] = toets.answers[question].model_copy(
            update={"value": f"{n} " + "x" * 30_000})
        record_revision(toets, f"ronde {n}", previous=previous)
    assert len(toets.revisions) == MAX_REVISIONS
    kept = [c for r in toets.revisions for c in r.changes if not c.dropped]
    dropped = [c for r in toets.revisions for c in r.changes if c.dropped]
    assert dropped and kept and kept[-1].new.startswith(f"{MAX_REVISIONS + 19} ")
    assert sum(len(json.dumps([c.old, c.new])) for c in kept) <= VALUE_BUDGET
    assert all(c.old is None and c.new is None for c in dropped)
    assert len(cap(list(toets.revisions))) == MAX_REVISIONS


# --- differences --------------------------------------------------------------------------
@settings(**CALM)
@given(st.data())
def test_diff_of_a_toets_with_itself_is_empty(data):
    edits = data.draw(st.dictionaries(
        st.tuples(st.sampled_from(QUESTIONS), st.sampled_from(["value", "evidence"])),
        st.text(min_size=1, max_size=30).filter(str.strip), max_size=4))
    toets = edited(BASE, edits, by="x")
    assert diff_toetsen(toets, toets.model_copy(deep=True), FORM, RUBRIC).equal


def test_diff_lists_answers_evidence_overrides_scores_and_metadata():
    other = edited(BASE, {(QUESTIONS[0], "value"): "Heel anders",
                          (QUESTIONS[1], "evidence"): "Nieuwe bron"}, by="Bram")
    other.metadata.title = "Andere titel"
    other.overrides.verdict = None
    diff = diff_toetsen(BASE, other, FORM, RUBRIC)
    keys = diff.changed_keys()
    assert {f"answers.{QUESTIONS[0]}.value", f"answers.{QUESTIONS[1]}.evidence",
            "metadata.title"} <= keys
    if BASE.overrides.verdict is not None:
        assert "overrides.verdict" in keys
    groups = {g.id for g in diff.groups if g.differences}
    assert "metadata" in groups and len(groups) >= 2


def test_cli_diff_exit_codes_json_english_and_pdf(capsys, tmp_path):
    a, b = tmp_path / "a.toets", tmp_path / "b.toets"
    save_toets(BASE, a)
    save_toets(edited(BASE, {(QUESTIONS[0], "value"): "Heel anders"}, by="Bram"), b)
    assert run(capsys, "diff", a, a)[0] == 0
    code, out, _err = run(capsys, "diff", a, b)
    assert code == 1 and "Heel anders" in out
    code, out, _err = run(capsys, "--lang", "en", "diff", a, b)
    assert code == 1 and "Differences from" in out
    code, out, _err = run(capsys, "diff", "--json", a, b)
    data = json.loads(out)
    assert code == 1 and data["equal"] is False and data["same_toets"] is True
    keys = [d["key"] for g in data["groups"] for d in g["differences"]]
    assert f"answers.{QUESTIONS[0]}.value" in keys
    pdf = tmp_path / "b.pdf"
    assert run(capsys, "render", b, "-o", pdf)[0] == 0
    assert run(capsys, "diff", b, pdf)[0] == 0
    assert run(capsys, "diff", a, pdf)[0] == 1
    assert run(capsys, "diff", a, tmp_path / "weg.toets")[0] == 3


# --- merging ------------------------------------------------------------------------------
edits_strategy = st.dictionaries(
    st.tuples(st.sampled_from(QUESTIONS), st.sampled_from(["value", "evidence", "involved"])),
    st.sampled_from(["a", "b", "c"]), max_size=5)


@settings(**CALM)
@given(edits_strategy)
def test_merging_a_copy_with_itself_is_a_no_op(edits):
    toets = edited(BASE, edits, by="x")
    add_comment(toets, FORM, "Opmerking", EVA, question=QUESTIONS[0])
    result = merge(toets, toets.model_copy(deep=True), FORM)
    assert not result.changed and not result.conflicts and not result.taken
    assert result.toets.model_dump() == toets.model_dump()


@settings(**CALM)
@given(edits_strategy, edits_strategy)
def test_merge_is_symmetric_except_for_conflicts(mine_edits, their_edits):
    mine = edited(BASE, mine_edits, by="Eva")
    theirs = edited(BASE, their_edits, by="Bram")
    add_comment(theirs, FORM, "Van Bram", BRAM, question=QUESTIONS[0])
    one, two = merge(mine, theirs, FORM), merge(theirs, mine, FORM)
    conflicts = {c.key for c in one.conflicts}
    assert conflicts == {c.key for c in two.conflicts}
    items_one = {k: v for k, v in items(one.toets).items() if k not in conflicts}
    items_two = {k: v for k, v in items(two.toets).items() if k not in conflicts}
    assert items_one == items_two
    for (question, part), value in {**mine_edits, **their_edits}.items():
        key = f"answers.{question}.{part}"
        if key not in conflicts:
            assert items_one[key] == value  # a one-sided change always survives
    assert {c.id for c in one.toets.comments} >= {c.id for c in theirs.comments}
    assert content_digest(Toets.model_validate(one.toets.model_dump())) == content_digest(
        one.toets)


def test_merge_takes_one_sided_changes_and_reports_conflicts():
    q1, q2, q3 = QUESTIONS[:3]
    mine = edited(BASE, {(q1, "value"): "mijn versie", (q3, "evidence"): "mijn bron"}, by="Eva")
    theirs = edited(BASE, {(q1, "value"): "hun versie", (q2, "value"): "alleen hun"},
                    by="Bram")
    add_comment(theirs, FORM, "Zie q2", BRAM, question=q2)
    result = merge(mine, theirs, FORM, by="Eva", name_theirs="terug.toets")
    merged = result.toets
    assert merged.answers[q2].value == "alleen hun"
    assert merged.answers[q3].evidence == "mijn bron"
    assert merged.answers[q1].value == "mijn versie"
    [conflict] = result.conflicts
    assert (conflict.key, conflict.mine, conflict.theirs) == (
        f"answers.{q1}.value", "mijn versie", "hun versie")
    assert conflict.mine_by.by == "Eva" and conflict.theirs_by.by == "Bram"
    lost = [c for c in merged.comments if c.question == q1]
    assert lost and "hun versie" in lost[0].text  # nothing is lost
    assert merged.revisions[-1].summary.startswith("Samengevoegd met terug.toets")
    assert {r.id for r in merged.revisions} >= {r.id for r in theirs.revisions}
    chosen = merge(mine, theirs, FORM, choices={f"answers.{q1}.value": "theirs"})
    assert chosen.toets.answers[q1].value == "hun versie"


def _write_their_copy(src: Path, dst: Path, question: str) -> None:
    """The co-signer's side, in another process: open, edit, comment, save."""
    script = f"""
import sys
from toetsapp.catalog import default_catalog
from toetsapp.review.comments import Author, add_comment
from toetsapp.files.store import load_toets, save_toets
toets = load_toets({str(src)!r})
before = toets.model_copy(deep=True)
form = default_catalog().form(toets.form.id)
toets.answers[{question!r}] = toets.answers[{question!r}].model_copy(
    update={{"evidence": "Bron van de Belastingdienst"}})
add_comment(toets, form, "Wij zien een extra risico", Author("Bram", "Belastingdienst"),
            question={question!r})
save_toets(toets, {str(dst)!r}, summary="Reactie Belastingdienst", by="Bram",
           previous=before)
"""
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT,
                   env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_cli_merge_of_a_copy_returned_from_another_process(capsys, tmp_path):
    mine, theirs, out = tmp_path / "mijn.toets", tmp_path / "terug.toets", tmp_path / "uit.toets"
    save_toets(BASE, mine)
    question = QUESTIONS[0]
    _write_their_copy(mine, theirs, question)
    code, text, err = run(capsys, "merge", mine, theirs, "-o", out, "--by", "Eva")
    assert code == 0, err
    merged = load_toets(out)
    assert merged.answers[question].evidence == "Bron van de Belastingdienst"
    assert any(c.text == "Wij zien een extra risico" for c in merged.comments)
    assert merged.revisions[-1].by == "Eva"
    assert run(capsys, "validate", out)[0] in (0, 1)  # loads and validates like any toets
    assert load_toets(mine).model_dump() == load_toets(mine).model_dump()
    code, text, _err = run(capsys, "merge", out, out, "-o", tmp_path / "zelf.toets")
    assert code == 0 and "niets over te nemen" in text


def test_cli_merge_conflicts_take_and_unrelated_toetsen(capsys, tmp_path):
    q = QUESTIONS[0]
    mine, theirs = tmp_path / "m.toets", tmp_path / "t.toets"
    save_toets(edited(BASE, {(q, "value"): "mijn"}, by="Eva"), mine)
    save_toets(edited(BASE, {(q, "value"): "hun"}, by="Bram"), theirs)
    code, text, _err = run(capsys, "merge", mine, theirs, "-o", tmp_path / "1.toets")
    assert code == 1 and f"answers.{q}.value" in text and "Bram" in text
    assert load_toets(tmp_path / "1.toets").answers[q].value == "mijn"
    code, _text, _err = run(capsys, "merge", mine, theirs, "-o", tmp_path / "2.toets",
                            "--take", f"{q}=theirs")
    assert code == 0 and load_toets(tmp_path / "2.toets").answers[q].value == "hun"
    code, out, _err = run(capsys, "merge", "--json", mine, theirs, "-o", tmp_path / "3.toets",
                          "--prefer", "theirs")
    assert code == 0 and json.loads(out)["conflicts"][0]["theirs"] == "hun"
    other = BASE.model_copy(deep=True, update={"id": uuid.uuid4()})
    save_toets(other, tmp_path / "ander.toets")
    code, _out, err = run(capsys, "merge", mine, tmp_path / "ander.toets", "-o",
                          tmp_path / "4.toets")
    assert code == 1 and "geen kopie" in err and not (tmp_path / "4.toets").exists()
    assert run(capsys, "merge", mine, theirs, "-o", tmp_path / "5.toets", "--take", "x")[0] == 2


# --- verify names the changed answers -----------------------------------------------------
def test_verify_names_the_answers_changed_since_signing(capsys, tmp_path_factory, tmp_path,
                                                        monkeypatch):
    pki = shared_pki(tmp_path_factory)
    monkeypatch.setenv("TOETSAPP_TRUST_DIR", str(pki.trust_dir))
    path = tmp_path / "t.toets"
    save_toets(BASE, path)
    assert run(capsys, "sign", path, "--p12", pki.p12["toeslagen"], "--position", "akkoord",
               "--password", PASSWORD)[0] == 0
    toets = load_toets(path)
    previous = toets.model_copy(deep=True)
    question = QUESTIONS[0]
    toets.answers[question] = toets.answers[question].model_copy(update={"value": "later"})
    save_toets(toets, path, summary="na ondertekening", previous=previous)
    code, out, _err = run(capsys, "verify", path)
    title = FORM.question_index()[question].title("nl")
    assert code == 1 and f"tekende: {title}" in out
    code, out, _err = run(capsys, "verify", "--json", path)
    changed = json.loads(out)["files"][0]["changed_since_signing"]["0"]["changed"]
    assert changed == [f"answers.{question}.value"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_diff_help_is_translated(capsys, lang):
    with pytest.raises(SystemExit):
        main(["--lang", lang, "diff", "--help"])
    assert "JSON" in capsys.readouterr().out


def test_the_pdf_leaves_comments_out_unless_asked_for_a_review_copy(capsys, tmp_path):
    from tests.export_support import all_text, squash

    toets = BASE.model_copy(deep=True)
    add_comment(toets, FORM, "Graag de bron van de CPB-raming", EVA, question=QUESTIONS[0])
    set_review(toets, FORM, FORM.sections[0].id, "vraag", BRAM, "Waarom 2028?")
    path = tmp_path / "r.toets"
    save_toets(toets, path)
    plain, review = tmp_path / "gewoon.pdf", tmp_path / "review.pdf"
    assert run(capsys, "render", path, "-o", plain)[0] == 0
    assert run(capsys, "render", path, "-o", review, "--with-comments")[0] == 0
    assert "CPB-raming" not in all_text(plain.read_bytes())
    text = squash(all_text(review.read_bytes()))
    assert squash("Opmerkingen (reviewexemplaar)") in text
    assert squash("Graag de bron van de CPB-raming") in text and squash("Waarom 2028?") in text


@settings(**CALM)
@given(st.lists(edits_strategy, min_size=1, max_size=4))
def test_the_version_at_any_save_is_rebuilt_exactly_from_the_log(rounds):
    from toetsapp.review.history import version_at

    toets = BASE.model_copy(deep=True)
    record_revision(toets, "start", previous=None)
    digests = [toets.revisions[-1].digest]
    for n, edits in enumerate(rounds):
        toets = edited(toets, edits, by=f"ronde {n}")
        digests.append(toets.revisions[-1].digest)
    for digest in digests:
        past = version_at(toets, digest)
        assert past is not None and past.exact
        assert content_digest(past.toets) == digest
