"""JSON Schemas generated from the pydantic models.

The committed ``*.schema.json`` files are this module's output; a test fails
when they drift. Regenerate with ``python -m toetsapp.schemas``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from toetsapp.dossier.manifest import Manifest
from toetsapp.model.form import Form
from toetsapp.model.rubric import Rubric
from toetsapp.model.toets import Toets
from toetsapp.resources import resource_dir

DRAFT = "https://json-schema.org/draft/2020-12/schema"
TARGETS: dict[tuple[str, str], tuple[type[BaseModel], str]] = {
    ("forms", "form.schema.json"): (Form, "Toetsapp-vragenlijst"),
    ("rubrics", "rubric.schema.json"): (Rubric, "Toetsapp-rubric"),
    ("forms", "toets.schema.json"): (Toets, "Toetsapp-toetsbestand (.toets)"),
    ("docs", "dossier.schema.json"): (Manifest, "Toetsapp-dossiermanifest"),
}


def build_schema(model: type[BaseModel], title: str, name: str) -> dict[str, Any]:
    """The JSON Schema (2020-12) for ``model``."""
    schema = model.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": DRAFT, "$id": f"https://toetsapp.nl/schema/{name}", "title": title,
            **{k: v for k, v in schema.items() if k != "title"}}


def schema_text(model: type[BaseModel], title: str, name: str) -> str:
    return json.dumps(build_schema(model, title, name), indent=2, ensure_ascii=False) + "\n"


def write_all(root: Path | None = None) -> list[Path]:
    """Write every schema file; returns the paths written."""
    written = []
    for (folder, name), (model, title) in TARGETS.items():
        path = (root / folder if root else resource_dir(folder)) / name
        path.write_text(schema_text(model, title, name), "utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_all():
        print(written_path)
