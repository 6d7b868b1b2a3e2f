"""Revisions with changed values: recording a save, the history of one answer,
restoring, and the version a co-signature was made over.

**The cap** (also in ``docs/FORMATS.md``): the log keeps the last
:data:`~toetsapp.model.toets.MAX_REVISIONS` revisions; one revision keeps at most
:data:`~toetsapp.model.toets.MAX_CHANGES` changes (the rest are counted in
``more_changes``); and the values of all changes together are kept up to
:data:`VALUE_BUDGET` characters of JSON — the oldest values are dropped first (the
change stays, marked ``dropped``, so the history still says *that* an answer changed).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from toetsapp.model.toets import MAX_CHANGES, MAX_REVISIONS, Change, Revision, Toets, utcnow
from toetsapp.review.items import MISSING, apply_items, changed_items, items

VALUE_BUDGET = 2_000_000


def _json(value: Any) -> Any:
    return None if value is MISSING else value


def changes_between(old: Toets | None, new: Toets) -> list[Change]:
    """The changed items from ``old`` to ``new``, in key order (none without ``old``)."""
    if old is None:
        return []
    diff = changed_items(items(old), items(new))
    return [Change(key=key, old=_json(a), new=_json(b)) for key, (a, b) in sorted(diff.items())]


def record_revision(toets: Toets, summary: str, *, by: str = "",
                    previous: Toets | None = None, at: datetime | None = None) -> Revision:
    """Append a revision (with the changes since ``previous`` and the content digest)
    to ``toets``, update ``metadata.modified`` and apply the cap."""
    from toetsapp.signing.content import content_digest

    changes = changes_between(previous, toets)
    toets.metadata.modified = at or utcnow()
    revision = Revision(summary=summary[:1000], by=by[:300], at=at or utcnow(),
                        changes=changes[:MAX_CHANGES],
                        more_changes=max(0, len(changes) - MAX_CHANGES))
    try:
        revision.digest = content_digest(toets)
    except Exception:  # NaN/infinity: no digest, nothing can be signed either
        revision.digest = None
    toets.revisions = cap([*toets.revisions, revision])
    return revision


def cap(revisions: list[Revision]) -> list[Revision]:
    """Apply the cap (see the module docstring); returns the (possibly new) list."""
    kept = revisions[-MAX_REVISIONS:]
    budget = VALUE_BUDGET
    for revision in reversed(kept):
        for change in revision.changes:
            if change.dropped:
                continue
            size = len(json.dumps([change.old, change.new], ensure_ascii=False))
            if size > budget:
                change.old = change.new = None
                change.dropped = True
            else:
                budget -= size
    return kept


@dataclass(frozen=True)
class HistoryEntry:
    """One change of one item: in which revision, by whom, from what to what."""

    revision: Revision
    key: str
    old: Any
    new: Any
    dropped: bool


def history_of(toets: Toets, prefix: str) -> list[HistoryEntry]:
    """Every recorded change of the items under ``prefix`` (e.g. ``answers.q1.``),
    newest first."""
    out = []
    for revision in reversed(toets.revisions):
        for change in revision.changes:
            if change.key == prefix or change.key.startswith(prefix):
                out.append(HistoryEntry(revision, change.key, change.old, change.new,
                                        change.dropped))
    return out


def answer_history(toets: Toets, question: str) -> list[HistoryEntry]:
    """The history of one answer (value, evidence, involved), newest first."""
    return history_of(toets, f"answers.{question}.")


@dataclass(frozen=True)
class PastVersion:
    """The toets as it was when it had ``digest``; ``exact`` when the rebuilt content
    has exactly that digest (else it is the best reconstruction from the log)."""

    toets: Toets
    revision: Revision
    exact: bool
    changed_keys: tuple[str, ...]


def version_at(toets: Toets, digest: str, *, saved: Toets | None = None) -> PastVersion | None:
    """Rebuild the toets as it was at the last revision with content ``digest`` by
    undoing the later changes. ``saved`` is the last saved state when ``toets`` has
    unsaved edits. None when no revision has that digest or a needed value was dropped."""
    from toetsapp.signing.content import content_digest

    base = saved or toets
    index = next((i for i in range(len(base.revisions) - 1, -1, -1)
                  if base.revisions[i].digest == digest), None)
    if index is None:
        return None
    state = items(base)
    for revision in reversed(base.revisions[index + 1:]):
        for change in reversed(revision.changes):
            if change.dropped:
                return None
            state[change.key] = MISSING if change.old is None else change.old
    current = items(toets)
    updates = {k: v for k, v in state.items() if current.get(k, MISSING) != v}
    updates.update({k: MISSING for k in current.keys() - state.keys()})
    updates = {k: v for k, v in updates.items() if not (v is MISSING and k not in current)}
    try:
        past = apply_items(toets, updates)
    except ValueError:
        return None
    past.revisions = list(base.revisions[:index + 1])
    try:
        exact = content_digest(past) == digest
    except Exception:
        exact = False
    keys = tuple(sorted(changed_items(items(past), current)))
    return PastVersion(past, base.revisions[index], exact, keys)


def changed_since(toets: Toets, digest: str) -> tuple[str, ...] | None:
    """The item keys that changed since the content had ``digest`` (for ``verify``:
    which answers changed after a co-signature); None when the log cannot tell."""
    past = version_at(toets, digest)
    return None if past is None else past.changed_keys
