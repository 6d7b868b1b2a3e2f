"""Help as data: the first-toets guide and shortcuts from ``help/guide.json``, and per
question what it asks, which rubric dimensions it feeds and how, and what levels mean.

Pure (no Qt): returns small HTML fragments the app shows in its help window. Question
help is built from the form and rubric themselves (their bilingual texts and the
``because`` of every rule), so it can never disagree with the scoring.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from html import escape
from typing import Any

from toetsapp.i18n import _
from toetsapp.model.condition import referenced_questions
from toetsapp.model.form import Form, Question
from toetsapp.model.rubric import Dimension, Rubric
from toetsapp.model.text import Text
from toetsapp.resources import resource_dir


@cache
def guide_data() -> dict[str, Any]:
    """``help/guide.json`` as loaded (its texts are ``{"nl": …, "en": …}``)."""
    return json.loads((resource_dir("help") / "guide.json").read_text("utf-8"))


def _text(value: dict[str, str], language: str) -> str:
    return Text.model_validate({"nl": value["nl"], "en": value.get("en")}).get(language)


@dataclass(frozen=True)
class Feed:
    """How one question feeds one dimension: the rules that read it, in words."""

    dimension: Dimension
    rules: tuple[tuple[str, str], ...]  # (level label, because)
    default: tuple[str, str]  # (level label, because) when no rule holds


def feeds(question: Question, rubric: Rubric | None, language: str) -> list[Feed]:
    """Every dimension ``question`` is an input of, with the rules that read it."""
    if rubric is None:
        return []

    def label(value: str) -> str:
        level = rubric.level(value)
        return level.label.get(language) if level else value

    out = []
    for dim in rubric.dimensions:
        if question.id not in dim.inputs:
            continue
        rules = tuple((label(rule.level), rule.because.get(language)) for rule in dim.rules
                      if question.id in referenced_questions(rule.when))
        out.append(Feed(dim, rules, (label(dim.default_level),
                                     dim.default_because.get(language))))
    return out


def _tag(tag: str, text: str) -> str:
    return f"<{tag}>{escape(text)}</{tag}>"


def question_help_html(question: Question, form: Form, rubric: Rubric | None,
                       language: str) -> str:
    """Help for one question as HTML: what it asks, what it feeds, what levels mean."""
    section = next((s for s, q in form.questions() if q.id == question.id), None)
    parts = [_tag("h2", question.label.get(language))]
    if section is not None:
        where = _("Sectie {n}: {title}").format(n=form.sections.index(section) + 1,
                                                title=section.title.get(language))
        parts.append(f"<p><i>{escape(where)}</i></p>")
    parts.append(_tag("h3", _("Wat de vraag vraagt")))
    if question.help is not None:
        parts.append(_tag("p", question.help.get(language)))
    if question.guidance:
        items = "".join(_tag("li", g.get(language)) for g in question.guidance)
        parts.append(_tag("p", _("Hulpvragen:")) + f"<ul>{items}</ul>")
    choices = [(c.label.get(language), c.description.get(language))
               for c in question.choices or () if c.description is not None]
    if choices:
        parts.append(_tag("p", _("De antwoorden:")) + "<dl>")
        parts += [f"<dt><b>{escape(label)}</b></dt>{_tag('dd', meaning)}"
                  for label, meaning in choices]
        parts.append("</dl>")
    if question.evidence:
        parts.append(_tag("p", _("Noteer onder ‘Hoe weet je dit?’ waarop je antwoord steunt: "
                                 "bronnen, onderzoek, cijfers of gesprekken.")))
    parts.append(_tag("h3", _("Welke scores deze vraag voedt")))
    fed = feeds(question, rubric, language)
    if not fed:
        parts.append(_tag("p", _("Deze vraag telt niet mee in een score; ze geeft context en "
                                 "komt in de PDF.")))
    for feed in fed:
        name = feed.dimension.label.get(language)
        if feed.dimension.critical:
            name = _("{dimension} (doorslaggevend)").format(dimension=name)
        parts.append(f"<p><b>{escape(name)}</b>: "
                     f"{escape(feed.dimension.description.get(language))}</p><ul>")
        for level, because in feed.rules:
            parts.append(_tag("li", _("ten minste ‘{level}’ als: {because}").format(
                level=level, because=because)))
        if not feed.rules:
            parts.append(_tag("li", _("de regels lezen deze vraag samen met andere vragen.")))
        level, because = feed.default
        parts.append(_tag("li", _("geen regel van toepassing: ‘{level}’ — {because}").format(
            level=level, because=because)) + "</ul>")
    if rubric is not None and fed:
        parts.append(_tag("h3", _("Wat de niveaus betekenen")) + "<dl>")
        for level in rubric.levels:
            meaning = level.description.get(language) if level.description else ""
            parts.append(f"<dt><b>{escape(level.label.get(language))}</b></dt>"
                         + _tag("dd", meaning))
        parts.append("</dl>")
    return "".join(parts)


def guide_html(language: str) -> str:
    """The short guide for a first toets."""
    guide = guide_data()["first_toets"]
    steps = "".join(f"<li>{escape(_text(step, language))}</li>" for step in guide["steps"])
    return (f"<h2>{escape(_text(guide['title'], language))}</h2>"
            f"<p>{escape(_text(guide['intro'], language))}</p><ol>{steps}</ol>")


def shortcuts_html(commands: list[tuple[str, str]], language: str) -> str:
    """The shortcuts overview: the window's commands (text, keys) and the keys of the guide."""
    keys = guide_data()["keys"]
    rows = [(shortcut, text) for text, shortcut in commands if shortcut]
    rows += [(extra["keys"], _text(extra, language)) for extra in keys["extra"]]
    body = "".join(f"<tr><td><b>{escape(k)}</b>&nbsp;&nbsp;</td><td>{escape(t)}</td></tr>"
                   for k, t in rows)
    return f"<h2>{escape(_text(keys['title'], language))}</h2><table>{body}</table>"
