"""The data page: what the toets is about, parliamentary identifiers, who made it, status."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from toetsapp.i18n import _
from toetsapp.model.toets import STATUSES
from toetsapp.ui.document import Document
from toetsapp.ui.kamerstukken import KamerstukkenEditor
from toetsapp.ui.metafields import MetaChoice, MetaDate, MetaLine, MetaList
from toetsapp.ui.organisations import OrganisationsEditor
from toetsapp.ui.sectionpage import MAX_TEXT_WIDTH, PAGE_MARGIN
from toetsapp.ui.statusfield import status_field
from toetsapp.ui.widgets import ReadableColumn, heading, muted


def status_label(status: str) -> str:
    return {"concept": _("Concept"), "in_review": _("Ter beoordeling"),
            "definitief": _("Definitief"), "vastgesteld": _("Vastgesteld")}.get(status, status)


class MetadataPage(ReadableColumn):
    """Every metadata field of the toets, grouped, each edit undoable."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(MAX_TEXT_WIDTH, PAGE_MARGIN, parent)
        self.doc = doc
        self.setAccessibleName(_("Gegevens van de toets"))
        self.fields: dict[str, QWidget] = {}
        body, column = self.body, self.column
        column.addWidget(heading(_("Gegevens van de toets"), 1.6, body))
        column.addWidget(muted(doc.form.title.get(doc.language) + " — "
                               + doc.form.description.get(doc.language), body))
        proposal = self._group(body, _("Voorstel"), [
            ("title", _("&Titel van het voorstel"), _("bijv. Wet vereenvoudiging toeslagen")),
            ("short_title", _("&Korte titel"), _("gebruikt in kopteksten en lijsten")),
            ("ministry", _("&Ministerie"), _("bijv. Ministerie van Financiën")),
        ])
        column.addWidget(proposal)
        kamer = self._group(body, _("Kamerstuk"), [
            ("vergaderjaar", _("&Vergaderjaar"), "2025/26"),
            ("dossiernummer", _("&Dossiernummer"), "36 501"),
            ("joint_dossiernummers", _("Samen behandeld met"),
             _("andere dossiers, bijv. 36 502, 36 503")),
            ("ondernummer", _("&Ondernummer"), _("3 (of B voor de Eerste Kamer)")),
            ("kamerstuk_document", _("Documentnummer"), "2025D12345"),
            ("zaaknummer", _("&Zaaknummer"), "2025Z12345"),
        ])
        form = kamer.layout()
        assert isinstance(form, QFormLayout)
        self.fields["kamer"] = MetaChoice(doc, "kamer", _("Kamer"),
                                          [("II", _("Tweede Kamer")), ("I", _("Eerste Kamer"))],
                                          kamer)
        form.insertRow(0, self._label(_("K&amer"), self.fields["kamer"]), self.fields["kamer"])
        self.citation = muted("", kamer)
        form.addRow(_("Vindplaats:"), self.citation)
        column.addWidget(kamer)
        related = QGroupBox(_("Verwante Kamerstukken"), body)
        related_layout = QVBoxLayout(related)
        related_layout.addWidget(muted(_("Andere stukken van het dossier waar deze toets naar "
                                         "verwijst, bijv. het advies van de Raad van State."),
                                       related))
        self.kamerstukken = KamerstukkenEditor(doc, related)
        related_layout.addWidget(self.kamerstukken)
        column.addWidget(related)
        orgs = QGroupBox(_("Organisaties"), body)
        orgs_layout = QVBoxLayout(orgs)
        self.organisations = OrganisationsEditor(doc, orgs)
        orgs_layout.addWidget(self.organisations)
        column.addWidget(orgs)
        column.addWidget(self._group(body, _("Toetser"), [
            ("toetser.name", _("&Naam"), ""),
            ("toetser.organisation", _("Organisatie"), ""),
            ("toetser.role", _("Functie"), ""),
            ("toetser.email", _("E-mail"), "naam@organisatie.nl"),
        ]))
        planning = QGroupBox(_("Planning en status"), body)
        plan_form = QFormLayout(planning)
        for name, label in (("toets_date", _("Datum van de toets")),
                            ("deadline", _("Uiterste datum"))):
            self.fields[name] = MetaDate(doc, name, label, planning)
            plan_form.addRow(self._label(label, self.fields[name].focus_widget()),
                             self.fields[name])
        status_box, status = status_field(doc, _("Status"),
                                          [(s, status_label(s)) for s in STATUSES], planning)
        self.fields["status"] = status
        plan_form.addRow(self._label(_("&Status"), status), status_box)
        column.addWidget(planning)
        column.addStretch(1)
        self._align_labels()
        doc.sig_metadata_changed.connect(self.refresh)
        self._update_citation()

    def _align_labels(self) -> None:
        """One label column width for every group, so the fields line up."""
        labels = [w for w in self.body.findChildren(QLabel) if w.buddy() is not None
                  and isinstance(w.parentWidget().layout(), QFormLayout)]
        width = max((w.sizeHint().width() for w in labels), default=0)
        for label in labels:
            label.setMinimumWidth(width)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text + ":", self)
        label.setBuddy(buddy)
        return label

    def _group(self, parent: QWidget, title: str,
               rows: list[tuple[str, str, str]]) -> QGroupBox:
        group = QGroupBox(title, parent)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        for name, label, placeholder in rows:
            kind = MetaList if name == "joint_dossiernummers" else MetaLine
            field = kind(self.doc, name, label.replace("&", ""), placeholder, group,
                         multiline=name == "title")
            self.fields[name] = field
            form.addRow(self._label(label, field.edit), field)
        return group

    def refresh(self, name: str) -> None:
        """The model changed (an edit, undo or redo): show it."""
        if name == "organisations":
            self.organisations.refresh()
        if name == "related_kamerstukken":
            self.kamerstukken.refresh()
        field = self.fields.get(name)
        if field is not None:
            field.refresh()  # type: ignore[attr-defined]
        self._update_citation()

    def _update_citation(self) -> None:
        citation = self.doc.toets.metadata.citation()
        self.citation.setText(citation or _("(vul vergaderjaar en dossiernummer in)"))

    def focus_first(self) -> None:
        field = self.fields["title"]
        assert isinstance(field, MetaLine)
        field.edit.setFocus(Qt.FocusReason.OtherFocusReason)
