"""The accessible and archival PDF layer (tagged PDF/UA-1, PDF/A-3a) on reportlab.

* :mod:`toetsapp.pdf.tagging` — a canvas that writes marked content (``BDC``/``EMC``
  with MCIDs, ``/Artifact`` for page furniture) around what each flowable and table
  cell draws, and records the structure elements in reading order (drawing order);
* :mod:`toetsapp.pdf.splits` — one element for a paragraph or table split across pages;
* :mod:`toetsapp.pdf.tables` — table rows and cells (data tables, TOC and label lists);
* :mod:`toetsapp.pdf.language` — ``/Lang`` on flowables, cells and spans of paragraphs;
* :mod:`toetsapp.pdf.structure` — writes the structure tree, parent tree, page
  ``/StructParents`` and link ``/StructParent`` into reportlab's own object tree;
* :mod:`toetsapp.pdf.pdfa` — XMP metadata (PDF/A-3a and PDF/UA-1 identification,
  Kamerstuk identifiers), the sRGB output intent, ``/MarkInfo`` and friends.

Everything is written in reportlab's single pass (no second parse of the PDF): a
post-process with pikepdf would cost its import alone (~90 ms) on every render.
``TOETSAPP_PDF_UNTAGGED=1`` switches the layer off (for ``bench/bench_render.py``,
which times the tagged render against the bare one in the same run).
"""

from __future__ import annotations

import os

LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}
"""The BCP 47 tag written for each language of the app."""


def enabled() -> bool:
    """Tagging and PDF/A are on unless ``TOETSAPP_PDF_UNTAGGED=1`` (benchmarks only)."""
    return os.environ.get("TOETSAPP_PDF_UNTAGGED", "") != "1"
