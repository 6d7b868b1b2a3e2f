"""Writing the dossier file: objects in order, then the cross-reference table.

Copied objects come from :mod:`toetsapp.dossier.rawpdf`; the objects the dossier adds
(page tree, bookmarks, page labels, attachments, catalog, document information) are
written here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

from toetsapp.dossier.outline import Node
from toetsapp.dossier.pdfsyntax import (
    dictionary,
    pdf_date,
    pdf_name,
    pdf_string,
    ref,
    string_bytes,
)

HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


class RawWriter:
    """Collects numbered objects as bytes and writes the file at the end."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = [HEADER]
        self.size = len(HEADER)
        self.offsets: dict[int, int] = {}
        self.count = 0

    def reserve(self) -> int:
        self.count += 1
        return self.count

    def put(self, number: int, head: bytes, stream: bytes | None = None) -> None:
        parts = [b"%d 0 obj\n" % number, head]
        if stream is not None:
            parts += [b"\nstream\n", stream, b"\nendstream"]
        parts.append(b"\nendobj\n")
        chunk = b"".join(parts)
        self.offsets[number] = self.size
        self.chunks.append(chunk)
        self.size += len(chunk)

    def add(self, head: bytes, stream: bytes | None = None) -> int:
        number = self.reserve()
        self.put(number, head, stream)
        return number

    def finish(self, root: int, info: int, seed: bytes) -> bytes:
        """The file: every object, the cross-reference table and the trailer."""
        missing = [n for n in range(1, self.count + 1) if n not in self.offsets]
        for number in missing:  # reserved but never written: make them null
            self.put(number, b"null")
        lines = [b"xref\n0 %d\n" % (self.count + 1), b"0000000000 65535 f \n"]
        lines += [b"%010d 00000 n \n" % self.offsets[n] for n in range(1, self.count + 1)]
        digest = hashlib.md5(seed, usedforsecurity=False).hexdigest().encode("ascii")
        trailer = dictionary({"Size": b"%d" % (self.count + 1), "Root": ref(root),
                              "Info": ref(info), "ID": b"[<" + digest + b"><" + digest + b">]"})
        start = self.size
        return b"".join([*self.chunks, *lines, b"trailer\n", trailer,
                         b"\nstartxref\n%d\n%%%%EOF\n" % start])


def _visible(node: Node) -> int:
    return len(node.children) + sum(_visible(c) for c in node.children if c.open)


def write_outline(out: RawWriter, nodes: Sequence[Node]) -> int:
    """The bookmarks; ``Node.dest`` holds (page object number, destination text)."""
    root = out.reserve()

    def level(items: Sequence[Node], parent: int) -> tuple[int, int]:
        numbers = [out.reserve() for _ in items]
        for i, (node, number) in enumerate(zip(items, numbers, strict=True)):
            entries = {"Title": pdf_string(node.title), "Parent": ref(parent)}
            if node.dest is not None:
                page, view = node.dest
                entries["Dest"] = b"[" + ref(page) + b" " + view + b"]"
            if i:
                entries["Prev"] = ref(numbers[i - 1])
            if i + 1 < len(numbers):
                entries["Next"] = ref(numbers[i + 1])
            if node.children:
                first, last = level(node.children, number)
                count = _visible(node)
                entries |= {"First": ref(first), "Last": ref(last),
                            "Count": b"%d" % (count if node.open else -count)}
            out.put(number, dictionary(entries))
        return numbers[0], numbers[-1]

    entries = {"Type": b"/Outlines"}
    if nodes:
        first, last = level(nodes, root)
        visible = len(nodes) + sum(_visible(n) for n in nodes if n.open)
        entries |= {"First": ref(first), "Last": ref(last), "Count": b"%d" % visible}
    out.put(root, dictionary(entries))
    return root


def write_attachment(out: RawWriter, name: str, data: bytes, description: str, mime: str,
                     modified: datetime | None) -> int:
    """An embedded file, unchanged, and its file specification (AFRelationship Source)."""
    params = {"Size": b"%d" % len(data),
              "CheckSum": b"<" + hashlib.md5(data, usedforsecurity=False).hexdigest()
              .encode("ascii") + b">"}
    if modified is not None:
        params["ModDate"] = pdf_date(modified)
    stream = out.add(dictionary({"Type": b"/EmbeddedFile", "Subtype": pdf_name(mime),
                                 "Params": dictionary(params), "Length": b"%d" % len(data)}),
                     data)
    return out.add(dictionary({"Type": b"/Filespec", "F": pdf_string(name),
                               "UF": pdf_string(name), "Desc": pdf_string(description),
                               "AFRelationship": b"/Source",
                               "EF": dictionary({"F": ref(stream), "UF": ref(stream)})}))


def names_tree(out: RawWriter, entries: Sequence[tuple[str, int]]) -> int:
    """A one-node name tree, keys in the byte order the PDF specification asks for."""
    keyed = sorted((string_bytes(name), name, number) for name, number in entries)
    items = b" ".join(pdf_string(name) + b" " + ref(number) for _key, name, number in keyed)
    return out.add(dictionary({"Names": b"[" + items + b"]"}))


def page_labels(front_pages: int, total: int) -> bytes:
    """i, ii, … for the dossier's own pages; 1, 2, … from the first document on."""
    nums = b"0 << /S /r >>"
    if total > front_pages:
        nums += b" %d << /S /D /St 1 >>" % front_pages
    return dictionary({"Nums": b"[" + nums + b"]"})
