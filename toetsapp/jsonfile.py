"""Reading JSON files defensively: size, encoding, syntax and nesting limits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from toetsapp.errors import FileProblem, Issue, json_path
from toetsapp.formatting import format_number
from toetsapp.i18n import _

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
MAX_STRING = 1_000_000


def read_json(path: Path | str, *, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """Parse a JSON file or raise :class:`FileProblem` saying what is wrong and where."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileProblem(path, _("het bestand is te groot ({size} MB; maximaal {max} MB)")
                              .format(size=size // 2**20, max=max_bytes // 2**20))
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileProblem(path, _("het bestand bestaat niet")) from None
    except IsADirectoryError:
        raise FileProblem(path, _("dit is een map, geen bestand")) from None
    except PermissionError:
        raise FileProblem(path, _("geen toestemming om het bestand te lezen")) from None
    except OSError as exc:
        raise FileProblem(path, _("het bestand kan niet worden gelezen: {error}")
                          .format(error=exc.strerror or exc)) from None
    return parse_json_bytes(data, path)


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
                          .format(msg=exc.msg, line=exc.lineno, col=exc.colno)) from None
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
