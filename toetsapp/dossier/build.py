"""Building a dossier: check every input, compare the toetsen, lay out the dossier's own
pages, merge, attach the originals. Everything happens in memory; the file is written
atomically at the very end, so a failure never leaves a partial dossier behind."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.platypus import NextPageTemplate, PageBreak

from toetsapp import __version__
from toetsapp.catalog import Catalog
from toetsapp.dossier.compare_pdf import comparison_flowables
from toetsapp.dossier.comparer import Compared, compare, proposal_name
from toetsapp.dossier.comparison import Comparison
from toetsapp.dossier.context import catalog_for_toetsen, in_language
from toetsapp.dossier.front import (
    DocumentInfo,
    attachments_flowables,
    contents_flowables,
    cover_flowables,
)
from toetsapp.dossier.inputs import read_inputs
from toetsapp.dossier.layout import DossierCanvas, DossierDoc, Links, dossier_archive
from toetsapp.dossier.manifest import Manifest
from toetsapp.dossier.manifest_io import manifest_json, resolve_documents
from toetsapp.dossier.merge import JSON_MIME, Attachment, Part, merge
from toetsapp.dossier.pagenumbers import number_pages
from toetsapp.dossier.pdfinput import PdfInput
from toetsapp.dossier.signatures import SignatureCheck, check_signatures
from toetsapp.export.doc import Marks, Running
from toetsapp.export.embed import MIME as TOETS_MIME
from toetsapp.export.style import house_style
from toetsapp.formatting import format_date
from toetsapp.i18n import _, ngettext
from toetsapp.pdf import LANGUAGE_TAGS

if TYPE_CHECKING:
    from toetsapp.signing.trust import TrustStore


@dataclass(frozen=True)
class DossierResult:
    """The dossier PDF and what went into it (page numbers are 0-based indexes)."""

    pdf: bytes
    pages: int
    front_pages: int
    starts: tuple[int, ...]
    documents: tuple[DocumentInfo, ...]
    comparison: Comparison | None
    warnings: tuple[str, ...] = ()


def lead_organisation(toets: object) -> str:
    """The lead organisation's name (else the first, else the toetser's)."""
    meta = toets.metadata  # type: ignore[attr-defined]
    orgs = meta.organisations
    lead = next((o for o in orgs if o.role == "lead"), orgs[0] if orgs else None)
    return lead.name if lead else meta.toetser.organisation


def default_title(kind: str, toets: object, proposal: str, dossier: str) -> str:
    """'U&H-toets Dienst Toeslagen': type and organisation tell the documents of one
    bill apart; the proposal is added when it was named or is another bill."""
    org = lead_organisation(toets)
    title = f"{kind} {org}".strip()
    other = toets.metadata.dossiernummer != dossier  # type: ignore[attr-defined]
    if proposal.strip() or other or not org:
        name = proposal_name(toets, proposal)  # type: ignore[arg-type]
        if kind and name.casefold().startswith(kind.casefold()):  # not 'Invoeringstoets …:
            name = name[len(kind):].lstrip(" :–-") or name  # Invoeringstoets Wet X'
        title += f": {name}"
    return title


def _document(number: int, entry_title: str, proposal: str, inp: PdfInput, first: int,
              check: SignatureCheck, catalog: Catalog, lang: str, width: int,
              dossier: str = "") -> DocumentInfo:
    attachment = f"{number:0{width}d}-{inp.path.name}"
    if inp.toets is not None:
        form = catalog.form(inp.toets.form.id)
        kind = (form.short_title or form.title).get(lang)
        meta = inp.toets.metadata
        title = entry_title or default_title(kind, inp.toets, proposal, dossier)
        orgs = ", ".join(o.name for o in meta.organisations) or meta.toetser.organisation
        subtitle = " · ".join(x for x in (form.title.get(lang), orgs, meta.citation(),
                                          inp.path.name) if x)
    else:
        title = entry_title or inp.title or inp.path.stem
        subtitle = inp.path.name
    return DocumentInfo(number, "toets" if inp.toets else "document", title, subtitle,
                        inp.path.name, attachment, inp.pages, first, len(inp.file_data),
                        inp.sha256, check, inp.tagged)


def _front(manifest: Manifest, documents: list[DocumentInfo], comparison: Comparison | None,
           *, made: datetime, trust_text: str, manifest_name: str, lang: str
           ) -> tuple[bytes, Links]:
    style = house_style()
    info = manifest.dossier
    marks, links = Marks(), Links()
    citation = info.citation() or info.dossiernummer
    running = Running(_("Dossier {citation}").format(citation=citation), info.title,
                      _("Toetsapp-dossier, samengesteld op {date}").format(
                          date=format_date(made.date(), lang)))
    buffer = io.BytesIO()
    doc = DossierDoc(buffer, style, marks, running, title=info.title,
                     author=info.coordinator.name or "Toetsapp", lang=lang,
                     creator=f"Toetsapp {__version__}", archive=dossier_archive(info, lang))
    front = [("attachments", _("Handtekeningen en bijlagen"))]
    story = [*cover_flowables(info, documents, comparison, marks, style, doc.width, made=made,
                              lang=lang),
             NextPageTemplate("portrait"), PageBreak()]
    if comparison is not None:
        front.append(("comparison", _("Vergelijking van de toetsen")))
    story += [*contents_flowables(documents, front, marks, style, doc.width, links),
              *attachments_flowables(documents, manifest_name, checked=made, trust=trust_text,
                                     marks=marks, style=style, width=doc.width, lang=lang)]
    if comparison is not None:
        intro = _("De toetsen in dit dossier naast elkaar: eerst een overzicht van allemaal, "
                  "daarna per soort toets de scores per dimensie. Het nummer verwijst naar het "
                  "document in dit dossier; klik erop om de toets te openen.")
        story += [NextPageTemplate("landscape"), PageBreak(),
                  *comparison_flowables(comparison, marks, style, doc.wide_width,
                                        links=links, intro=intro)]
    doc.build(story, canvasmaker=DossierCanvas)
    return buffer.getvalue(), links


def trust_description(store: TrustStore) -> str:
    """The trust store as the dossier names it: how many certificates, never a local
    path (a parliamentary document must not show the compiler's folders)."""
    folder = getattr(store, "folder", None)
    if folder is None:
        return _("(geen map met vertrouwde certificaten)")
    if not Path(folder).is_dir():
        return _("een map met vertrouwde certificaten die niet bestaat (geen enkel "
                 "certificaat is vertrouwd)")
    count = len(getattr(store, "roots", ()) or ())
    return ngettext("de map met vertrouwde certificaten van de samensteller ({n} certificaat)",
                    "de map met vertrouwde certificaten van de samensteller ({n} certificaten)",
                    count).format(n=count)


def pinned_manifest(manifest: Manifest, documents: Sequence[DocumentInfo]) -> Manifest:
    """The manifest as attached: each file named as its attachment, with its SHA-256, so
    the dossier can be rebuilt from its own attachments."""
    pinned = manifest.model_copy(deep=True)
    for entry, doc in zip(pinned.documents, documents, strict=True):
        entry.file, entry.sha256 = doc.attachment, doc.sha256
    return pinned


RECORD_NAME = "validatierapport.json"


def validation_record_json(documents: Sequence[DocumentInfo], inputs: Sequence[Any],
                           checks: Sequence[SignatureCheck], store: TrustStore,
                           made: datetime) -> bytes:
    """The validation record (as ``verify --report`` writes it) of every input's
    signatures at bundle time."""
    from toetsapp.signing.record import file_entry, validation_record

    entries = []
    for doc, inp, check in zip(documents, inputs, checks, strict=True):
        problems = [*check.pdf_problems, *([check.pdf_error] if check.pdf_error else [])]
        protected = bool(check.pdf) and not problems and all(r.valid for r in check.pdf)
        entries.append(file_entry(doc.attachment, inp.sha256, "toets" if inp.rendered else "pdf",
                                  check.results, problems, protected, check.state != "invalid"))
    record = validation_record(entries, store, now=made)
    return (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def foreign_documents(manifest: Manifest, resolved: Sequence[Any],
                      inputs: Sequence[PdfInput]) -> list[str]:
    """A warning per toets whose dossiernummers do not belong to this dossier."""
    ours = manifest.dossier.dossiernummers()
    out = []
    for doc, inp in zip(resolved, inputs, strict=True):
        theirs = inp.toets.metadata.dossiernummers() if inp.toets is not None else []
        if theirs and not set(theirs) & set(ours):
            out.append(_("Document {number} ({file}) hoort bij dossier {theirs}, niet bij dit "
                         "dossier ({ours}).").format(number=doc.number, file=doc.entry.file,
                                                     theirs=" en ".join(theirs),
                                                     ours=" en ".join(ours)))
    return out


def build_dossier(manifest: Manifest, manifest_path: Path | str, *, trust: TrustStore | None = None,
                  language: str | None = None, catalog: Catalog | None = None,
                  now: datetime | None = None) -> DossierResult:
    """Build the dossier described by ``manifest`` (its files are relative to
    ``manifest_path``'s folder). ``trust``: a :class:`~toetsapp.signing.TrustStore`
    (default: the user's trust folder). Raises :class:`~toetsapp.errors.FileProblem`
    naming every file that cannot be used; nothing is written."""
    from toetsapp.signing import load_trust_store

    made = (now or datetime.now(UTC)).replace(microsecond=0)
    resolved = resolve_documents(manifest, manifest_path)
    inputs, warnings = read_inputs(resolved, manifest_path)
    warnings += foreign_documents(manifest, resolved, inputs)
    catalog = catalog or catalog_for_toetsen([i.toets for i in inputs if i.toets is not None])
    store = trust if trust is not None else load_trust_store()
    trust_text = trust_description(store)
    with in_language(language or manifest.language) as lang:
        checks = [check_signatures(inp.toets, None if inp.rendered else inp.data, store,
                                   source=str(inp.path))
                  for inp in inputs]
        compared = [Compared(inp.toets, r.number, inp.path.name, r.entry.proposal, check)
                    for r, inp, check in zip(resolved, inputs, checks, strict=True)
                    if inp.toets is not None]
        comparison = compare(compared, catalog=catalog, language=lang) if compared else None
        width = max(2, len(str(len(inputs))))
        documents, first = [], 1
        for r, inp, check in zip(resolved, inputs, checks, strict=True):
            documents.append(_document(r.number, r.entry.title, r.entry.proposal, inp, first,
                                       check, catalog, lang, width,
                                       manifest.dossier.dossiernummer))
            first += inp.pages
        name = Path(manifest_path).name
        front, links = _front(manifest, documents, comparison, made=made,
                              trust_text=trust_text, manifest_name=name, lang=lang)
        attachments = [Attachment(d.attachment, inp.file_data,
                                  _("Origineel van document {n}: {title}")
                                  .format(n=d.number, title=d.title),
                                  TOETS_MIME if inp.rendered else "application/pdf", made)
                       for d, inp in zip(documents, inputs, strict=True)]
        attachments.append(Attachment(RECORD_NAME, validation_record_json(
            documents, inputs, checks, store, made), _("Validatierapport van alle "
                                                      "handtekeningen bij het bundelen"),
            JSON_MIME, made))
        attachments.append(Attachment(name, manifest_json(pinned_manifest(
            manifest, documents)).encode("utf-8"), _("Het manifest van dit dossier"), JSON_MIME,
            made))
        info = manifest.dossier
        metadata = {"Title": _("Dossier {citation}: {title}").format(
                        citation=info.citation() or info.dossiernummer, title=info.title),
                    "Author": info.coordinator.name or info.coordinator.organisation
                    or "Toetsapp",
                    "Subject": _("Toetsen bij het wetsvoorstel {number}").format(
                        number=info.dossiernummer),
                    "Keywords": ", ".join(x for x in ("Toetsapp", info.dossiernummer,
                                                      info.vergaderjaar) if x),
                    "Creator": f"Toetsapp {__version__}",
                    "Producer": f"Toetsapp {__version__} (ReportLab, pikepdf)"}
        parts = [Part(f"{d.number}. {d.title}", inp) for d, inp in zip(documents, inputs,
                                                                        strict=True)]
        def numbered(doc: Any, starts: list[int]) -> None:
            number_pages(doc, starts[0] if starts else 0, [
                start + page for start, inp in zip(starts, inputs, strict=True)
                if inp.toets is not None for page in range(inp.pages)], house_style())

        pdf, starts = merge(front, parts, links, attachments, metadata,
                            LANGUAGE_TAGS.get(lang, lang), made, numbered)
    warnings += list(comparison.warnings if comparison else ())
    front_pages = starts[0] if starts else 0
    return DossierResult(pdf, front_pages + sum(d.pages for d in documents), front_pages,
                         tuple(starts), tuple(documents), comparison, tuple(warnings))
