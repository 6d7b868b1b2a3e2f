"""Questionnaire definitions (``forms/*.json``)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from toetsapp.model.condition import Condition
from toetsapp.model.text import Text

Identifier = str
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
VERSION_PATTERN = r"^\d+\.\d+\.\d+$"

ToetsType = Literal["uitvoerbaarheid", "doenvermogen", "invoering"]
ScalarType = Literal[
    "text", "textarea", "choice", "multichoice", "scale", "boolean", "number", "money", "fte",
    "date",
]
QuestionType = Literal[
    "text", "textarea", "choice", "multichoice", "scale", "boolean", "number", "money", "fte",
    "date", "table",
]
CHOICE_TYPES = frozenset({"choice", "multichoice", "scale"})
NUMERIC_TYPES = frozenset({"number", "money", "fte"})
TEXT_TYPES = frozenset({"text", "textarea"})

DEFAULT_MAX_LENGTH = {"text": 500, "textarea": 100_000}
MAX_TABLE_ROWS = 1000


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Strict):
    """One option of a choice, multiple-choice or scale question."""

    value: str = Field(pattern=ID_PATTERN)
    label: Text
    description: Text | None = None
    other: bool = False  # 'anders, namelijk …': choosing it asks for a short text


class _Field(_Strict):
    """What questions and table columns share."""

    id: Identifier = Field(pattern=ID_PATTERN)
    label: Text
    help: Text | None = None
    required: bool = False
    choices: list[Choice] | None = None
    min: float | None = None
    max: float | None = None
    allow_negative: bool = False  # money/fte: a negative amount is a saving
    max_length: int | None = Field(default=None, ge=1, le=1_000_000)
    unit: Text | None = None

    def choice(self, value: str) -> Choice | None:
        """The choice with ``value``, if any."""
        return next((c for c in self.choices or () if c.value == value), None)

    def choice_values(self) -> list[str]:
        """Choice values in order (a fresh list; see ``choice_positions`` for lookups)."""
        return list(self.choice_positions)

    @cached_property
    def choice_positions(self) -> dict[str, int]:
        """Choice value to its position (0 = first); computed once per field."""
        return {c.value: i for i, c in enumerate(self.choices or ())}

    def text_limit(self, type_: str) -> int:
        return self.max_length or DEFAULT_MAX_LENGTH.get(type_, 500)


class Column(_Field):
    """A typed column of a repeatable table."""

    type: ScalarType
    width: float = Field(default=1.0, gt=0, le=10)


class Question(_Field):
    """One question: the main question, its guidance and how it is answered."""

    type: QuestionType
    short_label: Text | None = None
    guidance: list[Text] = Field(default_factory=list)
    placeholder: Text | None = None
    required_when: Condition | None = None
    visible_when: Condition | None = None
    columns: list[Column] | None = None
    min_rows: int | None = Field(default=None, ge=0)
    max_rows: int | None = Field(default=None, ge=1, le=MAX_TABLE_ROWS)
    evidence: bool = True
    involved: bool = True
    allow_not_applicable: bool = True  # may be answered 'n.v.t.' (with a reason)
    # multichoice: each choice is ticked (gevolgen), not ticked (geen gevolgen) or n.v.t.
    choice_states: bool = False

    def column(self, column_id: str) -> Column | None:
        return next((c for c in self.columns or () if c.id == column_id), None)

    def title(self, language: str) -> str:
        """The short label if the form has one, otherwise the main question."""
        return (self.short_label or self.label).get(language)


class Section(_Strict):
    """A numbered part of the questionnaire.

    ``intro`` is guidance for the person filling the toets (shown in the app only);
    ``reader_intro`` is what a reader of the PDF sees under the section title.
    """

    id: Identifier = Field(pattern=ID_PATTERN)
    title: Text
    intro: Text | None = None
    reader_intro: Text | None = None
    visible_when: Condition | None = None
    allow_not_applicable: bool = False  # the whole section may be declared 'n.v.t.'
    questions: list[Question] = Field(min_length=1)


KeyAggregate = Literal["value", "table_total", "last_row_total", "row_count"]
SlotId = Literal["kosten_incidenteel", "kosten_structureel", "fte_incidenteel", "fte_structureel",
                 "invoering_per", "portfolio", "doenvermogen", "udo"]
SLOT_IDS: tuple[SlotId, ...] = ("kosten_incidenteel", "kosten_structureel", "fte_incidenteel",
                                "fte_structureel", "invoering_per", "portfolio", "doenvermogen",
                                "udo")


class KeyFigure(_Strict):
    """A headline figure on the toetskaart, derived from one answer.

    ``slot``: its fixed place in the grid every toets type shares (docs/FORMATS.md,
    "Page 1"); figures without a slot follow in the type's own row. ``dimension``:
    show that rubric dimension's level, ``verdict``: show the toets's own verdict
    (``question`` then only decides whether it applies). ``since_column``: for a
    ``last_row_total``, the column of the last row that says from when ("per jaar
    vanaf 2029"). ``fallback``: a question whose answer says why the figure does not
    apply. ``detail``: a text answer shown in full with the figure (the portfolio
    text). ``display``: ``checklist`` shows every option of a multiple choice with
    whether it was chosen.
    """

    id: Identifier = Field(pattern=ID_PATTERN)
    label: Text
    question: Identifier
    aggregate: KeyAggregate = "value"
    columns: list[Identifier] | None = None
    note: Text | None = None
    slot: SlotId | None = None
    dimension: Identifier | None = None
    verdict: bool = False
    since_column: Identifier | None = None
    fallback: Identifier | None = None
    detail: Identifier | None = None
    display: Literal["value", "checklist"] = "value"


class KeyBreakdownSource(_Strict):
    """One column of a cost split: a table question summed per category."""

    question: Identifier
    aggregate: Literal["table_total", "last_row_total"] = "table_total"
    label: Text
    since_column: Identifier | None = None


class KeyBreakdown(_Strict):
    """A small table on the toetskaart: categories (table columns) down, sources
    (e.g. one-off and recurring costs) across, with totals both ways."""

    id: Identifier = Field(pattern=ID_PATTERN)
    label: Text
    columns: list[Identifier] = Field(min_length=1)
    sources: list[KeyBreakdownSource] = Field(min_length=1)


class KeyList(_Strict):
    """A short list on the toetskaart (conditions, top risks) taken from a table;
    ``detail_column`` is shown after each item (a measure's verdict)."""

    id: Identifier = Field(pattern=ID_PATTERN)
    label: Text
    question: Identifier
    column: Identifier
    detail_column: Identifier | None = None  # shown after the item, e.g. its verdict
    order_by: Identifier | None = None
    limit: int = Field(default=5, ge=1, le=20)
    detail_column: Identifier | None = None


class FormMigration(_Strict):
    """How answers given against an older version of this form carry over (explicit:
    a question or choice that is not listed here and no longer exists is *removed*)."""

    from_version: str = Field(pattern=VERSION_PATTERN)
    renamed: dict[Identifier, Identifier] = Field(default_factory=dict)
    """Old question id → new question id."""
    choices_renamed: dict[Identifier, dict[str, str]] = Field(default_factory=dict)
    """New question id → {old choice value: new choice value}."""


class Form(_Strict):
    """A complete questionnaire for one type of toets."""

    schema_: str | None = Field(default=None, alias="$schema")
    id: Identifier = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    version: str = Field(pattern=VERSION_PATTERN)
    toets_type: ToetsType
    title: Text
    short_title: Text | None = None
    description: Text
    sections: list[Section] = Field(min_length=1)
    key_figures: list[KeyFigure] = Field(default_factory=list)
    key_lists: list[KeyList] = Field(default_factory=list)
    key_breakdowns: list[KeyBreakdown] = Field(default_factory=list)
    previous_versions: list[FormMigration] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def migration_from(self, version: str) -> FormMigration | None:
        """The mapping for answers given against ``version`` of this form, if any."""
        return next((m for m in self.previous_versions if m.from_version == version), None)

    def questions(self) -> Iterator[tuple[Section, Question]]:
        """Every question with its section, in form order."""
        for section in self.sections:
            for question in section.questions:
                yield section, question

    def question_index(self) -> dict[str, Question]:
        return {q.id: q for _, q in self.questions()}

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)
