"""What the start screen says about a recent file: title, type, last change, completeness."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from toetsapp.catalog import Catalog
from toetsapp.engine import evaluate_toets
from toetsapp.errors import ToetsappError
from toetsapp.files.store import load_toets

MAX_BYTES = 5_000_000  # larger files are listed by name only (the start screen stays quick)


@dataclass(frozen=True)
class RecentInfo:
    path: Path
    exists: bool
    title: str = ""
    form_id: str | None = None
    modified: datetime | None = None
    answered: int = 0
    visible: int = 0


def recent_info(path: Path, catalog: Catalog) -> RecentInfo:
    """Read ``path`` enough to describe it; a missing or unreadable file says only that."""
    try:
        stat = path.stat()
    except OSError:
        return RecentInfo(path, False)
    modified = datetime.fromtimestamp(stat.st_mtime)
    if not path.is_file() or stat.st_size > MAX_BYTES:
        return RecentInfo(path, True, modified=modified)
    try:
        toets = load_toets(path)
        form = catalog.form(toets.form.id)
    except (ToetsappError, OSError, KeyError, ValueError):
        return RecentInfo(path, True, modified=modified)
    evaluation = evaluate_toets(toets, form, catalog.rubric_for(form.id))
    answered = visible = 0
    for section in form.sections:
        done, shown = evaluation.section_progress(section.id)
        answered, visible = answered + done, visible + shown
    meta = toets.metadata
    return RecentInfo(path, True, meta.short_title or meta.title or "", form.id, modified,
                      answered, visible)


def most_used_first(form_ids: list[str], infos: list[RecentInfo]) -> list[str]:
    """``form_ids`` ordered by how often they appear among the recent files (newest
    first); a tie goes to the type used most recently, then the catalog's order."""
    counts = {fid: sum(1 for info in infos if info.form_id == fid) for fid in form_ids}
    latest = {fid: next((n for n, info in enumerate(infos) if info.form_id == fid),
                        len(infos)) for fid in form_ids}
    return sorted(form_ids, key=lambda fid: (-counts[fid], latest[fid]))
