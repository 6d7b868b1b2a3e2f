"""Real inputs for the dossier tests (and the bundle benchmark): the examples rendered
once per process, toetsen varied from the examples, other PDFs made with reportlab."""

from __future__ import annotations

import io
import json
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from toetsapp.catalog import default_catalog
from toetsapp.export.render import render_toets_pdf
from toetsapp.files.store import load_toets, toets_json
from toetsapp.model.toets import Answer, Organisation, Override, Toets
from toetsapp.resources import resource_dir

AGENCIES = [("Dienst Toeslagen", "DT"), ("Belastingdienst", "BD"), ("UWV", "UWV"),
            ("Sociale Verzekeringsbank", "SVB"), ("Dienst Uitvoering Onderwijs", "DUO"),
            ("Immigratie- en Naturalisatiedienst", "IND"),
            ("Centraal Justitieel Incassobureau", "CJIB"),
            ("Vereniging van Nederlandse Gemeenten", "VNG")]
TYPES = ("uitvoerbaarheidstoets", "doenvermogentoets", "invoeringstoets")
_CACHE: dict[str, Any] = {}


def example(name: str) -> Toets:
    """An example toets by file stem, e.g. 'uitvoerbaarheidstoets'."""
    return load_toets(resource_dir("examples") / f"{name}.toets")


def render(toets: Toets) -> bytes:
    """The Toetsapp PDF of ``toets`` (invariant: same toets, same bytes)."""
    catalog = default_catalog()
    form = catalog.form(toets.form.id)
    return render_toets_pdf(toets, form, catalog.rubric_for(form.id), invariant=True)


def rendered_examples() -> dict[str, tuple[Toets, bytes]]:
    """Each example and its PDF, rendered once per test session."""
    if "examples" not in _CACHE:
        _CACHE["examples"] = {name: (example(name), render(example(name))) for name in TYPES}
    return _CACHE["examples"]


def _pick(question: Any, index: int) -> str:
    values = question.choice_values()
    return values[index % len(values)]


def variant(base: Toets, index: int) -> Toets:
    """A different toets of the same type: other id, proposal, organisations, dates and
    answers (scales moved along, amounts scaled), every fifth with an override."""
    toets = base.model_copy(deep=True)
    toets.id = uuid.UUID(int=0x7E57 << 64 | index)
    meta = toets.metadata
    meta.short_title = f"Wet ATH variant {chr(65 + index % 26)}{index // 26 or ''}"
    meta.title = f"Wet automatische toekenning huurtoeslag, variant {index + 1}"
    lead, co = AGENCIES[index % len(AGENCIES)], AGENCIES[(index + 3) % len(AGENCIES)]
    meta.organisations = [Organisation(name=lead[0], abbreviation=lead[1], role="lead"),
                          Organisation(name=co[0], abbreviation=co[1], role="co")]
    meta.toets_date = date(2026, 3, 1) + timedelta(days=index)
    form = default_catalog().form(toets.form.id)
    questions = form.question_index()
    factor = 0.5 + (index % 7) * 0.25
    for qid, answer in list(toets.answers.items()):
        question = questions.get(qid)
        if question is None:
            continue
        value = answer.value
        if question.type == "scale" and isinstance(value, str):
            value = _pick(question, question.choice_values().index(value) + index)
        elif question.type in ("fte", "money") and isinstance(value, int | float):
            value = round(value * factor, 1)
        elif question.type == "table" and isinstance(value, list):
            value = [{k: round(v * factor) if isinstance(v, int | float) and k != "jaar" else v
                      for k, v in row.items()} for row in value]
        elif question.type == "date" and isinstance(value, str) and qid.startswith("invoering"):
            value = f"{int(value[:4]) + index % 3}{value[4:]}"
        toets.answers[qid] = Answer(value=value, evidence=answer.evidence,
                                    involved=answer.involved)
    rubric = default_catalog().rubric_for(form.id)
    if index % 5 == 3 and rubric is not None:
        dim = rubric.dimensions[0].id
        toets.overrides.dimensions[dim] = Override(
            value=rubric.levels[0].value, motivation="Na overleg met de keten bijgesteld.",
            by="Toetser")
    return toets


def varied(count: int) -> list[tuple[Toets, bytes]]:
    """``count`` varied toetsen (the three types in turn) with their PDFs, rendered once."""
    key = f"varied-{count}"
    if key not in _CACHE:
        bases = [example(name) for name in TYPES]
        made = []
        for i in range(count):
            toets = variant(bases[i % 3], i)
            made.append((toets, render(toets)))
        _CACHE[key] = made
    return _CACHE[key]


def other_pdf(title: str, pages: int = 3, *, outline: bool = True) -> bytes:
    """A plain PDF such as a memorie van toelichting (reportlab), with bookmarks."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, invariant=1)
    c.setTitle(title)
    for page in range(1, pages + 1):
        c.setFont("Helvetica", 12)
        c.drawString(72, 760, f"{title} — pagina {page}")
        for line in range(30):
            c.drawString(72, 720 - 20 * line, f"Regel {line + 1} van de toelichting.")
        if outline:
            c.bookmarkPage(f"p{page}")
            c.addOutlineEntry(f"Hoofdstuk {page}", f"p{page}", 0)
        c.showPage()
    c.save()
    return buffer.getvalue()


def write_manifest(folder: Path, documents: list[dict[str, Any]], name: str = "dossier.json",
                   **dossier: Any) -> Path:
    """A manifest in ``folder``; ``dossier`` overrides the default bill data."""
    data = {"format": "toetsapp/dossier", "format_version": 1,
            "dossier": {"dossiernummer": "36 812", "title": "Wet automatische toekenning "
                        "huurtoeslag", "vergaderjaar": "2025/26", "kamer": "II",
                        "coordinator": {"name": "Sanne de Wit", "organisation":
                                        "Ministerie van VRO", "role": "Coördinator"},
                        **dossier},
            "documents": documents}
    path = folder / name
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), "utf-8")
    return path


def write_toets(folder: Path, name: str, toets: Toets) -> Path:
    path = folder / name
    path.write_text(toets_json(toets), "utf-8")
    return path


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)
