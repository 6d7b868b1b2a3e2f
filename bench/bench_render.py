"""PDF rendering of the largest example: whole ``toetsapp render`` process and in-process."""

from __future__ import annotations

import compileall
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

    pdf = render()
    pages = pdf.count(b"/Type /Page\n")
    # An installed Toetsapp runs from bytecode; compile it so a PYTHONDONTWRITEBYTECODE
    # environment does not time the compiler instead of the renderer.
    compileall.compile_dir(str(ROOT / "toetsapp"), quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        output = str(Path(folder) / "out.pdf")
        whole = whole_process(["render", example, "-o", output, "--invariant"], runs=5)
    report("render", {
        "example": f"{Path(example).name} ({len(data)} bytes, {pages} pages, "
                   f"{len(pdf)} bytes of PDF)",
        "render_in_process_median_of_5": median_seconds(render, runs=5, warmup=1),
        "whole_process_render_median_of_5": whole,
        "target_whole_process": f"{TARGET_SECONDS:.1f} s",
    })


if __name__ == "__main__":
    main()
