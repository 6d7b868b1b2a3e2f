"""Moving a toets to a newer version of its form, on request, with a report.

The newer form names, per older version, the questions it renamed and the choice
values it renamed (``previous_versions`` in the form file). Everything else is
compared: questions only in the new version are *added*, questions only in the old
version *removed* (their answers stay in the file, shown as "unknown question", so
nothing is lost), and choice questions whose options differ have *choices changed*.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from toetsapp.i18n import _
from toetsapp.model.form import Form
from toetsapp.model.toets import Answer, DefinitionRef, Toets


@dataclass
class FormReport:
    """What changes from the pinned form version to the newer one."""

    form_id: str
    old_version: str
    new_version: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)
    choices_changed: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    answers_moved: list[str] = field(default_factory=list)
    values_renamed: list[str] = field(default_factory=list)
    answers_orphaned: list[str] = field(default_factory=list)
    mapping_found: bool = True

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.renamed or self.choices_changed)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}

    def lines(self, language: str = "nl") -> list[str]:
        out = [_("Formulier {id}: versie {old} → {new}").format(
            id=self.form_id, old=self.old_version, new=self.new_version)]
        if not self.mapping_found:
            out.append(_("Let op: de nieuwe versie noemt geen hernoemingen vanaf {old}; "
                         "vragen die niet meer bestaan gelden als verwijderd.")
                       .format(old=self.old_version))
        for old, new in self.renamed.items():
            out.append(_("hernoemd: {old} → {new}").format(old=old, new=new))
        out += [_("toegevoegd: {id}").format(id=q) for q in self.added]
        out += [_("verwijderd: {id}").format(id=q) for q in self.removed]
        for question, change in self.choices_changed.items():
            parts = [f"+{v}" for v in change.get("added", [])]
            parts += [f"-{v}" for v in change.get("removed", [])]
            parts += change.get("renamed", [])
            out.append(_("keuzes gewijzigd bij {id}: {changes}").format(
                id=question, changes=", ".join(parts)))
        if self.answers_orphaned:
            out.append(_("antwoorden bij verwijderde vragen blijven bewaard (als onbekende "
                         "vraag): {ids}").format(ids=", ".join(self.answers_orphaned)))
        if self.empty:
            out.append(_("geen inhoudelijke wijzigingen in de vragen"))
        return out


def form_report(old: Form, new: Form, toets: Toets | None = None) -> FormReport:
    """Compare two versions of one form (and what it means for ``toets``'s answers)."""
    migration = new.migration_from(old.version)
    renamed = dict(migration.renamed) if migration else {}
    value_maps = dict(migration.choices_renamed) if migration else {}
    old_q, new_q = old.question_index(), new.question_index()
    report = FormReport(new.id, old.version, new.version, mapping_found=migration is not None)
    report.renamed = {o: n for o, n in renamed.items() if o in old_q and n in new_q}
    targets = set(report.renamed.values())
    report.added = [q for q in new_q if q not in old_q and q not in targets]
    report.removed = [q for q in old_q if q not in new_q and q not in report.renamed]
    for old_id, question in old_q.items():
        new_id = report.renamed.get(old_id, old_id)
        other = new_q.get(new_id)
        if other is None or question.choices is None:
            continue
        mapping = value_maps.get(new_id, {})
        before = [mapping.get(v, v) for v in question.choice_values()]
        after = other.choice_values()
        change: dict[str, list[str]] = {}
        if mapping:
            change["renamed"] = [f"{a}→{b}" for a, b in mapping.items()]
        added = [v for v in after if v not in before]
        removed = [v for v in question.choice_values() if mapping.get(v, v) not in after]
        if added:
            change["added"] = added
        if removed:
            change["removed"] = removed
        if change:
            report.choices_changed[new_id] = change
    if toets is not None:
        report.answers_moved = [q for q in toets.answers if q in report.renamed]
        report.answers_orphaned = [q for q in toets.answers if q in report.removed]
        report.values_renamed = [report.renamed.get(q, q) for q, a in toets.answers.items()
                                 if _maps(a.value, value_maps.get(report.renamed.get(q, q),
                                                                  {}))]
    return report


def _maps(value: Any, mapping: dict[str, str]) -> bool:
    if isinstance(value, str):
        return value in mapping
    return isinstance(value, list) and any(isinstance(v, str) and v in mapping for v in value)


def _rename_value(value: Any, mapping: dict[str, str]) -> Any:
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, list):
        return [mapping.get(v, v) if isinstance(v, str) else v for v in value]
    return value


def migrate_toets(toets: Toets, old: Form, new: Form, new_ref: DefinitionRef, *,
                  by: str = "") -> tuple[Toets, FormReport]:
    """A copy of ``toets`` moved to ``new`` (answers renamed, choice values mapped, the
    form reference updated) with a revision logging the changed answers."""
    from toetsapp.review.history import record_revision

    report = form_report(old, new, toets)
    migration = new.migration_from(old.version)
    value_maps = dict(migration.choices_renamed) if migration else {}
    moved = toets.model_copy(deep=True)
    answers: dict[str, Answer] = {}
    for question, answer in toets.answers.items():
        target = report.renamed.get(question, question)
        copy = answer.model_copy(deep=True)
        if target in value_maps:
            copy.value = _rename_value(copy.value, value_maps[target])
        answers[target] = copy
    moved.answers = answers
    moved.form = new_ref
    for comment in moved.comments:
        if comment.question in report.renamed:
            comment.question = report.renamed[comment.question]
    record_revision(moved, _("Bijgewerkt naar formulierversie {new} (was {old})").format(
        new=new.version, old=old.version), by=by, previous=toets)
    return moved, report


def rendering_form(toets: Toets, catalog: Any) -> tuple[Form, list[str]]:
    """The form to render ``toets`` with: the pinned version while it is shipped (its
    labels are what the toetser saw), else the current one; with a colophon note."""
    from toetsapp.engine import evaluate_toets

    current = catalog.form(toets.form.id)
    pinned = catalog.pinned_form(toets.form)
    if pinned is current:
        return current, []
    if pinned is not None:
        try:
            evaluate_toets(toets, pinned, catalog.rubric_for(current.id))
        except (KeyError, ValueError, TypeError):
            pinned = None
    if pinned is not None:
        return pinned, [_("Weergegeven met de vragen en labels van formulierversie {v}, "
                          "waarmee de toets is ingevuld (de huidige versie is {now}).")
                        .format(v=pinned.version, now=current.version)]
    return current, [_("Formulierversie {v} wordt niet meer meegeleverd; weergegeven met "
                       "de vragen en labels van versie {now}.").format(
        v=toets.form.version, now=current.version)]
