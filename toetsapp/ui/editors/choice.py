"""Editors for choice, scale, multiple choice and yes/no questions."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from toetsapp.i18n import _
from toetsapp.ui.editors.base import Editor, Field, block
from toetsapp.ui.widgets import link_button, muted


def _options(field: Field, type_: str, language: str) -> list[tuple[Any, str, str]]:
    """(value, label, description) for every option of the field."""
    if type_ == "boolean":
        return [(True, _("Ja"), ""), (False, _("Nee"), "")]
    return [(c.value, c.label.get(language),
             c.description.get(language) if c.description else "") for c in field.choices or ()]


class RadioEditor(Editor):
    """One of a few options as radio buttons, each with its description; can be cleared."""

    def __init__(self, field: Field, type_: str, parent: QWidget | None = None) -> None:
        super().__init__(field, type_, parent)
        self.options = _options(field, type_, self.language)
        self.group = QButtonGroup(self)
        horizontal = type_ == "boolean"
        box = QHBoxLayout() if horizontal else QVBoxLayout()
        box.setSpacing(12 if horizontal else 4)
        for index, (_value, label, description) in enumerate(self.options):
            button = QRadioButton(label, self)
            if description:
                button.setAccessibleDescription(description)
            self.group.addButton(button, index)
            box.addWidget(button)
            if description and not horizontal:
                note = muted(description, self)
                note.setContentsMargins(24, 0, 0, 4)
                box.addWidget(note)
        if horizontal:
            box.addStretch(1)
        self.clear_button = link_button(_("Antwoord wissen"), self)
        self.clear_button.clicked.connect(lambda: self._report(None))
        self.clear_button.clicked.connect(lambda: self._show(None))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(box)
        layout.addWidget(self.clear_button)
        self.clear_button.hide()
        self.group.idClicked.connect(self._clicked)

    def _clicked(self, index: int) -> None:
        self.clear_button.show()
        self._report(self.options[index][0])

    def _show(self, value: Any) -> None:
        index = next((i for i, option in enumerate(self.options)
                      if option[0] == value and type(option[0]) is type(value)), -1)
        with block(self.group):
            if index < 0:
                self.group.setExclusive(False)
                for button in self.group.buttons():
                    button.setChecked(False)
                self.group.setExclusive(True)
            else:
                self.group.button(index).setChecked(True)
        self.clear_button.setVisible(index >= 0)

    def buttons(self) -> list[QAbstractButton]:
        return self.group.buttons()

    def focus_widget(self) -> QWidget:
        return self.group.checkedButton() or self.group.buttons()[0]

    def describe(self, name: str, description: str = "") -> None:
        self.setAccessibleName(name)
        for button in self.group.buttons():
            button.setAccessibleName(f"{button.text()} — {name}")
        self.clear_button.setAccessibleName(_("Antwoord wissen: {q}").format(q=name))


class ComboEditor(Editor):
    """One option from a drop-down list (long lists, table rows); the first item is empty."""

    def __init__(self, field: Field, type_: str, parent: QWidget | None = None) -> None:
        super().__init__(field, type_, parent)
        self.options = _options(field, type_, self.language)
        self.combo = QComboBox(self)
        self.combo.addItem(_("— kies —"))
        for _value, label, description in self.options:
            self.combo.addItem(label)
            if description:
                self.combo.setItemData(self.combo.count() - 1, description, 3)  # tooltip
        # a long option must not widen the card: the field may be narrower than the longest
        # option (shown cut off, in full in the open list)
        self.combo.view().setMinimumWidth(self.combo.sizeHint().width())
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(18)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        self.combo.activated.connect(self._activated)

    def _activated(self, index: int) -> None:
        self._report(self.options[index - 1][0] if index > 0 else None)

    def _show(self, value: Any) -> None:
        index = next((i + 1 for i, option in enumerate(self.options)
                      if option[0] == value and type(option[0]) is type(value)), 0)
        with block(self.combo):
            self.combo.setCurrentIndex(index)

    def focus_widget(self) -> QWidget:
        return self.combo


class MultiEditor(Editor):
    """Any number of options as check boxes; the answer keeps the form's order."""

    def __init__(self, field: Field, type_: str, parent: QWidget | None = None, *,
                 compact: bool = False) -> None:
        super().__init__(field, type_, parent)
        self.options = _options(field, type_, self.language)
        self.boxes: list[QCheckBox] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2 if compact else 4)
        for _value, label, description in self.options:
            box = QCheckBox(label, self)
            if description:
                box.setAccessibleDescription(description)
            box.toggled.connect(self._toggled)
            self.boxes.append(box)
            layout.addWidget(box)
            if description and not compact:
                note = muted(description, self)
                note.setContentsMargins(24, 0, 0, 4)
                layout.addWidget(note)

    def _toggled(self) -> None:
        chosen = [option[0] for option, box in zip(self.options, self.boxes, strict=True)
                  if box.isChecked()]
        self._report(chosen or None)

    def _show(self, value: Any) -> None:
        chosen = set(value) if isinstance(value, list) else set()
        for option, box in zip(self.options, self.boxes, strict=True):
            with block(box):
                box.setChecked(option[0] in chosen)

    def focus_widget(self) -> QWidget:
        return self.boxes[0]

    def describe(self, name: str, description: str = "") -> None:
        self.setAccessibleName(name)
        for box in self.boxes:
            box.setAccessibleName(f"{box.text()} — {name}")
