"""Everything the PDF shows, worked out once: labels, levels, key figures, numbering.

No reportlab here: this is plain data taken from the toets, its form and rubric and
the engine's evaluation, in the language of the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from toetsapp.display import choice_states, format_value, not_applicable_text
from toetsapp.engine import DimensionScore, Evaluation, evaluate_toets
from toetsapp.engine.compiled import CompiledForm, compiled
from toetsapp.engine.keyfigures import KeyFigureValue
from toetsapp.engine.values import as_number, is_answered
from toetsapp.export.slots import SlotView, slot_views
from toetsapp.formatting import format_date, format_number
from toetsapp.i18n import _
from toetsapp.model.form import CHOICE_TYPES, Form, Question
from toetsapp.model.rubric import Level, Rubric
from toetsapp.model.toets import Override, Toets


def status_label(status: str) -> str:
    return {"concept": _("Concept"), "in_review": _("In review"),
            "definitief": _("Definitief"), "vastgesteld": _("Vastgesteld")}.get(status, status)


def role_label(role: str) -> str:
    return _("penvoerder") if role == "lead" else _("mede-toetser")


@dataclass(frozen=True)
class Grade:
    """A level or verdict as shown: label, colour and place on its scale (0 = best)."""

    label: str
    color: str | None
    rank: int | None
    of: int

    @property
    def assessed(self) -> bool:
        return self.rank is not None


@dataclass(frozen=True)
class DimensionView:
    id: str
    label: str
    description: str
    critical: bool
    grade: Grade
    computed: Grade
    override: Override | None
    overridden: bool
    score: DimensionScore


@dataclass(frozen=True)
class FigureView:
    label: str
    text: str
    answered: bool
    question_id: str
    state: str = "value"  # "value", "not_applicable", "invalid"
    note: str = ""  # the toelichting beside the answer, shown under the value


@dataclass(frozen=True)
class ListView:
    label: str
    items: tuple[str, ...]
    total: int
    question_id: str


@dataclass(frozen=True)
class ChecklistView:
    """Every option of a multiple choice, with whether it was chosen (None: unanswered)."""

    label: str
    items: tuple[tuple[str, bool], ...]
    answered: bool
    applies: bool
    question_id: str
    states: tuple[tuple[str, str], ...] = ()
    """Per choice of a per-choice question: (label, 'gevolgen' | 'geen_gevolgen' | 'nvt')."""


@dataclass(frozen=True)
class BreakdownView:
    """Categories down, sources across; ``cells[i][j]`` the text of category ``i`` in
    source ``j`` ('' when not filled); the last row is the total."""

    label: str
    heads: tuple[str, ...]
    notes: tuple[str, ...]
    rows: tuple[str, ...]
    cells: tuple[tuple[str, ...], ...]
    answered: bool


@dataclass
class View:
    """The document's content in its language, ready for layout."""

    toets: Toets
    form: Form
    rubric: Rubric | None
    evaluation: Evaluation
    language: str
    cform: CompiledForm
    dimensions: list[DimensionView] = field(default_factory=list)
    figures: list[FigureView] = field(default_factory=list)
    lists: list[ListView] = field(default_factory=list)
    slots: list[SlotView] = field(default_factory=list)
    checklists: list[ChecklistView] = field(default_factory=list)
    breakdowns: list[BreakdownView] = field(default_factory=list)
    verdict: Grade | None = None
    verdict_computed: Grade | None = None
    section_numbers: dict[str, str] = field(default_factory=dict)
    question_numbers: dict[str, str] = field(default_factory=dict)

    @property
    def type_title(self) -> str:
        return self.form.title.get(self.language)

    @property
    def type_short(self) -> str:
        return (self.form.short_title or self.form.title).get(self.language)

    @property
    def title(self) -> str:
        meta = self.toets.metadata
        return meta.title.strip() or meta.short_title.strip() or _("(voorstel zonder titel)")

    @property
    def short(self) -> str:
        meta = self.toets.metadata
        return meta.short_title.strip() or self.title

    def with_type(self, text: str, separator: str = ": ") -> str:
        """'Invoeringstoets: Wet X', but not 'Invoeringstoets: Invoeringstoets Wet X'."""
        low = text.casefold()
        if any(low.startswith(t.casefold()) for t in (self.type_short, self.type_title)):
            return text
        return f"{self.type_short}{separator}{text}"

    @property
    def citation(self) -> str:
        return self.toets.metadata.citation()

    @property
    def organisations(self) -> str:
        orgs = self.toets.metadata.organisations
        parts = [o.name + (f" ({o.abbreviation})" if o.abbreviation else "") for o in orgs]
        return "; ".join(parts)

    @property
    def status(self) -> str:
        return status_label(self.toets.metadata.status)

    @property
    def date(self) -> str:
        day = self.toets.metadata.toets_date
        return format_date(day, self.language) if day else ""

    @property
    def verdict_label(self) -> str:
        return self.rubric.verdict_label.get(self.language) if self.rubric else _("Eindoordeel")

    def question_ref(self, question_id: str) -> str:
        """'§ 4.2' for a question, '' when unknown."""
        number = self.question_numbers.get(question_id)
        return f"§ {number}" if number else ""


