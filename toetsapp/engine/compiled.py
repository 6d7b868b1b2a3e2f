"""Per-form lookups computed once: question index, sections, dependency order."""

from __future__ import annotations

from dataclasses import dataclass
from graphlib import TopologicalSorter

from toetsapp.model.condition import referenced_questions
from toetsapp.model.form import Form, Question, Section


@dataclass(frozen=True)
class CompiledForm:
    form: Form
    questions: dict[str, Question]
    section_of: dict[str, Section]
    order: tuple[str, ...]  # questions in form order
    visibility_order: tuple[str, ...]  # questions after everything their visibility reads
    visibility_reads: dict[str, list[str]]  # question id -> the questions its visibility reads


def _compile(form: Form) -> CompiledForm:
    questions: dict[str, Question] = {}
    section_of: dict[str, Section] = {}
    graph: dict[str, list[str]] = {}
    for section, question in form.questions():
        questions[question.id] = question
        section_of[question.id] = section
        graph[question.id] = [
            q for q in referenced_questions(question.visible_when)
            + referenced_questions(section.visible_when) if q != question.id
        ]
    order = tuple(questions)
    visibility_order = tuple(q for q in TopologicalSorter(graph).static_order() if q in questions)
    return CompiledForm(form, questions, section_of, order, visibility_order, graph)


_CACHE: dict[int, CompiledForm] = {}


def compiled(form: Form) -> CompiledForm:
    """The compiled view of ``form`` (cached per form object)."""
    hit = _CACHE.get(id(form))
    if hit is not None and hit.form is form:
        return hit
    if len(_CACHE) > 64:
        _CACHE.clear()
    result = _CACHE[id(form)] = _compile(form)
    return result
