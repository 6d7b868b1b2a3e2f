"""The optional timestamp service (RFC 3161) of the sign dialog: the field (remembered in
the settings once used, empty by default: offline signing is normal), signing with a
timestamp or — when the service gives none and the signer agrees — without one, and the
sentences the dialog shows afterwards."""

from __future__ import annotations

import base64
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from toetsapp.formatting import format_datetime
from toetsapp.i18n import _
from toetsapp.model.toets import Toets
from toetsapp.ui import settings
from toetsapp.ui.fieldhints import set_placeholder
from toetsapp.ui.messages import confirm

Make = Callable[[str | None], Toets]
"""Signs the toets, with a timestamp from the URL given, or without for None."""


def tsa_field(parent: QWidget) -> QLineEdit:
    """The address of the timestamp service: the one last used, else empty."""
    edit = QLineEdit(settings.tsa_url.get(), parent)
    edit.setAccessibleName(_("Tijdstempeldienst (TSA)"))
    set_placeholder(edit, _("leeg: zonder tijdstempel"))
    edit.setToolTip(_("Het adres van een tijdstempeldienst (RFC 3161), bijvoorbeeld "
                      "https://tsa.example.nl. Een tijdstempel bewijst wanneer je "
                      "ondertekende, ook nadat je certificaat is verlopen. Laat het leeg om "
                      "zonder netwerk te ondertekenen."))
    return edit


def check_address(url: str) -> None:
    """Refuse an address that is not http(s) (a ``ToetsappError``), before a key is opened."""
    if url:
        from toetsapp.signing.tsa import url_timestamper

        url_timestamper(url)


def sign_stamped(parent: QWidget, url: str, make: Make) -> tuple[Toets | None, str]:
    """``make(url)``, or ``make(None)`` without ``url``. When the service gives no
    timestamp, the signer chooses: sign without one, or cancel (then None: nothing was
    signed). Also returns what the service did wrong ('' when nothing). The address is
    remembered once a timestamp came from it; signing with an empty field forgets it."""
    from toetsapp.signing.tsa import TimestampProblem

    if not url:
        signed = make(None)
        settings.tsa_url.set("")
        return signed, ""
    failure: TimestampProblem | None = None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the request may take a while
    try:
        signed = make(url)
    except TimestampProblem as problem:
        failure = problem
    finally:
        QApplication.restoreOverrideCursor()
    if failure is None:
        settings.tsa_url.set(url)
        return signed, ""
    said = str(failure)
    question = _("{problem}.\n\nJe kunt zonder tijdstempel ondertekenen (de handtekening "
                 "bewijst dan zelf niet wanneer je ondertekende) of annuleren. Er is nog "
                 "niets ondertekend of opgeslagen.").format(problem=said[:1].upper() + said[1:])
    if not confirm(parent, _("Geen tijdstempel"), question,
                   _("&Zonder tijdstempel ondertekenen")):
        return None, said
    return make(None), said


def stamp_line(timestamp: str | None, problem: str = "") -> str:
    """Whether the new signature has a timestamp, and its time in local time."""
    from toetsapp.signing.tsa import stamp_time

    if not timestamp:
        if problem:
            return _("Zonder tijdstempel ondertekend ({problem}).").format(problem=problem)
        return _("Zonder tijdstempel ondertekend.")
    when = stamp_time(base64.b64decode(timestamp))
    if when is None:
        return _("Tijdstempel toegevoegd.")
    return _("Tijdstempel toegevoegd: {when} (lokale tijd).").format(
        when=format_datetime(when.astimezone()))


def check_line(signed: Toets) -> str:
    """'' when the new (last) signature verifies with the user's trust folder, else
    what a verifier will see."""
    from toetsapp.signing import verify_toets

    check = verify_toets(signed)[-1]
    if check.valid:
        return ""
    return _("Waarschuwing: wie de toets controleert, ziet '{label}': {detail}.").format(
        label=check.status.label, detail=check.detail)
