"""Recovery files: the autosaved state of unsaved work, one file per running session.

A recovery file is an envelope around the toets (written atomically), saying
when it was written and which file the work belongs to. Which sessions are still
running is decided by the caller (the app holds a lock file per session).
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from toetsapp.errors import FileProblem, Issue
from toetsapp.files.atomic import atomic_write_text
from toetsapp.files.jsonfile import read_json
from toetsapp.files.store import toets_from_data
from toetsapp.i18n import _
from toetsapp.model.toets import Toets

FORMAT = "toetsapp/recovery"
FORMAT_VERSION = 1
SUFFIX = ".recovery"


@dataclass(frozen=True)
class RecoveryEntry:
    """One recovery file found on disk."""

    file: Path
    session: str
    saved_at: datetime
    original: Path | None
    title: str
    form_id: str
    problem: str | None = None  # why it cannot be restored, if it cannot


def recovery_file(folder: Path, session: str) -> Path:
    return folder / f"{session}{SUFFIX}"


def recovery_text(toets: Toets, original: Path | None) -> str:
    """The envelope as JSON text (build it on the GUI thread, write it anywhere)."""
    envelope = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "saved_at": datetime.now(UTC).isoformat(),
        "original": str(original) if original else None,
        "toets": toets.model_dump(mode="json"),
    }
    return json.dumps(envelope, ensure_ascii=False) + "\n"


def write_recovery(folder: Path, session: str, text: str) -> Path:
    """Atomically replace the session's recovery file."""
    path = recovery_file(folder, session)
    atomic_write_text(path, text)
    return path


def read_recovery(path: Path) -> tuple[Toets, Path | None, datetime]:
    """The toets, the file it belongs to and when it was saved; or :class:`FileProblem`."""
    data = read_json(path)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FileProblem(path, Issue("$.format", _("dit is geen herstelbestand van Toetsapp")))
    if data.get("format_version") != FORMAT_VERSION:
        raise FileProblem(path, Issue("$.format_version", _("onbekende versie van herstelbestand")))
    toets = toets_from_data(data.get("toets"), path)
    original = data.get("original")
    try:
        saved_at = datetime.fromisoformat(str(data.get("saved_at")))
    except ValueError:
        saved_at = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return toets, Path(original) if isinstance(original, str) and original else None, saved_at


def list_recovery(folder: Path, is_live: Callable[[str], bool]) -> list[RecoveryEntry]:
    """Recovery files of sessions that are no longer running, newest first."""
    entries = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        session = path.name.removesuffix(SUFFIX)
        if is_live(session):
            continue
        try:
            toets, original, saved_at = read_recovery(path)
        except FileProblem as problem:
            mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
            entries.append(RecoveryEntry(path, session, mtime, None, "", "", problem.describe()))
            continue
        entries.append(RecoveryEntry(path, session, saved_at, original,
                                     toets.metadata.title, toets.form.id))
    return sorted(entries, key=lambda e: e.saved_at, reverse=True)


def discard_recovery(path: Path) -> None:
    """Remove a recovery file (missing is fine)."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def clean_temporary(folder: Path, older_than: float = 3600.0) -> None:
    """Remove half-written temporary files left behind by a killed process."""
    limit = time.time() - older_than
    for tmp in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            if tmp.stat().st_mtime < limit:
                tmp.unlink()
