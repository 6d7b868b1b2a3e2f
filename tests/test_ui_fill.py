"""A whole example toets filled through the widgets: scores move, undo, save, reopen, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.conftest import EXAMPLES, ROOT
from tests.fill import fill_example
from tests.uihelp import dispose, open_window, type_text
from toetsapp.editing import AnswerPart
from toetsapp.engine import evaluate_toets
from toetsapp.engine.explain import verdict_label
from toetsapp.files.store import load_toets
from toetsapp.ui.exporting import ExportDialog
from toetsapp.ui.metafields import MetaLine

EXAMPLE = ROOT / "examples" / "doenvermogentoets.toets"
pytestmark = pytest.mark.skipif(not EXAMPLE.exists(), reason="example not written yet")


def fill_metadata(qtbot, window, example) -> None:
    view = window.view
    view.go_to(0)
    page = view.metadata_page
    meta = example.metadata
    for name in ("title", "short_title", "ministry", "vergaderjaar", "dossiernummer",
                 "ondernummer"):
        field = page.fields[name]
        assert isinstance(field, MetaLine)
        type_text(qtbot, field.edit, getattr(meta, name))
    type_text(qtbot, page.fields["toetser.name"].edit, meta.toetser.name)
    for org in meta.organisations:
        editor = page.organisations
        type_text(qtbot, editor.name, org.name)
        type_text(qtbot, editor.abbreviation, org.abbreviation)
        editor.role.setCurrentIndex(0 if org.role == "lead" else 1)
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("source", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_fill_example_through_widgets(qtbot, catalog, tmp_path, source):
    example = load_toets(source)
    form = catalog.form(example.form.id)
    rubric = catalog.rubric_for(form.id)
    expected = evaluate_toets(example, form, rubric)
    window = open_window(qtbot, catalog)
    try:
        qtbot.mouseClick(window.start.cards[form.id], Qt.MouseButton.LeftButton)
        doc = window.doc
        assert doc is not None and doc.form is form and not doc.modified
        fill_metadata(qtbot, window, example)
        meta = doc.toets.metadata
        assert (meta.title, meta.dossiernummer, meta.vergaderjaar) == (
            example.metadata.title, example.metadata.dossiernummer, example.metadata.vergaderjaar)
        assert [o.name for o in meta.organisations] == [
            o.name for o in example.metadata.organisations]
        seen = [window.scores.verdict.text()]
        levels_seen = set()

        def watch(_question) -> None:
            seen.append(window.scores.verdict.text())
            levels_seen.update(row.chip.text() for row in window.scores.rows.values())

        fill_example(qtbot, window, example, on_answer=watch)
        # The panel moved while answering: from "no verdict yet" through several levels.
        assert seen[0] == verdict_label(rubric, None, "nl")
        assert len(set(seen)) >= 2 and len(levels_seen) >= 3
        # The result is the example: same answers where they apply, same scores.
        for qid in expected.visibility.questions:
            if qid in example.answers and example.answers[qid].value is not None:
                got, want = doc.value(AnswerPart(qid)), example.answers[qid].value
                if form.question_index()[qid].type == "multichoice":  # kept in form order
                    got, want = sorted(got), sorted(want)
                assert got == want, qid
        assert doc.evaluation.verdict.value == expected.verdict.value
        assert [s.level for s in doc.evaluation.dimensions] == [
            s.level for s in expected.dimensions]
        assert window.scores.verdict.text() == verdict_label(rubric, expected.verdict.value, "nl")
        assert window.problems.count() == len(expected.errors)

        # Undo and redo the last answer with the keyboard, where the cursor is.
        last = next(q for _s, q in reversed(list(form.questions()))
                    if q.id in expected.visibility.questions and q.type == "textarea"
                    and example.answers.get(q.id) and example.answers[q.id].value)
        window.view.reveal(last.id)
        editor = window.view.page(window.view.current_row()).widgets[last.id].editor
        editor.edit.selectAll()
        type_text(qtbot, editor.edit, "Nieuwe tekst")
        assert doc.value(AnswerPart(last.id)) == "Nieuwe tekst"
        QTest.keyClick(editor.edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert doc.value(AnswerPart(last.id)) == example.answers[last.id].value
        assert editor.edit.toPlainText() == example.answers[last.id].value
        QTest.keyClick(editor.edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
        assert doc.value(AnswerPart(last.id)) == "Nieuwe tekst"
        window.actions.undo.trigger()

        # Save, close, reopen: the same toets.
        path = tmp_path / "gevuld.toets"
        assert window.save_as(path)
        assert not doc.modified and window.windowTitle().startswith("gevuld.toets")
        saved = load_toets(path)
        assert window.close_document() and window.doc is None
        assert window.open_path(path)
        reopened = window.doc
        assert reopened is not None and not reopened.modified
        assert reopened.toets.answer_values() == saved.answer_values()
        assert reopened.evaluation.verdict.value == expected.verdict.value
        assert str(path.resolve()) in window.start.recent.item(0).data(Qt.ItemDataRole.UserRole
                                                                         + 1)
    finally:
        dispose(window)


def test_export_with_progress_and_preview(qtbot, catalog, tmp_path):
    window = open_window(qtbot, catalog)
    try:
        assert window.open_path(EXAMPLE)
        dialog = ExportDialog(window.doc, window)
        qtbot.addWidget(dialog)
        dialog.show()
        target = tmp_path / "uit" / "toets.pdf"
        target.parent.mkdir()
        dialog.start(target)
        assert dialog.progress.isVisible() and not dialog.export_button.isEnabled()
        qtbot.waitUntil(lambda: dialog.result_path is not None or dialog.error is not None,
                        timeout=120_000)
        assert dialog.error is None
        assert target.read_bytes().startswith(b"%PDF")
        pages = dialog.preview.widget().findChildren(type(dialog.status))
        assert len(pages) >= 3 and dialog.folder_button.isEnabled()
        assert dialog.preview.isVisible()
    finally:
        dispose(window)


def test_export_failure_is_reported(qtbot, catalog, tmp_path):
    window = open_window(qtbot, catalog)
    try:
        assert window.open_path(EXAMPLE)
        dialog = ExportDialog(window.doc, window)
        qtbot.addWidget(dialog)
        dialog.start(Path(tmp_path / "bestaat-niet" / "toets.pdf"))
        qtbot.waitUntil(lambda: dialog.error is not None, timeout=120_000)
        assert "bestaat-niet" in dialog.problem.text() and dialog.export_button.isEnabled()
    finally:
        dispose(window)
