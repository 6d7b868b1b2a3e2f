"""The chain view of a comparison: totals per toets type, lists side by side, every
organisation's position, and flags where toetsen of one bill disagree."""

from __future__ import annotations

from typing import Any

from toetsapp.dossier.comparer import (
    DOENVERMOGEN,
    FIGURES,
    _row,
    figure_cell,
    organisation_cell,
    verdict_cell,
)
from toetsapp.dossier.comparison import Cell, Column, ComparisonTable, Row
from toetsapp.engine.values import as_date, as_number
from toetsapp.i18n import _, ngettext


def _bill(item: Any) -> str:
    """Toetsen of the same bill: the dossiernummer, else the proposal name."""
    return item.entry.toets.metadata.dossiernummer or item.proposal.casefold()


def _who(item: Any, lang: str) -> str:
    short = (item.form.short_title or item.form.title).get(lang)
    org = organisation_cell(item.entry.toets).text
    return f"{short}, {org}" if org else short


def _totals(items: list[Any], lang: str) -> ComparisonTable:
    """Costs and FTE summed over the toetsen of each type (ex-ante and ex-post apart)."""
    from toetsapp.display import amount_text
    from toetsapp.formatting import format_date

    columns = [Column("soort", _("Toetsen")),
               *(Column(cid, _(label), kind) for cid, label, kind in FIGURES)]  # type: ignore[arg-type]
    groups: dict[str, list[Any]] = {}
    for item in items:
        groups.setdefault(item.form.toets_type, []).append(item)
    rows = []
    for toets_type, group in groups.items():
        first = group[0]
        short = (first.form.short_title or first.form.title).get(lang)
        cells = {"soort": Cell(f"{short} ({len(group)})", toets_type,
                               note=_("nr. {numbers}").format(
                                   numbers=", ".join(str(i.number) for i in group)))}
        for cid, _label, kind in FIGURES:
            found = [i.slots.get(cid) for i in group]
            if not any(found):
                cells[cid] = Cell(_("n.v.t."), None, "na")
                continue
            if cid == "invoering_per":
                dates = sorted(v.value for v in found if v is not None and v.value)
                cells[cid] = Cell(format_date(as_date(dates[-1]), lang) if dates else "",
                                  dates[-1] if dates else None, "date",
                                  note=_("de laatste: dan kan iedereen") if len(dates) > 1
                                  and toets_type == "uitvoerbaarheid" else "")
                continue
            numbers = []
            for member in group:
                value = member.slots.get(cid)
                if value is not None and value.question_id in \
                        member.evaluation.visibility.questions and \
                        (number := as_number(value.value)) is not None:
                    numbers.append(number)
            total = sum(numbers) if numbers else None
            text = "" if total is None else amount_text(total, kind, lang)  # −: besparing
            cells[cid] = Cell(text, total, kind, note=ngettext(
                "uit {n} van {m} toets", "uit {n} van {m} toetsen", len(group)).format(
                n=len(numbers), m=len(group)))
        rows.append(Row(0, "", toets_type, short, "", cells))
    return ComparisonTable("totals", _("Totalen van de keten"), tuple(columns), tuple(rows))


def _lists(items: list[Any], lang: str) -> ComparisonTable:
    """Each toets's first two short lists (conditions and top risks; for other types
    their own lists) side by side."""
    from toetsapp.export.view import list_item

    columns = [Column("organisatie", _("Toets")), Column("lijst1", _("Voorwaarden e.d.")),
               Column("lijst2", _("Belangrijkste risico's e.d."))]
    rows = []
    for item in items:
        cells = {"organisatie": Cell(_who(item, lang), note=item.proposal)}
        lists = item.evaluation.key_lists
        for index, cid in enumerate(("lijst1", "lijst2")):
            if index >= len(lists):
                cells[cid] = Cell(_("n.v.t."), None, "na")
                continue
            kl = lists[index]
            question = item.form.question_index()[kl.key_list.question]
            texts = [f"{n}. {list_item(question, kl.key_list.column, t, lang)}"
                     for n, t in enumerate(kl.items, start=1)]
            label = f"{kl.key_list.label.get(lang)} ({kl.total})"
            more = kl.total - len(kl.items)
            note = _("en nog {n} in de toets").format(n=more) if more > 0 else ""
            cells[cid] = Cell("\n".join([label, *texts]) if texts else
                              f"{label}: {_('geen')}", kl.total, note=note)
        rows.append(_row(item, cells, lang))
    return ComparisonTable("lists", _("Voorwaarden en risico's naast elkaar"),
                           tuple(columns), tuple(rows))


