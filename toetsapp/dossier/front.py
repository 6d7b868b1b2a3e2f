"""The cover and the contents of the dossier (A4 upright, in the house style)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from toetsapp import __version__
from toetsapp.dossier.cells import CellStyles
from toetsapp.dossier.comparison import Comparison
from toetsapp.dossier.layout import LinkedTable, Links, LinkSpot, RowLink
from toetsapp.dossier.manifest import DossierInfo
from toetsapp.dossier.signatures import SignatureCheck
from toetsapp.export.doc import Anchor, Marks, PageRef, heading
from toetsapp.export.front import key_value_table
from toetsapp.export.style import HouseStyle, table_style
from toetsapp.export.text import fit_size, markup
from toetsapp.formatting import format_date, format_moment, format_number
from toetsapp.i18n import _, ngettext
from toetsapp.pdf.tagging import header_table


@dataclass(frozen=True)
class DocumentInfo:
    """A document as the dossier lists it; ``first_page`` is its page label (from 1)."""

    number: int
    kind: str
    title: str
    subtitle: str
    file: str
    attachment: str
    pages: int
    first_page: int
    size: int
    sha256: str
    signatures: SignatureCheck
    tagged: bool = True

    @property
    def marked_title(self) -> str:
        """The title, with the untagged marker when the PDF has no structure tree."""
        return self.title if self.tagged else f"{self.title} {untagged_marker()}"


def untagged_marker() -> str:
    """The short note after the title of a PDF without tags (not accessible)."""
    return _("(zonder tags)")


def kamer_name(kamer: str) -> str:
    return _("Tweede Kamer der Staten-Generaal") if kamer == "II" else _(
        "Eerste Kamer der Staten-Generaal")


def _band(info: DossierInfo, style: HouseStyle, width: float, lang: str) -> Table:
    st = CellStyles(style)
    white = style.color("band_text")
    label = st.colored(white, bold=True, size=style.size("small"))
    big = st.colored(white, bold=True, size=style.size("h2"))
    right = st.colored(white, bold=False, size=style.size("small"))
    right.alignment = 2
    year = _("Vergaderjaar {year}").format(year=info.vergaderjaar) if info.vergaderjaar else ""
    data = [[[Paragraph(markup(_("DOSSIER")), label),
              Paragraph(markup(_("Toetsen bij het wetsvoorstel")), big)],
             [Paragraph(markup(kamer_name(info.kamer)), right), Paragraph(markup(year), right)]]]
    return Table(data, colWidths=[width * 0.55, width * 0.45], style=table_style([
        ("BACKGROUND", (0, 0), (-1, -1), style.color("accent")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 9), ("BOTTOMPADDING", (0, 0), (-1, -1), 11)]))


def _verdicts(comparison: Comparison | None, style: HouseStyle, width: float) -> list[Flowable]:
    """How many toetsen of each type reached each verdict (bounded, whatever the count)."""
    if comparison is None or not comparison.overview.rows:
        return []
    st = CellStyles(style)
    types = list(dict.fromkeys(row.cell("soort").text for row in comparison.overview.rows))
    counts: Counter[tuple[int, int, str, str]] = Counter()
    colors_: dict[str, str | None] = {}
    for row in comparison.overview.rows:
        cell, kind = row.cell("eindoordeel"), row.cell("soort").text
        rank = cell.rank if cell.rank is not None else 99
        counts[types.index(kind), rank, kind, cell.text] += 1
        colors_[cell.text] = cell.color
    data: list[list[Any]] = [[Paragraph(markup(_("Soort toets")), st.head),
                              Paragraph(markup(_("Eindoordeel")), st.head),
                              Paragraph(markup(_("Aantal")), st.head)]]
    commands = [("BACKGROUND", (0, 0), (-1, 0), style.color("table_header")),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, style.color("rule")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    previous = None
    for (_type, _rank, kind, verdict), count in sorted(counts.items()):
        data.append([Paragraph(markup(kind if kind != previous else ""), st.cell),
                     Paragraph(markup(verdict), st.bold),
                     Paragraph(format_number(count), st.cell)])
        previous = kind
        color = colors_.get(verdict)
        if color:
            commands.append(("LINEBEFORE", (1, len(data) - 1), (1, len(data) - 1), 5,
                             colors.HexColor(color)))
    table = header_table(Table(data, colWidths=[width * 0.3, width * 0.55, width * 0.15],
                               style=table_style(commands)), "column")
    table.hAlign = "LEFT"
    title = _("Eindoordelen in dit dossier")
    return [Spacer(1, 14), Paragraph(markup(title), style.styles["h2"]), table]


def cover_flowables(info: DossierInfo, documents: list[DocumentInfo],
                    comparison: Comparison | None, marks: Marks, style: HouseStyle,
                    width: float, *, made: datetime, lang: str) -> list[Flowable]:
    """The cover: the bill, the coordinator, what the dossier holds, the verdicts."""
    st = style.styles
    title_style = style.para("dossier-title", size="card_verdict", bold=True)
    cite = style.para("dossier-cite", size="h2", bold=True, color="accent", before=18,
                      after=6)
    coordinator = info.coordinator
    toetsen = sum(d.kind == "toets" for d in documents)
    others = len(documents) - toetsen
    pages = sum(d.pages for d in documents)
    content = ngettext("{n} toets", "{n} toetsen", toetsen).format(n=toetsen)
    if others:
        content += " " + ngettext("en {n} ander document", "en {n} andere documenten",
                                  others).format(n=others)
    content += ", " + ngettext("{n} pagina", "{n} pagina's", pages).format(
        n=format_number(pages))
    rows = [(_("Dossiernummer"), info.dossiernummer), (_("Vergaderjaar"), info.vergaderjaar),
            (_("Kamer"), kamer_name(info.kamer)),
            (_("Coördinator"), ", ".join(x for x in (coordinator.name, coordinator.role) if x)),
            (_("Organisatie"), coordinator.organisation), (_("E-mail"), coordinator.email),
            (_("Datum"), format_date(info.date or made.date(), lang)),
            (_("Inhoud"), content)]
    note = _("Samengesteld met Toetsapp {version} op {when}. De originele PDF's zitten "
             "ongewijzigd als bijlage in dit bestand; hun handtekeningen zijn gecontroleerd bij "
             "het samenstellen (zie de inhoudsopgave).").format(
        version=__version__, when=format_moment(made, lang))
    return [Anchor(marks, "cover", _("Omslag")), _band(info, style, width, lang),
            Paragraph(markup(info.citation() or info.dossiernummer), cite),
            fit_size(info.title, title_style, width, [22, 19, 16, 14, 12], 4), Spacer(1, 10),
            key_value_table(rows, style, width, label_width=110),
            *_verdicts(comparison, style, width), Spacer(1, 16),
            Paragraph(markup(note), st["small_muted"])]


def _title_markup(doc: DocumentInfo, style: HouseStyle) -> str:
    if doc.tagged:
        return markup(doc.title)
    muted = style.data["colors"]["muted"]
    return f"{markup(doc.title)} <font color='{muted}'>{markup(untagged_marker())}</font>"


def contents_flowables(documents: list[DocumentInfo], front: list[tuple[str, str]],
                       marks: Marks, style: HouseStyle, width: float,
                       links: Links) -> list[Flowable]:
    """Nr, document, signature status at bundle time, page; then the front sections.
    Each line links as a whole (its full width and height) to what it names."""
    st = CellStyles(style)
    widths = [26, width * 0.50, width * 0.50 - 26 - 44, 44]
    data: list[list[Any]] = [[Paragraph(markup(_("Nr.")), st.head),
                              Paragraph(markup(_("Document")), st.head),
                              Paragraph(markup(_("Handtekeningen bij het samenstellen")),
                                        st.head),
                              Paragraph(markup(_("Pagina")), st.head)]]
    for key, title in front:
        data.append([RowLink(key), Paragraph(markup(title), st.bold), "",
                     PageRef(marks, key, 40, st.bold.leading)])
    for doc in documents:
        sig = doc.signatures
        lines = [Paragraph(markup(sig.summary()), st.bold if sig.state != "unsigned"
                           else st.muted)]
        lines += [Paragraph(markup(line), st.note) for line in sig.details()]
        data.append([Paragraph(str(doc.number), st.bold),
                     [LinkSpot(links, doc.number, widths[1] - 4, -st.bold.leading),
                      Paragraph(_title_markup(doc, style), st.bold),
                      Paragraph(markup(doc.subtitle), st.note)],
                     lines, Paragraph(str(doc.first_page), st.bold)])
    table = LinkedTable(data, colWidths=widths, repeatRows=1, style=table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 0), style.color("table_header")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, style.color("rule")),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    table.hAlign = "LEFT"
    title = _("Inhoud")
    return [*heading(marks, "contents", title, markup(title), style.styles["h1"]), table]


def attachments_flowables(documents: list[DocumentInfo], manifest_name: str, *,
                          checked: datetime, trust: str, marks: Marks, style: HouseStyle,
                          width: float, lang: str) -> list[Flowable]:
    """Why signatures are recorded here, and the files attached unchanged."""
    st, cs = style.styles, CellStyles(style)
    title = _("Handtekeningen en bijlagen")
    text = _("Het samenvoegen van PDF's verbreekt hun digitale handtekeningen: de pagina's in "
             "dit dossier dragen daarom geen handtekeningen meer. De status hierboven is "
             "vastgesteld op {when}, met de vertrouwde certificaten uit {trust}. Elke "
             "originele PDF zit ongewijzigd als bijlage in dit bestand (zie de lijst); "
             "controleer een bijlage met 'toetsapp verify'.").format(
        when=format_moment(checked, lang), trust=trust)
    data: list[list[Any]] = [[Paragraph(markup(h), cs.head) for h in
                              (_("Nr."), _("Bijlage"), _("Grootte"), "SHA-256")]]
    for doc in documents:
        digest = " ".join(doc.sha256[i:i + 8] for i in range(0, 64, 8))
        data.append([Paragraph(str(doc.number), cs.cell), Paragraph(markup(doc.attachment),
                                                                     cs.cell),
                     Paragraph(format_number(doc.size, lang) + " bytes", cs.cell),
                     Paragraph(digest, cs.note)])
    data.append(["", Paragraph(markup(manifest_name), cs.cell), "",
                 Paragraph(markup(_("het manifest van dit dossier, met de SHA-256 van elke "
                                    "bijlage")), cs.note)])
    table = Table(data, colWidths=[26, width * 0.36, 70, width * 0.64 - 96], repeatRows=1,
                  style=table_style([
                      ("VALIGN", (0, 0), (-1, -1), "TOP"),
                      ("BACKGROUND", (0, 0), (-1, 0), style.color("table_header")),
                      ("LINEBELOW", (0, 0), (-1, -1), 0.3, style.color("rule")),
                      ("LEFTPADDING", (0, 0), (-1, -1), 2),
                      ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
    table.hAlign = "LEFT"
    return [*heading(marks, "attachments", title, markup(title), st["h1"], room=160),
            Paragraph(markup(text), st["body"]), table]
