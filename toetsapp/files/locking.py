"""A lock file next to an open toets: who has it open (user, machine, process, since when).

``wet.toets`` is locked by ``.wet.toets.lock`` (JSON). The lock is advisory: it lets a
colleague on a shared drive (or a second Toetsapp window) see that the toets is open,
and choose read-only or open anyway. A lock is *stale* when its process is gone on this
machine, or when it was not refreshed for a day on another machine; a stale lock is
taken over (and the caller tells the user). Qt-free; the dialogs live in ``ui/``.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from toetsapp.errors import ToetsappError
from toetsapp.files.atomic import atomic_write_text
from toetsapp.i18n import _

FORMAT = "toetsapp/lock"
STALE_ELSEWHERE = timedelta(days=1)


@dataclass(frozen=True)
class LockInfo:
    """The content of a lock file (and when it was last refreshed)."""

    user: str
    host: str
    pid: int
    since: datetime
    touched: datetime | None = None

    def describe(self) -> str:
        from toetsapp.formatting import format_datetime

        return _("{user} op {host} (sinds {since})").format(
            user=self.user or _("onbekend"), host=self.host or _("onbekende computer"),
            since=format_datetime(self.since.astimezone()))


class Locked(ToetsappError):
    """Someone else has the toets open."""

    def __init__(self, path: Path, info: LockInfo) -> None:
        self.path, self.info = path, info
        super().__init__(_("{file} is geopend door {who}").format(file=path.name,
                                                                    who=info.describe()))


def lock_path(toets: Path | str) -> Path:
    toets = Path(toets)
    return toets.with_name(f".{toets.name}.lock")


def this_process() -> LockInfo:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in some containers
        user = os.environ.get("USER", "")
    now = datetime.now(UTC).replace(microsecond=0)
    return LockInfo(user, socket.gethostname(), os.getpid(), now, now)


def read_lock(toets: Path | str) -> LockInfo | None:
    """The lock on ``toets``, or None (no lock, or one that cannot be read)."""
    path = lock_path(toets)
    try:
        data = json.loads(path.read_text("utf-8"))
        touched = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        since = datetime.fromisoformat(str(data["since"]))
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return LockInfo(str(data.get("user", "")), str(data.get("host", "")),
                        int(data.get("pid", 0)), since, touched)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would end the process there
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def is_own(info: LockInfo) -> bool:
    me = this_process()
    return info.host == me.host and info.pid == me.pid


def is_stale(info: LockInfo, now: datetime | None = None) -> bool:
    """Its process is gone (this machine), or not refreshed for a day (another machine)."""
    if info.host == socket.gethostname():
        return not _alive(info.pid)
    now = now or datetime.now(UTC)
    last = max(info.since, info.touched or info.since)
    return now - last > STALE_ELSEWHERE


@dataclass(frozen=True)
class Acquired:
    lock: LockInfo
    taken_over: LockInfo | None = None  # a stale lock that was replaced: tell the user


def _write(toets: Path, info: LockInfo, *, exclusive: bool) -> bool:
    text = json.dumps({"format": FORMAT, "user": info.user, "host": info.host,
                       "pid": info.pid, "since": info.since.isoformat()}) + "\n"
    path = lock_path(toets)
    if not exclusive:
        atomic_write_text(path, text)
        return True
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return True


def acquire(toets: Path | str, *, force: bool = False) -> Acquired:
    """Lock ``toets`` for this process. Raises :class:`Locked` when another live process
    holds it (unless ``force``: open anyway); a stale lock is taken over."""
    toets = Path(toets)
    me = this_process()
    for _attempt in range(3):
        if _write(toets, me, exclusive=True):
            return Acquired(me)
        held = read_lock(toets)
        if held is None:  # unreadable or just removed: replace it
            _write(toets, me, exclusive=False)
            return Acquired(me)
        if is_own(held):
            return Acquired(held)
        if is_stale(held) or force:
            _write(toets, me, exclusive=False)
            return Acquired(me, held)
        raise Locked(toets, held)
    _write(toets, me, exclusive=False)
    return Acquired(me)


def refresh(toets: Path | str) -> None:
    """Show that the lock is still in use (a long session on another machine)."""
    held = read_lock(toets)
    if held is not None and is_own(held):
        with contextlib.suppress(OSError):
            os.utime(lock_path(toets))


def release(toets: Path | str) -> None:
    """Remove the lock if this process holds it (never someone else's)."""
    held = read_lock(toets)
    if held is not None and is_own(held):
        with contextlib.suppress(OSError):
            lock_path(toets).unlink()
