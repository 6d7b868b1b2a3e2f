"""What keeps ``toetsapp bundle`` quick without changing a page: line breaking reused
per width (the same PDF as reportlab's own paragraph), and no pyHanko or pypdf loaded
for a dossier whose inputs carry no PDF signature."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as PlainParagraph
from reportlab.platypus import SimpleDocTemplate, Table

from tests.dossier_support import other_pdf, rendered_examples, write_manifest
from toetsapp.export.paragraph import Paragraph

ROOT = Path(__file__).resolve().parents[1]
TEXT = ("Een uitvoeringsorganisatie kan deze regeling uitvoeren als de systemen op tijd "
        "zijn aangepast en de gegevens van de gemeenten beschikbaar komen; regel {n}.")


def _table_pdf(kind: type) -> tuple[bytes, list[object]]:
    """A table of 300 rows of paragraphs over several pages (split on each page)."""
    style = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=10)
    cells = [[kind(f"<b>{n}</b>", style), kind(TEXT.format(n=n), style)] for n in range(300)]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, invariant=1)
    doc.build([Table(cells, colWidths=[40, 200.00000000000003], repeatRows=1)])
    return buffer.getvalue(), [p for row in cells for p in row]


def test_reused_line_breaking_draws_the_same_pdf_as_reportlab():
    ours, _ = _table_pdf(Paragraph)
    theirs, _ = _table_pdf(PlainParagraph)
    import pikepdf

    assert len(pikepdf.open(io.BytesIO(ours)).pages) >= 5
    assert ours == theirs


def test_each_paragraph_breaks_its_lines_once_per_width():
    calls: dict[int, int] = {}

    class Counted(Paragraph):
        def breakLines(self, width):
            calls[id(self)] = calls.get(id(self), 0) + 1
            return super().breakLines(width)

    _pdf, paragraphs = _table_pdf(Counted)
    assert set(calls) == {id(p) for p in paragraphs}
    assert max(calls.values()) == 1
    para = paragraphs[1]
    wide = para.wrap(400, 1000)
    assert calls[id(para)] == 2 and wide[1] < para.wrap(200, 1000)[1]  # a new width: anew


def test_unsigned_dossier_loads_neither_pyhanko_nor_pypdf(tmp_path):
    (tmp_path / "toets.pdf").write_bytes(rendered_examples()["invoeringstoets"][1])
    (tmp_path / "mvt.pdf").write_bytes(other_pdf("Memorie van toelichting"))
    manifest = write_manifest(tmp_path, [{"file": "toets.pdf", "kind": "toets"},
                                         {"file": "mvt.pdf", "kind": "document"}])
    code = ("import sys; from toetsapp.cli import main; "
            f"code = main(['bundle', {str(manifest)!r}, '-o', {str(tmp_path / 'd.pdf')!r}]); "
            "print(code, sorted(m for m in ('pyhanko', 'pypdf') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True,
                         env={"TOETSAPP_TRUST_DIR": str(tmp_path / "trust"), "PATH": "",
                              "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}).stdout
    assert out.strip().splitlines()[-1] == "0 []"
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF-")
    assert json.loads(manifest.read_text("utf-8"))["documents"][0]["file"] == "toets.pdf"
