"""Readable explanations of scores: which rule held and which answers it read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from toetsapp.display import format_answer
from toetsapp.engine.compiled import CompiledForm
from toetsapp.engine.conditions import row_matches
from toetsapp.engine.provisional import (
    dimension_labels,
    question_titles,
    undecided,
    verdict_undecided,
)
from toetsapp.engine.scoring import DimensionScore, Reason, VerdictScore
from toetsapp.formatting import format_list
from toetsapp.i18n import _, ngettext
from toetsapp.model.condition import QuestionCondition, iter_leaves
from toetsapp.model.form import Question
from toetsapp.model.rubric import Rubric


@dataclass(frozen=True)
class ExplainedReason:
    level: str  # level or verdict label
    because: str
    basis: tuple[tuple[str, str], ...]  # (question or dimension title, shown value)
    is_default: bool
    undecided: str = ""  # for a default: which answers the rules read, which would decide


def _basis(reason: Reason, cform: CompiledForm, effective: Mapping[str, Any],
           levels: Mapping[str, str | None], rubric: Rubric,
           language: str) -> tuple[tuple[str, str], ...]:
    out = []
    for qid in reason.questions:
        question = cform.questions.get(qid)
        if question is not None:
            value = effective.get(qid)
            shown = _matching_rows(reason, question, value, language) or _table_items(
                question, value, language) or _clip(format_answer(question, value, language)
                                          or _("niet beantwoord"))
            out.append((question.title(language), shown))
    for dim_id in reason.dimensions:
        dim = rubric.dimension(dim_id)
        level = levels.get(dim_id)
        lvl = rubric.level(level) if level else None
        if dim is not None:
            out.append((dim.label.get(language),
                        lvl.label.get(language) if lvl else _("niet beoordeeld")))
    return tuple(out)


def _matching_rows(reason: Reason, question: Question, value: Any, language: str = "nl") -> str:
    """For table rules: the rows that made an ``any_row`` comparison hold."""
    if question.type != "table" or reason.when is None or not isinstance(value, list):
        return ""
    leaves = [leaf for leaf in iter_leaves(reason.when) if isinstance(leaf, QuestionCondition)
              and leaf.question == question.id and leaf.op == "any_row"]
    if not leaves:
        return ""
    rows = [row for row in value if any(row_matches(leaf, question, row) for leaf in leaves)]
    if not rows:
        return ""
    names = _row_names(question, rows, language)
    if names:
        return _clip_items(names)
    return ngettext("{n} van de {total} vermeldingen", "{n} van de {total} vermeldingen",
                    len(value)).format(n=len(rows), total=len(value))


def _row_names(question: Question, rows: list[Any], language: str) -> list[str]:
    """What each row is called: its first text column (the measure, the risk), else its
    first column with that column's label ('Jaar 2027')."""
    columns = list(question.columns or ())
    named = next((c for c in columns if c.type in ("text", "textarea")), None)
    column = named or (columns[0] if columns else None)
    if column is None:
        return []
    prefix = "" if named else column.label.get(language) + " "
    return [prefix + " ".join(str(row.get(column.id)).split()) for row in rows
            if isinstance(row, dict) and row.get(column.id) not in (None, "")]


def _table_items(question: Question, value: Any, language: str) -> str:
    """A table as the reader knows it: the names of its rows, never 'N rijen'."""
    if question.type != "table" or not isinstance(value, list) or not value:
        return ""
    names = _row_names(question, value, language)
    if names:
        return _clip_items(names)
    return ngettext("{n} vermelding", "{n} vermeldingen", len(value)).format(n=len(value))


def _clip_items(items: list[str], limit: int = 200) -> str:
    """Whole items joined by '; ' up to about ``limit`` characters, then how many more."""
    shown: list[str] = []
    for item in items:
        if shown and len("; ".join([*shown, item])) > limit:
            break
        shown.append(_clip(item))
    rest = len(items) - len(shown)
    text = "; ".join(shown)
    return text + (" " + ngettext("(en nog {n})", "(en nog {n})", rest).format(n=rest)
                   if rest else "")


