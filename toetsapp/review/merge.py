"""Taking over a returned copy: ``merge(mine, theirs)``.

Both must be copies of the same toets (same ``id``). Their common history is the
latest revision (by id) both logs share. For every item that differs, each side's
*base* value is the old value of its first change after that point (or its current
value when it did not change it):

- changed on one side only → that side's value is taken;
- changed on both sides (or the log cannot tell) → a :class:`Conflict`, resolved by
  ``choices`` (key → ``"mine"``/``"theirs"``), else by ``prefer``; the value not
  chosen is kept in an open comment on the question, so nothing is lost.

Comments, replies and section reviews are united (by id; a comment resolved on
either side stays resolved), revisions united by id in time order, co-signatures
united. The merge is symmetric: swapping the sides gives the same items except where
there is a conflict. Merging a copy with itself changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from toetsapp.errors import ToetsappError
from toetsapp.i18n import _
from toetsapp.model.form import Form
from toetsapp.model.toets import Comment, Revision, SectionReview, Toets
from toetsapp.review.history import cap, record_revision
from toetsapp.review.items import MISSING, apply_items, changed_items, items, question_of

Side = Literal["mine", "theirs"]
MERGE_AUTHOR = "Toetsapp"


@dataclass(frozen=True)
class Touch:
    """Who last changed an item on one side since the common history."""

    by: str
    at: datetime | None
    summary: str


@dataclass(frozen=True)
class Conflict:
    """An item both sides changed differently."""

    key: str
    mine: Any
    theirs: Any
    mine_by: Touch | None
    theirs_by: Touch | None
    chosen: Side


@dataclass
class MergeResult:
    toets: Toets
    taken: list[str] = field(default_factory=list)  # keys taken over from theirs
    conflicts: list[Conflict] = field(default_factory=list)
    new_comments: int = 0
    changed: bool = False


def _since(toets: Toets, shared: set[str]) -> list[Revision]:
    return [r for r in toets.revisions if str(r.id) not in shared]


def _bases(revisions: list[Revision]) -> tuple[dict[str, Any], dict[str, Touch], set[str]]:
    """Per key: the value before the first change since the fork, who changed it
    last, and the keys whose values were dropped from the log."""
    base: dict[str, Any] = {}
    last: dict[str, Touch] = {}
    dropped: set[str] = set()
    for revision in revisions:
        for change in revision.changes:
            if change.dropped:
                dropped.add(change.key)
            elif change.key not in base:
                base[change.key] = MISSING if change.old is None else change.old
            last[change.key] = Touch(revision.by, revision.at, revision.summary)
    return base, last, dropped


def check_same_toets(mine: Toets, theirs: Toets, name_mine: str = "", name_theirs: str = ""
                     ) -> None:
    """Refuse to merge copies of different toetsen."""
    if mine.id != theirs.id:
        raise ToetsappError(_(
            "{b} is geen kopie van {a}: het zijn verschillende toetsen (id {ida} en {idb}); "
            "samenvoegen kan alleen met een kopie van dezelfde toets").format(
            a=name_mine or "MINE", b=name_theirs or "THEIRS", ida=mine.id, idb=theirs.id))
    if mine.form.id != theirs.form.id:
        raise ToetsappError(_("de toetsen gebruiken verschillende formulieren ({a} en {b})")
                            .format(a=mine.form.id, b=theirs.form.id))


def merge(mine: Toets, theirs: Toets, form: Form | None = None, *,
          choices: dict[str, Side] | None = None, prefer: Side = "mine",
          by: str = "", name_theirs: str = "") -> MergeResult:
    """Merge ``theirs`` into ``mine`` (neither is changed); see the module docstring."""
    check_same_toets(mine, theirs)
    choices = choices or {}
    shared = {str(r.id) for r in mine.revisions} & {str(r.id) for r in theirs.revisions}
    base_m, last_m, dropped_m = _bases(_since(mine, shared))
    base_t, last_t, dropped_t = _bases(_since(theirs, shared))
    items_m, items_t = items(mine), items(theirs)
    updates: dict[str, Any] = {}
    taken: list[str] = []
    conflicts: list[Conflict] = []
    for key, (value_m, value_t) in sorted(changed_items(items_m, items_t).items()):
        was_m = base_m.get(key, value_m)
        was_t = base_t.get(key, value_t)
        known = key not in dropped_m and key not in dropped_t and was_m == was_t
        if known and value_m == was_m:  # only theirs changed it
            updates[key] = value_t
            taken.append(key)
        elif known and value_t == was_t:  # only mine changed it
            continue
        else:
            side = choices.get(key, prefer)
            conflicts.append(Conflict(key, _plain(value_m), _plain(value_t), last_m.get(key),
                                      last_t.get(key), side))
            if side == "theirs":
                updates[key] = value_t
    merged = apply_items(mine, updates)
    merged.comments = _union_comments(mine.comments, theirs.comments)
    merged.reviews = _union_reviews(mine.reviews, theirs.reviews)
    merged.revisions = _union_revisions(mine.revisions, theirs.revisions)
    merged.signatures = _union_signatures(mine, theirs)
    new_comments = len(merged.comments) - len(mine.comments)
    for conflict in conflicts:
        _keep_loser(merged, form, conflict)
    result = MergeResult(merged, taken, conflicts, new_comments)
    result.changed = bool(updates or conflicts or new_comments
                          or merged.reviews != mine.reviews
                          or merged.comments != mine.comments
                          or len(merged.revisions) != len(mine.revisions)
                          or merged.signatures != mine.signatures)
    if result.changed:
        summary = _("Samengevoegd met {file}: {taken} antwoord(en) overgenomen, "
                    "{conflicts} conflict(en), {comments} nieuwe opmerking(en)").format(
            file=name_theirs or _("een kopie"), taken=len(taken), conflicts=len(conflicts),
            comments=new_comments)
        record_revision(merged, summary, by=by, previous=mine)
    return result


def _plain(value: Any) -> Any:
    return None if value is MISSING else value


def _keep_loser(merged: Toets, form: Form | None, conflict: Conflict) -> None:
    """An open comment holding the value that was not chosen."""
    from toetsapp.review.diff import value_text

    question = question_of(conflict.key)
    lost, touch = ((conflict.theirs, conflict.theirs_by) if conflict.chosen == "mine"
                   else (conflict.mine, conflict.mine_by))
    section = None
    q_model = None
    if form is not None and question is not None:
        for s, q in form.questions():
            if q.id == question:
                section, q_model = s.id, q
    if section is None:  # not about an answer of the form: a comment on the first section
        section = form.sections[0].id if form is not None else "algemeen"
        question = None
    part = conflict.key.split(".", 2)[2] if conflict.key.startswith("answers.") else ""
    who = f"{touch.by} ({touch.at:%Y-%m-%d %H:%M})" if touch and touch.at else _("onbekend")
    text = _("Samenvoegconflict over {key}: gekozen is de waarde van {side}; de andere "
             "waarde (van {who}) was:\n{value}").format(
        key=conflict.key, side=_("mijn kopie") if conflict.chosen == "mine"
        else _("de andere kopie"), who=who,
        value=value_text(q_model, part or "value", lost, "nl") if lost is not None else "—")
    merged.comments = [*merged.comments, Comment(section=section, question=question,
                                                 text=text[:20_000], author=MERGE_AUTHOR)]


def _union_comments(mine: list[Comment], theirs: list[Comment]) -> list[Comment]:
    by_id: dict[str, Comment] = {}
    for comment in [*mine, *theirs]:
        key = str(comment.id)
        if key not in by_id:
            by_id[key] = comment.model_copy(deep=True)
            continue
        here = by_id[key]
        replies = {str(r.id): r for r in [*here.replies, *comment.replies]}
        resolved = [r for r in (here.resolved, comment.resolved) if r is not None]
        here.replies = sorted(replies.values(), key=lambda r: (r.at, str(r.id)))
        here.resolved = (min(resolved, key=lambda r: (r.at, r.by, r.organisation))
                         if resolved else None)
        if here.resolved is not None and here.replies and here.replies[-1].at > here.resolved.at:
            here.resolved = None  # a reply after resolving opens the comment again
    return sorted(by_id.values(), key=lambda c: (c.at, str(c.id)))


def _union_reviews(mine: list[SectionReview], theirs: list[SectionReview]
                   ) -> list[SectionReview]:
    latest: dict[tuple[str, str, str], SectionReview] = {}
    for review in [*mine, *theirs]:
        key = (review.section, review.author, review.organisation)
        here = latest.get(key)
        if here is None or (review.at, str(review.id)) > (here.at, str(here.id)):
            latest[key] = review.model_copy()
    return sorted(latest.values(), key=lambda r: (r.at, str(r.id)))


def _union_revisions(mine: list[Revision], theirs: list[Revision]) -> list[Revision]:
    seen: dict[str, Revision] = {}
    for revision in [*mine, *theirs]:
        seen.setdefault(str(revision.id), revision.model_copy(deep=True))
    ordered = sorted(seen.values(), key=lambda r: (r.at, str(r.id)))
    # keep mine's own order where it already had every revision (merge with itself)
    if len(ordered) == len(mine):
        return [r.model_copy(deep=True) for r in mine]
    return cap(ordered)


def _union_signatures(mine: Toets, theirs: Toets) -> list:
    out = [s.model_copy() for s in mine.signatures]
    known = {s.signature for s in out}
    for signature in theirs.signatures:
        if signature.signature not in known:
            out.append(signature.model_copy())
            known.add(signature.signature)
    return out
