"""Which answers changed since a co-signature (``toetsapp verify`` names them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from toetsapp.i18n import _
from toetsapp.model.toets import CoSignature, Toets
from toetsapp.review.history import changed_since
from toetsapp.review.items import question_of

if TYPE_CHECKING:  # the forms are loaded only when an answer changed since signing
    from toetsapp.model.form import Form


def _labels(keys: tuple[str, ...], form: Form | None, language: str) -> list[str]:
    index = form.question_index() if form else {}
    out: list[str] = []
    for key in keys:
        question = question_of(key)
        if question is None:
            label = key
        else:
            q = index.get(question)
            label = q.title(language) if q else question
        if label not in out:
            out.append(label)
    return out


def changed_for(toets: Toets, signature: CoSignature) -> tuple[str, ...] | None:
    """Item keys changed since ``signature`` was made; () when the content is the same;
    None when the revision log cannot tell (e.g. signed before format 3)."""
    from toetsapp.signing.content import content_digest

    if content_digest(toets) == signature.content_digest:
        return ()
    return changed_since(toets, signature.content_digest)


def changes_by_signer(toets: Toets) -> dict[int, tuple[str, ...] | None]:
    """For each co-signature (by index) over other content: the changed keys."""
    out = {}
    for index, signature in enumerate(toets.signatures):
        keys = changed_for(toets, signature)
        if keys != ():
            out[index] = keys
    return out


def changed_lines(toets: Toets | None, language: str) -> tuple[list[str], dict[str, object]]:
    """Text lines and JSON data naming what changed since each outdated co-signature of
    ``toets``; empty when nothing changed (or no toets). The form (for question titles)
    is loaded only when something changed."""
    if toets is None:
        return [], {}
    changes = changes_by_signer(toets)
    form = None
    if any(changes.values()):
        from toetsapp.catalog import default_catalog

        form = default_catalog().forms.get(toets.form.id)
    lines: list[str] = []
    data: dict[str, object] = {}
    for index, keys in changes.items():
        signature = toets.signatures[index]
        who = f"{signature.organisation} ({signature.name})"
        data[str(index)] = {"organisation": signature.organisation,
                            "changed": list(keys) if keys is not None else None}
        if keys is None:
            lines.append(_("Wat er sinds de handtekening van {who} veranderde, staat niet in "
                           "het wijzigingslogboek.").format(who=who))
        else:
            lines.append(_("Gewijzigd sinds {who} tekende: {items}").format(
                who=who, items="; ".join(_labels(keys, form, language))))
    return lines, data
