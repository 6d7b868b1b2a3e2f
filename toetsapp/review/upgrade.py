"""Format step 2 → 3: comments, section reviews and revisions with changed values.

Version 3 adds ``comments`` and ``reviews`` (outside the signed content) and gives
every revision an ``id``, ``changes`` and a ``digest``. Revisions from before have no
recorded changes; their ids are derived from the toets id and the revision itself
(UUID 5), so two copies of the same older file migrated apart still share them — the
merge finds their common history through these ids. A file without a toets ``id``
gets one derived from its content, the same on every load.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from toetsapp.i18n import _

NAMESPACE = uuid.UUID("6f1b7f55-3b0c-4c1e-9d6e-7f5a2f3c9a14")


def derived_id(*parts: Any) -> str:
    """A stable UUID 5 from JSON-serialisable parts."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return str(uuid.uuid5(NAMESPACE, text))


def v2_to_v3(data: dict[str, Any]) -> list[str]:
    """Add the review fields and give old revisions stable ids (in place)."""
    notes = []
    if not data.get("id"):
        digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str)
                                .encode("utf-8")).hexdigest()
        data["id"] = derived_id("toets", digest)
        notes.append(_("De toets had geen id; er is een vaste id uit de inhoud afgeleid."))
    data.setdefault("comments", [])
    data.setdefault("reviews", [])
    revisions = data.get("revisions")
    if isinstance(revisions, list):
        for index, revision in enumerate(revisions):
            if isinstance(revision, dict) and "id" not in revision:
                revision["id"] = derived_id(data["id"], index, revision.get("at"),
                                            revision.get("by"), revision.get("summary"))
    data["format_version"] = 3
    return notes
