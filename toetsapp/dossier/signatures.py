"""The signature status of every input at bundle time (merging breaks PDF signatures,
so the dossier records what the originals said and attaches them unchanged)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from toetsapp.errors import FileProblem
from toetsapp.i18n import _
from toetsapp.model.toets import Toets
from toetsapp.signing.status import SignatureResult

if TYPE_CHECKING:
    from toetsapp.signing.trust import TrustStore

State = Literal["valid", "partial", "invalid", "unsigned"]


@dataclass(frozen=True)
class SignatureCheck:
    """Co-signatures of the toets and PAdES signatures of the PDF, as checked.

    ``missing``: organisations of the toets without a valid co-signature (only when
    the toets has co-signatures at all). ``pdf_error``: the PDF's signatures could not
    be read.
    """

    cosignatures: tuple[SignatureResult, ...] = ()
    missing: tuple[str, ...] = ()
    pdf: tuple[SignatureResult, ...] = ()
    organisations: int = 0
    pdf_error: str = ""
    tally: tuple[int, int] = (0, 0)  # distinct organisations with a valid co-signature, of m
    pdf_problems: tuple[str, ...] = ()  # removed PDF signatures, changes after signing

    @property
    def results(self) -> tuple[SignatureResult, ...]:
        return (*self.cosignatures, *self.pdf)

    @property
    def state(self) -> State:
        """'unsigned', 'invalid' (a signature does not hold), 'partial' (valid, but not
        every organisation signed) or 'valid'."""
        if self.pdf_error or self.pdf_problems or any(not r.valid for r in self.results):
            return "invalid"
        if not self.results:
            return "unsigned"
        return "partial" if self.missing else "valid"

    def summary(self) -> str:
        """One short line for a table cell."""
        if self.state == "unsigned":
            return _("niet ondertekend")
        parts = []
        if self.cosignatures:
            valid, total = self.tally
            parts.append(_("{valid} van {total} medeondertekeningen geldig")
                         .format(valid=valid, total=total))
        if self.pdf_problems:
            parts.append(_("PDF: pagina's niet beschermd"))
        elif self.pdf or self.pdf_error:
            valid = sum(r.valid for r in self.pdf)
            parts.append(_("PDF: {valid} van {total} geldig").format(
                valid=valid, total=len(self.pdf)) if not self.pdf_error
                else _("PDF: niet te controleren"))
        return "; ".join(parts)

    def short(self) -> tuple[str, str]:
        """Text and a note line for a narrow table cell: '2 van 3 geldig' and the first
        problem (or the PDF signatures when all is well)."""
        if self.state == "unsigned":
            return _("niet ondertekend"), ""
        pdf = _("PDF: {valid} van {total} geldig").format(
            valid=sum(r.valid for r in self.pdf), total=len(self.pdf)) if self.pdf else ""
        if self.pdf_problems:
            pdf = _("PDF: pagina's niet beschermd")
        if self.cosignatures:
            text = _("{valid} van {total} geldig").format(
                valid=self.tally[0], total=self.tally[1])
        else:
            text, pdf = pdf or _("PDF: niet te controleren"), ""
        problems = [line for line in self.details() if self.state != "valid"
                    and not line.endswith(": " + _("geldig"))]
        return text, problems[0] if problems else pdf

    def details(self) -> list[str]:
        """A line per signature (who: status), then who has not signed."""
        lines = [f"{r.organisation or r.name}: {r.status.label}" for r in self.cosignatures]
        lines += [_("PDF-handtekening {who}: {status}").format(
            who=r.name or r.organisation or r.field, status=r.status.label) for r in self.pdf]
        if self.pdf_error:
            lines.append(_("PDF-handtekeningen niet te controleren: {error}")
                         .format(error=self.pdf_error))
        lines += [_("PDF: {problem}").format(problem=p) for p in self.pdf_problems]
        if self.missing:
            from toetsapp.signing.report import still_to_sign

            lines.append(still_to_sign(self.missing))
        return lines

    def as_dict(self) -> dict[str, object]:
        return {"state": self.state, "summary": self.summary(), "details": self.details(),
                "signatures": [r.as_dict() for r in self.results],
                "missing": list(self.missing)}


def check_signatures(toets: Toets | None, pdf_bytes: bytes | None, trust: TrustStore, *,
                     source: str = "PDF") -> SignatureCheck:
    """Verify the co-signatures of ``toets`` and the PAdES signatures in ``pdf_bytes``
    against ``trust`` (a :class:`~toetsapp.signing.TrustStore`)."""
    cosigned: list[SignatureResult] = []
    missing: list[str] = []
    counted = (0, 0)
    if toets is not None and toets.signatures:
        from toetsapp.signing import missing_signers, verify_toets
        from toetsapp.signing.identity import tally

        cosigned = verify_toets(toets, trust)
        missing = missing_signers(toets, cosigned)
        counted = tally(toets, cosigned)
    pdf: list[SignatureResult] = []
    error = ""
    problems: tuple[str, ...] = ()
    if pdf_bytes is not None and b"/ByteRange" in pdf_bytes:
        from toetsapp.signing.pades import inspect_pdf

        try:
            check = inspect_pdf(pdf_bytes, trust, source=source)
            pdf, problems = check.results, check.integrity.problems
        except FileProblem as problem:
            error = "; ".join(issue.message for issue in problem.issues)
    organisations = len(toets.metadata.organisations) if toets is not None else 0
    return SignatureCheck(tuple(cosigned), tuple(missing), tuple(pdf), organisations, error,
                          counted, problems)
