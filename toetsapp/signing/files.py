"""Checking the signatures of a file on disk: a ``.toets`` or a (Toetsapp) PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from toetsapp.errors import FileProblem
from toetsapp.files.jsonfile import MAX_FILE_BYTES
from toetsapp.files.readfile import MAX_PDF_BYTES, read_file_bytes
from toetsapp.files.store import toets_from_bytes
from toetsapp.i18n import _
from toetsapp.signing.cosign import missing_signers, verify_toets
from toetsapp.signing.integrity import PdfIntegrity, pairing_problem
from toetsapp.signing.pades import inspect_pdf
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
    integrity: PdfIntegrity | None = None  # PDFs: removed signatures, changes after signing
    pairing: str = ""  # PDFs: the embedded toets is not the one the pages were made from
    tally: tuple[int, int] = (0, 0)  # organisations with a valid co-signature, of m
    toets: Any = field(default=None, compare=False, repr=False)  # the (embedded) toets

    @property
    def problems(self) -> tuple[str, ...]:
        """File-level findings that make the file not valid."""
        found = self.integrity.problems if self.integrity else ()
        return (*found, self.pairing) if self.pairing else found

    @property
    def pdf(self) -> tuple[SignatureResult, ...]:
        return tuple(r for r in self.results if r.kind == "pdf")

    @property
    def cosignatures(self) -> tuple[SignatureResult, ...]:
        return tuple(r for r in self.results if r.kind == "toets")

    @property
    def ok(self) -> bool:
        """At least one signature, every signature valid, no file-level problem."""
        return (bool(self.results) and all(r.valid for r in self.results)
                and not self.problems)

    @property
    def complete(self) -> bool:
        """:attr:`ok`, and every organisation of the toets has a valid co-signature."""
        return self.ok and not self.missing


def _tally(toets, results) -> tuple[int, int]:
    from toetsapp.signing.identity import tally

    return tally(toets, results)


def verify_file(path: Path | str, trust: TrustStore, *, now: datetime | None = None,
                deep: bool = False) -> FileReport:
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
                          tuple(missing_signers(toets, results)), notes,
                          tally=_tally(toets, results), toets=toets)
    from toetsapp.export.embed import embedded_toets

    check = inspect_pdf(data, trust, source=path, deep=deep)
    results, integrity = check.results, check.integrity
    notes = [] if integrity.signatures else [_(
        "De PDF heeft geen PDF-handtekening: de pagina's zijn niet beschermd en kunnen "
        "ongemerkt zijn gewijzigd, wat de medeondertekeningen van de gegevens ook zeggen.")]
    try:
        toets, embedded, recorded = embedded_toets(data, path)
    except FileProblem as problem:
        notes.append(_("De PDF bevat geen Toetsapp-toets; alleen de PDF-handtekeningen zijn "
                       "gecontroleerd.") + " (" + problem.issues[0].message + ")")
        return FileReport(path, "pdf", tuple(results), (), tuple(notes), integrity)
    cosigned = verify_toets(toets, trust, now=now)
    if not cosigned:
        notes.append(_("De toets in de PDF heeft geen medeondertekeningen."))
    notes += integrity.notes
    if integrity.embedded_changed:
        notes.append(_("De toets in de bijlage is gewijzigd na de laatste PDF-handtekening; "
                       "de medeondertekeningen hierboven gaan over de gewijzigde toets."))
    return FileReport(path, "pdf", (*results, *cosigned),
                      tuple(missing_signers(toets, cosigned)), tuple(notes), integrity,
                      pairing_problem(recorded, toets, embedded) or "",
                      _tally(toets, cosigned), toets)
