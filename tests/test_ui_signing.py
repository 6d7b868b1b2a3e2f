"""Co-signing in the app: sign with a certificate; a later edit visibly voids it."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QAbstractButton

from tests.test_signing_pki import PASSWORD, shared_pki
from tests.uihelp import dispose, open_window, press_in_dialog, when_dialog
from toetsapp.editing import AnswerPart
from toetsapp.files.store import load_toets
from toetsapp.ui.signing import SignDialog


def test_sign_then_edit_voids_the_signature_visibly(qtbot, mini_catalog, tmp_path_factory):
    pki = shared_pki(tmp_path_factory)
    window = open_window(qtbot, mini_catalog)
    try:
        window.new_toets("mini")
        doc = window.doc
        doc.edit_answer("titel", "value", "Wet")
        dialog = SignDialog(doc, window)
        qtbot.addWidget(dialog)
        dialog.file.setText(str(pki.p12["vng"]))
        dialog.password.setText("fout")
        assert not dialog.sign() and dialog.problem.isVisibleTo(dialog)
        assert doc.toets.signatures == []
        dialog.password.setText(PASSWORD)
        dialog.positions.button(1).setChecked(True)  # akkoord met kanttekeningen
        assert not dialog.sign()  # ... needs remarks
        dialog.remarks.setPlainText("Let op de uitvoeringskosten.")
        press_in_dialog("yes")  # sign although problems remain
        assert dialog.sign()
        signature = doc.toets.signatures[0]
        assert signature.organisation == "Vereniging van Nederlandse Gemeenten"
        assert signature.position == "akkoord_met_kanttekeningen"
        banner = window.view.signature_banner
        qtbot.waitUntil(lambda: "Ondertekend door Vereniging" in banner.label.text())
        press_in_dialog("cancel")
        doc.edit_answer("titel", "value", "Wet 2")
        assert doc.value(AnswerPart("titel")) == "Wet" and len(doc.toets.signatures) == 1
        assert window.view.page(1).widgets["titel"].editor.edit.text() == "Wet"
        press_in_dialog("yes")
        doc.edit_answer("titel", "value", "Wet 2")
        assert doc.value(AnswerPart("titel")) == "Wet 2"
        qtbot.waitUntil(lambda: "vervallen" in banner.label.text())
        doc.edit_answer("titel", "value", "Wet 3")  # asked only once
        window.actions.undo.trigger()
        window.actions.undo.trigger()  # back to exactly what was signed: valid again
        qtbot.waitUntil(lambda: "vervallen" not in banner.label.text())
        assert doc.value(AnswerPart("titel")) == "Wet"
    finally:
        dispose(window)


def test_sign_with_a_token_in_the_dialog(qtbot, mini_catalog, tmp_path_factory, monkeypatch):
    """Choose smartcard/token, find the SoftHSM2 token and its certificate, enter the PIN."""
    from tests.softhsm import shared_token

    pki = shared_pki(tmp_path_factory)
    token = shared_token(pki, tmp_path_factory)
    monkeypatch.setenv("SOFTHSM2_CONF", str(token.conf))
    monkeypatch.setenv("TOETSAPP_PKCS11_MODULE", token.module)
    window = open_window(qtbot, mini_catalog)
    try:
        window.new_toets("mini")
        dialog = SignDialog(window.doc, window)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.sources.button(1).setChecked(True)
        assert dialog.token.isVisible() and not dialog.file_box.isVisible()
        assert dialog.token.token.currentText() == token.token
        items = [dialog.token.key.itemText(i) for i in range(dialog.token.key.count())]
        assert {"dt", "bd"} <= set(items) and not any(i.startswith("CA") for i in items)
        dialog.token.key.setCurrentText("dt")
        dialog.positions.button(0).setChecked(True)
        dialog.token.pin.setText("000000")
        assert not dialog.sign() and "pincode is onjuist" in dialog.problem.text()
        dialog.token.pin.setText(token.pin)
        dialog.resize(620, 560)
        if os.environ.get("TOETSAPP_SHOTS"):  # for looking at the dialog
            dialog.grab().save(os.path.join(os.environ["TOETSAPP_SHOTS"], "token.png"))
        press_in_dialog("yes")  # the new toets has open problems: confirm them
        assert dialog.sign()
        signature = window.doc.toets.signatures[0]
        assert (signature.organisation, signature.name) == ("Dienst Toeslagen", "Jan Pieters")
        banner = window.view.signature_banner
        qtbot.waitUntil(lambda: "Ondertekend door Dienst Toeslagen" in banner.label.text())
        qtbot.wait(600)  # the banner's own refresh after the edit, before the window goes
    finally:
        dispose(window)


def test_no_default_position_and_open_problems_need_confirmation(qtbot, mini_catalog,
                                                                  tmp_path_factory, tmp_path):
    pki = shared_pki(tmp_path_factory)
    window = open_window(qtbot, mini_catalog)
    try:
        window.new_toets("mini")
        doc = window.doc
        path = tmp_path / "mini.toets"
        assert window.save_as(path)
        doc.edit_answer("titel", "value", "Wet")
        assert doc.modified
        seen: list[str] = []

        def in_sign_dialog(dialog) -> None:
            assert isinstance(dialog, SignDialog)
            assert not doc.modified and "Wet" in path.read_text("utf-8"), "saved first"
            assert dialog.positions.checkedId() == -1, "no position is preselected"
            assert "open problemen" in dialog.open_problems.text()
            dialog.file.setText(str(pki.p12["vng"]))
            dialog.password.setText(PASSWORD)
            assert not dialog.sign() and "standpunt" in dialog.problem.text()
            dialog.positions.button(0).setChecked(True)

            def answer(box) -> None:
                seen.append(box.text())
                press = "cancel" if len(seen) == 1 else "yes"
                box.findChild(QAbstractButton, press).click()

            when_dialog(answer)
            assert not dialog.sign(), "cancelled: nothing signed"
            assert doc.toets.signatures == []
            when_dialog(answer)
            assert dialog.sign()
            assert dialog.outcome.isVisibleTo(dialog) and not dialog.entry.isVisibleTo(dialog)
            assert "Zonder tijdstempel ondertekend." in dialog.outcome.text()
            assert not doc.modified, "saved at once, before the dialog is closed"
            dialog.close_button.click()

        when_dialog(in_sign_dialog)
        window.sign()
        count = doc.evaluation.provisional.count
        assert count > 0 and len(seen) == 2
        assert f"nog {count} open problemen" in seen[0]
        assert "Verplichte vraag is niet beantwoord." in seen[0]
        signature = load_toets(path).signatures[0]
        assert signature.position == "akkoord" and signature.open_problems == count
        assert not doc.modified, "the signature is saved at once"
    finally:
        dispose(window)
