"""What a co-signature covers: the toets content digest and the signed message.

The rules are written down in ``docs/FORMATS.md`` ("Co-signatures"); in short:

- **Content** is the whole toets as the model holds it (defaults filled in)
  *except* ``signatures``, ``revisions``, ``migrated_from``, ``comments``, ``reviews``
  and ``metadata.modified``. UUIDs become
  strings; dates ``YYYY-MM-DD``; date-times ISO 8601 in UTC with a ``Z`` (naive
  ones as written). It is encoded as canonical JSON (:mod:`toetsapp.canonical`:
  keys sorted, no insignificant whitespace, UTF-8, whole floats as integers).
- **Content digest**: ``sha256:`` + hex SHA-256 of those bytes.
- **Signed message**: the canonical JSON of :func:`message_fields` — a scheme
  marker, the content digest, every signer field, the algorithm and the SHA-256 of
  the signer's certificate. The signature is over these bytes.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, date, datetime
from typing import Any

from toetsapp.canonical import canonical_bytes, content_hash
from toetsapp.errors import ToetsappError
from toetsapp.i18n import _
from toetsapp.model.toets import CoSignature, Toets

SCHEME = "toetsapp/co-signature/1"
NOT_COVERED = ("signatures", "revisions", "migrated_from", "comments", "reviews",
               "metadata.modified")


def _plain(value: Any) -> Any:
    """Model dump (python mode) to JSON values, with fixed forms for ids and times."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.isoformat()
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def signed_content(toets: Toets) -> dict[str, Any]:
    """The part of ``toets`` that co-signatures cover, as plain JSON data."""
    data = _plain(toets.model_dump(mode="python"))
    for name in ("signatures", "revisions", "migrated_from", "comments", "reviews"):
        data.pop(name, None)
    data["metadata"].pop("modified", None)
    return data


def content_bytes(toets: Toets) -> bytes:
    """The canonical encoding of :func:`signed_content`."""
    try:
        return canonical_bytes(signed_content(toets))
    except ValueError:
        raise ToetsappError(_("de toets bevat een getal dat niet kan worden ondertekend "
                              "(NaN of oneindig)")) from None


def content_digest(toets: Toets) -> str:
    """``sha256:<hex>`` over :func:`content_bytes`."""
    return "sha256:" + hashlib.sha256(content_bytes(toets)).hexdigest()


def accepted_digests(toets: Toets) -> set[str]:
    """The digests a co-signature of ``toets`` may carry and still cover its content.

    The current content digest, plus the digest of each earlier-format content kept in
    ``migrated_from`` that migrates to exactly the current content: a toets signed in
    an older format and opened (or saved) since, without edits.
    """
    current = content_bytes(toets)
    digests = {"sha256:" + hashlib.sha256(current).hexdigest()}
    for earlier in toets.migrated_from:
        digest = _earlier_digest(earlier.content, current)
        if digest:
            digests.add(digest)
    return digests


def _earlier_digest(content: dict[str, Any], current: bytes) -> str | None:
    from pydantic import ValidationError

    from toetsapp.files.migration import migrated_copy

    try:
        data, _notes = migrated_copy(content)
        again = Toets.model_validate(data)
        if canonical_bytes(signed_content(again)) != current:
            return None
        return "sha256:" + hashlib.sha256(canonical_bytes(content)).hexdigest()
    except (ValidationError, ValueError, TypeError, KeyError):
        return None


def timestamp(moment: datetime) -> str:
    """How a signing time is written in the signed message."""
    return _plain(moment)


def message_fields(signature: CoSignature, certificate_sha256: str) -> dict[str, Any]:
    """Everything one co-signature binds (see the module docstring); ``open_problems``
    only when recorded, so signatures made before it existed still verify."""
    fields = {
        "scheme": SCHEME,
        "content_digest": signature.content_digest,
        "organisation": signature.organisation,
        "name": signature.name,
        "role": signature.role,
        "position": signature.position,
        "remarks": signature.remarks,
        "signed_at": timestamp(signature.signed_at),
        "algorithm": signature.algorithm,
        "certificate_sha256": certificate_sha256,
    }
    if signature.open_problems is not None:
        fields["open_problems"] = signature.open_problems
    return fields


def signed_message(signature: CoSignature, certificate_sha256: str) -> bytes:
    """The exact bytes a co-signature's ``signature`` is computed over."""
    return canonical_bytes(message_fields(signature, certificate_sha256))


def toets_content_hash(toets: Toets) -> str:
    """``sha256:…`` over the canonical toets JSON without its signatures: the
    "Inhoudshash" in the colophon and ``/ToetsappContentHash`` in the PDF's ``/Info``,
    which pair a PDF's pages with its embedded toets (not the co-signature digest: the
    revision log and modification time count here)."""
    data = toets.model_dump(mode="json")
    data.pop("signatures", None)
    return content_hash(data)
