"""The numbered sections: every question, its answer, evidence and who was involved.

Nothing is dropped: unanswered questions say so, questions that do not apply are
listed as not applicable (with any answer that no longer counts), and answers to
questions the form does not know are shown at the end.
"""

from __future__ import annotations

import json
from typing import Any

from reportlab.platypus import Flowable, Paragraph

from toetsapp.display import choice_states, not_applicable_text, state_label
from toetsapp.engine.values import is_answered
from toetsapp.export.answers import answer_flowables, grey_box, shown_value
from toetsapp.export.doc import Marks, heading
from toetsapp.export.style import HouseStyle
from toetsapp.export.text import markup, numbered, paragraphs
from toetsapp.export.view import View
from toetsapp.i18n import _
from toetsapp.model.form import Question, Section
from toetsapp.model.toets import Answer
from toetsapp.pdf import LANGUAGE_TAGS
from toetsapp.pdf.language import in_language, language_mark


def labelled(label: str, text: str, style: Any, chunk: int,
             lang: str | None = None) -> list[Paragraph]:
    """``text`` as paragraphs, the first one led by a bold ``label``; ``lang``: the
    language of ``text`` when it is not the document's (the label's)."""
    parts = paragraphs(text, style, chunk)
    lead = f"<b>{markup(label)}</b> "
    if not parts:
        return [Paragraph(lead, style)]
    if lang:
        parts = [parts[0], *(in_language(p, lang) for p in parts[1:])]
        lead += language_mark(lang)
    parts[0] = Paragraph(lead + parts[0].text, style)
    return parts


class Together(Flowable):
    """Paragraphs that go to the next page together rather than be split, wrapped once
    (reportlab's KeepTogether wraps everything twice). Taller than ``MOST`` points,
    they split like loose paragraphs."""

    MOST = 420.0

    def __init__(self, parts: list[Flowable]) -> None:
        super().__init__()
        self.parts = parts

    def _gaps(self) -> list[float]:
        return [0.0] + [max(a.getSpaceAfter(), b.getSpaceBefore())
                        for a, b in zip(self.parts, self.parts[1:], strict=False)]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._heights = [p.wrap(avail_width, avail_height)[1] for p in self.parts]
        self.width, self.height = avail_width, sum(self._heights) + sum(self._gaps())
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return [] if self.height <= self.MOST else list(self.parts)

    def getSpaceBefore(self) -> float:
        return self.parts[0].getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.parts[-1].getSpaceAfter()

    def draw(self) -> None:
        y = self.height
        for part, height, gap in zip(self.parts, self._heights, self._gaps(), strict=True):
            y -= gap + height
            part.drawOn(self.canv, 0, y)


def kept(out: list[Flowable], evidence: list[Flowable]) -> list[Flowable]:
    """The answer's last paragraph and the evidence under it on one page, so "Hoe weet
    je dit?" never starts a page on its own."""
    if evidence and out and isinstance(out[-1], Paragraph):
        return [*out[:-1], Together([out[-1], *evidence])]
    return out + evidence


def section_key(section_id: str) -> str:
    return f"s_{section_id}"


