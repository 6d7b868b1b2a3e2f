"""Comments per question and per section, replies, resolving, section verdicts.

All of it lives in ``comments`` and ``reviews`` of the toets, outside the signed
content: adding, answering or resolving a comment never voids a co-signature.
Functions here return a new list (the caller stores it), so the app can undo them.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass

from toetsapp.errors import ToetsappError
from toetsapp.i18n import N_, _
from toetsapp.model.form import Form
from toetsapp.model.toets import (
    REVIEW_VERDICTS,
    Comment,
    Reply,
    Resolution,
    ReviewVerdict,
    SectionReview,
    Toets,
    utcnow,
)

VERDICT_LABELS = {"akkoord": N_("akkoord"), "aanpassen": N_("aanpassen"),
                  "vraag": N_("vraag")}


def verdict_label(verdict: str) -> str:
    return _(VERDICT_LABELS.get(verdict, verdict))


@dataclass(frozen=True)
class Author:
    """Who writes a comment."""

    name: str = ""
    organisation: str = ""


def section_of(form: Form, question: str) -> str:
    """The section a question belongs to, or a clear error."""
    for section, q in form.questions():
        if q.id == question:
            return section.id
    raise ToetsappError(_("onbekende vraag '{id}'").format(id=question))


def add_comment(toets: Toets, form: Form, text: str, author: Author, *,
                question: str | None = None, section: str | None = None) -> Comment:
    """A new comment on ``question`` (its section found in ``form``) or ``section``,
    appended to ``toets.comments``."""
    if not text.strip():
        raise ToetsappError(_("een opmerking mag niet leeg zijn"))
    if question is not None:
        section = section_of(form, question)
    if section is None or form.section(section) is None:
        raise ToetsappError(_("onbekend onderdeel '{id}'").format(id=section))
    comment = Comment(section=section, question=question, text=text,
                      author=author.name, organisation=author.organisation)
    toets.comments = [*toets.comments, comment]
    return comment


def _find(toets: Toets, comment_id: uuid.UUID | str) -> int:
    wanted = str(comment_id)
    for i, comment in enumerate(toets.comments):
        if str(comment.id) == wanted:
            return i
    raise ToetsappError(_("onbekende opmerking {id}").format(id=comment_id))


def reply(toets: Toets, comment_id: uuid.UUID | str, text: str, author: Author) -> Reply:
    """Add a reply to a comment (a resolved comment opens again)."""
    if not text.strip():
        raise ToetsappError(_("een reactie mag niet leeg zijn"))
    index = _find(toets, comment_id)
    answer = Reply(text=text, author=author.name, organisation=author.organisation)
    comment = toets.comments[index].model_copy(deep=True)
    comment.replies = [*comment.replies, answer]
    comment.resolved = None
    toets.comments = [*toets.comments[:index], comment, *toets.comments[index + 1:]]
    return answer


def resolve(toets: Toets, comment_id: uuid.UUID | str, author: Author,
            resolved: bool = True) -> None:
    """Mark a comment resolved (or open again with ``resolved=False``)."""
    index = _find(toets, comment_id)
    comment = toets.comments[index].model_copy(deep=True)
    comment.resolved = (Resolution(by=author.name, organisation=author.organisation)
                        if resolved else None)
    toets.comments = [*toets.comments[:index], comment, *toets.comments[index + 1:]]


def set_review(toets: Toets, form: Form, section: str, verdict: ReviewVerdict,
               author: Author, comment: str = "") -> SectionReview:
    """The reviewer's verdict on a section; replaces that reviewer's earlier one."""
    if form.section(section) is None:
        raise ToetsappError(_("onbekend onderdeel '{id}'").format(id=section))
    if verdict not in REVIEW_VERDICTS:
        raise ToetsappError(_("onbekend oordeel '{v}'").format(v=verdict))
    if verdict != "akkoord" and not comment.strip():
        raise ToetsappError(_("geef bij '{v}' een toelichting").format(v=verdict_label(verdict)))
    review = SectionReview(section=section, verdict=verdict, comment=comment,
                           author=author.name, organisation=author.organisation, at=utcnow())
    others = [r for r in toets.reviews
              if not (r.section == section and (r.author, r.organisation)
                      == (author.name, author.organisation))]
    toets.reviews = [*others, review]
    return review


def open_comments(toets: Toets) -> list[Comment]:
    """Comments not (yet) resolved, in file order."""
    return [c for c in toets.comments if c.resolved is None]


def open_counts(toets: Toets) -> tuple[Counter[str], Counter[str]]:
    """Open comments per section and per question."""
    per_section: Counter[str] = Counter()
    per_question: Counter[str] = Counter()
    for comment in open_comments(toets):
        per_section[comment.section] += 1
        if comment.question:
            per_question[comment.question] += 1
    return per_section, per_question


def comments_on(toets: Toets, *, question: str | None = None,
                section: str | None = None) -> list[Comment]:
    """The comments on one question, or on a section itself (not its questions)."""
    if question is not None:
        return [c for c in toets.comments if c.question == question]
    return [c for c in toets.comments if c.section == section and c.question is None]


def reviews_of(toets: Toets, section: str) -> list[SectionReview]:
    return [r for r in toets.reviews if r.section == section]
