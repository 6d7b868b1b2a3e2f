"""Putting the PDF together: toetskaart, contents, sections, annexes, colophon, attachment."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

from reportlab.platypus import NextPageTemplate, PageBreak

from toetsapp import __version__
from toetsapp.canonical import file_digest
from toetsapp.export.annex import ANNEX_KEY, Annex
from toetsapp.export.body import Body, section_key
from toetsapp.export.card import Card
from toetsapp.export.colophon import COLOPHON_KEY, colophon_flowables, toets_content_hash
from toetsapp.export.concept import (
    PROBLEMS_KEY,
    Concept,
    concept_for,
    draw_concept_marks,
    problems_flowables,
)
from toetsapp.export.doc import Anchor, Marks, Running, ToetsDoc, _Canvas
from toetsapp.export.embed import attach_file, attachment_name, record_content_hash
from toetsapp.export.front import Entry, contents, particulars
from toetsapp.export.signatures import (
    SIGNATURES_KEY,
    SignatureRow,
    rows_from_signatures,
    signature_flowables,
)
from toetsapp.export.style import house_style
from toetsapp.export.view import View, build_view
from toetsapp.files.store import toets_json
from toetsapp.i18n import _, current_language, set_language
from toetsapp.model.form import Form
from toetsapp.model.rubric import Rubric
from toetsapp.model.toets import Toets
from toetsapp.pdf import LANGUAGE_TAGS
from toetsapp.pdf.fields import add_signature_fields
from toetsapp.pdf.pdfa import Archive


def archive_for(toets: Toets, language: str) -> Archive:
    """The XMP extras of a toets PDF: its language and the Kamerstuk identifiers."""
    meta = toets.metadata
    return Archive(language, (
        ("dossiernummers", ", ".join(meta.dossiernummers())), ("ondernummer", meta.ondernummer),
        ("vergaderjaar", meta.vergaderjaar), ("kamer", meta.kamer),
        ("citation", meta.citation() if meta.dossiernummer else ""),
        ("document", meta.kamerstuk_document), ("zaaknummer", meta.zaaknummer)))


@contextmanager
def using_language(language: str) -> Iterator[str]:
    """Make ``language`` the active one for ``_()`` and formatting, then restore."""
    previous = current_language()
    active = set_language(language)
    try:
        yield active
    finally:
        set_language(previous)


def generation_time(toets: Toets, invariant: bool) -> datetime:
    """SOURCE_DATE_EPOCH if set; in invariant mode the toets's own modification time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    if invariant:
        return toets.metadata.modified
    return datetime.now(UTC).replace(microsecond=0)


def file_bytes(toets: Toets) -> bytes:
    """The toets as Toetsapp writes it; ASCII-escaped if it holds unpaired surrogates."""
    try:
        return toets_json(toets).encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(toets.model_dump(mode="json"), indent=2) + "\n").encode("ascii")


def _entries(view: View, concept: Concept | None) -> list[Entry]:
    entries = [Entry("card", "", _("Toetskaart")),
               Entry("particulars", "", _("Gegevens van de toets"))]
    if concept is not None and concept.page_ref:
        entries.append(Entry(PROBLEMS_KEY, "", _("Open problemen")))
    for section in view.form.sections:
        hidden = section.id not in view.evaluation.visibility.sections
        entries.append(Entry(section_key(section.id), view.section_numbers[section.id],
                             section.title.get(view.language),
                             _("niet van toepassing") if hidden else ""))
    known = view.form.question_index()
    if any(qid not in known for qid in view.toets.answers):
        entries.append(Entry("s__unknown", "", _("Antwoorden buiten dit formulier")))
    entries += [Entry(ANNEX_KEY, "A", _("Toelichting op de scores")),
                Entry(SIGNATURES_KEY, "B", _("Ondertekening")),
                Entry(COLOPHON_KEY, "", _("Colofon"))]
    return entries


