"""Cross-reference checks of the page-1 parts of a form: slots, details, breakdowns."""

from __future__ import annotations

from collections.abc import Iterator

from toetsapp.errors import Issue, json_path
from toetsapp.i18n import _
from toetsapp.model.form import NUMERIC_TYPES, Form, KeyFigure, Question


def figure_issues(figure: KeyFigure, question: Question, questions: dict[str, Question],
                  where: list[object]) -> Iterator[Issue]:
    """Columns and questions a key figure names."""
    if figure.since_column and question.column(figure.since_column) is None:
        yield Issue(json_path([*where, "since_column"]),
                    _("onbekende kolom '{id}'").format(id=figure.since_column))
    for key in ("fallback", "detail"):
        other = getattr(figure, key)
        if other is not None and other not in questions:
            yield Issue(json_path([*where, key]), _("onbekende vraag '{id}'").format(id=other))


def slot_issues(form: Form, questions: dict[str, Question]) -> Iterator[Issue]:
    """Each slot filled once; breakdowns sum numeric columns of table questions."""
    slots = [f.slot for f in form.key_figures if f.slot]
    for i, figure in enumerate(form.key_figures):
        if figure.slot and slots.count(figure.slot) > 1:
            yield Issue(json_path(["key_figures", i, "slot"]),
                        _("vak '{id}' wordt meer dan eens gevuld").format(id=figure.slot))
    for i, breakdown in enumerate(form.key_breakdowns):
        for j, source in enumerate(breakdown.sources):
            where = ["key_breakdowns", i, "sources", j]
            question = questions.get(source.question)
            if question is None or question.type != "table":
                yield Issue(json_path([*where, "question"]),
                            _("'{id}' is geen tabelvraag").format(id=source.question))
                continue
            for k, column_id in enumerate(breakdown.columns):
                column = question.column(column_id)
                if column is None or column.type not in NUMERIC_TYPES:
                    yield Issue(json_path(["key_breakdowns", i, "columns", k]),
                                _("'{id}' is geen numerieke kolom").format(id=column_id))
