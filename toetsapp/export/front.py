"""Page 2: the contents (with page numbers and links) and the particulars of the toets."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph, Table

from toetsapp.export.doc import Marks, PageRef, heading
from toetsapp.export.style import HouseStyle, table_style
from toetsapp.export.text import markup, paragraphs
from toetsapp.export.view import View, role_label, status_label
from toetsapp.formatting import format_date, format_moment
from toetsapp.i18n import _, ngettext
from toetsapp.pdf.tables import SAME, structured


@dataclass(frozen=True)
class Entry:
    """One line of the contents."""

    key: str
    number: str
    title: str
    note: str = ""


def contents(entries: list[Entry], marks: Marks, style: HouseStyle, width: float) -> list[Flowable]:
    """The contents table: number, linked title, page number."""
    st = style.styles
    size = style.size("body")
    rows = []
    for entry in entries:
        title = f'<a href="#{entry.key}">{markup(entry.title)}</a>'
        if entry.note:
            muted = style.data["colors"]["muted"]
            title += f' <font size="{style.size("small")}" color="{muted}">' \
                     f"({markup(entry.note)})</font>"
        rows.append([Paragraph(markup(entry.number), st["body"]), Paragraph(title, st["body"]),
                     PageRef(marks, entry.key, 34, style.leading(size))])
    table = Table(rows, colWidths=[30, width - 30 - 40, 40], style=table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, style.color("rule")),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    table.hAlign = "LEFT"
    structured(table, "TOC", "TOCI", ("Lbl", "Reference", SAME))  # number, title + page
    return [*heading(marks, "contents", _("Inhoud"), markup(_("Inhoud")), st["h1"]), table]


def particulars(view: View, marks: Marks, style: HouseStyle, width: float) -> list[Flowable]:
    """Everything the metadata says: proposal, identifiers, organisations, people, dates."""
    st, lang = style.styles, view.language
    meta = view.toets.metadata
    rows: list[tuple[str, str]] = [
        (_("Voorstel"), meta.title),
        (_("Korte titel"), meta.short_title),
        (_("Kamerstuk"), view.citation),
        (_("Kamerstukdocument"), meta.kamerstuk_document),
        (_("Zaaknummer"), meta.zaaknummer),
        *((_("Verwijst ook naar"), ": ".join(x for x in (ref.title, ref.citation()) if x))
          for ref in meta.related_kamerstukken),
        (_("Ministerie"), meta.ministry),
    ]
    for org in meta.organisations:
        name = org.name + (f" ({org.abbreviation})" if org.abbreviation else "")
        rows.append((_("Organisatie"), f"{name} — {role_label(org.role)}"))
    person = meta.toetser
    rows.append((_("Toetser"), ", ".join(x for x in (person.name, person.role, person.organisation,
                                                     person.email) if x)))
    rows += [
        (_("Soort toets"), view.type_title),
        (_("Datum toets"), format_date(meta.toets_date, lang) if meta.toets_date else ""),
        (_("Uiterste datum"), format_date(meta.deadline, lang) if meta.deadline else ""),
        (_("Status"), status_label(meta.status)),
        (_("Aangemaakt"), format_moment(meta.created, lang)),
        (_("Laatst gewijzigd"), format_moment(meta.modified, lang)),
        (_("Volledigheid"), completeness(view)),
    ]
    return [*heading(marks, "particulars", _("Gegevens van de toets"),
                     markup(_("Gegevens van de toets")), st["h1"]),
            key_value_table(rows, style, width)]


def completeness(view: View) -> str:
    answered = visible = 0
    for section in view.form.sections:
        done, shown = view.evaluation.section_progress(section.id)
        answered, visible = answered + done, visible + shown
    missing = sum(1 for p in view.evaluation.problems if p.kind == "missing")
    text = _("{answered} van {visible} toepasselijke vragen beantwoord").format(
        answered=answered, visible=visible)
    if missing:
        text += "; " + ngettext("{n} verplichte vraag niet beantwoord",
                                "{n} verplichte vragen niet beantwoord", missing).format(n=missing)
    return text


def key_value_table(rows: list[tuple[str, str]], style: HouseStyle, width: float,
                    label_width: float = 120) -> Table:
    """Label/value pairs; empty values are shown as '—', long ones split into rows.
    Tagged as a list: one item per pair, its label a ``Lbl``, its value (all rows of
    it) the ``LBody``."""
    st = style.styles
    data = []
    for label, value in rows:
        pieces = paragraphs(value or "—", st["cell"], 1200) or [Paragraph("—", st["cell"])]
        for i, piece in enumerate(pieces):
            data.append([Paragraph(markup(label), st["cell_bold"]) if i == 0 else "", piece])
    table = Table(data, colWidths=[label_width, width - label_width], style=table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, style.color("rule")),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    table.hAlign = "LEFT"
    return structured(table, "L", "LI", ("Lbl", "LBody"), blank_continues=True)
