"""A timestamp (RFC 3161) in the app's sign dialog, against the test TSA on 127.0.0.1:
the token is stored and verifies; an unreachable service asks to sign without or cancel."""

from __future__ import annotations

import os
import socket

from PySide6.QtWidgets import QAbstractButton, QWidget

from tests.test_signing_pki import PASSWORD, shared_pki
from tests.tsa_server import timestamp_server
from tests.uihelp import dispose, open_window, when_dialog
from toetsapp.files.store import load_toets
from toetsapp.formatting import format_datetime
from toetsapp.signing import load_trust_store, verify_toets
from toetsapp.ui import settings
from toetsapp.ui.signing import SignDialog


def answer_boxes(answers: list[str], seen: list[str]) -> None:
    """Answer the next message boxes in turn with the buttons named in ``answers``."""
    def handle(box: QWidget) -> None:
        seen.append(box.text())
        if os.environ.get("TOETSAPP_SHOTS"):  # for looking at the question
            box.grab().save(os.path.join(os.environ["TOETSAPP_SHOTS"], f"box{len(seen)}.png"))
        button = box.findChild(QAbstractButton, answers.pop(0))
        assert button is not None, box.text()
        if answers:
            when_dialog(handle)
        button.click()

    when_dialog(handle)


def closed_port() -> int:
    """A port on 127.0.0.1 nobody listens on (bound once, then closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fill(dialog: SignDialog, pki) -> None:
    dialog.file.setText(str(pki.p12["vng"]))
    dialog.password.setText(PASSWORD)
    dialog.positions.button(0).setChecked(True)


def test_sign_with_a_timestamp_service(qtbot, mini_catalog, tmp_path_factory, tmp_path,
                                       monkeypatch):
    pki = shared_pki(tmp_path_factory)
    monkeypatch.setenv("TOETSAPP_TRUST_DIR", str(pki.trust_dir))
    window = open_window(qtbot, mini_catalog)
    path = tmp_path / "mini.toets"
    seen: list[str] = []
    try:
        window.new_toets("mini")
        assert window.save_as(path)
        with timestamp_server(pki) as url:
            def in_sign_dialog(dialog) -> None:
                assert isinstance(dialog, SignDialog)
                assert dialog.tsa.text() == "", "no timestamp service by default"
                fill(dialog, pki)
                dialog.tsa.setText(url)
                shots = os.environ.get("TOETSAPP_SHOTS")
                if shots:  # for looking at the dialog
                    dialog.grab().save(os.path.join(shots, "tsa-form.png"))
                answer_boxes(["yes"], seen)  # the open problems
                assert dialog.sign()
                text = dialog.outcome.text()
                assert "Tijdstempel toegevoegd: " in text and "(lokale tijd)" in text, text
                assert "Waarschuwing" not in text, text
                seen.append(text)
                if shots:
                    dialog.grab().save(os.path.join(shots, "tsa-done.png"))
                dialog.close_button.click()

            when_dialog(in_sign_dialog)
            window.sign()
        assert len(seen) == 2
        signed = load_toets(path)
        assert signed.signatures[0].timestamp, "the token is saved with the signature"
        [result] = verify_toets(signed, load_trust_store(pki.trust_dir))
        assert result.valid and result.timestamp is not None
        assert "vertrouwde tijdstempel" in result.detail
        assert format_datetime(result.timestamp.astimezone()) in seen[1], "in local time"
        assert settings.tsa_url.get() == url, "remembered once used"
        again = SignDialog(window.doc, window)
        qtbot.addWidget(again)
        assert again.tsa.text() == url
    finally:
        dispose(window)


def test_an_unreachable_service_asks_and_signing_without_works(qtbot, mini_catalog,
                                                               tmp_path_factory, tmp_path):
    pki = shared_pki(tmp_path_factory)
    window = open_window(qtbot, mini_catalog)
    path = tmp_path / "mini.toets"
    try:
        window.new_toets("mini")
        assert window.save_as(path)
        on_disk = path.read_bytes()
        doc = window.doc
        dialog = SignDialog(doc, window, on_signed=window.save)
        qtbot.addWidget(dialog)
        fill(dialog, pki)
        dialog.tsa.setText("ftp://127.0.0.1/tsa")
        assert not dialog.sign() and "http- of https-adres" in dialog.problem.text()
        url = f"http://127.0.0.1:{closed_port()}/tsa"
        dialog.tsa.setText(url)
        seen: list[str] = []
        answer_boxes(["yes", "cancel"], seen)  # open problems: yes; without timestamp: no
        assert not dialog.sign()
        assert len(seen) == 2 and f"Geen tijdstempel van {url}" in seen[1], seen
        assert "niet bereikbaar" in seen[1] and "Traceback" not in seen[1]
        assert "Niet ondertekend" in dialog.problem.text()
        assert doc.toets.signatures == [] and not doc.modified
        assert path.read_bytes() == on_disk, "nothing saved half-way"
        assert settings.tsa_url.get() == "", "an address that gave nothing is not remembered"
        answer_boxes(["yes", "yes"], seen)  # now: sign without a timestamp
        assert dialog.sign()
        assert "Zonder tijdstempel ondertekend (geen tijdstempel van" in dialog.outcome.text()
        [signature] = load_toets(path).signatures
        assert not signature.timestamp
        [result] = verify_toets(load_toets(path), load_trust_store(pki.trust_dir))
        assert result.valid and result.timestamp is None
        assert settings.tsa_url.get() == ""
    finally:
        dispose(window)
