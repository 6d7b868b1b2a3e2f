"""Canonical JSON and content hashes.

Canonical form: UTF-8 JSON with keys sorted, no insignificant whitespace,
non-ASCII characters kept as they are, and floats that are whole numbers
written as integers, so ``1.0`` and ``1`` hash alike. Key order and
formatting therefore never change a hash; every value does.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def _normalise(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalise(v) for v in value]
    return value


def canonical_bytes(value: Any) -> bytes:
    """The canonical JSON encoding of a JSON-compatible value."""
    return json.dumps(
        _normalise(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False,
        allow_nan=False,
    ).encode("utf-8")


def content_hash(value: Any) -> str:
    """``sha256:<hex>`` over the canonical encoding."""
    return "sha256:" + hashlib.sha256(canonical_bytes(value)).hexdigest()


def file_digest(data: bytes) -> str:
    """``sha256:<hex>`` of a file's bytes (the attachment hash of a Toetsapp PDF)."""
    return "sha256:" + hashlib.sha256(data).hexdigest()
