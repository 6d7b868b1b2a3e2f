"""From files to files: ``toetsapp bundle`` and ``toetsapp compare`` (written atomically)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from toetsapp import __version__
from toetsapp.catalog import Catalog
from toetsapp.dossier.build import DossierResult, build_dossier
from toetsapp.dossier.comparer import Compared, compare
from toetsapp.dossier.comparison import Comparison
from toetsapp.dossier.context import in_language
from toetsapp.dossier.inputs import read_compare_inputs
from toetsapp.dossier.manifest_io import load_manifest
from toetsapp.dossier.signatures import check_signatures
from toetsapp.errors import FileProblem
from toetsapp.files.atomic import atomic_write_bytes
from toetsapp.i18n import _

if TYPE_CHECKING:
    from toetsapp.signing.trust import TrustStore


def default_output(manifest_path: Path, output: Path | None) -> Path:
    """``output``, ``output/NAME.pdf`` for a folder, or the manifest's name with ``.pdf``."""
    name = manifest_path.name.removesuffix(".json").removesuffix(".dossier") + ".pdf"
    if output is None:
        return manifest_path.with_name(name)
    return output / name if output.is_dir() else output


def _refuse_overwriting_inputs(target: Path, sources: Sequence[Path]) -> None:
    resolved = target.resolve()
    for source in sources:
        if source.resolve() == resolved:
            raise FileProblem(target, _("dit is ook een invoerbestand; kies een ander "
                                        "uitvoerbestand"))


def write_dossier(manifest_path: Path | str, output: Path | str | None = None, *,
                  trust: TrustStore | None = None, language: str | None = None,
                  catalog: Catalog | None = None) -> tuple[Path, DossierResult]:
    """Build the dossier of the manifest at ``manifest_path`` and write it atomically.

    Returns the path written and the result. Nothing is written when any input is
    unusable (:class:`FileProblem`).
    """
    from toetsapp.dossier.manifest_io import resolve_documents

    source = Path(manifest_path)
    target = default_output(source, Path(output) if output is not None else None)
    manifest = load_manifest(source)
    inputs = [r.path for r in resolve_documents(manifest, source)]
    _refuse_overwriting_inputs(target, [source, *inputs])
    result = build_dossier(manifest, source, trust=trust, language=language, catalog=catalog)
    atomic_write_bytes(target, result.pdf)
    return target, result


def comparison_of_files(paths: Sequence[Path | str], *, trust: TrustStore | None = None,
                        language: str | None = None, catalog: Catalog | None = None
                        ) -> tuple[Comparison, list[str]]:
    """Compare ``.toets`` files and Toetsapp PDFs (numbered 1, 2, … in this order), with
    their signatures checked. Raises :class:`~toetsapp.dossier.inputs.FileProblems`."""
    from toetsapp.signing import load_trust_store

    items, warnings = read_compare_inputs(paths)
    store = trust if trust is not None else load_trust_store()
    entries = [Compared(toets, number, Path(path).name, "",
                        check_signatures(toets, found.data if found else None, store,
                                         source=str(path)))
               for number, (path, (toets, found)) in enumerate(zip(paths, items, strict=True),
                                                               start=1)]
    comparison = compare(entries, catalog=catalog, language=language)
    return comparison, warnings + list(comparison.warnings)


def render_comparison_pdf(comparison: Comparison, sources: Sequence[str], *,
                          made: datetime | None = None) -> bytes:
    """The comparison alone, on landscape pages, in the comparison's language."""
    from reportlab.platypus import Paragraph

    from toetsapp.dossier.compare_pdf import comparison_flowables
    from toetsapp.dossier.layout import DossierCanvas, DossierDoc
    from toetsapp.export.doc import Marks, Running
    from toetsapp.export.style import house_style
    from toetsapp.export.text import markup
    from toetsapp.formatting import format_datetime

    made = (made or datetime.now(UTC)).replace(microsecond=0)
    style = house_style()
    with in_language(comparison.language) as lang:
        title = _("Vergelijking van toetsen")
        marks = Marks()
        running = Running(title, format_datetime(made, lang) + " UTC",
                          _("Gemaakt met Toetsapp {version}").format(version=__version__))
        buffer = io.BytesIO()
        doc = DossierDoc(buffer, style, marks, running, first="landscape", numbering=str,
                         title=title, author="Toetsapp", lang=lang,
                         creator=f"Toetsapp {__version__}")
        listing = "; ".join(f"{n}. {name}" for n, name in enumerate(sources, start=1))
        intro = _("{count} toetsen naast elkaar: eerst een overzicht van allemaal, daarna per "
                  "soort toets de scores per dimensie. Handtekeningen gecontroleerd op {when} "
                  "UTC.").format(count=len(sources), when=format_datetime(made, lang))
        story = comparison_flowables(comparison, marks, style, doc.wide_width, intro=intro)
        story.append(Paragraph(markup(_("Bestanden: {files}").format(files=listing)),
                               style.styles["small_muted"]))
        doc.build(story, canvasmaker=DossierCanvas)
    return buffer.getvalue()


def write_comparison(paths: Sequence[Path | str], output: Path | str, *,
                     trust: TrustStore | None = None, language: str | None = None
                     ) -> tuple[Comparison, list[str]]:
    """``toetsapp compare``: the comparison PDF of ``paths`` written atomically."""
    target = Path(output)
    _refuse_overwriting_inputs(target, [Path(p) for p in paths])
    comparison, warnings = comparison_of_files(paths, trust=trust, language=language)
    pdf = render_comparison_pdf(comparison, [Path(p).name for p in paths])
    atomic_write_bytes(target, pdf)
    return comparison, warnings
