"""Lock files and changed-on-disk detection, with two real processes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import ROOT
from toetsapp.files.diskstate import changed_on_disk, disk_state
from toetsapp.files.locking import Locked, acquire, lock_path, read_lock, release

HOLDER = ("import sys\nfrom toetsapp.files.locking import acquire\nacquire(sys.argv[1])\n"
          "print('locked', flush=True)\nsys.stdin.read()\n"
          "import os\nos._exit(0)  # gone without releasing, like a crash\n")


class Holder:
    """Another Toetsapp process that has the toets open (until it dies)."""

    def __init__(self, toets: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen([sys.executable, "-c", HOLDER, str(toets)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, env=env)
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "locked"

    @property
    def pid(self) -> int:
        return self.process.pid

    def die(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(20)


@pytest.fixture
def toets(tmp_path) -> Path:
    path = tmp_path / "wet.toets"
    path.write_text('{"format": "toetsapp/toets"}\n', "utf-8")
    return path


def test_a_lock_held_by_another_process_then_taken_over_when_it_died(toets):
    holder = Holder(toets)
    try:
        info = read_lock(toets)
        assert info is not None and info.pid == holder.pid
        assert info.host == socket.gethostname() and info.user
        assert datetime.now(UTC) - info.since < timedelta(minutes=1)
        with pytest.raises(Locked) as caught:
            acquire(toets)
        assert caught.value.info.pid == holder.pid and "wet.toets" in str(caught.value)
        release(toets)  # never removes someone else's lock
        assert read_lock(toets).pid == holder.pid
    finally:
        holder.die()
    got = acquire(toets)  # the owner is gone: stale, taken over
    assert got.taken_over is not None and got.taken_over.pid == holder.pid
    assert read_lock(toets).pid == os.getpid()
    assert acquire(toets).taken_over is None, "our own lock"
    release(toets)
    assert not lock_path(toets).exists()


def test_open_anyway_takes_a_live_lock(toets):
    holder = Holder(toets)
    try:
        got = acquire(toets, force=True)
        assert got.taken_over.pid == holder.pid and read_lock(toets).pid == os.getpid()
    finally:
        holder.die()


def _foreign_lock(toets: Path, age: timedelta) -> None:
    since = datetime.now(UTC) - age
    lock_path(toets).write_text(json.dumps({"format": "toetsapp/lock", "user": "bram",
                                            "host": "werkplek-elders", "pid": 4242,
                                            "since": since.isoformat()}), "utf-8")
    os.utime(lock_path(toets), (since.timestamp(), since.timestamp()))


def test_a_lock_from_another_machine_is_stale_after_a_day(toets):
    _foreign_lock(toets, timedelta(hours=3))
    with pytest.raises(Locked) as caught:
        acquire(toets)
    assert "bram op werkplek-elders" in caught.value.info.describe()
    _foreign_lock(toets, timedelta(days=1, hours=1))
    got = acquire(toets)
    assert got.taken_over is not None and got.taken_over.host == "werkplek-elders"


def test_an_unreadable_lock_is_replaced(toets):
    lock_path(toets).write_text("{kapot", "utf-8")
    assert acquire(toets).taken_over is None and read_lock(toets).pid == os.getpid()


def test_changes_by_another_process_are_noticed(toets):
    known = disk_state(toets)
    assert not changed_on_disk(toets, known)
    later = time.time() + 5
    subprocess.run([sys.executable, "-c", "import os, sys; p = sys.argv[1]; "
                    "os.utime(p, (float(sys.argv[2]), float(sys.argv[2])))",
                    str(toets), str(later)], check=True)
    assert not changed_on_disk(toets, known), "same bytes, new time: no change"
    subprocess.run([sys.executable, "-c", "import sys; open(sys.argv[1], 'a').write(' ')",
                    str(toets)], check=True)
    assert changed_on_disk(toets, known)
    toets.unlink()
    assert changed_on_disk(toets, known), "a removed file is a change"
    assert disk_state(toets) is None