def render_toets_pdf(toets: Toets, form: Form, rubric: Rubric | None, *,
                     language: str | None = None, invariant: bool = False,
                     signature_rows: Sequence[SignatureRow] | None = None,
                     toets_bytes: bytes | None = None, attachment: str | None = None,
                     notes: Sequence[str] = (), with_comments: bool = False) -> bytes:
    """The uniform PDF of ``toets`` as bytes.

    ``language``: 'nl' or 'en' (default: the toets's own language). ``invariant``:
    the same input gives the same bytes (fixed ids and dates; see SOURCE_DATE_EPOCH).
    ``signature_rows``: rows for the signatures page (default: ``toets.signatures``,
    shown as not verified). ``toets_bytes``: the exact file to embed (default: the
    toets as Toetsapp saves it); ``attachment``: its file name inside the PDF.
    ``notes``: warnings for the colophon (e.g. the form changed since filling in).
    ``with_comments``: a review copy, with the comments after the colophon.
    Rendering switches the process-wide gettext language to ``language`` and restores
    it afterwards; from a worker thread, pass the UI's own language or expect UI texts
    made meanwhile in the PDF's language. Never raises on odd answer content.
    """
    style = house_style()
    data = toets_bytes if toets_bytes is not None else file_bytes(toets)
    name = attachment or attachment_name(None, toets)
    with using_language(language or toets.language) as lang:
        view = build_view(toets, form, rubric, lang)
        rows = list(signature_rows) if signature_rows is not None else rows_from_signatures(
            toets.signatures, None, lang)
        marks = Marks()
        concept = concept_for(view)
        running = Running(view.with_type(view.short, " · "), view.status,
                          view.citation or view.toets.metadata.zaaknummer,
                          (lambda canv, page: draw_concept_marks(canv, style, concept, page=page))
                          if concept is not None else None)

        def finish(canv: object) -> None:
            canv.archive = archive_for(toets, LANGUAGE_TAGS.get(lang, lang))
            attach_file(canv._doc, name, data, _("De toets als Toetsapp-bestand"),
                        toets.metadata.modified)
            try:
                digest: str | None = toets_content_hash(toets)
            except UnicodeEncodeError:
                digest = None
            record_content_hash(canv._doc, digest, file_digest(data))
            add_signature_fields(canv, [_("Handtekening van {organisation}").format(
                organisation=org.name) for org in toets.metadata.organisations])

        buffer = io.BytesIO()
        doc = ToetsDoc(
            buffer, style, marks, running, finish,
            title=view.with_type(view.title),
            author=view.organisations or toets.metadata.toetser.name or "Toetsapp",
            subject=" — ".join(x for x in (view.type_title, view.citation) if x),
            keywords=[x for x in (form.toets_type, form.id, toets.metadata.dossiernummer,
                                  view.status, "Toetsapp") if x],
            creator=f"Toetsapp {__version__}", producer=f"Toetsapp {__version__} (ReportLab)",
            lang=LANGUAGE_TAGS.get(lang, lang), invariant=int(invariant), displayDocTitle=True)
        width = doc.width
        listed = problems_flowables(view, concept, marks, style) \
            if concept is not None and concept.page_ref else []
        story = [Anchor(marks, "card", _("Toetskaart"), 0),
                 Card(view, style, rows, concept, marks),
                 NextPageTemplate("body"), PageBreak(),
                 *contents(_entries(view, concept), marks, style, width),
                 *particulars(view, marks, style, width), *listed, PageBreak(),
                 *Body(view, style, marks, width).flowables(), PageBreak(),
                 *Annex(view, style, marks).flowables(), PageBreak(),
                 *signature_flowables(rows, marks, style, width), PageBreak(),
                 *colophon_flowables(view, marks, style, width,
                                     generated=generation_time(toets, invariant),
                                     attachment=name, data=data, notes=notes)]
        if with_comments:
            from toetsapp.export.comments import comment_flowables

            story += [PageBreak(), *comment_flowables(view, marks, style)]
        doc.build(story, canvasmaker=_Canvas)
    return buffer.getvalue()
