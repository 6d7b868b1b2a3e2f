"""The differences between two toetsen, per section: answers, evidence, overrides,
scores, verdict and metadata (``toetsapp diff`` and the app's side-by-side view)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from toetsapp.display import format_value
from toetsapp.engine import evaluate_toets
from toetsapp.engine.explain import level_label, verdict_label
from toetsapp.i18n import N_, _, current_language
from toetsapp.model.form import Form, Question
from toetsapp.model.rubric import Rubric
from toetsapp.model.toets import Toets
from toetsapp.review.items import MISSING, changed_items, items, part_of, question_of

PART_LABELS = {"value": N_("antwoord"), "evidence": N_("hoe weet je dit?"),
               "involved": N_("betrokkenen")}
PART_ORDER = {"value": 0, "evidence": 1, "involved": 2}
FIELD_LABELS = {
    "metadata.title": N_("Titel van het voorstel"), "metadata.short_title": N_("Korte titel"),
    "metadata.ministry": N_("Ministerie"), "metadata.vergaderjaar": N_("Vergaderjaar"),
    "metadata.dossiernummer": N_("Dossiernummer"), "metadata.ondernummer": N_("Ondernummer"),
    "metadata.kamer": N_("Kamer"), "metadata.kamerstuk_document": N_("Documentnummer"),
    "metadata.zaaknummer": N_("Zaaknummer"), "metadata.organisations": N_("Organisaties"),
    "metadata.toetser.name": N_("Toetser"), "metadata.toetser.organisation": N_("Organisatie"),
    "metadata.toetser.role": N_("Functie"), "metadata.toetser.email": N_("E-mail"),
    "metadata.toets_date": N_("Datum van de toets"), "metadata.deadline": N_("Uiterste datum"),
    "metadata.created": N_("Aangemaakt"), "metadata.status": N_("Status"),
    "form": N_("Formulier"), "rubric": N_("Rubric"), "language": N_("Taal"),
}


@dataclass(frozen=True)
class Difference:
    """One item that differs: its key, a label, both raw values and their texts."""

    key: str
    label: str
    a: Any
    b: Any
    a_text: str
    b_text: str
    question: str | None = None
    part: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "question": self.question,
                "part": self.part, "a": self.a, "b": self.b,
                "a_text": self.a_text, "b_text": self.b_text}


@dataclass
class Group:
    """A section of the form (or ``metadata``, ``overrides``, ``scores``, ``other``)."""

    id: str
    title: str
    differences: list[Difference] = field(default_factory=list)


@dataclass
class ToetsDiff:
    """Every difference between toets A and toets B, grouped."""

    groups: list[Group]

    @property
    def equal(self) -> bool:
        return not any(g.differences for g in self.groups)

    def differences(self) -> list[Difference]:
        return [d for g in self.groups for d in g.differences]

    def changed_keys(self) -> set[str]:
        return {d.key for d in self.differences()}

    def as_dict(self) -> dict[str, Any]:
        return {"equal": self.equal,
                "groups": [{"id": g.id, "title": g.title,
                            "differences": [d.as_dict() for d in g.differences]}
                           for g in self.groups if g.differences]}


def _plain(value: Any) -> Any:
    return None if value is MISSING else value


def value_text(question: Question | None, part: str, value: Any, language: str) -> str:
    """An answer part as text for people; tables row by row."""
    if value is MISSING or value is None or value == "":
        return "—"
    if question is None or part != "value":
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if question.type == "table" and isinstance(value, list):
        rows = []
        for row in value:
            if not isinstance(row, dict):
                rows.append(str(row))
                continue
            cells = []
            for column in question.columns or ():
                if row.get(column.id) not in (None, ""):
                    cells.append(f"{column.label.get(language)}: "
                                 f"{format_value(column, column.type, row[column.id], language)}")
            rows.append("; ".join(cells))
        return "\n".join(f"{i}. {r}" for i, r in enumerate(rows, 1)) or "—"
    return format_value(question, question.type, value, language) or "—"


def _other_text(key: str, value: Any, rubric: Rubric | None, language: str) -> str:
    if value is MISSING or value is None or value == "":
        return "—"
    if key.startswith("overrides.") and isinstance(value, dict):
        shown = value.get("value", "")
        if rubric is not None:
            shown = (verdict_label(rubric, shown, language) if key == "overrides.verdict"
                     else level_label(rubric, shown, language))
        return f"{shown} — {value.get('motivation', '')}"
    if key == "metadata.organisations" and isinstance(value, list):
        return "; ".join(f"{o.get('name', '')} ({o.get('role', '')})" for o in value) or "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _override_label(key: str, rubric: Rubric | None, language: str) -> str:
    if key == "overrides.verdict":
        return _("afwijking eindoordeel")
    dimension = key.removeprefix("overrides.dimensions.")
    dim = rubric.dimension(dimension) if rubric else None
    return _("afwijking: {dimension}").format(
        dimension=dim.label.get(language) if dim else dimension)


def diff_toetsen(a: Toets, b: Toets, form: Form | None, rubric: Rubric | None, *,
                 language: str | None = None, scores: bool = True) -> ToetsDiff:
    """What differs from ``a`` to ``b``. ``form``/``rubric`` give labels, order and
    scores (A's form; without it keys are shown as they are)."""
    language = language or current_language()
    changed = changed_items(items(a), items(b))
    sections: dict[str, Group] = {}
    order: dict[str, tuple[int, int]] = {}
    questions: dict[str, tuple[str, Question]] = {}
    if form is not None:
        for s_index, section in enumerate(form.sections):
            sections[section.id] = Group(section.id, section.title.get(language))
            for q_index, question in enumerate(section.questions):
                questions[question.id] = (section.id, question)
                order[question.id] = (s_index, q_index)
    metadata = Group("metadata", _("Gegevens van de toets"))
    overrides = Group("overrides", _("Afwijkingen van de berekende score"))
    other = Group("other", _("Overig"))

    def sort_key(key: str) -> tuple[Any, ...]:
        question = question_of(key)
        if question is not None:
            return (order.get(question, (999, 0)), question,
                    PART_ORDER.get(part_of(key) or "", 9), key)
        return ((999, 0), key, 0, key)

    for key in sorted(changed, key=sort_key):
        old, new = changed[key]
        question_id = question_of(key)
        if question_id is not None:
            part = part_of(key) or "value"
            section_id, question = questions.get(question_id, (None, None))
            title = question.title(language) if question else question_id
            label = title if part == "value" else f"{title} — {_(PART_LABELS.get(part, part))}"
            diff = Difference(key, label, _plain(old), _plain(new),
                              value_text(question, part, old, language),
                              value_text(question, part, new, language), question_id, part)
            (sections[section_id] if section_id else other).differences.append(diff)
            continue
        text_a = _other_text(key, old, rubric, language)
        text_b = _other_text(key, new, rubric, language)
        if key.startswith("overrides."):
            overrides.differences.append(Difference(
                key, _override_label(key, rubric, language), _plain(old), _plain(new),
                text_a, text_b))
        else:
            label = _(FIELD_LABELS[key]) if key in FIELD_LABELS else key.removeprefix("metadata.")
            target = metadata if key.startswith("metadata.") else other
            target.differences.append(Difference(key, label, _plain(old), _plain(new),
                                                 text_a, text_b))
    groups = [metadata, *sections.values(), overrides]
    if scores and form is not None and rubric is not None:
        groups.append(_score_group(a, b, form, rubric, language))
    groups.append(other)
    return ToetsDiff(groups)


def _score_group(a: Toets, b: Toets, form: Form, rubric: Rubric, language: str) -> Group:
    group = Group("scores", _("Scores en eindoordeel"))
    ea, eb = evaluate_toets(a, form, rubric), evaluate_toets(b, form, rubric)
    for da, db in zip(ea.dimensions, eb.dimensions, strict=True):
        if da.level != db.level:
            group.differences.append(Difference(
                f"scores.{da.dimension.id}", da.dimension.label.get(language), da.level,
                db.level, level_label(rubric, da.level, language),
                level_label(rubric, db.level, language)))
    va = ea.verdict.value if ea.verdict else None
    vb = eb.verdict.value if eb.verdict else None
    if va != vb:
        group.differences.append(Difference(
            "scores.verdict", rubric.verdict_label.get(language), va, vb,
            verdict_label(rubric, va, language), verdict_label(rubric, vb, language)))
    return group


def diff_text(diff: ToetsDiff, name_a: str, name_b: str) -> str:
    """The plain-text listing of ``toetsapp diff``."""
    if diff.equal:
        return _("Geen verschillen tussen {a} en {b}.").format(a=name_a, b=name_b)
    lines = [_("Verschillen van {a} naar {b}").format(a=name_a, b=name_b)]
    for group in diff.groups:
        if not group.differences:
            continue
        lines += ["", f"## {group.title}"]
        for d in group.differences:
            lines.append(f"- {d.label}")
            lines.append("    A: " + _indent(d.a_text))
            lines.append("    B: " + _indent(d.b_text))
    count = len(diff.differences())
    lines += ["", _("{n} verschil(len).").format(n=count)]
    return "\n".join(lines)


def _indent(text: str) -> str:
    return text.replace("\n", "\n       ")
