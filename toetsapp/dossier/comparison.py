"""The comparison as plain data: tables of rows (toetsen) and columns (what is compared).

Built by :func:`toetsapp.dossier.compare`; drawn by the dossier PDF and shown by the
app's comparison view. Every cell carries both the raw value (a level or verdict id,
a number, an ISO date, a signature state) and the text to show, in one language.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

CellKind = Literal["text", "level", "verdict", "money", "fte", "date", "signature", "na"]


@dataclass(frozen=True)
class Cell:
    """One value as shown. ``text`` is empty when nothing was filled in.

    ``rank``/``of``: place on the scale (0 = best) for levels and verdicts; ``color``
    their ``#RRGGBB`` colour; ``note`` a second, smaller line (e.g. the computed level
    when the toetser overrode it, where a value comes from, or 'voorlopig').
    """

    text: str
    value: Any = None
    kind: CellKind = "text"
    color: str | None = None
    rank: int | None = None
    of: int | None = None
    note: str = ""
    overridden: bool = False
    provisional: bool = False  # the toets still has open problems: this may change

    @property
    def empty(self) -> bool:
        return not self.text


@dataclass(frozen=True)
class Column:
    """What one column compares; ``critical`` marks a critical rubric dimension."""

    id: str
    label: str
    kind: CellKind = "text"
    description: str = ""
    critical: bool = False


@dataclass(frozen=True)
class Row:
    """One toets. ``number`` is its number in the dossier (or in the list compared)."""

    number: int
    toets_id: str
    toets_type: str
    label: str
    source: str
    cells: dict[str, Cell]

    def cell(self, column_id: str) -> Cell:
        return self.cells.get(column_id, Cell(""))


@dataclass(frozen=True)
class Grade:
    """A level or verdict option for the legend."""

    value: str
    label: str
    color: str


@dataclass(frozen=True)
class ComparisonTable:
    """The overview (``id == "overview"``) or the dimensions of one toets type."""

    id: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    toets_type: str | None = None
    levels: tuple[Grade, ...] = ()
    verdicts: tuple[Grade, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """The overview of every toets, then one table per toets type (in order of first
    appearance). ``warnings``: things the reader should know (e.g. a toets filled
    against another version of its form). ``totals``: costs and FTE summed per toets
    type; ``lists``: each toets's conditions and top risks side by side;
    ``positions``: every organisation's position with its remarks; ``flags``: where
    toetsen of the same bill disagree."""

    language: str
    overview: ComparisonTable
    groups: tuple[ComparisonTable, ...]
    warnings: tuple[str, ...] = field(default=())
    totals: ComparisonTable | None = None
    lists: ComparisonTable | None = None
    positions: ComparisonTable | None = None
    flags: tuple[str, ...] = field(default=())

    @property
    def tables(self) -> tuple[ComparisonTable, ...]:
        return (self.overview, *self.groups)

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (``toetsapp compare --json``)."""
        return asdict(self)
