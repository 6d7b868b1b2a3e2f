"""Migrating ``.toets`` data written by earlier releases to the current format.

A chain of steps, one per format version: ``STEPS[n]`` turns version ``n`` data into
version ``n + 1`` (in place) and returns notes, for people, on what it did.
:func:`migrate` runs the steps in order until the data is at
:data:`~toetsapp.model.toets.FORMAT_VERSION`. A step works on plain JSON data, before
validation, must be deterministic (the same input always gives the same output: old
co-signatures are checked by migrating again) and never drops content.

When co-signed data is migrated, the content as it was signed is kept in
``migrated_from`` (see :mod:`toetsapp.signing.content`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from toetsapp.i18n import _
from toetsapp.model.toets import FORMAT_VERSION
from toetsapp.review.upgrade import v2_to_v3

Step = Callable[[dict[str, Any]], list[str]]

# Identification questions that repeated the toets's own data (asked once since
# format 2): form id -> {question id: metadata field}.
_ASKED_TWICE: dict[str, dict[str, str]] = {
    "uitvoerbaarheidstoets": {"voorstel_titel": "title",
                              "verantwoordelijk_ministerie": "ministry"},
    "doenvermogentoets": {"titel_voorstel": "title", "ministerie": "ministry"},
}


def _field_name(name: str) -> str:
    return _("titel") if name == "title" else _("ministerie")

# Fields format 2 added: left out when the signed content of a format 1 toets is
# reconstructed from the current model (paths; "*" is every answer).
_ADDED_IN_2 = (("not_applicable_sections",), ("migrated_from",),
               ("metadata", "joint_dossiernummers"), ("metadata", "related_kamerstukken"),
               ("answers", "*", "not_applicable"), ("answers", "*", "note"),
               ("answers", "*", "other"), ("answers", "*", "not_applicable_choices"))


def v1_to_v2(data: dict[str, Any]) -> list[str]:
    """Format 1 → 2: n.v.t., toelichting, 'anders, namelijk', joint dossiers (all new
    fields with empty defaults), and title and ministry asked once: an answer that
    repeated the toets's title or ministry moves into the toets's data."""
    notes: list[str] = []
    form_id = (data.get("form") or {}).get("id") if isinstance(data.get("form"), dict) else None
    answers = data.get("answers")
    metadata = data.setdefault("metadata", {})
    if isinstance(answers, dict) and isinstance(metadata, dict):
        for qid, name in _ASKED_TWICE.get(str(form_id), {}).items():
            answer = answers.get(qid)
            value = answer.get("value") if isinstance(answer, dict) else None
            if not isinstance(value, str) or not value.strip():
                continue
            have = metadata.get(name)
            label = _field_name(name)
            if not isinstance(have, str) or not have.strip():
                metadata[name] = value.strip()
                del answers[qid]
                notes.append(_("Het antwoord op '{question}' staat nu bij de gegevens van "
                               "de toets ({field}).").format(question=qid, field=label))
            elif have.strip() == value.strip():
                del answers[qid]
                notes.append(_("De vraag '{question}' herhaalde een gegeven van de toets "
                               "({field}); dat wordt nu één keer gevraagd.").format(
                    question=qid, field=label))
            else:
                notes.append(_("Het antwoord op '{question}' ('{value}') wijkt af van de "
                               "gegevens van de toets ({field}: '{have}'); het antwoord is "
                               "bewaard, kijk na welke klopt.").format(
                    question=qid, value=value, field=label, have=have))
    data["format_version"] = 2
    return notes


def v3_to_v4(data: dict[str, Any]) -> list[str]:
    """Format 3 → 4: co-signatures may carry a timestamp token (a new field, empty by
    default); nothing else changes."""
    data["format_version"] = 4
    return []


STEPS: dict[int, Step] = {1: v1_to_v2, 2: v2_to_v3, 3: v3_to_v4}


def migrate(data: dict[str, Any]) -> list[str]:
    """Bring ``data`` (a dict with an integer ``format_version`` ≤ current) up to date,
    in place; the notes of every step that ran, in order.

    Co-signed data keeps the content as it was signed in ``migrated_from``.
    """
    start = data["format_version"]
    if start >= FORMAT_VERSION:
        return []
    earlier = signed_content_at(data) if data.get("signatures") else None
    notes: list[str] = [_("Geopend uit formaatversie {old} en bijgewerkt naar versie {new}.")
                        .format(old=start, new=FORMAT_VERSION)]
    while data["format_version"] < FORMAT_VERSION:
        notes += STEPS[data["format_version"]](data)
    if earlier is not None:
        kept = data.get("migrated_from")
        data["migrated_from"] = [*(kept if isinstance(kept, list) else []),
                                 {"format_version": start, "content": earlier}]
        notes.append(_("De inhoud zoals die is ondertekend, is bewaard; de handtekeningen "
                       "blijven controleerbaar."))
    return notes


def migrated_copy(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A migrated deep copy of ``data`` and the notes (``data`` is left as it is)."""
    out = copy.deepcopy(data)
    return out, migrate(out)


def signed_content_at(data: dict[str, Any]) -> dict[str, Any] | None:
    """The content a co-signature over ``data`` (at its own, older format version)
    covered, or None when the data is not a valid toets of that version.

    Format 1 content is what the current model holds for it (defaults filled in)
    without the fields format 2 added; format 2 and 3 content is the current content with
    its own version number (formats 3 and 4 added nothing to what is signed).
    """
    from pydantic import ValidationError

    from toetsapp.model.toets import Toets
    from toetsapp.signing.content import signed_content

    version = data.get("format_version")
    if version not in (1, 2, 3):
        return None
    trial = copy.deepcopy(data)
    trial["format_version"] = FORMAT_VERSION
    try:
        content = signed_content(Toets.model_validate(trial))
    except (ValidationError, ValueError, TypeError):
        return None
    if version == 1:
        for path in _ADDED_IN_2:
            _drop(content, path)
    # formats 3 and 4 added nothing to the signed content (comments, reviews, the fields
    # of revisions and a signature's timestamp are outside it); only the version differs
    content["format_version"] = version
    return content


def _drop(data: Any, path: tuple[str, ...]) -> None:
    if not isinstance(data, dict) or not path:
        return
    head, rest = path[0], path[1:]
    if not rest:
        data.pop(head, None)
        return
    for child in list(data.values()) if head == "*" else [data.get(head)]:
        _drop(child, rest)
