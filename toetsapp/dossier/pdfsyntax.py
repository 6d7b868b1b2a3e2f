"""Writing PDF syntax by hand: strings, names, numbers, dates and simple values."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

_ESCAPES = {ord("\\"): "\\\\", ord("("): "\\(", ord(")"): "\\)", ord("\r"): "\\r",
            ord("\n"): "\\n", ord("\t"): "\\t"}
_NAME_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+")


def string_bytes(text: str) -> bytes:
    """The bytes a text string holds: ASCII, else UTF-16BE with a byte order mark."""
    if text.isascii() and text.isprintable():
        return text.encode("ascii")
    return b"\xfe\xff" + text.encode("utf-16-be", "surrogatepass")


def pdf_string(text: str) -> bytes:
    """A text string: a literal for printable ASCII, else UTF-16BE hex with a BOM."""
    if text.isascii() and text.isprintable():
        return b"(" + text.translate(_ESCAPES).encode("ascii") + b")"
    return b"<" + string_bytes(text).hex().upper().encode("ascii") + b">"


def pdf_name(name: str) -> bytes:
    """``/Name`` with every byte outside the regular characters written as ``#xx``."""
    raw = name.lstrip("/").encode("utf-8")
    return b"/" + b"".join(bytes([c]) if c in _NAME_SAFE else b"#%02X" % c for c in raw)


def pdf_number(value: float) -> bytes:
    if isinstance(value, bool):
        raise TypeError("a boolean is not a PDF number")
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value)).encode("ascii")
    return (f"{value:.6f}".rstrip("0").rstrip(".")).encode("ascii")


def pdf_date(moment: datetime) -> bytes:
    """``(D:YYYYMMDDHHmmSSZ)`` in UTC."""
    utc = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return b"(D:" + utc.strftime("%Y%m%d%H%M%S").encode("ascii") + b"Z)"


def ref(number: int) -> bytes:
    return b"%d 0 R" % number


def pdf_value(value: Any) -> bytes:
    """A direct value read by pypdf (name, number, null, boolean, string, array,
    dictionary; references as ``N G R`` of the source file, renumbered later)."""
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        ByteStringObject,
        DictionaryObject,
        IndirectObject,
        NameObject,
        NullObject,
    )

    if isinstance(value, IndirectObject):
        return b"%d %d R" % (value.idnum, value.generation)
    if isinstance(value, NameObject):
        return pdf_name(str(value))
    if isinstance(value, BooleanObject | bool):
        return b"true" if value else b"false"
    if value is None or isinstance(value, NullObject):
        return b"null"
    if isinstance(value, int | float):
        return pdf_number(value)
    if isinstance(value, ByteStringObject):
        return b"<" + bytes(value).hex().encode("ascii") + b">"
    if isinstance(value, str):
        return pdf_string(str(value))
    if isinstance(value, ArrayObject | list):
        return b"[" + b" ".join(pdf_value(item) for item in value) + b"]"
    if isinstance(value, DictionaryObject | dict):
        return dictionary({str(k): pdf_value(v) for k, v in value.items()})
    raise TypeError(f"cannot write {type(value).__name__} as PDF")


def dictionary(entries: dict[str, bytes]) -> bytes:
    """``<< /Key value … >>`` from already written values."""
    return b"<<" + b"".join(pdf_name(k) + b" " + v + b"\n" for k, v in entries.items()) + b">>"
