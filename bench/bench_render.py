"""PDF rendering of the largest example: whole ``toetsapp render`` process and in-process,
tagged (PDF/UA-1, PDF/A-3a: the product) side by side with the bare reportlab document
of the same pages (``TOETSAPP_PDF_UNTAGGED=1``), in the same run; issue 15 allows 1.15×."""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_engine import largest_example
from bench.common import ROOT, report


def alternately(first: object, second: object, runs: int) -> tuple[float, float]:
    """Medians of ``first()`` and ``second()`` timed in turn, after one warm-up each."""
    times: tuple[list[float], list[float]] = ([], [])
    for index in range(2 * runs + 2):
        fn = (first, second)[index % 2]
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        if index >= 2:
            times[index % 2].append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def side_by_side(args: list[str], runs: int) -> tuple[float, float]:
    """Medians of whole ``toetsapp`` processes, tagged and untagged, run alternately
    (so a busy machine slows both alike)."""
    cmd = [sys.executable, "-m", "toetsapp", *args]
    bare_env = {**os.environ, "TOETSAPP_PDF_UNTAGGED": "1"}
    times: dict[bool, list[float]] = {True: [], False: []}
    for index in range(2 * runs + 2):
        tagged = index % 2 == 0
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT,
                       env=dict(os.environ) if tagged else bare_env)
        if index >= 2:  # the first pair warms the file cache
            times[tagged].append(time.perf_counter() - start)
    return statistics.median(times[True]), statistics.median(times[False])

TARGET_SECONDS = 0.6


def main() -> None:
    from toetsapp.export.files import catalog_for, read_toets_file
    from toetsapp.export.render import render_toets_pdf

    example = largest_example()
    toets, data = read_toets_file(example)
    catalog = catalog_for(toets.form.id)
    form = catalog.form(toets.form.id)
    rubric = catalog.rubric_for(form.id)

    def render() -> bytes:
        return render_toets_pdf(toets, form, rubric, invariant=True, toets_bytes=data)

    def bare() -> bytes:
        os.environ["TOETSAPP_PDF_UNTAGGED"] = "1"
        try:
            return render()
        finally:
            del os.environ["TOETSAPP_PDF_UNTAGGED"]

    pdf = render()
    pages = pdf.count(b"/Type /Page\n")
    # An installed Toetsapp runs from bytecode; compile it so a PYTHONDONTWRITEBYTECODE
    # environment does not time the compiler instead of the renderer.
    compileall.compile_dir(str(ROOT / "toetsapp"), quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        output = str(Path(folder) / "out.pdf")
        args = ["render", example, "-o", output, "--invariant"]
        whole, untagged = side_by_side(args, runs=7)
    inside, inside_bare = alternately(render, bare, runs=7)
    report("render", {
        "example": f"{Path(example).name} ({len(data)} bytes, {pages} pages, "
                   f"{len(pdf)} bytes of tagged PDF, {len(bare())} bytes untagged)",
        "render_in_process_median_of_7": inside,
        "render_in_process_untagged_median_of_7": inside_bare,
        "whole_process_render_median_of_7": whole,
        "whole_process_untagged_median_of_7": untagged,
        "ratio_whole_process_tagged_to_untagged": f"{whole / untagged:.3f} (limit 1.15)",
        "ratio_in_process_tagged_to_untagged": f"{inside / inside_bare:.3f}",
        "target_whole_process": f"{TARGET_SECONDS:.1f} s",
    })


if __name__ == "__main__":
    main()
