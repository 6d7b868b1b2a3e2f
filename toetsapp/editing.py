"""Pure edits of a :class:`Toets`: read and write one addressed place.

Undo commands in the UI are "set target from old to new"; this module is the
Qt-free half that knows how a target maps onto the model.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError

from toetsapp.model.toets import (
    MAX_EVIDENCE,
    MAX_NOTE,
    Answer,
    Metadata,
    NotApplicable,
    Override,
    Toets,
)

# value; evidence and involved (texts); not_applicable (the reason, or None when the
# answer is not 'n.v.t.'); note (toelichting beside a closed answer); other ('anders,
# namelijk' text)
Part = Literal["value", "evidence", "involved", "not_applicable", "note", "other",
               "not_applicable_choices"]
TEXT_PARTS = ("evidence", "involved", "note", "other")
PERSON_FIELDS = ("name", "organisation", "role", "email")


@dataclass(frozen=True)
class AnswerPart:
    """The value, the evidence or the 'who was involved' of one answer."""

    question: str
    part: Part = "value"


@dataclass(frozen=True)
class MetaField:
    """A metadata field: ``title``, ``toets_date``, ``organisations``, ``toetser.name`` ..."""

    name: str


@dataclass(frozen=True)
class OverrideSlot:
    """The toetser's override of one dimension, or of the verdict (``dimension=None``)."""

    dimension: str | None = None


@dataclass(frozen=True)
class SignaturesSlot:
    """The co-signatures of the toets (added by signing, never typed)."""


@dataclass(frozen=True)
class ReviewSlot:
    """The comments and section reviews (outside the signed content): the value is a
    pair ``(comments, reviews)``."""


@dataclass(frozen=True)
class ContentSlot:
    """The whole toets at once (taking over a merged copy is one undo step)."""


@dataclass(frozen=True)
class SectionSlot:
    """Whether a whole section is declared 'n.v.t.': its reason, or None."""

    section: str


Target = (AnswerPart | MetaField | OverrideSlot | SignaturesSlot | SectionSlot | ReviewSlot
          | ContentSlot)


def read(toets: Toets, target: Target) -> Any:
    """The current value at ``target`` (a copy: callers may keep it)."""
    if isinstance(target, AnswerPart):
        answer = toets.answers.get(target.question)
        if target.part == "not_applicable":
            return answer.not_applicable.reason if answer and answer.not_applicable else None
        if answer is None:
            return None if target.part == "value" else ""
        return copy.deepcopy(getattr(answer, target.part))
    if isinstance(target, SectionSlot):
        found = toets.not_applicable_sections.get(target.section)
        return found.reason if found is not None else None
    if isinstance(target, SignaturesSlot):
        return [signature.model_copy() for signature in toets.signatures]
    if isinstance(target, ReviewSlot):
        return ([c.model_copy(deep=True) for c in toets.comments],
                [r.model_copy(deep=True) for r in toets.reviews])
    if isinstance(target, ContentSlot):
        return toets.model_copy(deep=True)
    if isinstance(target, MetaField):
        owner, name = _meta_owner(toets.metadata, target.name)
        value = getattr(owner, name)
        if name in ("organisations", "related_kamerstukken"):
            return [item.model_dump() for item in value]
        return value
    if target.dimension is None:
        override = toets.overrides.verdict
    else:
        override = toets.overrides.dimensions.get(target.dimension)
    return override.model_copy() if override is not None else None


def write(toets: Toets, target: Target, value: Any) -> None:
    """Store ``value`` at ``target``; an answer left empty is removed altogether."""
    if isinstance(target, AnswerPart):
        _write_answer(toets, target, value)
    elif isinstance(target, MetaField):
        owner, name = _meta_owner(toets.metadata, target.name)
        setattr(owner, name, copy.deepcopy(value))
    elif isinstance(target, SignaturesSlot):
        toets.signatures = [signature.model_copy() for signature in value]
    elif isinstance(target, ReviewSlot):
        comments, reviews = value
        toets.comments = [c.model_copy(deep=True) for c in comments]
        toets.reviews = [r.model_copy(deep=True) for r in reviews]
    elif isinstance(target, ContentSlot):
        for name in Toets.model_fields:
            setattr(toets, name, copy.deepcopy(getattr(value, name)))
    elif isinstance(target, SectionSlot):
        if value is None:
            toets.not_applicable_sections.pop(target.section, None)
        else:
            toets.not_applicable_sections = {
                **toets.not_applicable_sections,
                target.section: NotApplicable(reason=str(value)[:MAX_NOTE])}
    elif target.dimension is None:
        toets.overrides.verdict = _override(value)
    elif value is None:
        toets.overrides.dimensions.pop(target.dimension, None)
    else:
        toets.overrides.dimensions[target.dimension] = _override(value)


def _write_answer(toets: Toets, target: AnswerPart, value: Any) -> None:
    old = toets.answers.get(target.question) or Answer()
    fields = old.model_dump()
    if target.part == "value":
        fields["value"] = copy.deepcopy(value)
    elif target.part == "not_applicable":
        fields["not_applicable"] = None if value is None else {"reason": str(value)[:MAX_NOTE]}
    elif target.part == "not_applicable_choices":
        fields["not_applicable_choices"] = [str(v) for v in value or []]
    else:
        limit = MAX_EVIDENCE if target.part in ("evidence", "involved") else MAX_NOTE
        fields[target.part] = str(value or "")[:limit]
    if fields["value"] is None and fields["not_applicable"] is None and not any(
            fields[part] for part in (*TEXT_PARTS, "not_applicable_choices")):
        toets.answers.pop(target.question, None)
    else:
        toets.answers[target.question] = Answer(**fields)


def _override(value: Any) -> Override | None:
    return value.model_copy() if isinstance(value, Override) else value


def _meta_owner(metadata: Metadata, name: str) -> tuple[Any, str]:
    if name.startswith("toetser."):
        field = name.split(".", 1)[1]
        if field not in PERSON_FIELDS:
            raise KeyError(name)
        return metadata.toetser, field
    if name not in Metadata.model_fields:
        raise KeyError(name)
    return metadata, name


def check_metadata(toets: Toets, name: str, value: Any) -> str | None:
    """Why ``value`` cannot be stored in metadata field ``name`` (None when it can)."""
    trial = toets.metadata.model_copy(deep=True)
    owner, field = _meta_owner(trial, name)
    try:
        setattr(owner, field, value)
    except ValidationError as exc:
        return "; ".join(str(err.get("msg", "")).removeprefix("Value error, ")
                         for err in exc.errors())
    return None


def normalised_metadata(toets: Toets, name: str, value: Any) -> Any:
    """``value`` as the model would store it (e.g. '36501' becomes '36 501')."""
    trial = toets.metadata.model_copy(deep=True)
    owner, field = _meta_owner(trial, name)
    setattr(owner, field, value)
    return getattr(owner, field)
