"""Annex A: why every dimension has its level, why the verdict is what it is, and every
override by the toetser with its motivation."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph

from toetsapp.engine.explain import (
    ExplainedReason,
    explain_dimension,
    explain_verdict,
    unassessed_text,
)
from toetsapp.export.doc import Marks, heading
from toetsapp.export.style import HouseStyle
from toetsapp.export.text import markup, numbered, paragraphs
from toetsapp.export.view import Grade, View
from toetsapp.formatting import format_moment
from toetsapp.i18n import _
from toetsapp.model.toets import Override

ANNEX_KEY = "annex_scores"


class Annex:
    """Builds annex A."""

    def __init__(self, view: View, style: HouseStyle, marks: Marks) -> None:
        self.v, self.s, self.marks, self.st = view, style, marks, style.styles
        self.note = style.para("override", size="small", color="text", indent=8)
        self.note.backColor = colors.HexColor("#F1ECF7")
        self.note.borderPadding = (2, 4, 2, 4)

    def flowables(self) -> list[Flowable]:
        v, st = self.v, self.st
        out: list[Flowable] = [
            *heading(self.marks, ANNEX_KEY, _("Bijlage A. Toelichting op de scores"),
                     numbered(_("Bijlage A"), _("Toelichting op de scores")), st["h1"])]
        if v.rubric is None:
            return [*out, Paragraph(markup(_("Voor dit formulier is geen rubric; er zijn geen "
                                             "scores.")), st["body"])]
        out += paragraphs(_("Per dimensie staat hieronder welke regels van de rubric van "
                            "toepassing waren en op welke antwoorden ze steunen. Het slechtste "
                            "niveau van de regels die gelden, bepaalt de score. Waar de toetser "
                            "afweek van de berekende score, staat de motivering erbij."),
                          st["small_muted"])
        cform, effective = v.cform, v.evaluation.visibility.effective
        for index, dim in enumerate(v.dimensions, start=1):
            out += heading(self.marks, f"a_{dim.id}", f"A.{index} {dim.label}",
                           numbered(f"A.{index}", f"{dim.label} — {dim.grade.label}"),
                           st["h2"], 1, room=80)
            out += paragraphs(dim.description + (" " + _("(kritieke dimensie)")
                                                 if dim.critical else ""), st["small_muted"])
            if dim.score.computed is None:
                out.append(Paragraph(markup(unassessed_text(dim.score, cform, v.language)),
                                     st["body"]))
            else:
                out += self.reasons(explain_dimension(dim.score, v.rubric, cform, effective,
                                                      v.language))
            if dim.override is not None:
                out += self.override(dim.override, dim.computed, dim.grade)
        out += self.verdict(len(v.dimensions) + 1)
        return out + self.stale()

    def reasons(self, reasons: list[ExplainedReason]) -> list[Flowable]:
        st, out = self.st, []
        for reason in reasons:
            lead = _("Standaardniveau") if reason.is_default else reason.level
            text = f"• <b>{markup(lead)}</b>: {markup(reason.because)}"
            if reason.is_default:
                text += " " + markup(_("(geen van de regels was van toepassing; niveau: {level})")
                                     .format(level=reason.level))
                if reason.undecided:
                    text += " " + markup(reason.undecided)
            out.append(Paragraph(text, st["bullet"]))
            if reason.basis:
                basis = "; ".join(f"{item} = {value}" for item, value in reason.basis)
                out.append(Paragraph(markup(_("op basis van: {basis}").format(basis=basis)),
                                     self.s.para("basis", size="small", color="muted",
                                                 indent=22)))
        return out

    def override(self, override: Override, computed: Grade, chosen: Grade) -> list[Flowable]:
        if override.value == override.computed or chosen.label == computed.label:
            head = _("De toetser bevestigde het berekende niveau ({level}).").format(
                level=chosen.label)
        else:
            head = _("✱ Afwijking door de toetser: berekend {computed}, vastgesteld {chosen}.") \
                .format(computed=computed.label, chosen=chosen.label)
        who = ", ".join(x for x in (override.by, format_moment(override.at, self.v.language)) if x)
        parts = paragraphs(override.motivation, self.note, 1500)
        lead = f"<b>{markup(head)}</b><br/>{markup(_('Motivering:'))} "
        if parts:
            parts[0] = Paragraph(lead + parts[0].text, self.note)
        return [*parts, Paragraph(markup(who), self.s.para("who", size="tiny", color="muted",
                                                           indent=8, after=4))]

    def verdict(self, index: int) -> list[Flowable]:
        v, st = self.v, self.st
        verdict = v.evaluation.verdict
        label = v.verdict.label if v.verdict else _("nog geen oordeel")
        out: list[Flowable] = [
            *heading(self.marks, "a_verdict", f"A.{index} {v.verdict_label}",
                     numbered(f"A.{index}", f"{v.verdict_label} — {label}"), st["h2"], 1,
                     room=80)]
        if verdict is None or verdict.computed is None:
            return [*out, Paragraph(markup(_("Er is nog geen eindoordeel: geen enkele dimensie "
                                             "is beoordeeld.")), st["body"])]
        out += self.reasons(explain_verdict(verdict, v.rubric, v.cform,
                                            v.evaluation.visibility.effective,
                                            v.evaluation.dimensions, v.language))
        if verdict.override is not None:
            out += self.override(verdict.override, v.verdict_computed, v.verdict)
        return out

    def stale(self) -> list[Flowable]:
        """Overrides the rubric no longer knows (shown, never silently dropped)."""
        v, rubric = self.v, self.v.rubric
        assert rubric is not None
        lost = [(dim_id, o) for dim_id, o in v.toets.overrides.dimensions.items()
                if rubric.dimension(dim_id) is None or rubric.level(o.value) is None]
        verdict = v.toets.overrides.verdict
        if verdict is not None and rubric.verdict(verdict.value) is None:
            lost.append((v.verdict_label, verdict))
        if not lost:
            return []
        out: list[Flowable] = [Paragraph(markup(_("Afwijkingen die niet meer passen bij de "
                                                   "rubric (tellen niet mee)")), self.st["h2"])]
        for name, override in lost:
            text = f"{name}: {override.value}. " + _("Motivering: {text}").format(
                text=override.motivation)
            out += paragraphs(text, self.note, 1500)
        return out
