"""Copying the pages of a PDF object by object, as raw bytes, with new object numbers.

Only for files whose syntax is known to be plain: a classic cross-reference table or
stream without object streams, generation 0, strings with escaped parentheses (as
ReportLab and pypdf write them). Other PDFs are first rewritten by pypdf
(:func:`toetsapp.dossier.merge.normalised`). Stream data is copied untouched, so this
is much faster than parsing and re-serialising every object.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

_OBJ = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b\s*")
_TOKEN = re.compile(rb"\((?:[^()\\]|\\.)*\)|(\d+)\s+(\d+)\s+R(?![A-Za-z0-9])", re.S)
_LENGTH = re.compile(rb"/Length\s+(\d+)(?:\s+(\d+)\s+R)?(?![\d.])")
INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
SAFE_PRODUCERS = ("ReportLab", "pypdf")


class Sink(Protocol):
    def reserve(self) -> int: ...
    def put(self, number: int, head: bytes, stream: bytes | None = None) -> None: ...


class RawError(ValueError):
    """The file does not have the plain structure raw copying needs."""


def eligible(reader: Any, data: bytes) -> bool:
    """Whether ``reader``'s file can be copied raw (else pypdf rewrites it first)."""
    if reader.is_encrypted or getattr(reader, "xref_objStm", None):
        return False
    if set(reader.xref) - {0, 65535} or "/AcroForm" in reader.root_object:
        return False
    producer = ""
    try:
        info = reader.trailer.get("/Info")
        producer = str(info.get_object().get("/Producer", "")) if info is not None else ""
    except (ValueError, KeyError, TypeError, AttributeError):
        return False
    return any(name in producer for name in SAFE_PRODUCERS) or data.find(
        b"% ReportLab generated PDF document", max(0, len(data) - 4096)) >= 0


class RawSource:
    """The objects of one eligible PDF, split into dictionary text and stream bytes."""

    def __init__(self, data: bytes, reader: Any) -> None:
        self.data, self.reader = data, reader
        self.offsets: dict[int, int] = dict(reader.xref.get(0, {}))

    def split(self, number: int) -> tuple[bytes, bytes | None]:
        """The object's text (without ``obj``/``endobj``) and its stream data, if any."""
        data, offset = self.data, self.offsets[number]
        match = _OBJ.match(data, offset)
        if match is None or int(match.group(1)) != number:
            raise RawError(f"object {number} is not where the cross-reference table says")
        start = match.end()
        end = data.find(b"endobj", start)
        keyword = data.find(b"stream", start, end if end >= 0 else None)
        if keyword < 0 or not data[start:keyword].rstrip().endswith(b">>"):
            if end < 0:
                raise RawError(f"object {number} has no end")
            return data[start:end].rstrip(), None
        head = data[start:keyword].rstrip()
        length = self._length(head)
        begin = keyword + 6
        begin += 2 if data[begin:begin + 2] == b"\r\n" else 1
        return head, data[begin:begin + length]

    def _length(self, head: bytes) -> int:
        found = None
        for match in _LENGTH.finditer(head):
            found = match
        if found is None:
            raise RawError("a stream without /Length")
        if found.group(2) is None:
            return int(found.group(1))
        text, _stream = self.split(int(found.group(1)))
        return int(text.strip())

    def copy_pages(self, out: Sink, parent: int, annots: dict[int, list[int]] | None = None
                   ) -> list[int]:
        """Copy every page and everything it refers to into ``out``; each page's
        ``/Parent`` becomes ``parent``. ``annots``: numbers of annotations (already in
        ``out``) to add to a page, by page index. Returns the new page numbers."""
        pages = [page.indirect_reference.idnum for page in self.reader.pages]
        index = {number: i for i, number in enumerate(pages)}
        mapping: dict[int, int] = dict.fromkeys(self._tree_nodes(), parent)
        null = out.reserve()
        out.put(null, b"null")
        for number in pages:
            mapping[number] = out.reserve()
        order: list[int] = []
        heads: dict[int, tuple[bytes, bytes | None]] = {}
        queue = list(reversed(pages))
        while queue:
            number = queue.pop()
            order.append(number)
            head, stream = self.split(number)
            if number in index:
                head = self._with_inherited(index[number], head)
            heads[number] = (head, stream)
            for match in _TOKEN.finditer(head):
                target = int(match.group(1)) if match.group(1) else None
                if target is None or target in mapping:
                    continue
                if target not in self.offsets:
                    mapping[target] = null
                    continue
                mapping[target] = out.reserve()
                queue.append(target)
        for number in order:
            head, stream = heads[number]
            text = renumber(head, mapping, null)
            added = (annots or {}).get(index.get(number, -1))
            if added:
                text = self._add_annots(text, head, added, mapping, null)
            out.put(mapping[number], text, stream)
        return [mapping[number] for number in pages]

    def _add_annots(self, text: bytes, head: bytes, added: list[int],
                    mapping: dict[int, int], null: int) -> bytes:
        refs = b" ".join(b"%d 0 R" % n for n in added)
        inline = re.search(rb"/Annots\s*\[", text)
        if inline:
            return text[:inline.end()] + refs + b" " + text[inline.end():]
        indirect = re.search(rb"/Annots\s+(\d+)\s+\d+\s+R", head)
        if indirect:
            old, _stream = self.split(int(indirect.group(1)))
            items = renumber(old.strip()[1:-1], mapping, null)
            text = re.sub(rb"/Annots\s+\d+\s+0\s+R", b"", text, count=1)
            refs = items + b" " + refs
        return text.rstrip()[:-2] + b"/Annots [" + refs + b"]\n>>"

    def _tree_nodes(self) -> set[int]:
        root = self.reader.root_object.raw_get("/Pages")
        found, todo = set(), [root]
        while todo:
            node = todo.pop()
            if not hasattr(node, "idnum") or node.idnum in found:
                continue
            found.add(node.idnum)
            kids = node.get_object().get("/Kids") or []
            todo += [kid for kid in kids if kid.get_object().get("/Type") == "/Pages"]
        return found

    def _with_inherited(self, index: int, head: bytes) -> bytes:
        """Add page attributes the page inherits from the page tree (it gets a new one)."""
        from toetsapp.dossier.pdfsyntax import pdf_value

        missing = [key for key in INHERITED if not re.search(re.escape(key.encode())
                                                             + rb"[\s\[<(/]", head)]
        if not missing:
            return head
        added = b""
        for key in missing:
            node = self.reader.pages[index]
            for _depth in range(32):
                if key in node:
                    added += key.encode() + b" " + pdf_value(node.raw_get(key)) + b"\n"
                    break
                parent = node.get("/Parent")
                if parent is None:
                    break
                node = parent.get_object()
        return head.rstrip()[:-2] + added + b">>" if added else head


def renumber(text: bytes, mapping: dict[int, int], null: int) -> bytes:
    """``text`` with every ``N G R`` replaced by its new number (strings left alone)."""
    def swap(match: re.Match[bytes]) -> bytes:
        if match.group(1) is None:
            return match.group(0)
        return b"%d 0 R" % mapping.get(int(match.group(1)), null)

    return _TOKEN.sub(swap, text)
