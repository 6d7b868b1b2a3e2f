"""Comparing toetsen: pure functions from toetsen (and their signature checks) to a
:class:`~toetsapp.dossier.comparison.Comparison`. No reportlab, no files, no Qt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from toetsapp.catalog import Catalog
from toetsapp.dossier.comparison import Cell, Column, Comparison, ComparisonTable, Grade, Row
from toetsapp.dossier.context import catalog_for_toetsen, in_language
from toetsapp.dossier.signatures import SignatureCheck
from toetsapp.engine import Evaluation, evaluate_toets
from toetsapp.engine.compiled import compiled
from toetsapp.engine.keyfigures import KeyFigureValue
from toetsapp.engine.provisional import problems_text
from toetsapp.errors import FileProblem, ToetsappError
from toetsapp.export.view import figure_text
from toetsapp.files.store import definition_warnings
from toetsapp.i18n import N_, _
from toetsapp.model.form import Form
from toetsapp.model.rubric import Level, Rubric
from toetsapp.model.toets import Toets

DOENVERMOGEN = "doenvermogen"
# Overview columns filled from the fixed slots of page 1: slot id, label, kind.
FIGURES = (
    ("kosten_incidenteel", N_("Kosten incidenteel"), "money"),
    ("kosten_structureel", N_("Kosten structureel"), "money"),
    ("fte_incidenteel", N_("FTE incidenteel"), "fte"),
    ("fte_structureel", N_("FTE structureel"), "fte"),
    ("invoering_per", N_("Invoering per"), "date"),
)
SUMMED = ("kosten_incidenteel", "kosten_structureel", "fte_incidenteel", "fte_structureel")


@dataclass(frozen=True)
class Compared:
    """A toets to compare: its number (0: its place in the list, from 1), the file it
    came from, an optional proposal name, and its signature check (None: not checked)."""

    toets: Toets
    number: int = 0
    source: str = ""
    proposal: str = ""
    signatures: SignatureCheck | None = None


@dataclass
class _Item:
    entry: Compared
    number: int
    form: Form
    rubric: Rubric | None
    evaluation: Evaluation
    figures: dict[str, KeyFigureValue]
    proposal: str

    @property
    def slots(self) -> dict[str, KeyFigureValue]:
        return {v.figure.slot: v for v in self.figures.values() if v.figure.slot}

    @property
    def key(self) -> tuple[str, str]:
        return self.entry.toets.metadata.dossiernummer, self.proposal.casefold()


def proposal_name(toets: Toets, override: str = "") -> str:
    meta = toets.metadata
    return (override.strip() or meta.short_title.strip() or meta.title.strip()
            or _("(voorstel zonder titel)"))


def _grade(options: Sequence[Level], value: str | None, kind: str, empty: str, lang: str,
           computed: str | None = None, overridden: bool = False,
           provisional: str = "") -> Cell:
    """A level or verdict cell; ``provisional``: the note for a toets with open problems."""
    notes = [provisional] if provisional and value is not None else []
    if overridden:
        found = next((o for o in options if o.value == computed), None)
        notes.append(_("berekend: {label}").format(
            label=found.label.get(lang) if found else _("niet beoordeeld")))
    note = " · ".join(notes)
    for rank, option in enumerate(options):
        if option.value == value:
            return Cell(option.label.get(lang), value, kind, option.color, rank, len(options),
                        note, overridden, bool(provisional))  # type: ignore[arg-type]
    return Cell(empty, None, kind, None, None, len(options), note)  # type: ignore[arg-type]


def verdict_cell(item: _Item, lang: str) -> Cell:
    if item.rubric is None:
        return Cell(_("n.v.t."), None, "na")
    verdict = item.evaluation.verdict
    state = item.evaluation.provisional
    note = _("voorlopig: {a} van {n} beoordeeld, {problems}").format(
        a=state.assessed, n=state.total, problems=problems_text(state.count)) \
        if state.is_provisional else ""
    return _grade(item.rubric.verdicts, verdict.value if verdict else None, "verdict",
                  _("nog geen oordeel"), lang, verdict.computed if verdict else None,
                  bool(verdict and verdict.overridden), note)


def figure_cell(item: _Item, kind: str, slot: str, lang: str) -> Cell:
    """The figure in ``slot`` as a cell: 'n.v.t.' when the type has none or the
    question does not apply; its note (e.g. 'werkelijk') as the second line."""
    value = item.slots.get(slot)
    if value is None:
        return Cell(_("n.v.t."), None, "na", note=_("niet bij dit type"))
    if value.question_id not in item.evaluation.visibility.questions:
        return Cell(_("n.v.t."), None, "na")
    if value.figure.verdict:
        return verdict_cell(item, lang)
    text = figure_text(value, compiled(item.form), lang)
    if value.not_applicable is not None:
        return Cell(text, None, "na")
    if value.invalid is not None and value.value is None:
        return Cell(text, None, kind, note=_("ongeldig antwoord"))  # type: ignore[arg-type]
    note = value.figure.note.get(lang) if value.figure.note and item.form.toets_type != \
        "uitvoerbaarheid" else ""
    raw = value.value if not hasattr(value.value, "isoformat") else value.value.isoformat()
    return Cell(text, raw if text else None, kind, note=note)  # type: ignore[arg-type]


def key_figure_cell(item: _Item, figure_id: str, lang: str) -> Cell:
    """A key figure of the type by its id (the type matrices)."""
    value = item.figures.get(figure_id)
    if value is None:
        return Cell(_("n.v.t."), None, "na")
    if value.figure.verdict:
        return verdict_cell(item, lang)
    text = figure_text(value, compiled(item.form), lang)
    raw = value.value if not hasattr(value.value, "isoformat") else value.value.isoformat()
    return Cell(text, raw if text else None, "text")


def doenvermogen_cell(item: _Item, items: list[_Item], lang: str) -> Cell:
    """The toets's own doability verdict, its doenvermogen answer, or the verdict of a
    doenvermogentoets about the same proposal in the comparison."""
    if item.form.toets_type == DOENVERMOGEN:
        return verdict_cell(item, lang)
    own = figure_cell(item, "text", DOENVERMOGEN, lang)
    if own.text and own.kind != "na":
        question = item.form.question_index().get(item.slots[DOENVERMOGEN].question_id)
        choices = question.choice_values() if question and question.choices else []
        rank = choices.index(own.value) if own.value in choices else None
        return Cell(own.text, own.value, "text", rank=rank, of=len(choices) or None)
    for other in items:
        if other.form.toets_type == DOENVERMOGEN and other.key == item.key:
            found = verdict_cell(other, lang)
            return Cell(found.text, found.value, "verdict", found.color, found.rank, found.of,
                        _("uit toets nr. {number}").format(number=other.number))
    return own


def signature_cell(check: SignatureCheck | None) -> Cell:
    if check is None:
        return Cell(_("niet gecontroleerd"), None, "signature")
    text, note = check.short()
    return Cell(text, check.state, "signature", note=note)


def organisation_cell(toets: Toets) -> Cell:
    orgs = toets.metadata.organisations
    if not orgs:
        return Cell(toets.metadata.toetser.organisation)
    lead = next((o for o in orgs if o.role == "lead"), orgs[0])
    others = [o.abbreviation or o.name for o in orgs if o is not lead]
    name = lead.name + (f" ({lead.abbreviation})" if lead.abbreviation else "")
    return Cell(name, lead.name, note=_("met {organisations}").format(
        organisations=", ".join(others)) if others else "")


def _overview(items: list[_Item], lang: str) -> ComparisonTable:
    columns = [Column("voorstel", _("Voorstel")), Column("soort", _("Soort toets")),
               Column("organisatie", _("Organisatie")),
               Column("eindoordeel", _("Eindoordeel"), "verdict"),
               *(Column(cid, _(label), kind) for cid, label, kind in FIGURES),  # type: ignore[arg-type]
               Column("doenvermogen", _("Doenvermogen")),
               Column("ondertekening", _("Ondertekening"), "signature")]
    rows = []
    for item in items:
        toets = item.entry.toets
        cells = {"voorstel": Cell(item.proposal, item.proposal,
                                  note=toets.metadata.citation()),
                 "soort": Cell((item.form.short_title or item.form.title).get(lang),
                               item.form.toets_type),
                 "organisatie": organisation_cell(toets),
                 "eindoordeel": verdict_cell(item, lang)}
        for cid, _label, kind in FIGURES:
            cells[cid] = figure_cell(item, kind, cid, lang)
        cells["doenvermogen"] = doenvermogen_cell(item, items, lang)
        cells["ondertekening"] = signature_cell(item.entry.signatures)
        rows.append(_row(item, cells, lang))
    return ComparisonTable("overview", _("Overzicht van de toetsen"), tuple(columns),
                           tuple(rows))


def _row(item: _Item, cells: dict[str, Cell], lang: str) -> Row:
    toets = item.entry.toets
    short = (item.form.short_title or item.form.title).get(lang)
    return Row(item.number, str(toets.id), item.form.toets_type,
               f"{short}: {item.proposal}", item.entry.source, cells)


def _type_table(group: list[_Item], lang: str) -> ComparisonTable:
    """Every dimension, the verdict and the key figures of one toets type."""
    first = group[0]
    rubric, form = first.rubric, first.form
    columns: dict[str, Column] = {}
    for item in group:
        for score in item.evaluation.dimensions:
            dim = score.dimension
            columns.setdefault(dim.id, Column(dim.id, dim.label.get(lang), "level",
                                              dim.description.get(lang), dim.critical))
    verdict_title = rubric.verdict_label.get(lang) if rubric else _("Eindoordeel")
    columns["eindoordeel"] = Column("eindoordeel", verdict_title, "verdict")
    for figure in form.key_figures:
        columns.setdefault(f"kf_{figure.id}", Column(
            f"kf_{figure.id}", figure.label.get(lang), "text",
            figure.note.get(lang) if figure.note else ""))
    rows = []
    for item in group:
        cells: dict[str, Cell] = {}
        for score in item.evaluation.dimensions:
            cells[score.dimension.id] = _grade(
                item.rubric.levels if item.rubric else [], score.level, "level",
                _("n.v.t.") if score.not_applicable else _("niet beoordeeld"), lang,
                score.computed, score.overridden,
                _("voorlopig") if item.evaluation.provisional.is_provisional else "")
        cells["eindoordeel"] = verdict_cell(item, lang)
        for figure_id in item.figures:
            cells[f"kf_{figure_id}"] = key_figure_cell(item, figure_id, lang)
        rows.append(_row(item, cells, lang))
    legend = tuple(Grade(o.value, o.label.get(lang), o.color) for o in rubric.levels) \
        if rubric else ()
    verdicts = tuple(Grade(o.value, o.label.get(lang), o.color) for o in rubric.verdicts) \
        if rubric else ()
    return ComparisonTable(form.toets_type, _("{type}: scores per dimensie").format(
        type=form.title.get(lang)), tuple(columns.values()), tuple(rows), form.toets_type,
        legend, verdicts)


def _prepare(entry: Compared, number: int, catalog: Catalog) -> _Item:
    toets = entry.toets
    try:
        form = catalog.form(toets.form.id)
    except ToetsappError as error:
        raise FileProblem(entry.source or str(toets.id), str(error)) from None
    rubric = catalog.rubric_for(form.id)
    evaluation = evaluate_toets(toets, form, rubric)
    figures = {v.figure.id: v for v in evaluation.key_figures}
    return _Item(entry, number, form, rubric, evaluation, figures,
                 proposal_name(toets, entry.proposal))


def compare(toetsen: Sequence[Compared | Toets], *, catalog: Catalog | None = None,
            language: str | None = None) -> Comparison:
    """Compare ``toetsen`` (in this order): an overview of all, then a table per type.

    ``language``: 'nl' or 'en' (default: the active language). Raises
    :class:`FileProblem` for a toets whose form is not in the catalog.
    """
    from toetsapp.dossier.chain import chain_tables

    entries = [t if isinstance(t, Compared) else Compared(t) for t in toetsen]
    catalog = catalog or catalog_for_toetsen([e.toets for e in entries])
    with in_language(language) as lang:
        items = [_prepare(e, e.number or i, catalog) for i, e in enumerate(entries, start=1)]
        groups: dict[str, list[_Item]] = {}
        for item in items:
            groups.setdefault(item.form.toets_type, []).append(item)
        warnings = [_("Toets nr. {number}: {warning}").format(number=item.number, warning=w)
                    for item in items for w in definition_warnings(item.entry.toets, catalog)
                    if w not in item.entry.toets.migration_notes]  # file format: not news
        return Comparison(lang, _overview(items, lang),
                          tuple(_type_table(g, lang) for g in groups.values()), tuple(warnings),
                          *chain_tables(items, lang))
