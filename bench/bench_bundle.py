"""Bundling a large dossier: 50 toetsen plus other PDFs (about 1,500 pages), whole
``toetsapp bundle`` process, against ``qpdf --empty --pages … --`` on the same files.

The 50 rendered toetsen and the other PDFs are made once and kept in
``bench/results/bundle-inputs/`` (git-ignored); delete that folder to make them again.
Each command runs as a fresh process, the two taking turns so both see the same load;
time is the median of 3 (wall and CPU), memory the peak resident set size (``wait4``).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import RESULTS, ROOT, report

TOETSEN = 50
OTHERS = 5  # memorie van toelichting, advies Raad van State, … of OTHER_PAGES pages each
OTHER_PAGES = 100
RUNS = 3
TARGET_RATIO = 2.0
TARGET_MB = 500
INPUTS = RESULTS / "bundle-inputs"


def _other_pdf(path: Path, title: str, pages: int) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), invariant=1)
    c.setTitle(title)
    for page in range(1, pages + 1):
        c.setFont("Helvetica", 10)
        for line in range(55):
            c.drawString(60, 790 - 13 * line, f"{title}, pagina {page}, regel {line + 1}: "
                         "tekst van het wetsvoorstel en de toelichting daarop.")
        c.bookmarkPage(f"p{page}")
        c.addOutlineEntry(f"Paragraaf {page}", f"p{page}", 0)
        c.showPage()
    c.save()


def make_inputs(folder: Path = INPUTS) -> Path:
    """The manifest of the benchmark dossier (inputs made once, then reused)."""
    manifest = folder / "bench.dossier.json"
    if manifest.exists():
        return manifest
    sys.path.insert(0, str(ROOT))
    from tests.dossier_support import TYPES, example, render, variant

    work = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    bases = [example(name) for name in TYPES]
    documents = []
    for i in range(OTHERS):
        name = f"document-{i + 1}.pdf"
        _other_pdf(work / name, f"Kamerstuk {i + 1}", OTHER_PAGES)
        documents.append({"file": name, "kind": "document"})
    for i in range(TOETSEN):
        name = f"toets-{i + 1:02d}.pdf"
        (work / name).write_bytes(render(variant(bases[i % 3], i)))
        documents.append({"file": name, "kind": "toets"})
    (work / manifest.name).write_text(json.dumps({
        "format": "toetsapp/dossier", "format_version": 1,
        "dossier": {"dossiernummer": "36 812", "title": "Benchmarkdossier",
                    "vergaderjaar": "2025/26"},
        "documents": documents}, indent=2), "utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    work.rename(folder)
    return manifest


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float


def measured(cmd: list[str], env: dict[str, str] | None = None) -> Run:
    """Wall time, CPU time (user + system) and peak resident memory of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{cmd[:3]} failed: {error[-2000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)  # Linux: KiB


def interleaved(commands: dict[str, list[str]], runs: int = RUNS,
                env: dict[str, str] | None = None) -> dict[str, list[Run]]:
    """Each command ``runs`` times, taking turns (so both see the same machine load),
    after one warm-up run each."""
    for cmd in commands.values():
        measured(cmd, env)
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            results[name].append(measured(cmd, env))
    return results


def main() -> None:
    manifest = make_inputs()
    data = json.loads(manifest.read_text("utf-8"))
    files = [str(manifest.parent / d["file"]) for d in data["documents"]]
    qpdf = shutil.which("qpdf")
    env = {**os.environ, "TOETSAPP_TRUST_DIR": str(manifest.parent / "trust")}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "dossier.pdf"
        commands = {"bundle": [sys.executable, "-m", "toetsapp", "bundle", str(manifest),
                               "-o", str(out)]}
        if qpdf:
            commands["qpdf"] = [qpdf, "--empty", "--pages", *files, "--",
                                str(Path(folder) / "qpdf.pdf")]
        results = interleaved(commands, env=env)
        from pypdf import PdfReader

        pages = len(PdfReader(out).pages)
        size = out.stat().st_size

    def median(name: str, what: str) -> float:
        return statistics.median(getattr(r, what) for r in results[name])

    figures: dict[str, float | str] = {
        "input": f"{TOETSEN} rendered toetsen + {OTHERS} other PDFs of {OTHER_PAGES} pages",
        "dossier": f"{pages} pages, {size / 2**20:.1f} MB (originals attached)",
        "bundle_whole_process_median_of_3": median("bundle", "wall"),
        "bundle_cpu_median_of_3": median("bundle", "cpu"),
        "bundle_peak_memory": f"{max(r.peak_mb for r in results['bundle']):.0f} MB "
                              f"(target under {TARGET_MB} MB)",
    }
    if qpdf:
        ratio = median("bundle", "wall") / median("qpdf", "wall")
        figures |= {"qpdf_merge_median_of_3": median("qpdf", "wall"),
                    "qpdf_cpu_median_of_3": median("qpdf", "cpu"),
                    "qpdf_peak_memory": f"{max(r.peak_mb for r in results['qpdf']):.0f} MB",
                    "ratio_bundle_to_qpdf": f"{ratio:.2f} (wall; CPU "
                    f"{median('bundle', 'cpu') / median('qpdf', 'cpu'):.2f}; target within "
                    f"{TARGET_RATIO:.0f}x)"}
    else:
        figures["qpdf"] = "not installed (Debian package qpdf): no comparison"
    report("bundle", figures)


if __name__ == "__main__":
    main()
