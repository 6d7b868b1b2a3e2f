"""PDF rendering of the largest example: whole ``toetsapp render`` process and in-process,
tagged (PDF/UA-1, PDF/A-3a: the product) side by side with the bare reportlab document
of the same pages (``TOETSAPP_PDF_UNTAGGED=1``), in the same run; issue 15 allows 1.15×."""

from __future__ import annotations

import compileall
import os
import tempfile
from pathlib import Path

from bench.bench_engine import largest_example
from bench.common import ROOT, median_seconds, report, whole_process

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
        untagged = whole_process(args, runs=5, env={"TOETSAPP_PDF_UNTAGGED": "1"})
        whole = whole_process(args, runs=5)
        untagged = min(untagged, whole_process(args, runs=5, env={"TOETSAPP_PDF_UNTAGGED": "1"}))
    inside = median_seconds(render, runs=5, warmup=1)
    inside_bare = median_seconds(bare, runs=5, warmup=1)
    report("render", {
        "example": f"{Path(example).name} ({len(data)} bytes, {pages} pages, "
                   f"{len(pdf)} bytes of tagged PDF, {len(bare())} bytes untagged)",
        "render_in_process_median_of_5": inside,
        "render_in_process_untagged_median_of_5": inside_bare,
        "whole_process_render_median_of_5": whole,
        "whole_process_untagged_median_of_5": untagged,
        "ratio_whole_process_tagged_to_untagged": f"{whole / untagged:.3f} (limit 1.15)",
        "ratio_in_process_tagged_to_untagged": f"{inside / inside_bare:.3f}",
        "target_whole_process": f"{TARGET_SECONDS:.1f} s",
    })


if __name__ == "__main__":
    main()
