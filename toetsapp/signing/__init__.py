"""Co-signatures on toets content, and PAdES signatures on PDFs.

Public API (pure functions and plain data; no Qt, no file writes):

- :func:`load_p12` ``(path, password) -> SigningKey``: a key from a PKCS#12 file;
  :class:`~toetsapp.errors.FileProblem` for a wrong password, a file that is not
  PKCS#12, or a certificate without a key.
- :func:`sign_toets` ``(toets, key, *, position, remarks, name, role, organisation)``
  ``-> Toets``: a copy with the co-signature added.
- :func:`verify_toets` ``(toets, trust) -> list[SignatureResult]`` and
  :func:`missing_signers`; :func:`signed_state` ``(toets) -> SignedState`` for the
  warning before the first edit of a signed toets.
- :func:`load_trust_store` / :func:`default_trust_dir`: the trusted CA certificates.
- :func:`pades_sign` ``(pdf_bytes, p12, password) -> bytes`` and
  :func:`verify_pdf` ``(pdf_bytes, trust) -> list[SignatureResult]``.
- :func:`signature_rows`: rows for the PDF's signatures page.
- :func:`verify_file`: everything above for a ``.toets`` or PDF on disk.
- :class:`SignatureStatus`: the outcome, with a Dutch ``label``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from toetsapp.signing.content import content_digest as content_digest
    from toetsapp.signing.content import signed_content as signed_content
    from toetsapp.signing.cosign import check_position as check_position
    from toetsapp.signing.cosign import make_signature as make_signature
    from toetsapp.signing.cosign import missing_signers as missing_signers
    from toetsapp.signing.cosign import sign_toets as sign_toets
    from toetsapp.signing.cosign import verify_signature as verify_signature
    from toetsapp.signing.cosign import verify_toets as verify_toets
    from toetsapp.signing.files import FileReport as FileReport
    from toetsapp.signing.files import verify_file as verify_file
    from toetsapp.signing.keys import PasswordProblem as PasswordProblem
    from toetsapp.signing.keys import SigningKey as SigningKey
    from toetsapp.signing.keys import load_p12 as load_p12
    from toetsapp.signing.keys import load_p12_bytes as load_p12_bytes
    from toetsapp.signing.pades import pades_sign as pades_sign
    from toetsapp.signing.pades import verify_pdf as verify_pdf
    from toetsapp.signing.paths import default_trust_dir as default_trust_dir
    from toetsapp.signing.rows import signature_rows as signature_rows
    from toetsapp.signing.state import SignedState as SignedState
    from toetsapp.signing.state import signed_state as signed_state
    from toetsapp.signing.status import SignatureResult as SignatureResult
    from toetsapp.signing.status import SignatureStatus as SignatureStatus
    from toetsapp.signing.status import position_label as position_label
    from toetsapp.signing.trust import TrustStore as TrustStore
    from toetsapp.signing.trust import load_trust_store as load_trust_store

_WHERE = {
    "FileReport": "files",
    "PasswordProblem": "keys",
    "SignatureResult": "status",
    "SignatureStatus": "status",
    "SignedState": "state",
    "SigningKey": "keys",
    "TrustStore": "trust",
    "check_position": "cosign",
    "content_digest": "content",
    "default_trust_dir": "paths",
    "load_p12": "keys",
    "load_p12_bytes": "keys",
    "load_trust_store": "trust",
    "make_signature": "cosign",
    "missing_signers": "cosign",
    "pades_sign": "pades",
    "position_label": "status",
    "sign_toets": "cosign",
    "signature_rows": "rows",
    "signed_content": "content",
    "signed_state": "state",
    "verify_file": "files",
    "verify_pdf": "pades",
    "verify_signature": "cosign",
    "verify_toets": "cosign",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    """Import submodules on first use, so the command line starts quickly."""
    import importlib

    if name not in _WHERE:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"toetsapp.signing.{_WHERE[name]}"), name)
