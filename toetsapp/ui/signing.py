"""Co-signatures in the editor: a banner, a warning before the first edit, the sign dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from toetsapp.editing import SignaturesSlot
from toetsapp.engine.provisional import Provisional, problem_where, problems_text
from toetsapp.errors import FileProblem, ToetsappError
from toetsapp.formatting import format_list
from toetsapp.i18n import _
from toetsapp.model.toets import POSITIONS
from toetsapp.ui.document import Document
from toetsapp.ui.fieldhints import set_placeholder
from toetsapp.ui.messages import confirm
from toetsapp.ui.timestamping import check_address, check_line, sign_stamped, stamp_line, tsa_field
from toetsapp.ui.token_chooser import TokenChooser
from toetsapp.ui.widgets import Banner, ErrorLabel, heading, muted


class SigningWatch(QObject):
    """Shows who signed (and whose signature an edit voided); guards the first edit."""

    def __init__(self, doc: Document, banner: Banner, parent: QWidget) -> None:
        super().__init__(banner)  # lives (and its timer fires) no longer than the banner
        self.doc, self.banner, self.window = doc, banner, parent
        self._stopped = False
        self._timer = QTimer(self, singleShot=True, interval=400)
        self._timer.timeout.connect(self.update_banner)
        doc.sig_generation.connect(lambda _g: self._timer.start())
        doc.sig_signatures_changed.connect(self.arm)
        self.arm()

    def arm(self) -> None:
        """Ask before the next edit if that edit would void signatures."""
        from toetsapp.signing import signed_state

        if self.doc.toets.signatures and signed_state(self.doc.toets).signed:
            self.doc.edit_guard = self.ask
        self.update_banner()

    def ask(self) -> bool:
        from toetsapp.signing import signed_state

        warning = signed_state(self.doc.toets).edit_warning()
        return warning is None or confirm(self.window, _("Ondertekende toets wijzigen?"),
                                          warning, _("Toch wijzigen"))

    def stop(self) -> None:
        """The document is closing: no more banner updates (its widgets go first)."""
        self._timer.stop()
        self._stopped = True

    def update_banner(self) -> None:
        if self._stopped or not shiboken6.isValid(self.banner):
            return
        if not self.doc.toets.signatures:
            self.banner.hide()
            return
        from toetsapp.signing import signed_state

        state = signed_state(self.doc.toets)
        lines = []
        if state.current:
            lines.append(_("Ondertekend door {who}.").format(who=format_list(state.organisations)))
        if state.outdated:
            who = format_list(list(dict.fromkeys(s.organisation for s in state.outdated)))
            lines.append(_("De handtekening van {who} is vervallen: de toets is na "
                           "ondertekening gewijzigd.").format(who=who))
        self.banner.set_text(" ".join(lines))
        self.banner.show()


class SignDialog(QDialog):
    """Record this organisation's position and sign the toets with a PKCS#12 certificate
    or a key on a smartcard or token (PKCS#11), optionally with a timestamp (RFC 3161).
    After signing it shows what was signed and whether a timestamp was added;
    ``on_signed`` (e.g. saving) runs right after the signature is stored."""

    def __init__(self, doc: Document, parent: QWidget | None = None,
                 on_signed: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        from toetsapp.signing import position_label

        self.doc, self.on_signed = doc, on_signed
        self.setWindowTitle(_("Toets ondertekenen"))
        outer = QVBoxLayout(self)
        outer.addWidget(heading(_("Toets ondertekenen"), 1.2))
        self.entry = QWidget(self)  # what the signer fills in; replaced by the outcome
        layout = QVBoxLayout(self.entry)
        layout.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.entry)
        layout.addWidget(muted(_("Je ondertekent de toets zoals hij nu is. Een latere wijziging "
                                 "laat de handtekening zichtbaar vervallen.")))
        source = QHBoxLayout()
        self.sources = QButtonGroup(self)
        for index, text in enumerate((_("Certificaat&bestand (.p12)"),
                                      _("&Smartcard of token (PKCS#11)"))):
            button = QRadioButton(text, self)
            self.sources.addButton(button, index)
            source.addWidget(button)
        self.sources.button(0).setChecked(True)
        source.addStretch(1)
        layout.addLayout(source)
        self.token = TokenChooser(self)
        self.token.hide()
        layout.addWidget(self.token)
        self.sources.idToggled.connect(self._source_changed)
        form = QFormLayout()
        self.file_form = QFormLayout()
        self.file = QLineEdit(self)
        self.file.setAccessibleName(_("Certificaatbestand (.p12)"))
        browse = QPushButton(_("&Bladeren…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        label = QLabel(_("&Certificaat:"), self)
        label.setBuddy(self.file)
        self.file_form.addRow(label, row)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("Wachtwoord van het certificaat"))
        self.file_form.addRow(_("&Wachtwoord:"), self.password)
        self.file_box = QWidget(self)
        self.file_box.setLayout(self.file_form)
        self.file_form.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.file_box)
        self.positions = QButtonGroup(self)
        column = QVBoxLayout()
        for index, position in enumerate(POSITIONS):
            button = QRadioButton(position_label(position), self)
            self.positions.addButton(button, index)
            column.addWidget(button)
        # no default: the position is the signer's own, deliberate choice
        form.addRow(_("Standpunt:"), column)
        self.remarks = QPlainTextEdit(self)
        self.remarks.setTabChangesFocus(True)
        self.remarks.setAccessibleName(_("Kanttekeningen of motivering"))
        form.addRow(_("&Kanttekeningen:"), self.remarks)
        self.role = QLineEdit(self)
        set_placeholder(self.role, _("uit het certificaat"))
        self.role.setAccessibleName(_("Functie"))
        form.addRow(_("Functie") + ":", self.role)
        form.addRow("", muted(_("Naam en organisatie komen uit het certificaat.")))
        self.tsa = tsa_field(self)
        label = QLabel(_("Tijdstempel (TS&A):"), self)
        label.setBuddy(self.tsa)
        form.addRow(label, self.tsa)
        layout.addLayout(form)
        state = doc.evaluation.provisional
        self.open_problems = muted("", self)
        if state.count:
            self.open_problems.setText(_("Let op: de toets heeft nog {problems}. Je moet "
                                         "bevestigen dat je toch ondertekent; de handtekening "
                                         "legt vast hoeveel het er waren.").format(
                problems=problems_text(state.count)))
        self.open_problems.setVisible(bool(state.count))
        layout.addWidget(self.open_problems)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.hide()
        outer.addWidget(self.outcome)
        self.problem = ErrorLabel(self)
        outer.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setText(_("Annuleren"))
        self.sign_button = buttons.addButton(_("&Ondertekenen"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.sign)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.resize(560, 0)

    @property
    def uses_token(self) -> bool:
        return self.sources.checkedId() == 1

    def _source_changed(self, _index: int, _checked: bool) -> None:
        self.file_box.setVisible(not self.uses_token)
        self.token.setVisible(self.uses_token)
        if self.uses_token and self.token.token.count() == 0 and self.token.module.text():
            problem = self.token.refresh()
            if problem:
                self.problem.show_message(problem)

    def _browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Certificaat kiezen"), str(Path.home()),
            _("Certificaten (*.p12 *.pfx);;Alle bestanden (*)"))
        if name:
            self.file.setText(name)

    def sign(self) -> bool:
        """Load the key, sign (with a timestamp when a service is given), store the
        signature as one undoable step, then show the outcome."""
        from toetsapp.signing import check_position, load_p12, sign_toets

        if self.positions.checkedId() < 0:
            self.problem.show_message(_("Kies je standpunt: akkoord, akkoord met kanttekeningen "
                                        "of niet akkoord."))
            return False
        position = POSITIONS[self.positions.checkedId()]
        remarks = self.remarks.toPlainText().strip()
        url = self.tsa.text().strip()
        state = self.doc.evaluation.provisional
        key = None
        try:
            check_position(position, remarks)
            check_address(url)
            key = (self.token.open_key() if self.uses_token
                   else load_p12(self.file.text().strip(), self.password.text()))
            if state.count and not confirm_open_problems(self, state):
                return False
            signed, failure = sign_stamped(self, url, lambda tsa: sign_toets(
                self.doc.toets, key, position=position, remarks=remarks,
                role=self.role.text().strip() or None, open_problems=state.count, tsa=tsa))
        except FileProblem as problem:
            self.problem.show_message(problem.describe())
            return False
        except ToetsappError as error:
            self.problem.show_message(str(error))
            return False
        finally:
            if key is not None and hasattr(key, "close"):
                key.close()
        if signed is None:
            self.problem.show_message(_("Niet ondertekend: {problem}.").format(problem=failure))
            return False
        new = signed.signatures[-1]
        self.doc.edit(SignaturesSlot(), signed.signatures,
                      _("Ondertekend door {who}").format(who=new.organisation))
        saved = self.on_signed() if self.on_signed is not None else True
        self._show_outcome(signed, failure, saved)
        return True

    def _show_outcome(self, signed, failure: str, saved: bool) -> None:
        """Who signed, whether a timestamp was added (local time), what a check will say."""
        from toetsapp.signing import position_label

        new = signed.signatures[-1]
        lines = [_("Ondertekend door {name} namens {organisation}: {position}.").format(
            name=new.name, organisation=new.organisation,
            position=position_label(new.position)), stamp_line(new.timestamp, failure),
            check_line(signed)]
        if not saved:
            lines.append(_("Let op: de handtekening is nog niet opgeslagen."))
        self.outcome.setText("\n\n".join(line for line in lines if line))
        self.entry.hide()
        self.problem.hide()
        self.sign_button.hide()
        self.outcome.show()
        self.close_button.setText(_("Sluiten"))
        self.close_button.setFocus()
        self.layout().activate()  # as wide as before, as high as the outcome needs
        self.resize(self.width(), max(self.layout().heightForWidth(self.width()),
                                      self.minimumSizeHint().height()))


def confirm_open_problems(parent: QWidget, state: Provisional, limit: int = 15) -> bool:
    """Ask before signing a toets with open problems, listing them."""
    lines = [f"• {problem_where(p)}{p.message}" for p in state.problems[:limit]]
    if state.count > limit:
        lines.append(_("… en nog {n}").format(n=state.count - limit))
    text = (_("Deze toets heeft nog {problems}:").format(problems=problems_text(state.count))
            + "\n\n" + "\n".join(lines) + "\n\n"
            + _("Wil je toch ondertekenen? In je handtekening wordt vastgelegd dat je "
                "ondertekende met {problems}.").format(problems=problems_text(state.count)))
    return confirm(parent, _("Ondertekenen met open problemen?"), text,
                   _("Toch ondertekenen"))
