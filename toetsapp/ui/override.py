"""The toetser's override of a computed level or verdict; never without a motivation."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from toetsapp.i18n import _
from toetsapp.model.rubric import Level
from toetsapp.model.toets import MAX_EVIDENCE, MIN_MOTIVATION, MIN_MOTIVATION_WORDS, Override
from toetsapp.ui.fieldhints import set_placeholder
from toetsapp.ui.widgets import ErrorLabel, heading, muted

KEEP = object()  # the dialog was cancelled: change nothing


class OverrideDialog(QDialog):
    """Choose another level and say why. ``outcome``: an Override, None (remove) or KEEP."""

    def __init__(self, subject: str, levels: list[Level], computed: str | None,
                 current: Override | None, by: str, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Score aanpassen"))
        self.levels, self.computed, self.outcome = levels, computed, KEEP
        self.tried = False  # the hint appears only after a first attempt to save
        labels = {lvl.value: lvl.label.get(language) for lvl in levels}
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Score aanpassen: {subject}").format(subject=subject), 1.2))
        computed_text = labels.get(computed or "", _("niet beoordeeld"))
        layout.addWidget(muted(_(
            "Berekend: {level}. Wijk alleen af als de regels de situatie niet goed vangen. "
            "Een afwijking vraagt altijd een motivering; die staat in de PDF naast de "
            "berekende score.").format(level=computed_text), self))
        self.group = QButtonGroup(self)
        for index, level in enumerate(levels):
            text = level.label.get(language)
            if level.value == computed:
                text += " " + _("(berekend)")
            button = QRadioButton(text, self)
            self.group.addButton(button, index)
            layout.addWidget(button)
            if level.description:  # the meaning of each level, visible (not only a tooltip)
                meaning = muted(level.description.get(language), self)
                meaning.setWordWrap(True)
                meaning.setContentsMargins(24, 0, 0, 4)
                button.setAccessibleDescription(level.description.get(language))
                layout.addWidget(meaning)
            if current is not None and current.value == level.value:
                button.setChecked(True)
        caption = QLabel(_("&Motivering (verplicht):"), self)
        self.motivation = QPlainTextEdit(self)
        self.motivation.setTabChangesFocus(True)
        self.motivation.setAccessibleName(_("Motivering van de afwijking"))
        set_placeholder(self.motivation, _("Waarom wijkt het oordeel af van de berekende "
                                             "score? Noem de feiten en bronnen."))
        caption.setBuddy(self.motivation)
        layout.addWidget(caption)
        layout.addWidget(self.motivation)
        by_label = QLabel(_("&Vastgelegd door:"), self)
        self.by = QLineEdit(current.by if current else by, self)
        self.by.setAccessibleName(_("Vastgelegd door"))
        by_label.setBuddy(self.by)
        layout.addWidget(by_label)
        layout.addWidget(self.by)
        self.hint = ErrorLabel(self)
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = QPushButton(_("Afwijking &vastleggen"), self)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
        if current is not None:
            self.motivation.setPlainText(current.motivation)
            remove = QPushButton(_("Afwijking &opheffen"), self)
            remove.setObjectName("remove")
            self.buttons.addButton(remove, QDialogButtonBox.ButtonRole.DestructiveRole)
            remove.clicked.connect(self._remove)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.group.idToggled.connect(lambda *_: self._validate())
        self.motivation.textChanged.connect(self._validate)
        self.resize(560, 600)
        self._validate()

    def chosen(self) -> str | None:
        index = self.group.checkedId()
        return self.levels[index].value if index >= 0 else None

    def problem(self) -> str:
        """Why the override cannot be saved yet ('' when it can)."""
        chosen = self.chosen()
        if chosen is None:
            return _("Kies een niveau.")
        if chosen == self.computed:
            return _("Dit is het berekende niveau; kies een ander niveau of annuleer.")
        text = self.motivation.toPlainText().strip()
        if not text:
            return _("Een afwijking van de berekende score heeft een motivering nodig.")
        if len(text) < MIN_MOTIVATION or len(text.split()) < MIN_MOTIVATION_WORDS:
            return _("Schrijf een motivering van minstens {n} tekens en {w} woorden: welke "
                     "feiten maken dat de berekende score niet klopt?").format(
                n=MIN_MOTIVATION, w=MIN_MOTIVATION_WORDS)
        if len(self.motivation.toPlainText()) > MAX_EVIDENCE:
            return _("De motivering is te lang.")
        return ""

    def _validate(self) -> None:
        """After a first attempt, say what is still missing while the user types."""
        self.hint.show_message(self.problem() if self.tried else "")

    def _save(self) -> None:
        if self.problem():
            self.tried = True
            self._validate()
            return
        chosen = self.chosen()
        assert chosen is not None
        self.outcome = Override(value=chosen, motivation=self.motivation.toPlainText().strip(),
                                computed=self.computed, by=self.by.text().strip()[:300])
        self.accept()

    def _remove(self) -> None:
        self.outcome = None
        self.accept()
