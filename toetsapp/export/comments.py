"""The review copy (``render --with-comments``): comments, replies and section verdicts
after the colophon. A normal PDF leaves them out."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from toetsapp.export.doc import Marks, heading
from toetsapp.export.style import HouseStyle
from toetsapp.export.text import markup
from toetsapp.export.view import View
from toetsapp.formatting import format_datetime
from toetsapp.i18n import _
from toetsapp.review.comments import verdict_label

COMMENTS_KEY = "comments"


def _who(name: str, organisation: str) -> str:
    return f"{name} ({organisation})" if organisation else name


def comment_flowables(view: View, marks: Marks, style: HouseStyle) -> list[Flowable]:
    """Every comment per section and question, with replies, state and verdicts."""
    st, lang, toets = style.styles, view.language, view.toets
    out: list[Flowable] = heading(marks, COMMENTS_KEY, _("Opmerkingen (reviewexemplaar)"),
                                  markup(_("Opmerkingen (reviewexemplaar)")), st["h1"])
    out.append(Paragraph(markup(_("Dit exemplaar bevat de opmerkingen uit de reviewronde. "
                                  "Opmerkingen vallen buiten de ondertekende inhoud.")),
                         st["small_muted"]))
    questions = view.form.question_index()
    if not toets.comments and not toets.reviews:
        return [*out, Paragraph(markup(_("Geen opmerkingen.")), st["body"])]
    for number, section in enumerate(view.form.sections, start=1):
        comments = [c for c in toets.comments if c.section == section.id]
        reviews = [r for r in toets.reviews if r.section == section.id]
        if not comments and not reviews:
            continue
        out.append(Paragraph(markup(f"{number}. {section.title.get(lang)}"), st["h2"]))
        for review in reviews:
            out.append(Paragraph(markup(_("Beoordeling van {who}: {verdict}").format(
                who=_who(review.author, review.organisation),
                verdict=verdict_label(review.verdict))
                + (f" — {review.comment}" if review.comment else "")), st["body"]))
        for comment in comments:
            question = questions.get(comment.question or "")
            where = question.title(lang) if question else _("Onderdeel als geheel")
            state = (_("afgehandeld door {who}").format(who=comment.resolved.by)
                     if comment.resolved else _("open"))
            out.append(Paragraph(markup(f"{where} · {_who(comment.author, comment.organisation)}"
                                        f" · {format_datetime(comment.at, lang)} · {state}"),
                                 st["label"]))
            out.append(Paragraph(markup(comment.text), st["body"]))
            for reply in comment.replies:
                out.append(Paragraph(markup(
                    f"↳ {_who(reply.author, reply.organisation)} "
                    f"({format_datetime(reply.at, lang)}): {reply.text}"), st["small"]))
    return out
