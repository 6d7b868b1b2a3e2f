"""A toets to a signed PDF: render with checked signature rows, then PAdES-sign last."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from toetsapp.files.atomic import atomic_write_bytes
from toetsapp.i18n import _
from toetsapp.model.toets import Toets
from toetsapp.signing import certs
from toetsapp.signing.cosign import verify_toets
from toetsapp.signing.keys import SigningKey
from toetsapp.signing.pades import pades_sign
from toetsapp.signing.rows import signature_rows
from toetsapp.signing.status import position_label
from toetsapp.signing.trust import TrustStore


def reason_for(toets: Toets, key: SigningKey) -> str:
    """The PAdES ``/Reason``: the signer's position when they co-signed the toets."""
    own = certs.to_pem(key.certificate)
    for sig in toets.signatures:
        if sig.certificate == own:
            return _("Medeondertekening van de toets: {position}").format(
                position=position_label(sig.position))
    return _("Ondertekening van de toets")


def sign_pdf_bytes(pdf: bytes, toets: Toets, keys: Sequence[SigningKey], *,
                   trust: TrustStore | None = None, tsa: str | None = None) -> bytes:
    """``pdf`` with one PAdES signature per key, in order, each an incremental update;
    validation data from ``trust`` in the DSS, timestamps from ``tsa`` (see
    :func:`~toetsapp.signing.pades.pades_sign`)."""
    for key in keys:
        pdf = pades_sign(pdf, key, reason=reason_for(toets, key), trust=trust, tsa=tsa)
    return pdf


def write_signed_pdf(toets_path: Path | str, pdf_path: Path | str | None,
                     keys: Sequence[SigningKey], trust: TrustStore, *,
                     language: str | None = None, invariant: bool = False,
                     tsa: str | None = None, concept: bool = True) -> Path:
    """Render ``toets_path`` like ``toetsapp render`` does, with the co-signatures checked
    against ``trust`` on the signatures page, then sign with ``keys`` and write atomically.
    """
    from toetsapp.export.files import (
        catalog_for,
        default_pdf_path,
        read_toets_file,
        refuse_unfinished,
    )
    from toetsapp.export.render import render_toets_pdf, using_language
    from toetsapp.files.store import definition_warnings

    source = Path(toets_path)
    target = default_pdf_path(source, Path(pdf_path) if pdf_path is not None else None)
    toets, data = read_toets_file(source)
    catalog = catalog_for(toets.form.id)
    form = catalog.form(toets.form.id)
    if not concept:
        refuse_unfinished(toets, form, catalog.rubric_for(form.id), source)
    results = verify_toets(toets, trust)
    with using_language(language or toets.language) as lang:
        rows = signature_rows(toets, results, pdf_signers=keys, language=lang)
        pdf = render_toets_pdf(toets, form, catalog.rubric_for(form.id), language=lang,
                               invariant=invariant, signature_rows=rows, toets_bytes=data,
                               attachment=source.name, notes=definition_warnings(toets, catalog))
        pdf = sign_pdf_bytes(pdf, toets, keys, trust=trust, tsa=tsa)  # last: nothing after
    atomic_write_bytes(target, pdf)
    return target
