"""Reading the bookmarks of a document, to nest them under its bookmark in the dossier.

Plain outline items (a title, a ``/Dest`` array and links; what ReportLab writes) are
read straight from their bytes, which is several times quicker than pypdf's parser;
anything else is read with pypdf.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pypdf.generic import (
    DictionaryObject,
    IndirectObject,
    NameObject,
    read_hex_string_from_stream,
    read_string_from_stream,
)

from toetsapp.dossier.pdfsyntax import pdf_value

MAX_DEPTH = 12
MAX_ITEMS = 100_000


@dataclass
class Node:
    """An outline item to write: title, target (new page object number and the view,
    e.g. ``/XYZ 51 799 0``) and children; ``open`` shows its children."""

    title: str
    dest: tuple[int, bytes] | None
    children: list[Node] = field(default_factory=list)
    open: bool = False


def _source_dest(item: DictionaryObject, named: Callable[[str], Any]) -> Any:
    dest = item.get("/Dest")
    if dest is None:
        action = item.get("/A")
        action = action.get_object() if action is not None else None
        if isinstance(action, DictionaryObject) and action.get("/S") == "/GoTo":
            dest = action.get("/D")
    dest = dest.get_object() if isinstance(dest, IndirectObject) else dest
    if isinstance(dest, str | bytes):
        dest = named(str(dest))
    if isinstance(dest, DictionaryObject):
        dest = dest.get("/D")
    return dest


_LINKS = re.compile(rb"/(First|Next)\s+(\d+)\s+(\d+)\s+R")
_COUNT = re.compile(rb"/Count\s+(-?\d+)")
_DEST = re.compile(rb"/Dest\s*\[\s*(\d+)\s+\d+\s+R\s*(/[A-Za-z]+)((?:\s*(?:-?[\d.]+|null))*)\s*\]")
_TITLE = re.compile(rb"/Title\s*([(<])")


@dataclass
class _Raw:
    """An outline item read straight from its bytes (the common, simple case)."""

    title: str
    dest: tuple[int, bytes] | None
    first: tuple[int, int] | None
    next: tuple[int, int] | None
    count: int


def _fast_item(data: bytes, offset: int, idnum: int) -> _Raw | None:
    """Parse a plain outline dictionary (title, /Dest array, links) with regular
    expressions; None when it holds anything else (then pypdf reads it)."""
    end = data.find(b"endobj", offset, offset + 4000)
    if end < 0:
        return None
    text = data[offset:end]
    head = text.find(b"<<")
    if head < 0 or text[:head].split()[:1] != [str(idnum).encode()]:
        return None
    body = text[head + 2:text.rfind(b">>")]
    if b"/A " in body or b"/A<<" in body or b"<<" in body or b"/SE" in body:
        return None
    title = _TITLE.search(body)
    dest = _DEST.search(body)
    if title is None or (dest is None and b"/Dest" in body):
        return None
    reader = read_string_from_stream if title.group(1) == b"(" else read_hex_string_from_stream
    stream = io.BytesIO(body[title.start(1):])
    if title.group(1) == b"<":
        stream.read(1)
    links = {name: (int(num), int(gen)) for name, num, gen in _LINKS.findall(body)}
    count = _COUNT.search(body)
    return _Raw(str(reader(stream)),
                (int(dest.group(1)), dest.group(2) + b" " + b" ".join(dest.group(3).split()))
                if dest else None,
                links.get(b"First"), links.get(b"Next"), int(count.group(1)) if count else 0)


def read_outline(reader: Any, pages: dict[int, int],
                 data: bytes | None = None) -> list[Node]:
    """The outline of ``reader`` with destinations mapped through ``pages`` (source page
    object number to the copied page's number). Items whose page was not copied keep no target.
    ``data``: the file's bytes, for reading plain items quickly."""
    root = reader.root_object.get("/Outlines")
    root = root.get_object() if root is not None else None
    if not isinstance(root, DictionaryObject):
        return []
    offsets = reader.xref.get(0, {}) if data is not None else {}
    packed = getattr(reader, "xref_objStm", {})
    cache: dict[str, Any] = {}
    seen: set[Any] = set()

    def named(name: str) -> Any:
        if "names" not in cache:
            cache["names"] = reader.named_destinations
        found = cache["names"].get(name)
        page = getattr(found, "page", None)
        return [page, NameObject("/Fit")] if isinstance(page, IndirectObject) else None

    def target(dest: Any) -> tuple[int, bytes] | None:
        if isinstance(dest, list) and dest and isinstance(dest[0], IndirectObject):
            page = pages.get(dest[0].idnum)
            view = b" ".join(pdf_value(item) for item in dest[1:]) or b"/Fit"
            return (page, view) if page is not None else None
        return None

    def fast(ref: Any) -> _Raw | None:
        if not isinstance(ref, IndirectObject) or ref.generation or ref.idnum in packed:
            return None
        offset = offsets.get(ref.idnum)
        return _fast_item(data, offset, ref.idnum) if offset is not None else None  # type: ignore[arg-type]

    def walk(ref: Any, depth: int) -> list[Node]:
        nodes: list[Node] = []
        while ref is not None and depth < MAX_DEPTH and len(seen) < MAX_ITEMS:
            key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
            if key in seen:
                break
            seen.add(key)
            raw = fast(ref)
            if raw is not None:
                page = pages.get(raw.dest[0]) if raw.dest else None
                first = IndirectObject(*raw.first, reader) if raw.first else None
                nodes.append(Node(raw.title, (page, raw.dest[1])  # type: ignore[index]
                                  if page is not None else None,
                                  walk(first, depth + 1), raw.count > 0))
                ref = IndirectObject(*raw.next, reader) if raw.next else None
                continue
            item = ref.get_object()
            if not isinstance(item, DictionaryObject):
                break
            count = item.get("/Count", 0)
            nodes.append(Node(str(item.get("/Title", "")), target(_source_dest(item, named)),
                              walk(item.raw_get("/First") if "/First" in item else None,
                                   depth + 1), isinstance(count, int) and count > 0))
            ref = item.raw_get("/Next") if "/Next" in item else None
        return nodes

    return walk(root.raw_get("/First") if "/First" in root else None, 0)
