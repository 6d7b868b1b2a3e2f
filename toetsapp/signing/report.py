"""Plain-text report of a :class:`FileReport` (``toetsapp verify``)."""

from __future__ import annotations

from toetsapp.cli.table import render_table
from toetsapp.formatting import format_datetime, format_list
from toetsapp.i18n import _, ngettext
from toetsapp.signing.files import FileReport
from toetsapp.signing.status import SignatureResult, position_label


def _when(result: SignatureResult) -> str:
    return format_datetime(result.signed_at) + " UTC" if result.signed_at else ""


def _details(results: list[SignatureResult], verbose: bool) -> list[str]:
    lines = []
    for r in results:
        if verbose or not r.valid:
            who = f"{r.organisation} ({r.name})" if r.name else r.organisation or r.field
            lines.append(f"  - {who}: {r.status.label} — {r.detail}")
        if verbose and r.subject:
            lines.append("      " + _("certificaat: {subject}").format(subject=r.subject))
            lines.append("      " + _("SHA-256: {fingerprint}").format(fingerprint=r.fingerprint))
    return lines


def _pages_summary(report: FileReport) -> str:
    integrity = report.integrity
    if integrity is None:
        return ""
    if integrity.problems:
        return _("De pagina's zijn NIET beschermd: zie hieronder.")
    if not integrity.signatures:
        return _("Geen PDF-handtekening: de pagina's zijn niet beschermd.")
    if all(r.valid for r in report.pdf):
        return _("De PDF-handtekeningen dekken het hele bestand; na de laatste is niets "
                 "gewijzigd (hooguit validatiegegevens toegevoegd).")
    return _("Niet elke PDF-handtekening is geldig: de pagina's zijn niet betrouwbaar "
             "beschermd.")


def report_text(report: FileReport, *, verbose: bool = False) -> str:
    """The report for one file: the pages (PDF signatures) and the data (co-signatures)
    separately, then explanations."""
    lines = [str(report.path)]
    pdf, toets = list(report.pdf), list(report.cosignatures)
    if report.kind == "pdf":
        lines += ["", _("Pagina's: handtekeningen in de PDF (PAdES)")]
        if pdf:
            lines.append(render_table(
                [_("Veld"), _("Organisatie"), _("Ondertekenaar"), _("Ondertekend op"),
                 _("Status")],
                [[r.field, r.organisation, r.name, _when(r), r.status.label] for r in pdf]))
        lines.append(_pages_summary(report))
        lines += [f"  - {problem}" for problem in report.problems]
    if toets:
        lines += ["", _("Gegevens: medeondertekeningen van de toets")]
        lines.append(render_table(
            [_("Organisatie"), _("Ondertekenaar"), _("Telt voor"), _("Standpunt"),
             _("Ondertekend op"), _("Status")],
            [[r.organisation, r.name, r.counts_for, position_label(r.position), _when(r),
              r.status.label] for r in toets]))
        valid, total = report.tally
        lines.append(_("{valid} van {total} organisaties hebben geldig medeondertekend.")
                     .format(valid=valid, total=total))
    details = _details(pdf + toets, verbose)
    if details:
        lines += ["", _("Toelichting"), *details]
    if report.missing:
        lines += ["", still_to_sign(report.missing)]
    lines += ["", *report.notes] if report.notes else []
    if not report.ok:
        result = _("Resultaat: NIET IN ORDE.")
    elif report.integrity is not None and not report.integrity.signatures:
        result = _("Resultaat: de medeondertekeningen zijn geldig, maar de pagina's zijn niet "
                   "beschermd (geen PDF-handtekening).")
    else:
        result = _("Resultaat: alle handtekeningen zijn geldig.")
    return "\n".join([*lines, "", result])


def still_to_sign(organisations: list[str] | tuple[str, ...]) -> str:
    """'Belastingdienst, UWV en SVB moeten nog (geldig) ondertekenen.' in correct Dutch."""
    return ngettext("{organisations} moet nog (geldig) ondertekenen.",
                    "{organisations} moeten nog (geldig) ondertekenen.",
                    len(organisations)).format(organisations=format_list(list(organisations)))
