"""The colophon: which definitions, which content (hash), which software, when, and the
revision log of the toets."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

from reportlab.platypus import Flowable, Paragraph, Table

from toetsapp import __version__
from toetsapp.export.doc import Marks, heading
from toetsapp.export.front import key_value_table
from toetsapp.export.style import HouseStyle, table_style
from toetsapp.export.text import markup
from toetsapp.export.view import View
from toetsapp.formatting import format_moment, format_number
from toetsapp.i18n import _
from toetsapp.model.toets import Toets
from toetsapp.signing.content import toets_content_hash

__all__ = ["COLOPHON_KEY", "colophon_flowables", "revision_log", "toets_content_hash"]

COLOPHON_KEY = "colophon"




def _content_hash_text(toets: Toets) -> str:
    try:
        digest = toets_content_hash(toets)
    except UnicodeEncodeError:
        return _("niet te berekenen: de toets bevat tekens die geen geldige Unicode zijn")
    return digest + "  " + _("(canonieke JSON van de toets zonder ondertekeningen)")


def colophon_flowables(view: View, marks: Marks, style: HouseStyle, width: float, *,
                       generated: datetime, attachment: str, data: bytes,
                       notes: Sequence[str] = ()) -> list[Flowable]:
    """The colophon page."""
    st, lang, toets = style.styles, view.language, view.toets
    rubric = toets.rubric
    rows = [
        (_("Formulier"), f"{view.type_title} — {toets.form.id}, "
                         + _("versie {v}").format(v=toets.form.version) + f", {toets.form.hash}"),
        (_("Rubric"), f"{rubric.id}, " + _("versie {v}").format(v=rubric.version)
         + f", {rubric.hash}" if rubric else _("geen")),
        (_("Weergegeven met"), _("formulier {form} versie {v}").format(form=view.form.id,
                                                                      v=view.form.version)
         + (_("; rubric {rubric} versie {v}").format(rubric=view.rubric.id, v=view.rubric.version)
            if view.rubric else "")),
        (_("Toets-id"), str(toets.id)),
        (_("Inhoudshash"), _content_hash_text(toets)),
        (_("Bijlage in deze PDF"), _("{name}, {size} bytes, sha256:{digest}").format(
            name=attachment, size=format_number(len(data), lang),
            digest=hashlib.sha256(data).hexdigest())),
        (_("Terughalen"), _("toetsapp extract DEZE.pdf -o {name}").format(name=attachment)),
        (_("Taal van dit document"), {"nl": _("Nederlands"), "en": _("Engels")}.get(lang, lang)),
        (_("Gemaakt met"), f"Toetsapp {__version__}"),
        (_("Gegenereerd op"), format_moment(generated, lang)),
        (_("Lettertype"), _("DejaVu Sans (vrije licentie; zie exports/fonts)")),
    ]
    rows += [(_("Let op"), note) for note in notes]
    out: list[Flowable] = [*heading(marks, COLOPHON_KEY, _("Colofon"), markup(_("Colofon")),
                                    st["h1"]),
                           key_value_table(rows, style, width)]
    out += revision_log(view, style, width)
    return out


def revision_log(view: View, style: HouseStyle, width: float) -> list[Flowable]:
    st = style.styles
    revisions = view.toets.revisions
    out: list[Flowable] = [Paragraph(markup(_("Wijzigingsgeschiedenis")), st["h2"])]
    if not revisions:
        return [*out, Paragraph(markup(_("Geen wijzigingen vastgelegd.")), st["small_muted"])]
    data = [[Paragraph(markup(h), st["cell_bold"])
             for h in (_("Wanneer"), _("Door"), _("Wat"))]]
    for rev in revisions:
        data.append([Paragraph(markup(format_moment(rev.at, view.language)),
                               st["cell"]),
                     Paragraph(markup(rev.by or "—"), st["cell"]),
                     Paragraph(markup(rev.summary), st["cell"])])
    table = Table(data, colWidths=[width * 0.25, width * 0.22, width * 0.53], repeatRows=1,
                  style=table_style([
                      ("BACKGROUND", (0, 0), (-1, 0), style.color("table_header")),
                      ("VALIGN", (0, 0), (-1, -1), "TOP"),
                      ("LINEBELOW", (0, 0), (-1, -1), 0.3, style.color("rule"))]))
    table.hAlign = "LEFT"
    return [*out, table]
