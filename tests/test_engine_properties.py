"""Property tests over the mini form and every shipped form and rubric."""

from __future__ import annotations

from datetime import date, timedelta

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

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

MINI = (Form.model_validate(MINI_FORM), Rubric.model_validate(MINI_RUBRIC))


def _pairs():
    catalog = default_catalog()
    return {"mini": MINI, **{f.id: (f, catalog.rubric_for(f.id)) for f in catalog.forms.values()}}


PAIRS = _pairs()
each_form = pytest.mark.parametrize("form_id", sorted(PAIRS))


def _summary(ev):
    return (ev.visibility.questions, ev.visibility.effective,
            [(s.dimension.id, s.computed) for s in ev.dimensions],
            ev.verdict.computed if ev.verdict else None,
            [(k.figure.id, k.value) for k in ev.key_figures])


@each_form
@SETTINGS
@given(data=st.data())
def test_evaluate_never_raises_on_arbitrary_json(form_id, data):
    form, rubric = PAIRS[form_id]
    ids = [q.id for _, q in form.questions()]
    keys = st.sampled_from(ids) | st.text(max_size=10)
    answers = data.draw(st.dictionaries(keys, json_values, max_size=12))
    ev = evaluate(form, rubric, answers)
    assert isinstance(ev.problems, list)


@each_form
@SETTINGS
@given(data=st.data())
def test_hidden_answers_never_count(form_id, data):
    form, rubric = PAIRS[form_id]
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
    if promise in ("later", "earlier"):
        values = question.choice_values()
        at = values.index(value)
        return data.draw(st.sampled_from(values[at:] if promise == "later" else values[:at + 1]))
    if promise in ("higher", "lower") and question.type == "date":
        shift = data.draw(st.integers(0, 2000))
        moved = date.fromisoformat(value) + timedelta(days=shift if promise == "higher" else -shift)
        return moved.isoformat()
    if promise == "higher":
        hi = question.max if question.max is not None else value + 1e6
        return data.draw(st.floats(float(value), float(max(hi, value)), allow_nan=False))
    if promise == "lower":
        lo = question.min if question.min is not None else value - 1e6
        return data.draw(st.floats(float(min(lo, value)), float(value), allow_nan=False))
    if promise in ("yes", "no"):
        return promise == "yes"
    if promise == "more":
        rest = [v for v in question.choice_values() if v not in value]
        return value + data.draw(st.lists(st.sampled_from(rest), unique=True)) if rest else value
    if promise == "fewer":
        keep = data.draw(st.lists(st.sampled_from(value), unique=True, min_size=1))
        return [v for v in value if v in keep]
    raise AssertionError(promise)


@each_form
@SETTINGS
@given(data=st.data())
def test_scores_are_monotone_where_rubrics_promise(form_id, data):
    form, rubric = PAIRS[form_id]
    questions = form.question_index()
    answers = data.draw(answers_for(form))
    for dim in rubric.dimensions:
        for promise in dim.monotone:
            question = questions[promise.question]
            base = dict(answers)
            if not is_answered(base.get(question.id)):
                base[question.id] = data.draw(answer_value(question))
            worse = dict(base)
            worse[question.id] = _worse(question, base[question.id], promise.worse_when, data)
            a = _level(evaluate(form, rubric, base), dim.id)
            b = _level(evaluate(form, rubric, worse), dim.id)
            if a is not None and b is not None:
                assert rubric.level_rank(b) >= rubric.level_rank(a), (
                    f"{rubric.id}/{dim.id}: {promise.question} {base[question.id]!r} -> "
                    f"{worse[question.id]!r} improved {a} -> {b}")


def _level(ev, dim_id):
    return next(s for s in ev.dimensions if s.dimension.id == dim_id).computed


@each_form
@SETTINGS
@given(data=st.data())
def test_answer_order_does_not_matter(form_id, data):
    form, rubric = PAIRS[form_id]
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
