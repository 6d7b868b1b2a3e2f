"""Property tests over the mini form and every shipped form and rubric."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.mini import MINI_FORM, MINI_RUBRIC
from tests.strategies import answer_value, answers_for, json_values
from toetsapp.catalog import default_catalog
from toetsapp.engine import evaluate
from toetsapp.engine.values import is_answered
from toetsapp.model.form import Form
from toetsapp.model.rubric import Rubric

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _pairs():
    catalog = default_catalog()
    return [(f, catalog.rubric_for(f.id)) for f in catalog.forms.values()]


MINI = (Form.model_validate(MINI_FORM), Rubric.model_validate(MINI_RUBRIC))


def _all_pairs():
    return [MINI, *_pairs()]


def _summary(ev):
    return (ev.visibility.questions, ev.visibility.effective,
            [(s.dimension.id, s.computed) for s in ev.dimensions],
            ev.verdict.computed if ev.verdict else None,
            [(k.figure.id, k.value) for k in ev.key_figures])


@SETTINGS
@given(data=st.data())
def test_evaluate_never_raises_on_arbitrary_json(data):
    for form, rubric in _all_pairs():
        ids = [q.id for _, q in form.questions()]
        keys = st.sampled_from(ids) | st.text(max_size=10)
        answers = data.draw(st.dictionaries(keys, json_values, max_size=12))
        ev = evaluate(form, rubric, answers)
        assert isinstance(ev.problems, list)


@SETTINGS
@given(data=st.data())
def test_hidden_answers_never_count(data):
    for form, rubric in _all_pairs():
        answers = data.draw(answers_for(form))
        before = evaluate(form, rubric, answers)
        hidden = [q for _, q in form.questions() if q.id not in before.visibility.questions]
        assume(hidden)
        extra = dict(answers)
        for question in hidden:
            extra[question.id] = data.draw(answer_value(question))
        after = evaluate(form, rubric, extra)
        assert _summary(after) == _summary(before)


def _worse(question, value, promise, data):
    """A value that the rubric promises is no better than ``value``."""
    if promise == "later":
        values = question.choice_values()
        return data.draw(st.sampled_from(values[values.index(value):]))
    if promise == "higher":
        hi = question.max if question.max is not None else value + 1e6
        return data.draw(st.floats(float(value), float(max(hi, value)), allow_nan=False))
    if promise == "yes":
        return True
    if promise == "more":
        rest = [v for v in question.choice_values() if v not in value]
        return value + data.draw(st.lists(st.sampled_from(rest), unique=True)) if rest else value
    raise AssertionError(promise)


@SETTINGS
@given(data=st.data())
def test_scores_are_monotone_where_rubrics_promise(data):
    checked = 0
    for form, rubric in _all_pairs():
        questions = form.question_index()
        promises = [(d, m) for d in rubric.dimensions for m in d.monotone]
        for dim, promise in promises:
            question = questions[promise.question]
            answers = data.draw(answers_for(form))
            if not is_answered(answers.get(question.id)):
                answers[question.id] = data.draw(answer_value(question))
            before = evaluate(form, rubric, answers)
            worse = dict(answers)
            worse[question.id] = _worse(question, answers[question.id], promise.worse_when, data)
            after = evaluate(form, rubric, worse)
            a = next(s for s in before.dimensions if s.dimension.id == dim.id).computed
            b = next(s for s in after.dimensions if s.dimension.id == dim.id).computed
            if a is None or b is None:
                continue
            checked += 1
            assert rubric.level_rank(b) >= rubric.level_rank(a), (
                f"{rubric.id}/{dim.id}: {promise.question} {answers[question.id]!r} -> "
                f"{worse[question.id]!r} improved {a} -> {b}")
    assert checked > 0


@SETTINGS
@given(data=st.data())
def test_answer_order_does_not_matter(data):
    for form, rubric in _all_pairs():
        answers = data.draw(answers_for(form))
        reordered = dict(reversed(list(answers.items())))
        assert _summary(evaluate(form, rubric, answers)) == _summary(
            evaluate(form, rubric, reordered))


@pytest.mark.parametrize("form_id", sorted(default_catalog().forms))
def test_every_shipped_rubric_promises_something(form_id):
    rubric = default_catalog().rubric_for(form_id)
    assert rubric is not None
    assert any(d.monotone for d in rubric.dimensions)
    assert any(d.critical for d in rubric.dimensions)
