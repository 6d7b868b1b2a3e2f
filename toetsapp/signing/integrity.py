"""Does a PDF's signing protect its pages and its data? Checks beyond each signature.

pyHanko validates every signature found through the form fields. What it does not
report, and this module does (with pikepdf, on the exact bytes each signature signed):

- **removed signatures**: a ``/ByteRange`` in the file that belongs to no signature field
  (an incremental update deleted the field or the whole ``/AcroForm``);
- **changes after signing** that pyHanko's difference analysis lets through: the
  document information (``/Info``, except ``/ModDate`` and ``/Producer``, which every
  signer updates), the XMP metadata after the last signature, the pages (content
  streams, images and forms drawn on them, annotations other than signature fields)
  and the attached files. After the last signature only validation data (DSS) and
  document timestamps may follow; between signatures, further signatures;
- the **embedded toets** compared with the one present at the last signature;
- **pairing**: the SHA-256 of the embedded file the pages were rendered with (in
  ``/Info /ToetsappAttachmentHash`` and the colophon) against the embedded file now
  (older PDFs: the toets content hash, ``/ToetsappContentHash``).
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from typing import Any

from toetsapp.canonical import file_digest
from toetsapp.i18n import _, ngettext

HASH_KEY = "/ToetsappContentHash"
FILE_HASH_KEY = "/ToetsappAttachmentHash"  # sha256 of the embedded .toets file's bytes
_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")
_SIGNER_KEYS = ("/ModDate", "/Producer")
# the same in XMP, as attributes or elements: every signer (pyHanko) updates them
_XMP_SIGNER = re.compile(rb'\s(?:xmp:ModifyDate|xmp:MetadataDate|pdf:Producer)="[^"]*"'
                         rb"|<(xmp:ModifyDate|xmp:MetadataDate|pdf:Producer)>.*?</\1>", re.S)


@dataclass(frozen=True)
class PdfIntegrity:
    """The file-level findings for one PDF; each of ``problems`` makes it not valid."""

    signatures: int = 0  # PDF signatures and document timestamps found
    problems: tuple[str, ...] = ()
    embedded_changed: bool = False  # the attached toets changed after the last signature
    notes: tuple[str, ...] = field(default=())
    changed_after: dict[str, str] = field(default_factory=dict)  # field -> what changed

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def pages_protected(self) -> bool:
        """At least one PDF signature and nothing changed or removed since."""
        return self.signatures > 0 and not self.problems


@dataclass(frozen=True)
class _State:
    info: dict[str, str]
    xmp: bytes
    attachments: dict[str, str]
    pages: int
    objects: Objects


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_CATALOG_SKIP = ("/DSS", "/Metadata", "/Extensions", "/Version", "/Perms", "/AcroForm",
                 "/Pages")
Objects = dict[tuple[int, int], tuple[str, str]]  # object -> (digest, role)


def _is_signature(obj: Any) -> bool:
    """A signature field or widget (they come and go with every signature)."""
    import pikepdf

    if not isinstance(obj, pikepdf.Dictionary):
        return False
    if obj.get("/FT") == "/Sig" or obj.get("/Type") in ("/Sig", "/DocTimeStamp"):
        return True
    parent = obj.get("/Parent")
    return (obj.get("/Subtype") == "/Widget" and isinstance(parent, pikepdf.Dictionary)
            and parent.get("/FT") == "/Sig")


def _text(value: Any) -> bytes:
    """PDF syntax of a value (pikepdf gives numbers and booleans as Python values)."""
    import pikepdf

    return value.unparse() if isinstance(value, pikepdf.Object) else repr(value).encode()


class _Walk:
    """Every object reachable from the catalog, the pages, their non-signature
    annotations and the non-signature form fields, with a digest and a role (what it
    belongs to: a page, an annotation on a page, or the document)."""

    def __init__(self) -> None:
        self.found: Objects = {}

    def _digest(self, obj: Any, skip: tuple[str, ...] = ()) -> str:
        import pikepdf

        if isinstance(obj, pikepdf.Stream):
            return _digest(obj.stream_dict.unparse() + b"|" + obj.read_raw_bytes())
        if skip and isinstance(obj, pikepdf.Dictionary):
            return _digest(b"|".join(k.encode() + b" " + _text(obj.get(k))
                                     for k in sorted(obj.keys()) if k not in skip))
        return _digest(obj.unparse(resolved=True))

    def visit(self, obj: Any, role: str, skip: tuple[str, ...] = ("/Parent",)) -> None:
        import pikepdf

        if obj.is_indirect:
            key = obj.objgen
            if key in self.found:
                return
            self.found[key] = (self._digest(obj, skip), role)
        if isinstance(obj, pikepdf.Stream):
            self.children(obj.stream_dict, role, skip)
        elif isinstance(obj, pikepdf.Dictionary | pikepdf.Array):
            self.children(obj, role, skip)

    def children(self, obj: Any, role: str, skip: tuple[str, ...]) -> None:
        import pikepdf

        items = ([obj.get(k) for k in obj.keys() if k not in skip]  # noqa: SIM118 (pikepdf)
                 if isinstance(obj, pikepdf.Dictionary) else list(obj))
        for item in items:
            if isinstance(item, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream):
                if item.is_indirect:
                    self.visit(item, role)
                else:
                    self.children(item, role, ("/Parent",))

    def document(self, pdf: Any) -> Objects:
        import pikepdf

        root = pdf.Root
        self.found[("catalog", 0)] = (self._digest(root, _CATALOG_SKIP), "catalog")  # type: ignore[index]
        for number, page in enumerate(pdf.pages, start=1):
            obj = page.obj
            self.found[obj.objgen] = (self._digest(obj, ("/Parent", "/Annots")), f"page:{number}")
            self.children(obj, f"page:{number}", ("/Parent", "/Annots"))
            for annot in obj.get("/Annots", None) or []:
                if isinstance(annot, pikepdf.Dictionary) and not _is_signature(annot):
                    self.visit(annot, f"annotation:{number}")
        form = root.get("/AcroForm")
        if isinstance(form, pikepdf.Dictionary):
            for item in form.get("/Fields", None) or []:
                if isinstance(item, pikepdf.Dictionary) and not _is_signature(item):
                    self.visit(item, "form")
        self.children(root, "catalog", _CATALOG_SKIP)
        return self.found


_XMP_SIGNER_PROPERTIES = ("{http://ns.adobe.com/xap/1.0/}ModifyDate",
                          "{http://ns.adobe.com/xap/1.0/}MetadataDate",
                          "{http://ns.adobe.com/pdf/1.3/}Producer")


def _xmp(pdf: Any) -> bytes:
    """The XMP without what every signer updates, as its properties: pyHanko writes
    the XMP again on each update in its own serialisation (namespace declarations
    move), so the bytes are compared only when the properties cannot be read."""
    import pikepdf

    from toetsapp.files.pdfguard import read_stream

    metadata = pdf.Root.get("/Metadata")
    if not isinstance(metadata, pikepdf.Stream):
        return b""
    raw = read_stream(metadata)  # bounded: a compression bomb stops here
    try:
        meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        properties = sorted((key, repr(value)) for key, value in meta.items()
                            if key not in _XMP_SIGNER_PROPERTIES)
    except Exception:  # XMP pikepdf cannot read: compare the bytes
        return _XMP_SIGNER.sub(b"", raw)
    return repr(properties).encode("utf-8")


def _state(data: bytes) -> _State:
    import pikepdf

    from toetsapp.files.pdfguard import read_stream

    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = {str(k): str(v) for k, v in pdf.docinfo.items() if str(k) not in _SIGNER_KEYS}
        xmp = _xmp(pdf)
        attachments = {name: _digest(read_stream(spec.get_file().obj))
                       for name, spec in pdf.attachments.items()}
        objects = _Walk().document(pdf)
        pages = len(pdf.pages)
    return _State(info, xmp, attachments, pages, objects)


def _differences(signed: _State, now: _State, *, last: bool) -> list[str]:
    what = []
    if signed.info != now.info:
        keys = sorted(k for k in {*signed.info, *now.info}
                      if signed.info.get(k) != now.info.get(k))
        what.append(_("de documentinformatie ({keys})").format(keys=", ".join(keys)))
    if last and signed.xmp != now.xmp:
        what.append(_("de XMP-metadata"))
    if signed.pages != now.pages:
        what.append(_("het aantal pagina's ({before} → {after})").format(
            before=signed.pages, after=now.pages))
    roles = {role for key in {*signed.objects, *now.objects}
             if signed.objects.get(key) != now.objects.get(key)
             for _digest_, role in [signed.objects.get(key) or now.objects[key]]}
    pages = sorted({int(r.split(":")[1]) for r in roles if r.startswith("page:")})
    if pages:
        what.append(_("de inhoud van pagina {pages}").format(pages=", ".join(map(str, pages))))
    if any(r.startswith("annotation:") for r in roles):
        what.append(_("de annotaties"))
    if "form" in roles:
        what.append(_("de formuliervelden"))
    if signed.attachments != now.attachments:
        what.append(_("de bijlagen ({names})").format(names=", ".join(sorted(
            n for n in {*signed.attachments, *now.attachments}
            if signed.attachments.get(n) != now.attachments.get(n)))))
    elif "catalog" in roles:
        what.append(_("de documentstructuur (catalogus, acties of bladwijzers)"))
    return what


def byte_ranges(data: bytes) -> set[tuple[int, int, int, int]]:
    """Every ``/ByteRange [a b c d]`` written in the file, signed or not."""
    return {tuple(int(x) for x in m.groups()) for m in _BYTE_RANGE.finditer(data)}  # type: ignore[misc]


def check_integrity(data: bytes, signed: list[tuple[tuple[int, int, int, int], str, Any]],
                    timestamps: list[tuple[str, Any, str]] = ()) -> PdfIntegrity:
    """The file-level checks for ``data``; ``signed`` has per signature found by pyHanko
    (oldest first, document timestamps included): its byte range, its field name and
    pyHanko's :class:`ModificationLevel` for what came after it (None: not known).
    ``timestamps``: per document timestamp its field, time and problem ('' when valid)."""
    from pyhanko.sign.validation.status import ModificationLevel

    from toetsapp.formatting import format_datetime

    problems: list[str] = [_("documenttijdstempel {field}: {problem}").format(
        field=name, problem=problem) for name, _when, problem in timestamps if problem]
    notes = tuple(_("Documenttijdstempel {field}: {when} UTC (PAdES B-LTA).").format(
        field=name, when=format_datetime(when)) for name, when, problem in timestamps
        if when is not None and not problem)
    removed = byte_ranges(data) - {r for r, _f, _l in signed}
    removed = {r for r in removed if r[1] or r[3]}  # [0 0 0 0]: an unfilled placeholder
    if removed:
        problems.append(ngettext(
            "de PDF bevat de resten van een verwijderde handtekening (een /ByteRange zonder "
            "handtekeningveld): er is een handtekening weggehaald",
            "de PDF bevat de resten van {n} verwijderde handtekeningen (/ByteRange zonder "
            "handtekeningveld): er zijn handtekeningen weggehaald", len(removed)).format(
            n=len(removed)))
    if not signed:
        return PdfIntegrity(0, tuple(problems), notes=notes)
    ordered = sorted(signed, key=lambda s: s[0][2] + s[0][3])
    # what the first signer signed must still be there, and after the last signature
    # nothing but validation data; the signatures between see a subset of these changes
    # (only when that fails are the signatures between compared one by one)
    try:
        now = _state(data)
        states = {i: _state(data[:ordered[i][0][2] + ordered[i][0][3]])
                  for i in sorted({0, len(ordered) - 1})}
        if any(_differences(states[i], now, last=i == len(ordered) - 1) for i in states):
            states.update({i: _state(data[:r[2] + r[3]])
                           for i, (r, _f, _l) in enumerate(ordered) if i not in states})
    except Exception as exc:  # pikepdf raises many kinds for damaged revisions
        return PdfIntegrity(len(signed), (*problems, _(
            "een ondertekende versie van de PDF is niet te lezen: {error}").format(error=exc),),
            notes=notes)
    changed: dict[str, str] = {}
    for index, (_r, name, level) in enumerate(ordered):
        last = index == len(ordered) - 1
        what = _differences(states[index], now, last=last) if index in states else []
        allowed = ModificationLevel.LTA_UPDATES if last else ModificationLevel.FORM_FILLING
        if level is not None and level > allowed and not what:
            what.append(_("de PDF-structuur (pyHanko: {level})").format(level=level.name))
        if what:
            changed[name] = "; ".join(what)
            problems.append(_("na handtekening {field} is gewijzigd: {what}").format(
                field=name or index + 1, what="; ".join(what)))
    embedded_changed = states[len(ordered) - 1].attachments != now.attachments
    return PdfIntegrity(len(signed), tuple(problems), embedded_changed, notes, changed)


def recorded_hashes(docinfo: Any) -> tuple[str | None, str | None]:
    """(file hash, content hash) from a PDF's document information."""
    found = [docinfo.get(key) for key in (FILE_HASH_KEY, HASH_KEY)]
    return (str(found[0]) if found[0] is not None else None,
            str(found[1]) if found[1] is not None else None)


def pairing_problem(recorded: tuple[str | None, str | None], toets: Any,
                    raw: bytes) -> str | None:
    """A sentence when the embedded toets (``raw``, loaded as ``toets``) is not the one
    the pages were rendered from (:func:`recorded_hashes`), else None (also for PDFs made
    before either hash was recorded).

    The file hash is over the embedded bytes, so it holds across format versions (a
    later release migrates the toets when loading it; its bytes stay what they were).
    PDFs that recorded only the content hash are compared by content.
    """
    from toetsapp.signing.content import toets_content_hash

    by_file, by_content = recorded
    if by_file is not None:
        actual, expected = file_digest(raw), by_file
    elif by_content is not None:
        try:
            actual, expected = toets_content_hash(toets), by_content
        except (UnicodeEncodeError, ValueError):
            return None
    else:
        return None
    if actual == expected:
        return None
    return _("de toets in de bijlage is niet de toets waaruit de pagina's zijn gemaakt "
             "(hash van de pagina's {recorded}, van de bijlage {actual})").format(
        recorded=expected, actual=actual)
