"""Searching a toets and filtering its questions (pure: the app's Ctrl+F panel shows it).

Searches what a policy officer looks for over days of work: the questions, their helper
questions, the answers (as shown, so a choice is found by its label and a table by its
cells), "Hoe weet je dit?", who was involved, and the comments on a question with their
replies (present once the toets carries comments). Hits come in form order, grouped by
section by the caller.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from toetsapp.display import format_answer, format_value
from toetsapp.engine import Evaluation
from toetsapp.engine.values import filled_rows
from toetsapp.i18n import _
from toetsapp.model.form import Form, Question
from toetsapp.model.toets import Toets

Where = Literal["question", "guidance", "answer", "evidence", "involved", "comment"]
Filter = Literal["all", "unanswered", "invalid", "commented"]
FILTERS: tuple[Filter, ...] = ("all", "unanswered", "invalid", "commented")
SNIPPET = 50


def where_label(where: Where) -> str:
    """What part of a question a hit is in, for people."""
    return {"question": _("vraag"), "guidance": _("hulpvraag"), "answer": _("antwoord"),
            "evidence": _("hoe weet je dit"), "involved": _("betrokkenen"),
            "comment": _("opmerking")}[where]


@dataclass(frozen=True)
class Hit:
    """One place where the search text occurs."""

    section: str
    question: str
    where: Where
    snippet: str


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching (‘Één’ finds ‘een’)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _snippet(text: str, start: int, length: int) -> str:
    """The match with some context, on one line."""
    flat = " ".join(text.split())
    if len(flat) != len(text):  # whitespace was squeezed: find the place again
        start = max(0, fold(flat).find(fold(text[start:start + length])))
    left = max(0, start - SNIPPET // 4)  # the match near the start: it survives eliding
    right = min(len(flat), start + length + SNIPPET)
    return ("…" if left else "") + flat[left:right] + ("…" if right < len(flat) else "")


def comments_by_question(toets: Toets) -> dict[str, list[str]]:
    """Question id -> the texts of its comments and their replies."""
    out: dict[str, list[str]] = {}
    for comment in getattr(toets, "comments", None) or ():
        question = getattr(comment, "question", None)
        if not question:
            continue
        texts = [comment.text, *(reply.text for reply in getattr(comment, "replies", ()))]
        out.setdefault(question, []).extend(t for t in texts if t)
    return out


def _answer_texts(question: Question, value: Any, language: str) -> Iterator[str]:
    if question.type == "table":
        for row in filled_rows(value):
            for column in question.columns or ():
                cell = format_value(column, column.type, row.get(column.id), language)
                if cell:
                    yield cell
        return
    shown = format_answer(question, value, language)
    if shown:
        yield shown


def texts_of(question: Question, toets: Toets, language: str,
             comments: dict[str, list[str]]) -> Iterator[tuple[Where, str]]:
    """Every searchable text of one question, with where it is."""
    yield "question", question.label.get(language)
    if question.short_label is not None:
        yield "question", question.short_label.get(language)
    if question.help is not None:
        yield "question", question.help.get(language)
    for guidance in question.guidance:
        yield "guidance", guidance.get(language)
    answer = toets.answers.get(question.id)
    if answer is not None:
        for text in _answer_texts(question, answer.value, language):
            yield "answer", text
        not_applicable = getattr(answer, "not_applicable", None)
        for extra in (getattr(answer, "note", ""), getattr(answer, "other", ""),
                      getattr(not_applicable, "reason", "") if not_applicable else ""):
            if extra:
                yield "answer", extra
        if answer.evidence:
            yield "evidence", answer.evidence
        if answer.involved:
            yield "involved", answer.involved
    for text in comments.get(question.id, ()):
        yield "comment", text


def search(toets: Toets, form: Form, text: str, language: str,
           only: set[str] | None = None, limit: int = 500) -> list[Hit]:
    """Every place ``text`` occurs (one hit per question and part), in form order."""
    needle = fold(text.strip())
    if not needle:
        return []
    comments = comments_by_question(toets)
    hits: list[Hit] = []
    for section, question in form.questions():
        if only is not None and question.id not in only:
            continue
        seen: set[Where] = set()
        for where, haystack in texts_of(question, toets, language, comments):
            if where in seen:
                continue
            start = fold(haystack).find(needle)
            if start < 0:
                continue
            seen.add(where)
            hits.append(Hit(section.id, question.id, where,
                            _snippet(haystack, start, len(needle))))
            if len(hits) >= limit:
                return hits
    return hits


def filtered(kind: Filter, toets: Toets, form: Form, evaluation: Evaluation) -> list[str]:
    """Ids of the visible questions that match a filter, in form order."""
    visible = evaluation.visibility.questions
    done = set(evaluation.visibility.effective) | set(
        getattr(evaluation.visibility, "not_applicable", ()))  # n.v.t. is an answer too
    invalid = {p.question for p in evaluation.problems
               if p.question and p.severity == "error" and p.kind == "invalid"}
    commented = set(comments_by_question(toets))
    out = []
    for _section, question in form.questions():
        if question.id not in visible:
            continue
        if kind == "all" \
                or (kind == "unanswered" and question.id not in done) \
                or (kind == "invalid" and question.id in invalid) \
                or (kind == "commented" and question.id in commented):
            out.append(question.id)
    return out
