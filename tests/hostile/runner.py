"""Run ``toetsapp`` commands each in its own process, with a time and memory limit.

A fork server: this process imports Toetsapp (and its PDF and signing libraries) once,
then forks one child per command, so hundreds of runs take seconds rather than the
interpreter start-up each. The child gets an address-space limit (``RLIMIT_AS``), stdin
from /dev/null (no prompts), stdout and stderr into files, and is killed after the
timeout. Requests and answers are JSON lines on stdin and stdout.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import sys
import time


def _child(request: dict) -> None:
    limit = int(request["memory"])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.chdir(request["cwd"])
    os.environ.update(request["env"])
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    for fd, name in ((1, "out"), (2, "err")):
        target = os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
    sys.stdin = open(0, closefd=False)  # noqa: SIM115
    code = 71
    try:
        from toetsapp.cli import main

        code = main(request["argv"])
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 2
    except BaseException:  # a crash the CLI did not catch: print it, like Python would
        import traceback

        traceback.print_exc()
        code = 99
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _run(request: dict) -> dict:
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _child(request)
    deadline = start + float(request["timeout"])
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return {"code": os.waitstatus_to_exitcode(status), "timeout": False,
                    "seconds": time.monotonic() - start,
                    "max_rss_kb": usage.ru_maxrss}
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.wait4(pid, 0)
            return {"code": None, "timeout": True, "seconds": time.monotonic() - start,
                    "max_rss_kb": 0}
        time.sleep(0.01)


def serve() -> None:
    import pikepdf  # noqa: F401  - imported once, before any fork
    import pyhanko.sign.validation  # noqa: F401
    import pypdf  # noqa: F401

    import toetsapp.cli
    import toetsapp.dossier.files
    import toetsapp.export.files
    import toetsapp.signing  # noqa: F401

    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        print(json.dumps(_run(json.loads(line))), flush=True)


if __name__ == "__main__":
    serve()
