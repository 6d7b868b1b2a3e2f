"""The fixed slots of page 1: the same key figures in the same place for every toets type.

A form fills a slot with one of its key figures (``KeyFigure.slot``); a slot the form
does not fill reads "niet van toepassing op dit type", a slot whose question does not
apply to this toets reads "n.v.t." (with the answer that says why, if the form names
one). The order and the labels are part of the uniform format (docs/FORMATS.md, "Page
1"). Plain data, no reportlab: the card and the dossier comparison both use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from toetsapp.display import format_value
from toetsapp.engine import Evaluation
from toetsapp.engine.compiled import CompiledForm
from toetsapp.engine.keyfigures import KeyFigureValue
from toetsapp.engine.values import as_number
from toetsapp.i18n import N_, _
from toetsapp.model.form import SLOT_IDS, KeyFigure
from toetsapp.model.rubric import Rubric

SlotState = Literal["value", "unanswered", "na", "not_for_type"]

SLOT_LABELS: dict[str, str] = {
    "kosten_incidenteel": N_("Kosten incidenteel"),
    "kosten_structureel": N_("Kosten structureel"),
    "fte_incidenteel": N_("FTE incidenteel"),
    "fte_structureel": N_("FTE structureel"),
    "invoering_per": N_("Invoering per"),
    "portfolio": N_("Beslag op het portfolio"),
    "doenvermogen": N_("Doenvermogen"),
    "udo": N_("Decentrale overheden (UDO)"),
}
SUMMED = frozenset({"kosten_incidenteel", "kosten_structureel", "fte_incidenteel",
                    "fte_structureel"})


@dataclass(frozen=True)
class SlotView:
    """One slot as shown. ``value``: the raw number (money, fte) for totals, else None;
    ``rank``/``of``: place on its scale (0 = first) for levels, verdicts and scales;
    ``detail``: a longer text answer that belongs with it (the portfolio text)."""

    id: str
    label: str
    text: str
    state: SlotState
    note: str = ""
    kind: str = "text"
    value: float | None = None
    color: str | None = None
    rank: int | None = None
    of: int | None = None
    detail: str = ""
    detail_label: str = ""
    question_id: str = ""

    @property
    def saving(self) -> bool:
        return self.value is not None and self.value < 0


def _visible(evaluation: Evaluation, question_id: str) -> bool:
    return question_id in evaluation.visibility.questions


def _fallback_note(figure: KeyFigure, cform: CompiledForm, answers: Mapping[str, Any],
                   lang: str) -> str:
    if not figure.fallback:
        return ""
    question = cform.questions.get(figure.fallback)
    value = answers.get(figure.fallback)
    if question is None or value is None:
        return ""
    text = format_value(question, question.type, value, lang)
    return f"{question.title(lang)}: {text}" if text else ""


def _since(figure: KeyFigure, answers: Mapping[str, Any]) -> str:
    if not figure.since_column:
        return ""
    value = answers.get(figure.question)
    rows = [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []
    if not rows:
        return ""
    year = as_number(rows[-1].get(figure.since_column))
    return _("per jaar vanaf {year}").format(year=int(year)) if year is not None else ""


def slot_view(slot: str, figure: KeyFigure | None, evaluation: Evaluation, cform: CompiledForm,
              rubric: Rubric | None, answers: Mapping[str, Any], lang: str,
              values: Mapping[str, KeyFigureValue], format_figure: Any) -> SlotView:
    """The slot ``slot`` filled by ``figure`` (None: the type has no such figure)."""
    label = _(SLOT_LABELS[slot])
    if figure is None:
        return SlotView(slot, label, _("niet van toepassing op dit type"), "not_for_type")
    note = figure.note.get(lang) if figure.note else ""
    if not _visible(evaluation, figure.question):
        return SlotView(slot, label, _("n.v.t."), "na",
                        _fallback_note(figure, cform, answers, lang) or note,
                        question_id=figure.question)
    detail, detail_label = "", ""
    if figure.detail and _visible(evaluation, figure.detail):
        text = answers.get(figure.detail)
        detail = text.strip() if isinstance(text, str) else ""
        detail_label = cform.questions[figure.detail].title(lang)
    if figure.verdict or figure.dimension:
        return _graded(slot, label, figure, evaluation, rubric, lang, note, detail,
                       detail_label)
    value = values.get(figure.id)
    reason = getattr(value, "not_applicable", None)  # answered 'n.v.t.' (with a reason)
    if reason is not None:
        return SlotView(slot, label, _("n.v.t."), "na", reason or note,
                        question_id=figure.question)
    text = format_figure(value) if value is not None else ""
    if not text:
        return SlotView(slot, label, _("niet ingevuld"), "unanswered", note,
                        question_id=figure.question, detail=detail, detail_label=detail_label)
    number = as_number(value.value) if value.type in ("money", "fte") else None
    since = _since(figure, answers)
    if number is not None and number < 0 and _("besparing") not in text:
        note = " · ".join(x for x in (_("besparing"), since or note) if x)
    elif since:
        note = since
    elif number is not None and number < 0:
        note = since or note
    rank, of = None, None
    question = cform.questions[figure.question]
    if question.type == "scale" and isinstance(value.value, str):
        positions = question.choice_positions
        rank, of = positions.get(value.value), len(positions)
    return SlotView(slot, label, text, "value", note, value.type, number, None, rank, of,
                    detail, detail_label, figure.question)


def _graded(slot: str, label: str, figure: KeyFigure, evaluation: Evaluation,
            rubric: Rubric | None, lang: str, note: str, detail: str,
            detail_label: str) -> SlotView:
    """A slot showing the toets's verdict or a dimension's level, with its colour."""
    if rubric is None:
        return SlotView(slot, label, _("n.v.t."), "na", note)
    if figure.verdict:
        chosen = evaluation.verdict.value if evaluation.verdict else None
        options, kind = rubric.verdicts, "verdict"
    else:
        score = next((d for d in evaluation.dimensions if d.dimension.id == figure.dimension),
                     None)
        chosen = score.level if score else None
        options, kind = rubric.levels, "level"
    for rank, option in enumerate(options):
        if option.value == chosen:
            return SlotView(slot, label, option.label.get(lang), "value", note, kind, None,
                            option.color, rank, len(options), detail, detail_label,
                            figure.question)
    return SlotView(slot, label, _("niet beoordeeld"), "unanswered", note, kind,
                    question_id=figure.question)


def slot_views(evaluation: Evaluation, cform: CompiledForm, rubric: Rubric | None,
               answers: Mapping[str, Any], lang: str, format_figure: Any) -> list[SlotView]:
    """Every slot in the fixed order, filled from the form's key figures."""
    by_slot = {f.slot: f for f in cform.form.key_figures if f.slot}
    values = {v.figure.id: v for v in evaluation.key_figures}
    return [slot_view(slot, by_slot.get(slot), evaluation, cform, rubric, answers, lang,
                      values, format_figure) for slot in SLOT_IDS]
