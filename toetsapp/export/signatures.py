"""Annex B, the signatures page: which organisations co-signed, their position, and
whether their signature checked out.

Co-signing code fills it by passing rows (see :func:`rows_from_signatures`); with
no rows the page states plainly that the toets is not co-signed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph, Table

from toetsapp.export.doc import Marks, heading
from toetsapp.export.style import HouseStyle, table_style
from toetsapp.export.text import markup, numbered, paragraphs
from toetsapp.formatting import format_moment
from toetsapp.i18n import _
from toetsapp.model.toets import CoSignature

SIGNATURES_KEY = "signatures"


@dataclass(frozen=True)
class SignatureRow:
    """One co-signature as shown on the page.

    ``verified``: True (signature valid for this content), False (invalid or made over
    other content), None (not checked). ``status`` is the text shown for it; when
    empty, a standard text for ``verified`` is used.
    """

    organisation: str
    name: str
    role: str
    position: str
    signed_at: str
    remarks: str = ""
    verified: bool | None = None
    status: str = ""
    subject: str = ""
    fingerprint: str = ""

    def status_text(self) -> str:
        if self.status:
            return self.status
        return {True: _("geldig"), False: _("ONGELDIG")}.get(
            self.verified, _("niet gecontroleerd"))  # type: ignore[arg-type]


def position_label(position: str) -> str:
    return {"akkoord": _("Akkoord"), "akkoord_met_kanttekeningen": _("Akkoord met kanttekeningen"),
            "niet_akkoord": _("Niet akkoord")}.get(position, position)


def rows_from_signatures(signatures: Sequence[CoSignature],
                         verifications: Sequence[bool | str | None] | None = None,
                         language: str | None = None) -> list[SignatureRow]:
    """Rows for the page from ``toets.signatures``; ``verifications[i]`` is the check result
    of signature ``i`` (True, False, None, or a text to show as the status)."""
    rows = []
    for i, sig in enumerate(signatures):
        result = verifications[i] if verifications is not None and i < len(verifications) else None
        verified = result if isinstance(result, bool) else None
        rows.append(SignatureRow(sig.organisation, sig.name, sig.role, position_label(sig.position),
                                 format_moment(sig.signed_at, language), sig.remarks,
                                 verified, result if isinstance(result, str) else ""))
    return rows


def signature_flowables(rows: Sequence[SignatureRow], marks: Marks, style: HouseStyle,
                        width: float) -> list[Flowable]:
    """The signatures page for ``rows`` (may be empty)."""
    st = style.styles
    out: list[Flowable] = heading(marks, SIGNATURES_KEY, _("Bijlage B. Ondertekening"),
                                  numbered(_("Bijlage B"), _("Ondertekening")), st["h1"])
    if not rows:
        out.append(Paragraph(markup(_("Deze toets is niet medeondertekend.")), st["h2"]))
        out += paragraphs(_("Organisaties die een toets medeondertekenen, staan hier met hun "
                            "standpunt (akkoord, akkoord met kanttekeningen of niet akkoord), het "
                            "moment van ondertekening en de uitkomst van de controle van hun "
                            "handtekening. Een latere wijziging van de toets maakt eerdere "
                            "handtekeningen ongeldig."), st["small_muted"])
        return out
    header = [_("Organisatie"), _("Ondertekend door"), _("Standpunt"), _("Ondertekend op"),
              _("Handtekening")]
    data = [[Paragraph(markup(h), st["cell_bold"]) for h in header]]
    spans: list[tuple] = []
    for row in rows:
        who = row.name + (f", {row.role}" if row.role else "")
        status = row.status_text()
        status_style = st["cell_bold"] if row.verified is False else st["cell"]
        data.append([Paragraph(markup(row.organisation), st["cell"]),
                     Paragraph(markup(who), st["cell"]),
                     Paragraph(markup(row.position), st["cell"]),
                     Paragraph(markup(row.signed_at), st["cell"]),
                     Paragraph(markup(status), status_style)])
        if row.subject or row.fingerprint:
            lines = [line for line in (
                _("Certificaat: {subject}").format(subject=row.subject) if row.subject else "",
                _("SHA-256: {fingerprint}").format(fingerprint=row.fingerprint)
                if row.fingerprint else "") if line]
            detail = [Paragraph(markup(line), st["small_muted"]) for line in lines]
            data.append([detail, "", "", "", ""])
            spans.append(("SPAN", (0, len(data) - 1), (-1, len(data) - 1)))
    shares = [0.24, 0.22, 0.18, 0.18, 0.18]
    table = Table(data, colWidths=[width * s for s in shares], repeatRows=1, style=table_style([
        ("BACKGROUND", (0, 0), (-1, 0), style.color("table_header")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, style.color("rule")), *spans]))
    table.hAlign = "LEFT"
    out.append(table)
    for row in rows:
        if row.remarks.strip():
            out.append(Paragraph(markup(_("Kanttekeningen van {organisation}").format(
                organisation=row.organisation)), st["h3"]))
            out += paragraphs(row.remarks, st["body"])
    return out
