"""The validation record (``verify --report``): what the Archiefregeling asks to keep of
the check of a digital signature, as JSON and as a one-page PDF.

Per signature: the holder (name, organisation, OIN), the moment of signing (as stated,
and as timestamped by a TSA when there is a timestamp), the result, and the
certificate's identification (subject, issuer, serial number, SHA-256 fingerprint).
Per file: its SHA-256, whether its pages are protected, the problems found. For the
whole check: its moment, who ran it (user, computer, Toetsapp version), and the trust
anchors and CRLs used.
"""

from __future__ import annotations

import getpass
import hashlib
import io
import platform
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from cryptography import x509

from toetsapp import __version__
from toetsapp.i18n import _
from toetsapp.signing import certs
from toetsapp.signing.files import FileReport
from toetsapp.signing.status import SignatureResult, position_label
from toetsapp.signing.trust import TrustStore

FORMAT = "toetsapp/validatierapport"


def _who() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return f"{user}@{platform.node() or '?'}"


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def _crl(data: bytes) -> dict[str, Any]:
    crl = x509.load_der_x509_crl(data)
    return {"issuer": crl.issuer.rfc4514_string(certs.NAMES),
            "this_update": _iso(crl.last_update_utc), "next_update": _iso(crl.next_update_utc),
            "sha256": hashlib.sha256(data).hexdigest()}


def _signature(result: SignatureResult) -> dict[str, Any]:
    return {
        "kind": "pdf" if result.kind == "pdf" else "co-signature", "field": result.field or None,
        "holder": {"name": result.name, "organisation": result.organisation,
                   "oin": result.oin or None, "counts_for": result.counts_for or None},
        "position": result.position or None,
        "signed_at_stated": _iso(result.signed_at),
        "signed_at_timestamp": _iso(result.timestamp),
        "result": {"status": result.status.value, "label": result.status.label,
                   "valid": result.valid, "detail": result.detail},
        "certificate": {"subject": result.subject, "issuer": result.issuer,
                        "serial_number": result.serial, "sha256": result.fingerprint},
    }


def file_entry(name: str, data_sha256: str, kind: str, results: Sequence[SignatureResult],
               problems: Sequence[str] = (), pages_protected: bool | None = None,
               ok: bool | None = None) -> dict[str, Any]:
    """One checked file in the record."""
    return {"file": name, "sha256": data_sha256, "kind": kind,
            "ok": all(r.valid for r in results) and not problems if ok is None else ok,
            "pages_protected": pages_protected, "problems": list(problems),
            "signatures": [_signature(r) for r in results]}


def report_entry(report: FileReport) -> dict[str, Any]:
    data = report.path.read_bytes() if report.path.is_file() else b""
    integrity = report.integrity
    return file_entry(str(report.path), hashlib.sha256(data).hexdigest(), report.kind,
                      report.results, report.problems,
                      integrity.pages_protected if integrity else None, report.ok)


def validation_record(files: Sequence[dict[str, Any]], trust: TrustStore, *,
                      now: datetime | None = None) -> dict[str, Any]:
    """The record of one check of ``files`` (from :func:`file_entry`) against ``trust``."""
    return {
        "format": FORMAT, "format_version": 1,
        "validated_at": _iso((now or datetime.now(UTC)).replace(microsecond=0)),
        "validated_by": {"who": _who(), "software": f"Toetsapp {__version__}"},
        "trust": {
            "folder": str(trust.folder) if trust.folder else None,
            "anchors": [{"subject": certs.subject_text(c), "sha256": certs.fingerprint(c)}
                        for c in trust.roots],
            "crls": [_crl(c) for c in trust.crls],
            "organisations": {name: list(values) for name, values in trust.organisations}},
        "result": "valid" if all(f["ok"] for f in files) else "not_valid",
        "files": list(files),
    }


def record_pdf(record: dict[str, Any]) -> bytes:
    """The record as a PDF page (A4, house fonts), for the archive next to the JSON."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from toetsapp.export.style import house_style
    from toetsapp.export.text import markup

    st = house_style().styles
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=14 * mm,
                            title=_("Validatierapport handtekeningen"), author=record[
                                "validated_by"]["who"], creator=f"Toetsapp {__version__}")
    result = _("geldig") if record["result"] == "valid" else _("NIET IN ORDE")
    story: list[Any] = [
        Paragraph(markup(_("Validatierapport handtekeningen")), st["h1"]),
        Paragraph(markup(_("Gecontroleerd op {when} door {who} met {software}; uitkomst: "
                           "{result}.").format(when=record["validated_at"],
                                               who=record["validated_by"]["who"],
                                               software=record["validated_by"]["software"],
                                               result=result)), st["small"])]
    for entry in record["files"]:
        story.append(Paragraph(markup(entry["file"]), st["h3"]))
        protected = entry["pages_protected"]
        story.append(Paragraph(markup(_("SHA-256 {digest}; pagina's beschermd: {protected}")
                                      .format(digest=entry["sha256"], protected={
                                          True: _("ja"), False: _("nee"),
                                          None: _("n.v.t.")}[protected])), st["tiny"]))
        for problem in entry["problems"]:
            story.append(Paragraph(markup("⚠ " + problem), st["small"]))
        for sig in entry["signatures"]:
            holder, cert = sig["holder"], sig["certificate"]
            when = sig["signed_at_timestamp"] or sig["signed_at_stated"] or "—"
            stamp = _(" (tijdstempel)") if sig["signed_at_timestamp"] else ""
            head = _("{kind} {who} ({organisation}{oin}): {label}").format(
                kind=_("PDF-handtekening") if sig["kind"] == "pdf" else _("Medeondertekening"),
                who=holder["name"], organisation=holder["organisation"],
                oin=f", OIN {holder['oin']}" if holder["oin"] else "",
                label=sig["result"]["label"])
            if sig["position"]:
                head += " — " + position_label(sig["position"])
            story.append(Paragraph(markup(head), st["small"]))
            story.append(Paragraph(markup(_(
                "Ondertekend {when}{stamp}. Certificaat: uitgever {issuer}, serienummer "
                "{serial}, SHA-256 {sha256}.").format(
                when=when, stamp=stamp, issuer=cert["issuer"], serial=cert["serial_number"],
                sha256=cert["sha256"])), st["tiny"]))
    trust = record["trust"]
    story += [Spacer(1, 3 * mm), Paragraph(markup(_("Vertrouwd (map {folder})").format(
        folder=trust["folder"] or "—")), st["h3"])]
    for anchor in trust["anchors"]:
        story.append(Paragraph(markup(_("CA: {subject}, SHA-256 {sha256}").format(**anchor)),
                               st["tiny"]))
    for crl in trust["crls"]:
        story.append(Paragraph(markup(_("CRL van {issuer}, {this_update} tot {next_update}, "
                                        "SHA-256 {sha256}").format(**crl)), st["tiny"]))
    doc.build(story)
    return out.getvalue()
