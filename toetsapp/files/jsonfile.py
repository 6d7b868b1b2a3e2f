"""Reading JSON files defensively: size, encoding, syntax and nesting limits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from toetsapp.errors import FileProblem, Issue, json_path
from toetsapp.files.readfile import read_file_bytes
from toetsapp.formatting import format_number
from toetsapp.i18n import N_, _

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
MAX_STRING = 1_000_000
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
    if not data.strip():
        raise FileProblem(path, _("het bestand is leeg"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(path, _("het bestand is geen geldige UTF-8-tekst (byte {pos})")
                          .format(pos=exc.start)) from None
    try:
        value = json.loads(text)
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


def _check_limits(root: Any) -> Issue | None:
    """Reject nesting deeper than MAX_DEPTH and strings longer than MAX_STRING."""
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