def _grade(options: list[Level], value: str | None, empty: str, lang: str) -> Grade:
    for rank, option in enumerate(options):
        if option.value == value:
            return Grade(option.label.get(lang), option.color, rank, len(options))
    return Grade(empty, None, None, len(options))


def figure_text(value: KeyFigureValue, cform: CompiledForm, lang: str) -> str:
    """A key figure formatted like the answers it comes from; 'n.v.t.' (with the
    reason) for an n.v.t. question, 'ongeldig: …' for a value that breaks a rule."""
    if value.not_applicable is not None:
        return not_applicable_text(value.not_applicable)
    if value.invalid is not None and value.value is None:
        return _("ongeldig: {value}").format(value=_shown_raw(value.invalid))
    if value.value is None:
        return ""
    if value.type == "count":
        return format_number(value.value, lang)
    question = cform.questions[value.question_id]
    field_ = question
    if value.figure.aggregate != "value":
        columns = value.figure.columns or [c.id for c in question.columns or ()]
        field_ = question.column(columns[0]) if columns else question  # type: ignore[assignment]
    return format_value(field_, value.type, value.value, lang)


def _shown_raw(raw: Any) -> str:
    text = ", ".join(map(str, raw)) if isinstance(raw, list) else str(raw)
    return text if len(text) <= 40 else text[:39] + "…"


def figure_state(value: KeyFigureValue) -> str:
    if value.not_applicable is not None:
        return "not_applicable"
    return "invalid" if value.invalid is not None else "value"


def list_item(question: Question, column_id: str, item: Any, lang: str) -> str:
    column = question.column(column_id)
    if column is not None and column.type in CHOICE_TYPES:
        return format_value(column, column.type, item, lang) or str(item or "")
    return "" if item is None else str(item)


def build_view(toets: Toets, form: Form, rubric: Rubric | None, language: str) -> View:
    """Evaluate the toets and collect what the PDF shows (in the active language)."""
    evaluation = evaluate_toets(toets, form, rubric)
    cform = compiled(form)
    view = View(toets, form, rubric, evaluation, language, cform)
    for s_index, section in enumerate(form.sections, start=1):
        view.section_numbers[section.id] = str(s_index)
        for q_index, question in enumerate(section.questions, start=1):
            view.question_numbers[question.id] = f"{s_index}.{q_index}"
    if rubric is not None:
        for score in evaluation.dimensions:
            dim = score.dimension
            empty = _("n.v.t.") if score.not_applicable else _("niet beoordeeld")
            view.dimensions.append(DimensionView(
                dim.id, dim.label.get(language), dim.description.get(language), dim.critical,
                _grade(rubric.levels, score.level, empty, language),
                _grade(rubric.levels, score.computed, empty, language),
                score.override, score.overridden, score))
        verdict = evaluation.verdict
        none_yet = _("nog geen oordeel")
        view.verdict = _grade(rubric.verdicts, verdict.value if verdict else None, none_yet,
                              language)
        view.verdict_computed = _grade(rubric.verdicts, verdict.computed if verdict else None,
                                       none_yet, language)
    effective = evaluation.visibility.effective
    view.slots = slot_views(evaluation, cform, rubric, effective, language,
                            lambda value: figure_text(value, cform, language))
    for value in evaluation.key_figures:
        figure = value.figure
        if figure.slot:
            continue
        if figure.display == "checklist":
            view.checklists.append(_checklist(figure.label.get(language), cform,
                                              figure.question, evaluation, language,
                                              toets.answers.get(figure.question)))
            continue
        text = figure_text(value, cform, language)
        state = figure_state(value)
        if figure.question not in evaluation.visibility.questions:
            text, state = _("n.v.t."), "not_applicable"
        note = _figure_note(toets, value) if text else ""
        view.figures.append(FigureView(figure.label.get(language), text,
                                       bool(text), value.question_id, state, note))
    for kl in evaluation.key_lists:
        question = cform.questions[kl.key_list.question]
        items = tuple(list_item(question, kl.key_list.column, i, language) for i in kl.items)
        if kl.key_list.detail_column:
            items = tuple(
                f"{item} — {detail_text}" if (detail_text := list_item(
                    question, kl.key_list.detail_column, detail, language)) else item
                for item, detail in zip(items, kl.details, strict=False))
        view.lists.append(ListView(kl.key_list.label.get(language), items, kl.total,
                                   question.id))
    view.breakdowns = [_breakdown(b, cform, effective, language) for b in form.key_breakdowns]
    return view


