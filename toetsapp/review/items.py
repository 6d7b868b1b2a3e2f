"""The signed content of a toets as a flat map of items, and back.

Keys: ``answers.<question>.<part>`` (``value``, ``evidence``, ``involved`` and any
other field of an answer), ``overrides.dimensions.<dimension>``,
``overrides.verdict``, ``metadata.<field>`` (``metadata.toetser.<field>``),
``form``, ``rubric``, ``language``. Values are JSON data. An empty answer part
(``None`` or ``""``) is no item at all, so "no answer" and "an empty answer" are the
same. Diff, history and merge all work on these items.
"""

from __future__ import annotations

from typing import Any

from toetsapp.model.toets import Answer, Toets

MISSING: Any = object()
"""Marks an item that is not there (to delete it)."""

TOP_FIELDS = ("language", "form", "rubric")


def _empty(value: Any, part: str = "") -> bool:
    """An answer part at its default (so it is no item)."""
    return value is None or value == "" or (part in _DEFAULTS and value == _DEFAULTS[part])


_DEFAULTS = {k: v for k, v in Answer().model_dump(mode="json").items() if k != "value"}


def items(toets: Toets) -> dict[str, Any]:
    """Every item of the content (``metadata.modified`` left out, as in signing)."""
    data = toets.model_dump(mode="json")
    out: dict[str, Any] = {name: data[name] for name in TOP_FIELDS}
    for name, value in data["metadata"].items():
        if name == "modified":
            continue
        if name == "toetser":
            for field, part in value.items():
                out[f"metadata.toetser.{field}"] = part
        else:
            out[f"metadata.{name}"] = value
    for question, answer in data["answers"].items():
        for part, value in answer.items():
            if not _empty(value, part):
                out[f"answers.{question}.{part}"] = value
    for dimension, override in data["overrides"]["dimensions"].items():
        out[f"overrides.dimensions.{dimension}"] = override
    if data["overrides"]["verdict"] is not None:
        out["overrides.verdict"] = data["overrides"]["verdict"]
    return out


def question_of(key: str) -> str | None:
    """The question id of an ``answers.…`` key."""
    return key.split(".")[1] if key.startswith("answers.") else None


def part_of(key: str) -> str | None:
    """The answer part of an ``answers.…`` key (``value``, ``evidence`` …)."""
    return key.split(".", 2)[2] if key.startswith("answers.") else None


def changed_items(old: dict[str, Any], new: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Key → (old, new) for every item that differs (MISSING when absent)."""
    out = {}
    for key in old.keys() | new.keys():
        a, b = old.get(key, MISSING), new.get(key, MISSING)
        if a != b:
            out[key] = (a, b)
    return out


def apply_items(toets: Toets, updates: dict[str, Any]) -> Toets:
    """A new toets: ``toets`` with each key set to its value (MISSING deletes it).
    Raises pydantic's ValidationError when a value does not fit the model."""
    data = toets.model_dump(mode="json")
    for key, value in updates.items():
        _set(data, key, value)
    data["answers"] = {q: a for q, a in data["answers"].items()
                       if any(not _empty(v, p) for p, v in a.items())}
    return Toets.model_validate(data)


def _set(data: dict[str, Any], key: str, value: Any) -> None:
    head, _, rest = key.partition(".")
    if head == "answers":
        question, _, part = rest.partition(".")
        answer = data["answers"].setdefault(question, {})
        if value is MISSING:
            answer[part] = None if part == "value" else _DEFAULTS.get(part, "")
        else:
            answer[part] = value
    elif head == "overrides":
        if rest == "verdict":
            data["overrides"]["verdict"] = None if value is MISSING else value
        else:
            dimension = rest.removeprefix("dimensions.")
            if value is MISSING:
                data["overrides"]["dimensions"].pop(dimension, None)
            else:
                data["overrides"]["dimensions"][dimension] = value
    elif head == "metadata":
        owner = data["metadata"]
        if rest.startswith("toetser."):
            owner, rest = owner["toetser"], rest.removeprefix("toetser.")
        if value is MISSING:
            owner.pop(rest, None)
        else:
            owner[rest] = value
    elif head in TOP_FIELDS:
        data[head] = None if value is MISSING else value
    else:
        raise KeyError(key)
