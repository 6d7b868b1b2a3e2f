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
- **pairing**: the content hash of the toets the pages were rendered from (in
  ``/Info /ToetsappContentHash`` and the colophon) against the embedded toets.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from typing import Any

from toetsapp.i18n import _, ngettext

HASH_KEY = "/ToetsappContentHash"
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
    pages: tuple[str, ...]
    annotations: tuple[tuple[str, ...], ...]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _stream_digest(obj: Any) -> str:
    """SHA-256 over a content stream or an array of them."""
    import pikepdf

    parts: list[bytes] = []
    if isinstance(obj, pikepdf.Array):
        for item in obj:
            parts.append(_stream_digest(item).encode())
    elif isinstance(obj, pikepdf.Stream):
        parts.append(obj.read_raw_bytes())
    return _digest(b"|".join(parts))


def _xobjects(resources: Any, depth: int = 0) -> list[str]:
    """The forms and images a page can draw (its /Resources /XObject, and theirs)."""
    import pikepdf

    out: list[str] = []
    if not isinstance(resources, pikepdf.Dictionary) or depth > 3:
        return out
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, pikepdf.Dictionary):
        for name in sorted(xobjects.keys()):
            item = xobjects[name]
            if isinstance(item, pikepdf.Stream):
                out.append(f"{name}:{_digest(item.read_raw_bytes())}")
                out += _xobjects(item.get("/Resources"), depth + 1)
    return out


def _annotations(page: Any) -> tuple[str, ...]:
    """Every annotation except signature widgets, as text (subtype, rectangle, content)."""
    import pikepdf

    out = []
    for annot in page.get("/Annots", None) or []:
        if not isinstance(annot, pikepdf.Dictionary):
            continue
        if annot.get("/Subtype") == "/Widget" and annot.get("/FT") == "/Sig":
            continue
        appearance = annot.get("/AP")
        out.append("|".join(str(annot.get(k, "")) for k in ("/Subtype", "/Rect", "/Contents",
                                                            "/A", "/Dest"))
                   + (f"|{_stream_digest(appearance.get('/N'))}"
                      if isinstance(appearance, pikepdf.Dictionary) else ""))
    return tuple(out)


def _state(data: bytes) -> _State:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = {str(k): str(v) for k, v in pdf.docinfo.items() if str(k) not in _SIGNER_KEYS}
        metadata = pdf.Root.get("/Metadata")
        xmp = (_XMP_SIGNER.sub(b"", metadata.read_bytes())
               if isinstance(metadata, pikepdf.Stream) else b"")
        attachments = {name: _digest(spec.get_file().read_bytes())
                       for name, spec in pdf.attachments.items()}
        pages, annotations = [], []
        for page in pdf.pages:
            pages.append(_stream_digest(page.obj.get("/Contents")) + ";"
                         + ",".join(_xobjects(page.obj.get("/Resources"))))
            annotations.append(_annotations(page.obj))
    return _State(info, xmp, attachments, tuple(pages), tuple(annotations))


def _differences(signed: _State, now: _State, *, last: bool) -> list[str]:
    what = []
    if signed.info != now.info:
        keys = sorted(k for k in {*signed.info, *now.info}
                      if signed.info.get(k) != now.info.get(k))
        what.append(_("de documentinformatie ({keys})").format(keys=", ".join(keys)))
    if last and signed.xmp != now.xmp:
        what.append(_("de XMP-metadata"))
    if signed.pages != now.pages:
        if len(signed.pages) != len(now.pages):
            what.append(_("het aantal pagina's ({before} → {after})").format(
                before=len(signed.pages), after=len(now.pages)))
        else:
            changed = [str(i + 1) for i, (a, b) in enumerate(zip(signed.pages, now.pages,
                                                                 strict=True)) if a != b]
            what.append(_("de inhoud van pagina {pages}").format(pages=", ".join(changed)))
    if signed.annotations != now.annotations:
        what.append(_("de annotaties"))
    if signed.attachments != now.attachments:
        what.append(_("de bijlagen ({names})").format(names=", ".join(sorted(
            n for n in {*signed.attachments, *now.attachments}
            if signed.attachments.get(n) != now.attachments.get(n)))))
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
    try:
        now = _state(data)
        states = [_state(data[:r[2] + r[3]]) for r, _f, _l in ordered]
    except Exception as exc:  # pikepdf raises many kinds for damaged revisions
        return PdfIntegrity(len(signed), (*problems, _(
            "een ondertekende versie van de PDF is niet te lezen: {error}").format(error=exc),),
            notes=notes)
    for index, ((_r, name, level), state) in enumerate(zip(ordered, states, strict=True)):
        last = index == len(ordered) - 1
        what = _differences(state, now, last=last)
        allowed = ModificationLevel.LTA_UPDATES if last else ModificationLevel.FORM_FILLING
        if level is not None and level > allowed and not what:
            what.append(_("de PDF-structuur (pyHanko: {level})").format(level=level.name))
        if what:
            problems.append(_("na handtekening {field} is gewijzigd: {what}").format(
                field=name or index + 1, what="; ".join(what)))
    embedded_changed = states[-1].attachments != now.attachments
    return PdfIntegrity(len(signed), tuple(problems), embedded_changed, notes)


def rendered_hash(data: bytes) -> str | None:
    """The content hash of the toets the pages were rendered from (``/Info``), if any."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            value = pdf.docinfo.get(HASH_KEY)
    except Exception:  # pikepdf raises many kinds for damaged files
        return None
    return str(value) if value is not None else None


def pairing_problem(recorded: str | None, toets: Any) -> str | None:
    """A sentence when the embedded ``toets`` is not the one whose content hash the pages
    recorded (:func:`rendered_hash`), else None (also for PDFs made before the hash was
    recorded)."""
    from toetsapp.export.colophon import toets_content_hash

    if recorded is None:
        return None
    try:
        actual = toets_content_hash(toets)
    except (UnicodeEncodeError, ValueError):
        return None
    if actual == recorded:
        return None
    return _("de toets in de bijlage is niet de toets waaruit de pagina's zijn gemaakt "
             "(inhoudshash van de pagina's {recorded}, van de bijlage {actual})").format(
        recorded=recorded, actual=actual)
