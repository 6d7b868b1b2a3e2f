"""Has the file on disk changed since we read or wrote it? (mtime, size and content hash)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DiskState:
    """What a file looked like when the app last read or wrote it."""

    mtime_ns: int
    size: int
    sha256: str


def _hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def disk_state(path: Path | str) -> DiskState | None:
    """The state of ``path`` now; None when it does not exist or cannot be read."""
    path = Path(path)
    try:
        info = path.stat()
        return DiskState(info.st_mtime_ns, info.st_size, _hash(path))
    except OSError:
        return None


def changed_on_disk(path: Path | str, known: DiskState | None) -> bool:
    """Whether the content of ``path`` differs from ``known`` (a removed file counts as a
    change; a new time stamp with the same bytes does not)."""
    if known is None:
        return False
    path = Path(path)
    try:
        info = os.stat(path)
    except OSError:
        return True
    if info.st_mtime_ns == known.mtime_ns and info.st_size == known.size:
        return False
    if info.st_size != known.size:
        return True
    try:
        return _hash(path) != known.sha256
    except OSError:
        return True
