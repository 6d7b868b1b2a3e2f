"""The comparison window and the dossier editor, driven through their widgets."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.dossier_support import TYPES, example, rendered_examples, variant
from tests.uihelp import choose_in_combo, dispose, open_window, press_in_dialog, type_text
from toetsapp.catalog import default_catalog
from toetsapp.files.store import toets_json
from toetsapp.ui.comparing import ComparisonWindow
from toetsapp.ui.dossier import DossierEditor
from toetsapp.ui.theme import apply_theme


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """The three examples as PDFs (rendered once), a varied U&H-toets and bad files."""
    folder = tmp_path_factory.mktemp("inputs")
    for name, (_toets, pdf) in rendered_examples().items():
        (folder / f"{name}.pdf").write_bytes(pdf)
    (folder / "variant.toets").write_text(toets_json(variant(example(TYPES[0]), 4)), "utf-8")
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<\n")
    (folder / "notitie.pdf").write_bytes(b"geen pdf maar tekst\n")
    return folder


def _shot(widget, name: str) -> None:
    folder = os.environ.get("TOETSAPP_SCREENSHOTS")
    if folder:
        for _round in range(4):
            QApplication.processEvents()
        widget.grab().save(str(Path(folder) / name))


def _compared(qtbot, inputs: Path, names: list[str]) -> ComparisonWindow:
    window = ComparisonWindow()
    qtbot.addWidget(window)
    window.show()
    window.add_files([inputs / n for n in names])
    qtbot.waitUntil(lambda: not window.loading, timeout=30_000)
    return window


def _grid(window: ComparisonWindow, toets_type: str):
    return next(g for g in window.grids if g.table.toets_type == toets_type)


def _row(grid, label: str) -> int:
    return next(n for n, c in enumerate(grid.table.columns) if c.label == label)


def test_comparison_shows_verdicts_levels_and_only_differences(qtbot, inputs):
    names = [f"{t}.pdf" for t in TYPES] + ["variant.toets"]
    window = _compared(qtbot, inputs, names)
    assert not window.problem.isVisible()
    assert [window.files.item(n).text() for n in range(window.files.count())] == [
        f"{n}. {name}" for n, name in enumerate(names, start=1)]
    overview = window.grids[0]
    verdicts = overview.row_texts(_row(overview, "Eindoordeel"))
    assert verdicts[0] == "Uitvoerbaar onder voorwaarden"
    assert verdicts[1].startswith("4. Groter beroep")
    assert verdicts[2] == "Bijsturing nodig"
    assert all(text and text != "—" for text in verdicts)
    assert overview.row_texts(_row(overview, "Ondertekening"))[0] == "niet ondertekend"
    uh = _grid(window, "uitvoerbaarheid")
    assert uh.columnCount() == 2  # the example and its variant, side by side
    ict = uh.row_texts(_row(uh, "Processen en ICT"))
    assert ict[0] == "Aanzienlijk risico" and ict[1]
    assert window.tabs.tabText(1) == "U&&H-toets (2)"  # '&&': no mnemonic, the text is U&H
    rows = uh.rowCount()
    differing = uh.differing_rows()
    assert 0 < len(differing) < rows
    window.only_differences.click()
    hidden = [n for n in range(rows) if uh.isRowHidden(n)]
    assert hidden and set(hidden).isdisjoint(differing)
    for number in hidden:
        texts = uh.row_texts(number)
        assert len(set(texts)) == 1
    doen = _grid(window, "doenvermogen")  # one toets: nothing differs
    assert all(doen.isRowHidden(n) for n in range(doen.rowCount()))
    window.only_differences.click()
    assert not any(uh.isRowHidden(n) for n in range(rows))


def test_bad_files_are_named_and_the_rest_stays_compared(qtbot, inputs, tmp_path):
    window = _compared(qtbot, inputs, ["uitvoerbaarheidstoets.pdf", "variant.toets"])
    window.add_files([inputs / "kapot.pdf", inputs / "notitie.pdf",
                      inputs / "uitvoerbaarheidstoets.pdf"])
    qtbot.waitUntil(lambda: not window.loading, timeout=30_000)
    message = window.problem.text()
    assert window.problem.isVisible()
    for name in ("kapot.pdf", "notitie.pdf", "uitvoerbaarheidstoets.pdf"):
        assert name in message
    assert window.files.count() == 2 and len(window.comparison.overview.rows) == 2
    window.files.setCurrentRow(1)
    window.remove_button.click()
    qtbot.waitUntil(lambda: not window.loading, timeout=30_000)
    assert window.files.count() == 1
    window.export_pdf(tmp_path / "vergelijking.pdf")
    qtbot.waitUntil(lambda: not window.exporting, timeout=30_000)
    assert window.export_path == tmp_path / "vergelijking.pdf"
    assert window.open_button.isEnabled()
    assert len(PdfReader(tmp_path / "vergelijking.pdf").pages) >= 1


def test_comparison_from_the_file_menu(qtbot, catalog, inputs):
    window = open_window(qtbot, catalog)
    try:
        assert window.actions.compare.shortcut().toString() == "Ctrl+Alt+V"
        window.actions.compare.trigger()
        tool = window.tools["comparison"]
        assert isinstance(tool, ComparisonWindow) and tool.isVisible()
        window.actions.compare.trigger()
        assert window.tools["comparison"] is tool  # raised, not opened twice
        tool.close()
    finally:
        dispose(window)


@pytest.fixture
def editor(qtbot):
    editor = DossierEditor()  # no prompt when the test ends (also after a failure):
    qtbot.addWidget(editor, before_close_func=lambda w: setattr(w, "modified", False))
    editor.show()
    return editor


def test_dossier_editor_builds_saves_reloads_and_makes_the_dossier(qtbot, editor, inputs,
                                                                   tmp_path):
    folder = tmp_path / "dossier"
    folder.mkdir()
    for name in TYPES:
        (folder / f"{name}.pdf").write_bytes((inputs / f"{name}.pdf").read_bytes())
    assert not editor.build_button.isEnabled() and editor.problems
    fields = editor.fields
    type_text(qtbot, fields.edits["dossiernummer"], "36812")
    type_text(qtbot, fields.edits["joint_dossiernummers"], "36813 en 36 8x4")
    type_text(qtbot, fields.edits["title"], "Wet automatische toekenning huurtoeslag")
    type_text(qtbot, fields.edits["vergaderjaar"], "2025/27")
    type_text(qtbot, fields.person["name"], "A. de Vries")
    choose_in_combo(fields.kamer, 0)
    manifest = folder / "ath.dossier.json"
    editor.path = manifest
    editor.add_documents([folder / f"{name}.pdf" for name in TYPES] + [Path("/etc/hostname")])
    assert "/etc/hostname" in editor.status.text()  # outside the folder: refused, named
    editor.validate()
    assert any("vergaderjaar" in p for p in editor.problems)
    assert any(p.startswith("Dossier, samen behandeld met: dossiernummer heeft de vorm")
               for p in editor.problems), editor.problems
    _shot(editor, "dossier-problemen.png")
    fields.edits["joint_dossiernummers"].clear()
    type_text(qtbot, fields.edits["joint_dossiernummers"], "36813")
    fields.edits["vergaderjaar"].clear()
    type_text(qtbot, fields.edits["vergaderjaar"], "2025/26")
    docs = editor.documents
    docs.table.setCurrentCell(2, 0)
    docs.table.setFocus()
    qtbot.keyClick(docs.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [e["file"] for e in docs.entries] == [
        "uitvoerbaarheidstoets.pdf", "invoeringstoets.pdf", "doenvermogentoets.pdf"]
    type_text(qtbot, docs.proposal, "Variant B")
    assert editor.validate() == []
    assert editor.save()
    saved = json.loads(manifest.read_text("utf-8"))
    assert saved["dossier"]["dossiernummer"] == "36 812"
    assert saved["dossier"]["joint_dossiernummers"] == ["36 813"]
    assert saved["documents"][1] == {"file": "invoeringstoets.pdf", "kind": "toets",
                                     "title": "", "proposal": "Variant B", "sha256": ""}
    assert fields.edits["dossiernummer"].text() == "36 812" and not editor.modified
    editor.new()
    assert editor.documents.entries == []
    assert editor.open_manifest(manifest)
    assert [e["file"] for e in editor.documents.entries] == [d["file"] for d in
                                                           saved["documents"]]
    assert fields.person["name"].text() == "A. de Vries"
    assert fields.edits["joint_dossiernummers"].text() == "36 813"
    editor.build()
    qtbot.waitUntil(lambda: not editor.building, timeout=60_000)
    assert editor.error is None
    output = folder / "ath.pdf"
    assert editor.result_path == output and editor.pdf_button.isEnabled()
    titles = [item.title for item in PdfReader(output).outline if not isinstance(item, list)]
    assert any("Variant B" in t for t in titles)
    assert sum(t[:1].isdigit() for t in titles) == 3  # one bookmark per document
    _shot(editor, "dossier.png")


def test_dossier_editor_asks_about_unsaved_changes(qtbot, editor):
    type_text(qtbot, editor.fields.edits["title"], "Wet")
    assert editor.modified
    press_in_dialog("cancel")
    editor.close()
    assert editor.isVisible()
    press_in_dialog("discard")
    editor.close_button.click()
    assert not editor.isVisible()


def test_dark_theme_keeps_chips_readable(qtbot, inputs):
    apply_theme(QApplication.instance(), "dark")
    try:
        window = _compared(qtbot, inputs, ["uitvoerbaarheidstoets.pdf", "variant.toets"])
        window.tabs.setCurrentIndex(1)
        _shot(window, "vergelijking-donker.png")
        assert window.grab().width() > 300
    finally:
        apply_theme(QApplication.instance(), "light")


def test_new_dossier_says_what_to_do_in_words_and_builds_from_toets_files(qtbot, editor,
                                                                           inputs, tmp_path):
    """No JSON paths or validator phrases on opening; kinds by their names; a dossier
    straight from a .toets file (rendered while bundling) next to a PDF."""
    assert editor.issues.isVisible()
    shown = editor.issues.text()
    assert shown.startswith("Nog te doen:") and "$." not in shown and "element" not in shown
    assert "dossiernummer" in shown and "document toe" in shown
    _shot(editor, "dossier-nieuw.png")
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / "uh.pdf").write_bytes((inputs / "uitvoerbaarheidstoets.pdf").read_bytes())
    (folder / "variant.toets").write_bytes((inputs / "variant.toets").read_bytes())
    type_text(qtbot, editor.fields.edits["dossiernummer"], "36812")
    type_text(qtbot, editor.fields.edits["title"], "Wet ATH")
    editor.path = folder / "ath.dossier.json"
    editor.add_documents([folder / "uh.pdf", folder / "variant.toets"])
    docs = editor.documents
    kinds = [docs.table.item(row, 1).text() for row in range(docs.table.rowCount())]
    form = default_catalog().form(TYPES[0])
    assert kinds == [form.short_title.get("nl")] * 2 == ["U&H-toets"] * 2, kinds
    docs.table.setCurrentCell(1, 0)
    choose_in_combo(docs.kind, 1)
    assert docs.table.item(1, 1).text() == "Ander document"
    choose_in_combo(docs.kind, 0)
    assert editor.validate() == [] and "$." not in editor.issues.text()
    editor.build()
    qtbot.waitUntil(lambda: not editor.building, timeout=60_000)
    assert editor.error is None, editor.error
    reader = PdfReader(editor.result_path)
    assert "02-variant.toets" in reader.attachments
    assert sum(t.title[:1].isdigit() for t in reader.outline if not isinstance(t, list)) == 2