class Body:
    """Builds the flowables of all sections."""

    def __init__(self, view: View, style: HouseStyle, marks: Marks, width: float) -> None:
        self.v, self.s, self.marks, self.width = view, style, marks, width
        self.st = style.styles
        self.chunk = int(style.data["text"]["chunk_chars"])
        own = LANGUAGE_TAGS.get(view.toets.language, view.toets.language)
        self.doc_lang = LANGUAGE_TAGS.get(view.language, view.language)
        self.answer_lang = own if view.toets.language != view.language else None
        """The language of the answers when it is not the PDF's (else None)."""
        self.problems: dict[str, list[str]] = {}
        for problem in view.evaluation.problems:
            if problem.question and problem.kind == "invalid":
                where = _("rij {n}: ").format(n=problem.row + 1) if problem.row is not None else ""
                self.problems.setdefault(problem.question, []).append(where + problem.message)

    def flowables(self) -> list[Flowable]:
        out: list[Flowable] = []
        for section in self.v.form.sections:
            out += self.section(section)
        out += self.unknown_answers()
        return out

    def section(self, section: Section) -> list[Flowable]:
        lang, number = self.v.language, self.v.section_numbers[section.id]
        title = section.title.get(lang)
        out: list[Flowable] = [
            *heading(self.marks, section_key(section.id), f"{number}. {title}",
                     numbered(number, title), self.st["h1"], 0, closed=True, room=160)]
        if section.reader_intro:  # the filler's guidance (``intro``) stays in the app
            out += paragraphs(section.reader_intro.get(lang), self.st["small_muted"])
        if section.id not in self.v.evaluation.visibility.sections:
            out.append(grey_box([Paragraph(markup(_(
                "Deze sectie is niet van toepassing bij de gegeven antwoorden. De vragen staan "
                "hieronder ter volledigheid.")), self.st["not_applicable"])], self.width,
                self.s.color("not_applicable_bg")))
        elif section.id in self.v.evaluation.visibility.not_applicable_sections:
            reason = self.v.evaluation.visibility.not_applicable_sections[section.id]
            out.append(grey_box([Paragraph(markup(
                _("Dit onderdeel is niet van toepassing (n.v.t.).") + (
                    " " + _("Reden: {reason}").format(reason=reason) if reason.strip() else "")),
                self.st["not_applicable"])], self.width, self.s.color("not_applicable_bg")))
        for question in section.questions:
            out += self.question(question)
        return out

    def question(self, question: Question) -> list[Flowable]:
        v, st = self.v, self.st
        lang, number = v.language, v.question_numbers[question.id]
        out: list[Flowable] = [
            *heading(self.marks, f"q_{question.id}", f"{number} {question.title(lang)}",
                     numbered(number, question.title(lang)), st["h3"], 1, room=70)]
        label = question.label.get(lang)
        if question.short_label and label != question.title(lang):
            out += paragraphs(label, st["question"])
        answer = v.toets.answers.get(question.id) or Answer()
        answered = is_answered(answer.value)
        if question.id not in v.evaluation.visibility.questions:
            out.append(Paragraph(markup(_("Niet van toepassing.")), st["not_applicable"]))
            if answered:
                out += self.earlier(question, answer)
            return out + self.evidence(question, answer, answered=False)
        vis = v.evaluation.visibility
        if question.id in vis.not_applicable:
            reason = vis.not_applicable[question.id]
            own = v.cform.section_of[question.id].id not in vis.not_applicable_sections
            text = not_applicable_text(reason if own else "")
            out.append(grey_box([Paragraph(markup(text), st["not_applicable"])], self.width,
                                self.s.color("not_applicable_bg")))
            if answered:
                out += self.earlier(question, answer)
            return out + self.evidence(question, answer, answered=False)
        if not answered:
            required = question.required or any(
                p.question == question.id and p.kind == "missing" for p in v.evaluation.problems)
            text = _("Niet beantwoord") + (" — " + _("verplichte vraag") if required else "")
            out.append(grey_box([Paragraph(markup(text), st["unanswered"])], self.width,
                                self.s.color("unanswered_bg")))
            return out + self.evidence(question, answer, answered=False)
        if question.choice_states:
            out += [Paragraph("• " + markup(f"{label}: {state_label(state)}"), st["bullet"])
                    for label, state in (
                        ((question.choice(v).label.get(lang) if question.choice(v) else v), s)
                        for v, s in choice_states(question, answer))]
        else:
            shown = answer_flowables(question, answer.value, self.s, self.width, lang,
                                     text_lang=self.answer_lang)
            if shown and getattr(shown[0], "keep_whole", False):  # heading stays with it
                for flowable in out:
                    flowable.keepWithNext = True
            if question.type in ("text", "textarea") and self.answer_lang:
                shown = [in_language(p, self.answer_lang)
                         for p in shown]  # the answer stays in the toets's own language
            out += shown
        if answer.other.strip():
            out += labelled(_("Anders, namelijk:"), answer.other.strip(), st["body"], self.chunk,
                            self.answer_lang)
        if answer.note.strip():
            out += labelled(_("Toelichting:"), answer.note.strip(), st["body"], self.chunk,
                            self.answer_lang)
        for message in self.problems.get(question.id, []):
            out.append(Paragraph(markup("⚠ " + _("Ongeldig antwoord: {reason}")
                                        .format(reason=message)), st["unanswered"]))
        return kept(out, self.evidence(question, answer, answered=True))

    def earlier(self, question: Question, answer: Answer) -> list[Paragraph]:
        """An answer that no longer counts, labelled as such."""
        text = shown_value(question, question.type, answer.value, self.v.language)
        return labelled(_("Eerder ingevuld (telt niet mee):"), text, self.st["cell_muted"],
                        self.chunk,
                        self.answer_lang if question.type in ("text", "textarea") else None)

    def evidence(self, question: Question | None, answer: Answer, *,
                 answered: bool) -> list[Flowable]:
        """Evidence and who was involved; for answered questions, say what is missing."""
        st, out, own = self.st, [], self.answer_lang
        evidence, involved = answer.evidence.strip(), answer.involved.strip()
        if evidence and involved and len(evidence) + len(involved) < self.chunk:
            there, back = (language_mark(own), language_mark(self.doc_lang)) if own else ("", "")
            out.append(Paragraph(  # one paragraph when short: quicker to lay out
                f"<b>{markup(_('Hoe weet je dit?'))}</b> {there}{markup(evidence)}<br/>{back}"
                f"<b>{markup(_('Betrokken:'))}</b> {there}{markup(involved)}", st["meta"]))
        else:
            if evidence:
                out += labelled(_("Hoe weet je dit?"), evidence, st["meta"], self.chunk, own)
            if involved:
                out += labelled(_("Betrokken:"), involved, st["meta"], self.chunk, own)
        if not answered or question is None:
            return out
        no_evidence = question.evidence and not evidence
        no_involved = question.involved and not involved
        if no_evidence and no_involved:
            note = _("Onderbouwing en betrokkenen niet ingevuld.")
        elif no_evidence:
            note = _("Onderbouwing (hoe weet je dit?) niet ingevuld.")
        elif no_involved:
            note = _("Betrokkenen niet ingevuld.")
        else:
            return out
        return [*out, Paragraph(markup(note), st["tiny"])]

    def unknown_answers(self) -> list[Flowable]:
        known = self.v.form.question_index()
        stray = {qid: a for qid, a in self.v.toets.answers.items()
                 if qid not in known and (is_answered(a.value) or a.evidence or a.involved)}
        if not stray:
            return []
        out: list[Flowable] = [
            *heading(self.marks, "s__unknown", _("Antwoorden buiten dit formulier"),
                     markup(_("Antwoorden buiten dit formulier")), self.st["h1"]),
            Paragraph(markup(_("Deze antwoorden horen bij vragen die niet (meer) in het formulier "
                               "staan. Ze tellen niet mee, maar staan hier zodat niets verloren "
                               "gaat.")), self.st["small_muted"])]
        for qid, answer in stray.items():
            out.append(Paragraph(markup(qid), self.st["h3"]))
            value = answer.value
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                                    indent=1, default=str)
            given = paragraphs(text, self.st["body"], self.chunk)
            out += [in_language(p, self.answer_lang) for p in given] if self.answer_lang \
                else given
            out += self.evidence(None, answer, answered=False)
        return out
