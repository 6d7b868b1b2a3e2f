"""Readable explanations of scores as rich text, from the engine's explain module."""

from __future__ import annotations

from html import escape

from toetsapp.engine import DimensionScore, Evaluation, VerdictScore
from toetsapp.engine.compiled import compiled
from toetsapp.engine.explain import (
    ExplainedReason,
    explain_dimension,
    explain_verdict,
    level_label,
    unassessed_text,
    verdict_label,
)
from toetsapp.formatting import format_datetime
from toetsapp.i18n import _
from toetsapp.model.rubric import Rubric
from toetsapp.model.toets import Override


def _reasons_html(reasons: list[ExplainedReason]) -> str:
    items = []
    for reason in reasons:
        basis = ""
        if reason.basis:
            parts = "; ".join(f"{escape(item)}: <i>{escape(value)}</i>"
                              for item, value in reason.basis)
            basis = "<br/><small>" + escape(_("Op basis van")) + ": " + parts + "</small>"
        default = (" (" + escape(_("standaardniveau")) + ")<br/><small>"
                   + escape(reason.undecided) + "</small>"
                   if reason.is_default and reason.undecided else "")
        items.append(f"<li><b>{escape(reason.level)}</b> — {escape(reason.because)}"
                     f"{default}{basis}</li>")
    return ("<ul style='margin-left:-16px'>" + "".join(
        f"<li style='margin-bottom:6px'>{item[4:]}" for item in items) + "</ul>") if items else ""


def _override_html(override: Override | None, computed_label: str, language: str) -> str:
    if override is None:
        return ""
    who = f" ({escape(override.by)})" if override.by else ""
    when = format_datetime(override.at, language)
    return ("<p><b>" + escape(_("Afwijking door de toetser")) + f"</b>{who}, {escape(when)}. "
            + escape(_("Berekend was: {level}.").format(level=computed_label)) + "<br/>"
            + escape(_("Motivering")) + ": " + escape(override.motivation) + "</p>")


def dimension_html(score: DimensionScore, evaluation: Evaluation, rubric: Rubric,
                   language: str) -> str:
    """Why a dimension has its level: every rule that held and the answers it read."""
    cform = compiled(evaluation.form)
    parts = [f"<p>{escape(score.dimension.description.get(language))}</p>"]
    if score.computed is None:
        parts.append(f"<p>{escape(unassessed_text(score, cform, language))}</p>")
    else:
        parts.append("<p>" + escape(_("Berekend: {level}, omdat:").format(
            level=level_label(rubric, score.computed, language))) + "</p>")
        parts.append(_reasons_html(explain_dimension(score, rubric, cform,
                                                     evaluation.visibility.effective, language)))
    parts.append(_override_html(score.override,
                                level_label(rubric, score.computed, language), language))
    return "".join(parts)


def verdict_html(verdict: VerdictScore | None, evaluation: Evaluation, rubric: Rubric,
                 language: str) -> str:
    """Why the verdict is what it is."""
    if verdict is None or verdict.computed is None:
        return "<p>" + escape(_("Nog geen oordeel: er is nog geen enkele dimensie te "
                                "beoordelen. Beantwoord eerst de vragen.")) + "</p>"
    cform = compiled(evaluation.form)
    reasons = explain_verdict(verdict, rubric, cform, evaluation.visibility.effective,
                              evaluation.dimensions, language)
    parts = ["<p>" + escape(_("Berekend: {verdict}, omdat:").format(
        verdict=verdict_label(rubric, verdict.computed, language))) + "</p>",
        _reasons_html(reasons),
        _override_html(verdict.override, verdict_label(rubric, verdict.computed, language),
                       language)]
    return "".join(parts)
