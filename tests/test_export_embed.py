"""The .toets inside the PDF: it comes back exactly, and unusable PDFs give clear errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen.canvas import Canvas

from tests.conftest import EXAMPLES
from tests.export_support import mini_toets, reader, render_mini
from toetsapp.errors import FileProblem
from toetsapp.export import read_embedded_toets, write_toets_pdf
from toetsapp.export.embed import MIME
from toetsapp.files.store import load_toets, toets_json


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_come_back_byte_identical(tmp_path, example):
    pdf = write_toets_pdf(example, tmp_path / "out.pdf", invariant=True)
    toets, data = read_embedded_toets(pdf)
    assert data == example.read_bytes()
    assert toets == load_toets(example)


def test_attachment_is_a_proper_embedded_file(tmp_path):
    toets = mini_toets({"titel": "Bijlage"})
    pdf = render_mini(toets, attachment="wet.toets")
    files = reader(pdf).attachments
    assert list(files) == ["wet.toets"]
    assert files["wet.toets"][0] == toets_json(toets).encode("utf-8")
    root = reader(pdf).trailer["/Root"]
    spec = root["/AF"][0].get_object()
    assert spec["/AFRelationship"] == "/Source"
    embedded = spec["/EF"]["/F"].get_object()
    assert embedded["/Subtype"] == "/" + MIME
    assert embedded["/Params"]["/Size"] == len(files["wet.toets"][0])


def test_in_memory_render_is_semantically_identical(tmp_path):
    toets = mini_toets({"titel": "Emoji 😀 & <tags>", "kosten": 12.5,
                        "risicos": [{"risico": "r", "ernst": "hoog"}]})
    path = _write(tmp_path, "t.pdf", render_mini(toets))
    back, _data = read_embedded_toets(path)
    assert back.model_dump() == toets.model_dump()


def test_not_a_pdf(tmp_path):
    path = _write(tmp_path, "x.pdf", b'{"format": "toetsapp/toets"}')
    with pytest.raises(FileProblem, match="geen PDF-bestand"):
        read_embedded_toets(path)


def test_missing_file(tmp_path):
    with pytest.raises(FileProblem, match="bestaat niet"):
        read_embedded_toets(tmp_path / "nergens.pdf")


def test_corrupt_pdf(tmp_path):
    path = _write(tmp_path, "kapot.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40)
    with pytest.raises(FileProblem, match=r"beschadigd|geen toets"):
        read_embedded_toets(path)


def test_truncated_pdf(tmp_path):
    pdf = render_mini(mini_toets({"titel": "x"}))
    path = _write(tmp_path, "half.pdf", pdf[: len(pdf) // 3])
    with pytest.raises(FileProblem):
        read_embedded_toets(path)


def test_pdf_without_attachment(tmp_path):
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Een gewone PDF")
    canvas.save()
    path = _write(tmp_path, "gewoon.pdf", buffer.getvalue())
    with pytest.raises(FileProblem, match="geen toets"):
        read_embedded_toets(path)


def test_encrypted_pdf(tmp_path):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(render_mini(mini_toets({"titel": "x"})))))
    writer.encrypt(user_password="geheim", owner_password="eigenaar", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = _write(tmp_path, "dicht.pdf", buffer.getvalue())
    with pytest.raises(FileProblem, match="versleuteld"):
        read_embedded_toets(path)


def test_owner_password_only_still_opens(tmp_path):
    toets = mini_toets({"titel": "open"})
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(render_mini(toets))))
    writer.encrypt(user_password="", owner_password="eigenaar", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    back, _ = read_embedded_toets(_write(tmp_path, "half-open.pdf", buffer.getvalue()))
    assert back.answers["titel"].value == "open"


def test_attachment_that_is_not_a_toets(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_attachment("nep.toets", b"dit is geen json")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = _write(tmp_path, "nep.pdf", buffer.getvalue())
    with pytest.raises(FileProblem) as info:
        read_embedded_toets(path)
    assert "nep.toets" in str(info.value.file) and "JSON" in info.value.describe()
