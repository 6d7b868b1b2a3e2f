"""The start screen: a new toets of a chosen type, open a file, recent files, recovered work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from toetsapp.catalog import Catalog
from toetsapp.files.recovery import RecoveryEntry
from toetsapp.formatting import format_datetime
from toetsapp.i18n import _
from toetsapp.ui.theme import scaled_font, tint
from toetsapp.ui.widgets import ReadableColumn, heading, muted

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class CardButton(QPushButton):
    """A large button with a title and a description (a form to start a toets with)."""

    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(3)
        caption = QLabel(title, self)
        caption.setFont(scaled_font(caption.font(), 1.15, bold=True))
        text = QLabel(description, self)
        text.setProperty("toetsapp_tint_css", True)  # the button's style sheet would win
        tint(text, "muted")
        for label in (caption, text):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addStretch(1)
        self.setAccessibleName(_("Nieuwe {title}").format(title=title.lower()))
        self.setAccessibleDescription(description)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
        self.setSizePolicy(policy)

    def sizeHint(self) -> QSize:
        return self.layout().sizeHint() + QSize(0, 8)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.layout().totalHeightForWidth(width)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(max(self.width(), 200)))


class StartScreen(ReadableColumn):
    """What the window shows when no toets is open."""

    sig_new_requested = Signal(str)  # form id
    sig_open_requested = Signal()
    sig_open_path = Signal(str)
    sig_restore_requested = Signal(object)  # RecoveryEntry
    sig_discard_requested = Signal(object)  # RecoveryEntry

    def __init__(self, catalog: Catalog, language: str, parent: QWidget | None = None) -> None:
        super().__init__(1100, 40, parent)
        self.setAccessibleName(_("Startscherm"))
        body, column = self.body, self.column
        column.setSpacing(18)
        column.addWidget(heading(_("Toetsapp"), 2.2, body))
        column.addWidget(muted(_("Uitvoerbaarheid, doenvermogen en invoering van wetgeving "
                                 "toetsen, op één manier. Alles wordt automatisch bewaard."), body))
        self.recovery_box = QFrame(body)
        self.recovery_box.setObjectName("banner")
        self.recovery_layout = QVBoxLayout(self.recovery_box)
        self.recovery_layout.setContentsMargins(16, 12, 16, 12)
        column.addWidget(self.recovery_box)
        self.recovery_box.hide()
        if catalog.problems:
            problems = "\n".join(p.describe(limit=3) for p in catalog.problems)
            column.addWidget(muted(_("Niet alle vragenlijsten konden worden geladen:") + "\n"
                                   + problems, body))
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(10)
        grid.addWidget(heading(_("Nieuwe toets"), 1.3, body), 0, 0)
        cards = QVBoxLayout()
        cards.setSpacing(10)
        self.cards: dict[str, CardButton] = {}
        for form in sorted(catalog.forms.values(), key=lambda f: f.title.get(language)):
            card = CardButton(form.title.get(language), form.description.get(language), body)
            card.clicked.connect(lambda _c=False, fid=form.id: self.sig_new_requested.emit(fid))
            self.cards[form.id] = card
            cards.addWidget(card)
        cards.addStretch(1)
        grid.addLayout(cards, 1, 0)
        grid.addWidget(heading(_("Recente bestanden"), 1.3, body), 0, 1)
        right = QVBoxLayout()
        self.open_button = QPushButton(_("Toets &openen…"), body)
        self.open_button.clicked.connect(self.sig_open_requested)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        right.addLayout(row)
        self.recent = QListWidget(body)
        self.recent.setAccessibleName(_("Recente bestanden"))
        self.recent.setWordWrap(True)
        self.recent.setSpacing(2)
        self.recent.setMaximumHeight(self.fontMetrics().lineSpacing() * 24)
        self.recent.itemActivated.connect(self._recent_activated)
        right.addWidget(self.recent)
        right.addStretch(1)
        grid.addLayout(right, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        column.addLayout(grid)
        column.addStretch(1)

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for text in paths:
            path = Path(text)
            exists = path.exists()
            label = f"{path.name}\n{path.parent}"
            if not exists:
                label += "  " + _("(niet gevonden)")
            item = QListWidgetItem(label)
            item.setData(PATH_ROLE, text)
            item.setToolTip(text)
            if not exists:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recent.addItem(item)
        if not paths:
            item = QListWidgetItem(_("Nog geen bestanden geopend."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)

    def _recent_activated(self, item: QListWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        if path:
            self.sig_open_path.emit(path)

    def set_recoveries(self, entries: list[RecoveryEntry], form_titles: dict[str, str]) -> None:
        """Show unsaved work from an earlier session that ended without saving."""
        while self.recovery_layout.count():
            item = self.recovery_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.recovery_box.setVisible(bool(entries))
        if not entries:
            return
        self.recovery_layout.addWidget(heading(_("Niet-opgeslagen werk gevonden"), 1.2))
        self.recovery_layout.addWidget(muted(_(
            "Toetsapp is de vorige keer niet netjes afgesloten. Dit werk is automatisch "
            "bewaard en kan worden hersteld:")))
        for entry in entries:
            self.recovery_layout.addLayout(self._recovery_row(entry, form_titles))
        self.recovery_box.setAccessibleName(_("Niet-opgeslagen werk gevonden"))

    def _recovery_row(self, entry: RecoveryEntry, form_titles: dict[str, str]) -> QHBoxLayout:
        row = QHBoxLayout()
        if entry.problem:
            text = _("Herstelbestand kan niet worden gelezen:") + "\n" + entry.problem
        else:
            name = entry.title or _("Naamloze toets")
            kind = form_titles.get(entry.form_id, entry.form_id)
            place = str(entry.original) if entry.original else _("nog nooit opgeslagen")
            text = _("{name} — {kind}\nbewaard op {when} · {place}").format(
                name=name, kind=kind, when=format_datetime(entry.saved_at.astimezone()),
                place=place)
        label = QLabel(text)
        label.setWordWrap(True)
        row.addWidget(label, 1)
        if not entry.problem:
            restore = QPushButton(_("&Herstellen"))
            restore.setAccessibleName(_("Herstellen: {name}").format(name=entry.title
                                                                    or _("Naamloze toets")))
            restore.clicked.connect(lambda: self.sig_restore_requested.emit(entry))
            row.addWidget(restore)
        discard = QPushButton(_("Weggooien"))
        discard.setAccessibleName(_("Herstelbestand weggooien"))
        discard.clicked.connect(lambda: self.sig_discard_requested.emit(entry))
        row.addWidget(discard)
        return row

    def focus_first(self) -> None:
        target = next(iter(self.cards.values()), self.open_button)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
