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


def report_text(report: FileReport, *, verbose: bool = False) -> str:
    """The report for one file: a table per kind of signature, then explanations."""
    lines = [str(report.path)]
    pdf = [r for r in report.results if r.kind == "pdf"]
    toets = [r for r in report.results if r.kind == "toets"]
    if pdf:
        lines += ["", _("Handtekeningen in de PDF (PAdES)")]
        lines.append(render_table(
            [_("Veld"), _("Organisatie"), _("Ondertekenaar"), _("Ondertekend op"), _("Status")],
            [[r.field, r.organisation, r.name, _when(r), r.status.label] for r in pdf]))
    if toets:
        lines += ["", _("Medeondertekeningen van de toets")]
        lines.append(render_table(
            [_("Organisatie"), _("Ondertekenaar"), _("Standpunt"), _("Ondertekend op"),
             _("Status")],
            [[r.organisation, r.name, position_label(r.position), _when(r), r.status.label]
             for r in toets]))
    details = _details(pdf + toets, verbose)
    if details:
        lines += ["", _("Toelichting"), *details]
    if report.missing:
        lines += ["", still_to_sign(report.missing)]
    lines += ["", *report.notes] if report.notes else []
    lines += ["", _("Resultaat: alle handtekeningen zijn geldig.") if report.ok
              else _("Resultaat: NIET IN ORDE.")]
    return "\n".join(lines)


def still_to_sign(organisations: list[str] | tuple[str, ...]) -> str:
    """'Belastingdienst, UWV en SVB moeten nog (geldig) ondertekenen.' in correct Dutch."""
    return ngettext("{organisations} moet nog (geldig) ondertekenen.",
                    "{organisations} moeten nog (geldig) ondertekenen.",
                    len(organisations)).format(organisations=format_list(list(organisations)))
