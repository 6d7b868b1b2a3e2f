"""One structure tree for the whole dossier (tagged PDF), grafted from its inputs.

The dossier's root is a ``Document`` element: the dossier's own pages' elements first,
then a ``Part`` per input document holding that document's structure elements. The
elements are copied with pikepdf (``copy_foreign``, which points their ``/Pg`` and
``/Obj`` references at the already copied pages and annotations); the ``/StructParents``
keys of each input are shifted so that one ``/ParentTree`` number tree serves all;
``/RoleMap`` and ``/ClassMap`` are merged (a role or class that two inputs define
differently is renamed in the later one). An input without a structure tree adds
nothing and is reported as untagged.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

MAX_ELEMENTS = 2_000_000


def _kids(value: Any) -> list[Any]:
    import pikepdf

    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def _is_element(obj: Any) -> bool:
    import pikepdf

    return isinstance(obj, pikepdf.Dictionary) and "/S" in obj and obj.get("/Type") not in (
        "/MCR", "/OBJR")


def elements(top: Sequence[Any]) -> Iterator[Any]:
    """Every structure element below (and including) ``top``, depth first, once."""
    seen: set[tuple[int, int]] = set()
    todo = list(reversed(top))
    while todo and len(seen) < MAX_ELEMENTS:
        elem = todo.pop()
        if not _is_element(elem):
            continue
        key = elem.objgen if elem.is_indirect else (id(elem), -1)
        if key in seen:
            continue
        seen.add(key)
        yield elem
        todo.extend(reversed(_kids(elem.get("/K"))))


class StructureMerger:
    """Collects the structure of every input while the pages are copied."""

    def __init__(self, out: Any) -> None:
        self.out = out
        self.document: Any = None
        self.own: list[Any] = []  # elements of the dossier's own pages (and its links)
        self.parts: list[Any] = []
        self.parents: dict[int, Any] = {}
        self.next_key = 0
        self.role_map: dict[str, Any] = {}
        self.class_map: dict[str, Any] = {}
        self.ids: dict[str, Any] = {}
        self.tagged = False

    def add(self, src: Any, pages: Sequence[Any], title: str | None, lang: str | None = None,
            dropped: dict[tuple[int, int], Any] | None = None,
            moved: dict[tuple[int, int], Any] | None = None) -> bool:
        """Graft the structure of ``src`` (whose pages were copied as ``pages``) under a
        new Part titled ``title`` (None: the dossier's own pages, straight under the
        Document). ``dropped``: annotations left out of the copy (signature fields);
        ``moved``: annotations that were copied again onto the page (forms).
        Returns whether ``src`` was tagged."""
        import pikepdf

        from toetsapp.dossier.pdfinput import is_tagged

        if not is_tagged(src):
            self._strip(pages)
            return False
        root = src.Root.StructTreeRoot
        if not root.is_indirect:
            root = src.make_indirect(root)
        copied = self.out.copy_foreign(root)
        offset = self.next_key
        self._parent_tree(copied, offset)
        if offset:
            self._renumber(pages, offset)
        renames = self._maps(copied)
        self._ids(copied)
        kids = [k for k in _kids(copied.get("/K")) if isinstance(k, pikepdf.Dictionary)]
        dropped = dropped or {}
        unparented = self._unlink(dropped, offset)
        if renames or moved or (dropped.keys() - unparented):
            self._rewrite(kids, renames, frozenset(dropped), moved or {})
        self._place(kids, title, lang)
        self.tagged = True
        return True

    @staticmethod
    def _strip(pages: Sequence[Any]) -> None:
        """Parent-tree keys of a file without a (usable) structure tree would clash
        with the dossier's: they go."""
        import pikepdf

        for page in pages:
            if "/StructParents" in page:
                del page["/StructParents"]
            for annot in _kids(page.get("/Annots")):
                if isinstance(annot, pikepdf.Dictionary) and "/StructParent" in annot:
                    del annot["/StructParent"]

    def _parent_tree(self, copied: Any, offset: int) -> None:
        import pikepdf

        tree = copied.get("/ParentTree")
        top = -1
        if isinstance(tree, pikepdf.Dictionary):
            for key, value in pikepdf.NumberTree(tree).items():
                self.parents[int(key) + offset] = value
                top = max(top, int(key))
        next_key = copied.get("/ParentTreeNextKey")
        self.next_key = offset + max(top + 1, int(next_key) if isinstance(next_key, int) else 0)

    def _renumber(self, pages: Sequence[Any], offset: int) -> None:
        """Shift every ``/StructParents`` and ``/StructParent`` the pages use."""
        import pikepdf

        seen: set[tuple[int, int]] = set()

        def shift(obj: Any, key: str) -> None:
            value = obj.get(key)
            if isinstance(value, int):
                obj[key] = value + offset

        def forms(resources: Any, depth: int) -> None:
            xobjects = resources.get("/XObject") if isinstance(resources,
                                                               pikepdf.Dictionary) else None
            if not isinstance(xobjects, pikepdf.Dictionary) or depth > 8:
                return
            for _name, xobject in xobjects.items():
                if not isinstance(xobject, pikepdf.Stream) or xobject.objgen in seen:
                    continue
                seen.add(xobject.objgen)
                if xobject.get("/Subtype") == "/Form":
                    shift(xobject, "/StructParents")
                    forms(xobject.get("/Resources"), depth + 1)

        for page in pages:
            shift(page, "/StructParents")
            for annot in _kids(page.get("/Annots")):
                if isinstance(annot, pikepdf.Dictionary) and annot.objgen not in seen:
                    seen.add(annot.objgen)
                    shift(annot, "/StructParent")
            forms(page.get("/Resources"), 0)

    def _merge_map(self, mine: dict[str, Any], theirs: Any, kind: str) -> dict[str, str]:
        import pikepdf

        renames: dict[str, str] = {}
        if not isinstance(theirs, pikepdf.Dictionary):
            return renames
        for key, value in theirs.items():
            name = key
            if name in mine and repr(mine[name]) != repr(value):
                number = 2
                while f"{key}_{kind}{number}" in mine:
                    number += 1
                name = renames[key] = f"{key}_{kind}{number}"
            mine.setdefault(name, value)
        return renames

    def _maps(self, copied: Any) -> dict[str, dict[str, str]]:
        roles = self._merge_map(self.role_map, copied.get("/RoleMap"), "r")
        classes = self._merge_map(self.class_map, copied.get("/ClassMap"), "c")
        return {k: v for k, v in (("roles", roles), ("classes", classes)) if v}

    def _ids(self, copied: Any) -> None:
        import pikepdf

        tree = copied.get("/IDTree")
        if isinstance(tree, pikepdf.Dictionary):
            for key, value in pikepdf.NameTree(tree).items():
                self.ids.setdefault(key, value)

    def _unlink(self, dropped: dict[tuple[int, int], Any], offset: int
                ) -> set[tuple[int, int]]:
        """Take dropped annotations out of the element their /StructParent names (no
        walk through the whole tree); returns those so handled."""
        import pikepdf

        done: set[tuple[int, int]] = set()
        for key, annot in dropped.items():
            number = annot.get("/StructParent")
            elem = self.parents.get(number + offset) if isinstance(number, int) else None
            if not isinstance(elem, pikepdf.Dictionary) or "/K" not in elem:
                continue
            items = _kids(elem.K)
            kept = [k for k in items if not (isinstance(k, pikepdf.Dictionary)
                    and k.get("/Type") == "/OBJR" and getattr(k.get("/Obj"), "objgen",
                                                              None) == key)]
            elem.K = pikepdf.Array(kept)
            del self.parents[number + offset]
            done.add(key)
        return done

    def _rewrite(self, kids: list[Any], renames: dict[str, dict[str, str]],
                 dropped: frozenset[tuple[int, int]],
                 moved: dict[tuple[int, int], Any]) -> None:
        """Renamed roles and classes; references to moved annotations followed, to
        dropped ones removed."""
        import pikepdf

        roles, classes = renames.get("roles", {}), renames.get("classes", {})
        for elem in elements(kids):
            role = str(elem.get("/S"))
            if role in roles:
                elem.S = pikepdf.Name(roles[role])
            if classes and "/C" in elem:
                names = [pikepdf.Name(classes.get(str(c), str(c))) for c in _kids(elem.C)
                         if isinstance(c, pikepdf.Name)]
                elem.C = names[0] if len(names) == 1 else pikepdf.Array(names)
            if (dropped or moved) and isinstance(elem.get("/K"),
                                                 pikepdf.Array | pikepdf.Dictionary):
                items = _kids(elem.K)
                for kid in items:
                    target = kid.get("/Obj") if isinstance(kid, pikepdf.Dictionary) else None
                    if target is not None and getattr(target, "objgen", None) in moved:
                        kid.Obj = moved[target.objgen]
                kept = [k for k in items if not (isinstance(k, pikepdf.Dictionary)
                        and k.get("/Type") == "/OBJR"
                        and getattr(k.get("/Obj"), "objgen", None) in dropped)]
                if len(kept) != len(items):
                    elem.K = pikepdf.Array(kept)

    def _role(self, elem: Any) -> str:
        role, hops = str(elem.get("/S")), 0
        while role in self.role_map and hops < 16:
            role, hops = str(self.role_map[role]), hops + 1
        return role

    def _place(self, kids: list[Any], title: str | None, lang: str | None) -> None:
        import pikepdf

        single = kids[0] if len(kids) == 1 and _is_element(kids[0]) else None
        if title is None:  # the dossier's own pages
            if single is not None and self._role(single) == "/Document" and \
                    self.document is None:
                self.document = single
            else:
                self.own.extend(kids)
            return
        if single is not None and self._role(single) == "/Document":
            part = single  # the document's own root becomes its part (the parent tree
            part.S = pikepdf.Name.Part  # may point at it)
        else:
            part = self.out.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.StructElem, S=pikepdf.Name.Part, K=pikepdf.Array(kids)))
            for kid in kids:
                if _is_element(kid):
                    kid.P = part
        part.T = pikepdf.String(title)
        if lang:
            part.Lang = pikepdf.String(lang)
        self.parts.append(part)

    def add_link(self, annot: Any, page: Any, text: str) -> None:
        """A Link element for an annotation the dossier adds (its contents links)."""
        import pikepdf

        key = self.next_key
        self.next_key += 1
        annot.StructParent = key
        link = self.out.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name.Link, Pg=page, Alt=pikepdf.String(text),
            K=pikepdf.Array([pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annot, Pg=page)])))
        self.parents[key] = link
        self.own.append(link)

    def finish(self, lang: str) -> None:
        """Write the structure tree root, the parent tree and /MarkInfo."""
        import pikepdf

        if not self.tagged:
            return
        out = self.out
        doc = self.document
        if doc is None:
            doc = out.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem,
                                                       S=pikepdf.Name.Document))
        kids = [*self.own, *self.parts]
        doc.K = pikepdf.Array([*_kids(doc.get("/K")), *kids])
        doc.Lang = pikepdf.String(lang)
        for kid in kids:
            if _is_element(kid):
                kid.P = doc
        root = out.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([doc]),
            ParentTreeNextKey=self.next_key))
        doc.P = root
        tree = pikepdf.NumberTree.new(out)
        for key in sorted(self.parents):
            tree[key] = self.parents[key]
        root.ParentTree = tree.obj
        if self.role_map:
            root.RoleMap = pikepdf.Dictionary(self.role_map)
        if self.class_map:
            root.ClassMap = pikepdf.Dictionary(self.class_map)
        if self.ids:
            ids = pikepdf.NameTree.new(out)
            for key, value in sorted(self.ids.items()):
                ids[key] = value
            root.IDTree = ids.obj
        out.Root.StructTreeRoot = root
        out.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
