"""Filling a toets through the widgets, the way a toetser would."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton

from tests.uihelp import choose_in_combo, type_text
from toetsapp.model.form import Column, Question
from toetsapp.parsing import date_input_text, number_input_text
from toetsapp.ui.editors.base import Editor
from toetsapp.ui.editors.choice import ComboEditor, MultiEditor, RadioEditor
from toetsapp.ui.editors.numeric import DateEditor, NumberEditor
from toetsapp.ui.editors.table import TableEditor
from toetsapp.ui.editors.text import AreaEditor, LineEditor
from toetsapp.ui.mainwindow import MainWindow


def click_box(qtbot: Any, button: QAbstractButton) -> None:
    """Click a radio button or check box on its indicator, where people click."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def option_index(field: Question | Column, type_: str, value: Any) -> int:
    if type_ == "boolean":
        return 0 if value is True else 1
    return field.choice_values().index(value)


def fill_editor(qtbot: Any, editor: Editor, field: Question | Column, value: Any) -> None:
    """Put ``value`` into ``editor`` through keyboard and mouse."""
    type_ = editor.type
    if isinstance(editor, LineEditor | AreaEditor):
        type_text(qtbot, editor.edit, value)
    elif isinstance(editor, NumberEditor):
        type_text(qtbot, editor.edit, number_input_text(value, type_, "nl"))
    elif isinstance(editor, DateEditor):
        type_text(qtbot, editor.edit, date_input_text(value, "nl"))
    elif isinstance(editor, RadioEditor):
        button = editor.group.button(option_index(field, type_, value))
        click_box(qtbot, button)
    elif isinstance(editor, ComboEditor):
        choose_in_combo(editor.combo, option_index(field, type_, value) + 1)
    elif isinstance(editor, MultiEditor):
        for option, box in zip(editor.options, editor.boxes, strict=True):
            if option[0] in value and not box.isChecked():
                click_box(qtbot, box)
    elif isinstance(editor, TableEditor):
        fill_table(qtbot, editor, value)
    else:
        raise AssertionError(f"no way to fill {editor!r}")


def fill_table(qtbot: Any, editor: TableEditor, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
        for column in editor.columns:
            if column.id in row:
                assert editor.cell_editors[column.id].isEnabled(), column.id
                fill_editor(qtbot, editor.cell_editors[column.id], column, row[column.id])


def fill_example(qtbot: Any, window: MainWindow, example: Any, *,
                 on_answer: Any = None) -> None:
    """Answer every question the example answers (as far as it applies), in form order."""
    doc = window.doc
    view = window.view
    assert doc is not None and view is not None
    for number, section in enumerate(doc.form.sections, start=1):
        declared = example.not_applicable_sections.get(section.id)
        if declared is None:
            continue
        view.go_to(number)
        page = view.page(number)
        assert page.nvt_box is not None and page.nvt_reason is not None, section.id
        click_box(qtbot, page.nvt_box)
        type_text(qtbot, page.nvt_reason, declared.reason)
    pending = [q for _s, q in doc.form.questions() if q.id in example.answers
               and doc.form.section(view.section_of[q.id]).id
               not in example.not_applicable_sections]
    for _round in range(3):
        left = []
        for question in pending:
            if question.id not in doc.evaluation.visibility.questions:
                left.append(question)
                continue
            answer = example.answers[question.id]
            view.reveal(question.id, focus=False)
            page = view.page(view.current_row())
            widget = page.widgets[question.id]
            if answer.value is not None:
                fill_editor(qtbot, widget.editor, question, answer.value)
            for text, box in ((answer.other, widget.other_edit),
                              (answer.note, widget.note_edit)):
                if text:
                    assert box is not None and box.isVisible(), question.id
                    type_text(qtbot, box, text)
            if answer.not_applicable is not None:
                assert widget.nvt_box is not None, question.id
                click_box(qtbot, widget.nvt_box)
                type_text(qtbot, widget.nvt_reason, answer.not_applicable.reason)
            for part, pair in (("evidence", widget.evidence), ("involved", widget.involved)):
                text = getattr(answer, part)
                if text and pair:
                    type_text(qtbot, pair[1], text)
            if on_answer is not None:
                on_answer(question)
        if not left:
            return
        pending = left