def _checklist(label: str, cform: CompiledForm, question_id: str, evaluation: Evaluation,
               lang: str, answer: Any = None) -> ChecklistView:
    """A multichoice as ticked options; per choice its state when the form asks for one."""
    question = cform.questions[question_id]
    value = evaluation.visibility.effective.get(question_id)
    chosen = set(value) if isinstance(value, list) else set()
    items = tuple((c.label.get(lang), c.value in chosen) for c in question.choices or ())
    states: tuple[tuple[str, str], ...] = ()
    if question.choice_states and answer is not None:
        labels = {c.value: c.label.get(lang) for c in question.choices or ()}
        states = tuple((labels.get(v, v), state) for v, state in choice_states(question, answer))
    return ChecklistView(label, items, isinstance(value, list) or bool(states),
                         question_id in evaluation.visibility.questions, question_id, states)


def _breakdown(breakdown: Any, cform: CompiledForm, answers: dict[str, Any],
               lang: str) -> BreakdownView:
    """A cost split: each category summed per source (all rows, or the last row)."""
    from toetsapp.export.slots import _since

    heads, notes, columns = [], [], []
    answered = False
    first = cform.questions[breakdown.sources[0].question]
    for source in breakdown.sources:
        question = cform.questions[source.question]
        rows = [r for r in answers.get(source.question) or [] if isinstance(r, dict)]
        picked = rows[-1:] if source.aggregate == "last_row_total" else rows
        sums: list[float | None] = []
        for column_id in breakdown.columns:
            numbers = [n for r in picked if (n := as_number(r.get(column_id))) is not None]
            sums.append(sum(numbers) if numbers else None)
        answered = answered or any(x is not None for x in sums)
        filled = [x for x in sums if x is not None]
        columns.append([*sums, sum(filled) if filled else None])
        heads.append(source.label.get(lang))
        since = _since(source, answers) if source.since_column else ""  # type: ignore[arg-type]
        notes.append(since)
        del question
    labels = [(first.column(c).label.get(lang) if first.column(c) else c)  # type: ignore[union-attr]
              for c in breakdown.columns]
    money = first.column(breakdown.columns[0])
    cells = tuple(tuple(format_value(money, "money", col[i], lang) if col[i] is not None
                        else "" for col in columns) for i in range(len(labels) + 1))
    return BreakdownView(breakdown.label.get(lang), tuple(heads), tuple(notes),
                         (*labels, _("Totaal")), cells, answered)


def _figure_note(toets: Toets, value: KeyFigureValue) -> str:
    """The toelichting beside a key figure's answer (e.g. the release a proposal fits in)."""
    if value.figure.aggregate != "value" or value.not_applicable is not None:
        return ""
    answer = toets.answers.get(value.question_id)
    return " ".join(answer.note.split()) if answer is not None else ""


def raw_answer(toets: Toets, question_id: str) -> Any:
    answer = toets.answers.get(question_id)
    return answer.value if answer is not None else None


def has_answer(toets: Toets, question_id: str) -> bool:
    return is_answered(raw_answer(toets, question_id))
