"""Verifying a signed Toetsapp PDF, whole process: ``toetsapp verify`` of a PDF with three
PAdES signatures (with validation data in the DSS, as ``render --sign`` makes them) whose
embedded toets carries three co-signatures, against a trust folder with a root CA and a
CRL. Median of several fresh processes (wall and CPU), beside references in the same
run: ``python -c pass`` (the interpreter alone), importing pyHanko's validator alone, as
pyHanko imports itself (aiohttp and its signing modules come along) and with its HTTP
clients deferred as ``verify`` does (the floor of a process that validates PAdES with
pyHanko), poppler's ``pdfsig`` and ``qpdf --check`` on the same file (when installed).
Also the in-process time of one check once everything is imported.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, report

RUNS = 7


def process_times(commands: dict[str, list[str]], runs: int = RUNS
                  ) -> dict[str, tuple[float, float]]:
    """Per command: median wall time and median CPU time (user + system of the child),
    after one warm-up run each. The commands take turns, run by run, so a change in the
    machine's load (other work on the two cores) falls on all of them alike; CPU time
    stays meaningful when other work loads the machine."""
    import resource
    import statistics
    import time

    for cmd in commands.values():
        subprocess.run(cmd, capture_output=True, cwd=ROOT, check=False)
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _run in range(runs):
        for name, cmd in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, cwd=ROOT, check=False)
            walls[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[name].append(after.ru_utime - before.ru_utime + after.ru_stime
                              - before.ru_stime)
    return {name: (statistics.median(walls[name]), statistics.median(cpus[name]))
            for name in commands}


def signed_pdf(folder: Path) -> tuple[Path, Path]:
    """(PDF, trust folder): the example U&H-toets co-signed and PAdES-signed by three."""
    from tests.dossier_support import example, render
    from tests.test_signing_pki import THREE, build_pki, key, signed_by
    from toetsapp.signing import load_trust_store, pades_sign

    pki = build_pki(folder / "pki")
    trust = load_trust_store(pki.trust_dir)
    toets = signed_by(pki, *THREE, toets=example("uitvoerbaarheidstoets"))
    pdf = render(toets)
    for ident in THREE:
        pdf = pades_sign(pdf, key(pki, ident), trust=trust)
    path = folder / "drie-handtekeningen.pdf"
    path.write_bytes(pdf)
    return path, pki.trust_dir


def in_process(pdf: Path, trust: Path) -> float:
    """Median wall time of ``toetsapp verify`` called in this process, after a warm-up
    (what the app pays per check)."""
    import contextlib
    import io

    from bench.common import median_seconds
    from toetsapp.cli import main as cli

    def once() -> None:
        with contextlib.redirect_stdout(io.StringIO()), \
                contextlib.redirect_stderr(io.StringIO()):
            cli(["verify", str(pdf), "--trust", str(trust)])

    return median_seconds(once, RUNS)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="toetsapp-bench-") as tmp:
        pdf, trust = signed_pdf(Path(tmp))
        check = subprocess.run([sys.executable, "-m", "toetsapp", "verify", str(pdf),
                                "--trust", str(trust)], cwd=ROOT, capture_output=True,
                               text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        assert check.stdout.count("geldig") >= 6, check.stdout
        commands = {
            "verify (3 PAdES + 3 co-signatures), whole process":
                [sys.executable, "-m", "toetsapp", "verify", str(pdf), "--trust", str(trust)],
            "python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import pyhanko.sign.validation' (as pyHanko imports itself)":
                [sys.executable, "-c", "import pyhanko.sign.validation"],
            "the same with its HTTP clients deferred (toetsapp.signing.lean; the floor)":
                [sys.executable, "-c", "from toetsapp.signing.lean import defer_http_clients; "
                 "defer_http_clients(); import pyhanko.sign.validation"]}
        if shutil.which("pdfsig"):
            commands["pdfsig (poppler), same file"] = ["pdfsig", str(pdf)]
        if shutil.which("qpdf"):
            commands["qpdf --check, same file"] = ["qpdf", "--check", str(pdf)]
        figures: dict[str, float | str] = {}
        for name, (wall, cpu) in process_times(commands).items():
            figures[f"{name}: wall"] = wall
            figures[f"{name}: cpu"] = cpu
        figures["verify, in process (imports done): wall"] = in_process(pdf, trust)
        figures["load average"] = " ".join(f"{x:.1f}" for x in __import__("os").getloadavg())
        figures["runs"] = f"median of {RUNS}, after one warm-up, commands taking turns"
        figures["target"] = "verify under 0.5 s"
        report("verify", figures)


if __name__ == "__main__":
    main()
