"""Choosing a smartcard or USB token (PKCS#11): module, token, certificate and PIN."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from toetsapp.errors import FileProblem
from toetsapp.i18n import _

MODULE_ENV = "TOETSAPP_PKCS11_MODULE"
COMMON_MODULES = ("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so", "/usr/lib/opensc-pkcs11.so",
                  "/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so",
                  "C:/Windows/System32/opensc-pkcs11.dll",
                  "/Library/OpenSC/lib/opensc-pkcs11.so")


def default_module() -> str:
    """``$TOETSAPP_PKCS11_MODULE``, else the first OpenSC module found, else ''."""
    found = os.environ.get(MODULE_ENV) or next(
        (p for p in COMMON_MODULES if Path(p).exists()), "")
    return found


class TokenChooser(QWidget):
    """Module path, the tokens it sees and their certificates, and the PIN."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.module = QLineEdit(default_module(), self)
        self.module.setAccessibleName(_("PKCS#11-module"))
        browse = QPushButton(_("Module &kiezen…"), self)
        browse.clicked.connect(self._browse)
        self.refresh_button = QPushButton(_("&Zoeken"), self)
        self.refresh_button.clicked.connect(self.refresh)
        row = QHBoxLayout()
        row.addWidget(self.module, 1)
        row.addWidget(browse)
        row.addWidget(self.refresh_button)
        label = QLabel(_("&Module:"), self)
        label.setBuddy(self.module)
        form.addRow(label, row)
        self.token = QComboBox(self)
        self.token.setEditable(True)
        self.token.setAccessibleName(_("Token"))
        self.token.currentIndexChanged.connect(self._show_keys)
        label = QLabel(_("&Token:"), self)
        label.setBuddy(self.token)
        form.addRow(label, self.token)
        self.key = QComboBox(self)
        self.key.setEditable(True)
        self.key.setAccessibleName(_("Certificaat op de token"))
        label = QLabel(_("C&ertificaat:"), self)
        label.setBuddy(self.key)
        form.addRow(label, self.key)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(_("Pincode"))
        label = QLabel(_("&Pincode:"), self)
        label.setBuddy(self.pin)
        form.addRow(label, self.pin)
        self._tokens: list = []

    def _browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("PKCS#11-module kiezen"), str(Path(self.module.text()).parent),
            _("PKCS#11-modules (*.so *.dll *.dylib);;Alle bestanden (*)"))
        if name:
            self.module.setText(name)
            self.refresh()

    def refresh(self) -> str:
        """List the tokens of the module; '' or the problem as a message."""
        from toetsapp.signing.token import list_tokens

        self.token.clear()
        self.key.clear()
        try:
            self._tokens = list_tokens(self.module.text().strip())
        except FileProblem as problem:
            self._tokens = []
            return problem.describe()
        for info in self._tokens:
            self.token.addItem(info.label)
        return "" if self._tokens else _("Geen token gevonden; sluit de kaartlezer of token "
                                         "aan en kies Zoeken.")

    def _show_keys(self, index: int) -> None:
        self.key.clear()
        if 0 <= index < len(self._tokens):
            self.key.addItems(list(self._tokens[index].keys))

    def open_key(self):  # -> TokenKey
        """Log in with the PIN and find the chosen certificate's key."""
        from toetsapp.signing.token import open_token_key

        return open_token_key(self.module.text().strip(), self.token.currentText().strip(),
                              self.key.currentText().strip(), self.pin.text())