def _clip(text: str, limit: int = 240) -> str:
    """At most about ``limit`` characters, shortened at the end of a sentence or else at
    a word boundary (never mid-word); a list ('a; b; c') keeps whole items."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    if "; " in text:
        return _clip_items(text.split("; "), limit)
    sentence = text.rfind(". ", 0, limit)
    if sentence > limit // 2:
        return text[:sentence + 1] + " …"
    cut = text.rfind(" ", 0, limit - 1)
    head = text[:cut] if cut > limit // 2 else text[:limit - 1]
    return head.rstrip(" ,;:") + " …"


def explain_dimension(score: DimensionScore, rubric: Rubric, cform: CompiledForm,
                      effective: Mapping[str, Any], language: str) -> list[ExplainedReason]:
    """Every rule behind a dimension's computed level, worst first."""
    out = []
    for reason in score.reasons:
        level = rubric.level(reason.level)
        out.append(ExplainedReason(
            level.label.get(language) if level else reason.level,
            reason.because.get(language),
            _basis(reason, cform, effective, {}, rubric, language),
            reason.is_default,
            undecided_text(score, cform, effective, language) if reason.is_default else ""))
    return out


def undecided_text(score: DimensionScore, cform: CompiledForm, effective: Mapping[str, Any],
                   language: str) -> str:
    """Why no rule held for a dimension, naming the answers that would decide it."""
    found = undecided(score, effective)
    if found is None:
        return ""
    parts = []
    if found.checked:
        parts.append(_("Geen van de regels geldt bij de antwoorden op {questions}.").format(
            questions=format_list(question_titles(found.checked, cform, language), language)))
    if found.open:
        parts.append(_("Het niveau kan nog veranderen door {questions} te beantwoorden.")
                     .format(questions=format_list(question_titles(found.open, cform, language),
                                                   language)))
    return " ".join(parts)


def explain_verdict(verdict: VerdictScore, rubric: Rubric, cform: CompiledForm,
                    effective: Mapping[str, Any], scores: list[DimensionScore],
                    language: str) -> list[ExplainedReason]:
    """Every verdict rule that held, worst first."""
    levels = {s.dimension.id: s.level for s in scores}
    out = []
    for reason in verdict.reasons:
        option = rubric.verdict(reason.level)
        out.append(ExplainedReason(
            option.label.get(language) if option else reason.level,
            reason.because.get(language),
            _basis(reason, cform, effective, levels, rubric, language),
            reason.is_default,
            _verdict_undecided_text(verdict, rubric, scores, language)
            if reason.is_default else ""))
    return out


def _verdict_undecided_text(verdict: VerdictScore, rubric: Rubric,
                            scores: list[DimensionScore], language: str) -> str:
    waiting = verdict_undecided(verdict, scores)
    text = _("Geen van de regels voor het eindoordeel geldt bij de huidige niveaus.")
    if waiting:
        text += " " + _("Het oordeel kan nog veranderen zodra {dimensions} beoordeeld zijn.") \
            .format(dimensions=format_list(dimension_labels(waiting, rubric, language),
                                           language))
    return text


def unassessed_text(score: DimensionScore, cform: CompiledForm, language: str) -> str:
    """Why a dimension has no level (yet): n.v.t., or which shown questions to answer."""
    if score.not_applicable:
        reasons = "; ".join(score.not_applicable_reasons)
        return (_("Niet van toepassing: {reasons}").format(reasons=reasons) if reasons else
                _("Niet van toepassing: de vragen waarop deze dimensie berust, zijn niet "
                  "gesteld of met n.v.t. beantwoord."))
    titles = [cform.questions[q].title(language) for q in score.unanswered_inputs
              if q in cform.questions]
    return _("Nog niet te beoordelen: beantwoord eerst {questions}.").format(
        questions=format_list(titles, language))


def level_label(rubric: Rubric, value: str | None, language: str) -> str:
    level = rubric.level(value) if value else None
    return level.label.get(language) if level else _("niet beoordeeld")


def verdict_label(rubric: Rubric, value: str | None, language: str) -> str:
    option = rubric.verdict(value) if value else None
    return option.label.get(language) if option else _("nog geen oordeel")