def _positions(items: list[Any], lang: str) -> ComparisonTable:
    """Every organisation of every toets with its position, remarks and signature."""
    from toetsapp.export.signatures import position_label
    from toetsapp.export.view import role_label

    columns = [Column("toets", _("Toets")), Column("organisatie", _("Organisatie")),
               Column("standpunt", _("Standpunt")),
               Column("kanttekeningen", _("Kanttekeningen")),
               Column("ondertekening", _("Handtekening"), "signature")]
    rows = []
    for item in items:
        toets = item.entry.toets
        check = item.entry.signatures
        results = list(check.cosignatures) if check is not None else []
        signed = {s.organisation.casefold(): (i, s) for i, s in enumerate(toets.signatures)}
        names = [(o.name, o.abbreviation, o.role) for o in toets.metadata.organisations]
        names += [(s.organisation, "", "co") for s in toets.signatures
                  if s.organisation.casefold() not in
                  {n.casefold() for n, _a, _r in names} | {a.casefold() for _n, a, _r in names
                                                          if a}]
        for name, abbreviation, role in names:
            found = signed.get(name.casefold()) or signed.get(abbreviation.casefold())
            org = name + (f" ({abbreviation})" if abbreviation else "")
            cells = {"toets": Cell(_who(item, lang)),
                     "organisatie": Cell(org, note=role_label(role))}
            if found is None:
                cells["standpunt"] = Cell(_("nog geen standpunt") if role != "lead" else "—")
                cells["kanttekeningen"] = Cell("")
                cells["ondertekening"] = Cell(_("niet ondertekend"), "unsigned", "signature")
            else:
                index, sig = found
                cells["standpunt"] = Cell(position_label(sig.position), sig.position)
                cells["kanttekeningen"] = Cell(_remarks(sig.remarks))
                result = results[index] if index < len(results) else None
                cells["ondertekening"] = Cell(
                    result.status.label if result else _("niet gecontroleerd"),
                    ("valid" if result.valid else "invalid") if result else None, "signature")
            rows.append(_row(item, cells, lang))
    return ComparisonTable("positions", _("Standpunten van de organisaties"), tuple(columns),
                           tuple(rows))


def _flags(items: list[Any], lang: str) -> tuple[str, ...]:
    """Where toetsen of the same bill disagree: the doenvermogen verdict of a U&H-toets
    against the doenvermogentoets, and the earliest start dates of the U&H-toetsen."""
    from toetsapp.formatting import format_date

    out: list[str] = []
    for item in items:
        own = item.slots.get(DOENVERMOGEN)
        if item.form.toets_type != "uitvoerbaarheid" or own is None or \
                own.question_id not in item.evaluation.visibility.questions or own.value is None \
                or own.not_applicable is not None:
            continue
        question = item.form.question_index()[own.question_id]
        rank = question.choice_positions.get(own.value)
        for other in items:
            if other.form.toets_type != DOENVERMOGEN or _bill(other) != _bill(item):
                continue
            verdict = verdict_cell(other, lang)
            if rank is not None and verdict.rank is not None and verdict.rank != rank:
                mine = figure_cell(item, "text", DOENVERMOGEN, lang).text
                out.append(_("Toets nr. {a} ({who}) beoordeelt het doenvermogen als "
                             "'{mine}'; de doenvermogentoets nr. {b} ({other}) komt uit op "
                             "'{theirs}'.").format(a=item.number, who=_who(item, lang),
                                                   mine=mine, b=other.number,
                                                   other=_who(other, lang),
                                                   theirs=verdict.text))
    bills: dict[str, list[Any]] = {}
    for item in items:
        if item.form.toets_type == "uitvoerbaarheid":
            bills.setdefault(_bill(item), []).append(item)
    for group in bills.values():
        dates = {i.number: i.slots["invoering_per"].value for i in group
                 if i.slots.get("invoering_per") and i.slots["invoering_per"].value}
        if len(set(dates.values())) > 1:
            latest = max(dates.values())
            out.append(_("De uitvoerbaarheidstoetsen nr. {numbers} noemen verschillende "
                         "invoeringsdata; alle organisaties kunnen pas per {date}.").format(
                numbers=", ".join(str(n) for n in sorted(dates)),
                date=format_date(as_date(latest), lang)))
        verdicts = {verdict_cell(i, lang).rank for i in group} - {None}
        if len(verdicts) > 1:
            out.append(_("De uitvoerbaarheidstoetsen nr. {numbers} komen tot verschillende "
                         "eindoordelen; zie het overzicht.").format(
                numbers=", ".join(str(i.number) for i in group)))
    return tuple(out)


def _remarks(text: str, limit: int = 600) -> str:
    """Remarks for a table cell: whole, or up to a sentence or word boundary with a
    pointer to where the rest is."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = max(text.rfind(". ", 0, limit) + 1, text.rfind(" ", 0, limit))
    return text[:cut].rstrip() + " " + _("(verder in bijlage B van de toets)")


def chain_tables(items: list[Any], lang: str) -> tuple[Any, ...]:
    """(totals, lists, positions, flags) for the items of a comparison."""
    return _totals(items, lang), _lists(items, lang), _positions(items, lang), \
        _flags(items, lang)
