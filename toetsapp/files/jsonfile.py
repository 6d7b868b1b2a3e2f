"""Reading JSON files defensively: size, encoding, syntax and nesting limits."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from toetsapp.errors import FileProblem, Issue, json_path
from toetsapp.files.readfile import read_file_bytes
from toetsapp.formatting import format_number
from toetsapp.i18n import N_, _

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
MAX_STRING = 1_000_000
MAX_INT_DIGITS = 30  # far beyond any amount, count or FTE; far below Python's 4300-digit limit
JSON_MESSAGES = {
    "Expecting value": N_("waarde verwacht"),
    "Expecting property name enclosed in double quotes":
        N_("naam tussen dubbele aanhalingstekens verwacht"),
    "Expecting ',' delimiter": N_("komma verwacht"),
    "Expecting ':' delimiter": N_("dubbele punt verwacht"),
    "Unterminated string starting at": N_("tekst zonder sluitend aanhalingsteken"),
    "Invalid control character at": N_("ongeldig stuurteken in tekst"),
    "Invalid \\escape": N_("ongeldige escape met \\"),
    "Invalid \\uXXXX escape": N_("ongeldige \\uXXXX-escape"),
    "Extra data": N_("er volgt nog iets na het einde van de JSON"),
}
"""Python's own (English) JSON error messages, in Toetsapp's words."""


def read_json(path: Path | str, *, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """Parse a JSON file or raise :class:`FileProblem` saying what is wrong and where."""
    return parse_json_bytes(read_file_bytes(path, max_bytes), path)


def parse_json_bytes(data: bytes, path: Path | str) -> Any:
    """Parse JSON bytes; ``path`` only names the source in messages."""
    if len(data) > MAX_FILE_BYTES:
        raise FileProblem(path, _("het bestand is te groot (meer dan {max} MB)")
                          .format(max=format_number(MAX_FILE_BYTES / 2**20)))
    if not data.strip():
        raise FileProblem(path, _("het bestand is leeg"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(path, _("het bestand is geen geldige UTF-8-tekst (byte {pos})")
                          .format(pos=exc.start)) from None
    try:
        value = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant,
                           parse_int=_bounded_int, parse_float=_finite_float)
    except _DuplicateKey as exc:
        raise FileProblem(path, str(exc)) from None
    except json.JSONDecodeError as exc:
        raise FileProblem(path, _("geen geldige JSON: {msg} op regel {line}, kolom {col}")
                          .format(msg=_(JSON_MESSAGES[exc.msg]) if exc.msg in JSON_MESSAGES
                                  else exc.msg, line=exc.lineno, col=exc.colno)) from None
    except RecursionError:
        raise FileProblem(path, _("de JSON is te diep genest")) from None
    issue = _check_limits(value)
    if issue:
        raise FileProblem(path, issue)
    return value


class _DuplicateKey(ValueError):
    """A name twice in one object: JSON allows it, a Toetsapp document must not."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys are unique: with two equal keys two readers could each see
    another document (one takes the first value, the other the last)."""
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    seen: set[str] = set()
    for key, _value in pairs:
        if key in seen:
            raise _DuplicateKey(_("de naam '{key}' komt twee keer voor in hetzelfde object; "
                                  "een document mag maar één betekenis hebben")
                                .format(key=key[:80]))
        seen.add(key)
    raise AssertionError("unreachable: fewer keys than pairs means a repeated key")


def _no_constant(name: str) -> Any:
    """``NaN`` and ``Infinity`` (which Python's JSON accepts) are kept as text: an invalid
    value kept as entered, which validation then reports."""
    return name


def _bounded_int(text: str) -> int | str:
    """An integer; one of more than MAX_INT_DIGITS digits is kept as text (Python could
    not even print one of 4300 digits)."""
    return int(text) if len(text.lstrip("-")) <= MAX_INT_DIGITS else text


def _finite_float(text: str) -> float | str:
    """A float; one that overflows (``1e400``) is kept as text."""
    value = float(text)
    return value if math.isfinite(value) else text


def _check_limits(root: Any) -> Issue | None:
    """Reject nesting deeper than MAX_DEPTH and strings longer than MAX_STRING (a quick
    pass over the containers; the JSON path is found only when something is wrong)."""
    if not isinstance(root, dict | list):
        return _locate_problem(root) if isinstance(root, str) else None
    stack: list[tuple[Any, int]] = [(root, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return _locate_problem(root)
        children = value.values() if isinstance(value, dict) else value
        for child in children:
            if isinstance(child, str):
                if len(child) > MAX_STRING:
                    return _locate_problem(root)
            elif isinstance(child, dict | list):
                stack.append((child, depth + 1))
    return None


def _locate_problem(root: Any) -> Issue | None:
    """The first limit ``root`` breaks, with its JSON path."""
    stack: list[tuple[Any, tuple[object, ...]]] = [(root, ())]
    while stack:
        value, location = stack.pop()
        if len(location) > MAX_DEPTH:
            return Issue(json_path(location[:8]) + "…",
                         _("de JSON is te diep genest (meer dan {n} niveaus)").format(n=MAX_DEPTH))
        if isinstance(value, str):
            if len(value) > MAX_STRING:
                return Issue(json_path(location),
                             _("tekst is te lang ({n} tekens; maximaal {max})")
                             .format(n=format_number(len(value)), max=format_number(MAX_STRING)))
        elif isinstance(value, dict):
            stack.extend((v, (*location, k)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, (*location, i)) for i, v in enumerate(value))
    return None
