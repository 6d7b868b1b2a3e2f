"""Checking the signatures of a file on disk: a ``.toets`` or a (Toetsapp) PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from toetsapp.errors import FileProblem
from toetsapp.files.jsonfile import MAX_FILE_BYTES
from toetsapp.files.readfile import MAX_PDF_BYTES, read_file_bytes
from toetsapp.files.store import toets_from_bytes
from toetsapp.i18n import _
from toetsapp.signing.cosign import missing_signers, verify_toets
from toetsapp.signing.pades import verify_pdf
from toetsapp.signing.status import SignatureResult
from toetsapp.signing.trust import TrustStore


@dataclass(frozen=True)
class FileReport:
    """All signatures found in one file: PAdES signatures (``kind == "pdf"``) and the
    co-signatures of the toets (for a PDF: the embedded toets)."""

    path: Path
    kind: str  # "toets" or "pdf"
    results: tuple[SignatureResult, ...]
    missing: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """At least one signature, and every signature valid."""
        return bool(self.results) and all(r.valid for r in self.results)




def verify_file(path: Path | str, trust: TrustStore, *,
                now: datetime | None = None) -> FileReport:
    """Check ``path`` (toets or PDF, recognised by its content); :class:`FileProblem`
    when it cannot be read at all."""
    path = Path(path)
    data = read_file_bytes(path, MAX_PDF_BYTES)
    if b"%PDF-" not in data[:1024]:
        if len(data) > MAX_FILE_BYTES:
            raise FileProblem(path, _("het bestand is te groot om te lezen"))
        toets = toets_from_bytes(data, path)
        results = verify_toets(toets, trust, now=now)
        notes = () if results else (_("De toets is (nog) niet ondertekend."),)
        return FileReport(path, "toets", tuple(results),
                          tuple(missing_signers(toets, results)), notes)
    from toetsapp.export.embed import read_embedded_toets

    results = verify_pdf(data, trust, source=path)
    notes = [] if results else [_("De PDF bevat geen digitale handtekeningen.")]
    try:
        toets, _bytes = read_embedded_toets(path)
    except FileProblem:
        notes.append(_("De PDF bevat geen Toetsapp-toets; alleen de PDF-handtekeningen zijn "
                       "gecontroleerd."))
        return FileReport(path, "pdf", tuple(results), (), tuple(notes))
    cosigned = verify_toets(toets, trust, now=now)
    if not cosigned:
        notes.append(_("De toets in de PDF heeft geen medeondertekeningen."))
    return FileReport(path, "pdf", (*results, *cosigned),
                      tuple(missing_signers(toets, cosigned)), tuple(notes))
