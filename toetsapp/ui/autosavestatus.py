"""The autosave state in the status bar: when work was last written to the recovery file,
and a warning that stays while writing it fails."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget

from toetsapp.formatting import format_time
from toetsapp.i18n import _
from toetsapp.ui.theme import TINT, tint


class AutosaveStatus(QLabel):
    """"Automatisch bewaard om …" (the time of the last successful write, never later),
    or, until a write succeeds again, a warning that automatic saving fails."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("autosave")
        self.last_saved: datetime | None = None
        self.failure: str | None = None

    def saved(self, when: datetime) -> None:
        """A write succeeded at ``when``: the warning goes."""
        self.last_saved, self.failure = when, None
        self._show()

    def failed(self, reason: str) -> None:
        """A write failed: warn (the last successful time stays what it was)."""
        self.failure = reason
        self._show()

    def clear(self) -> None:
        """Nothing left to save automatically (saved, closed): no time, no warning."""
        self.last_saved, self.failure = None, None
        self._show()

    def _show(self) -> None:
        if self.failure:
            tint(self, "error")
        else:
            self.setProperty(TINT, "")
            self.setPalette(QPalette())
        if self.failure:
            since = (_(" Laatst bewaard om {time}.").format(time=format_time(self.last_saved))
                     if self.last_saved else "")
            self.setText(_("⚠ Automatisch bewaren mislukt; je werk staat niet in een "
                           "herstelbestand. Sla de toets op.") + since)
            self.setToolTip(self.failure)
            self.setAccessibleDescription(self.failure)
        elif self.last_saved:
            self.setText(_("Automatisch bewaard om {time}").format(
                time=format_time(self.last_saved)))
            self.setToolTip("")
        else:
            self.setText("")
            self.setToolTip("")
