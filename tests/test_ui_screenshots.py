"""Screenshots of the main screens (set TOETSAPP_SCREENSHOTS=DIR to keep them)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from tests.conftest import ROOT
from tests.uihelp import dispose, open_window, save_shot
from toetsapp.files.locations import recovery_dir
from toetsapp.files.recovery import recovery_text, write_recovery
from toetsapp.files.store import load_toets
from toetsapp.ui import settings
from toetsapp.ui.exporting import ExportDialog
from toetsapp.ui.theme import apply_theme

DOEN = ROOT / "examples" / "doenvermogentoets.toets"
UITV = ROOT / "examples" / "uitvoerbaarheidstoets.toets"
pytestmark = pytest.mark.skipif(not (DOEN.exists() and UITV.exists()), reason="no examples")


def test_screenshots(qtbot, catalog, shots):
    settings.recent_files.set([str(UITV), str(DOEN), "/verdwenen/map/oude-toets.toets"])
    unsaved = load_toets(DOEN)
    unsaved.metadata.title = "Wet vereenvoudiging kinderopvangtoeslag"
    write_recovery(recovery_dir(), "0" * 32, recovery_text(unsaved, None))
    window = open_window(qtbot, catalog)
    try:
        window.resize(QSize(1440, 900))
        save_shot(window, shots / "1-startscherm.png")
        assert window.open_path(DOEN)
        view = window.view
        view.reveal("beroep_doel_stellen", focus=False)
        save_shot(window, shots / "2-vraagpagina.png")
        panel = window.scores
        panel.verdict_why.setChecked(True)
        panel.rows["in_actie_komen"].why.setChecked(True)
        panel.verticalScrollBar().setValue(0)
        save_shot(window.score_dock, shots / "3-scorepaneel-uitleg.png")
        window.doc.edit_answer("aantal_doelgroep", "value", "ongeveer een miljoen")
        window.doc.edit_answer("kern_voorstel", "value", None)
        window.doc.edit_answer("looptijd", "value", None)
        window.doc.edit_answer("acties", "value", [{"wat_gevraagd": "Aanvraag indienen"}])
        save_shot(window, shots / "4-problemen.png")
        save_shot(window.problems_dock, shots / "4b-problemenlijst.png")
        view.go_to(0)
        save_shot(window, shots / "5-gegevens.png")
        apply_theme(QApplication.instance(), "dark")
        view.reveal("acties", focus=False)
        save_shot(window, shots / "6-donker.png")
        apply_theme(QApplication.instance(), "light")
        dialog = ExportDialog(window.doc, window)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.start(shots / "export.pdf")
        qtbot.waitUntil(lambda: dialog.result_path is not None or dialog.error is not None,
                        timeout=120_000)
        assert dialog.error is None
        save_shot(dialog, shots / "7-export-voorbeeld.png")
    finally:
        apply_theme(QApplication.instance(), "light")
        dispose(window)


@pytest.mark.parametrize(("size", "theme"), [((1024, 700), "light"), ((1920, 1080), "light"),
                                             ((1440, 900), "dark")])
def test_screenshots_at_small_and_large_sizes_and_dark(qtbot, catalog, shots, size, theme):
    """The question page at 1024×700 and 1920×1080, and the dark theme (with a search
    and a filled-in table), as a new user sees them."""
    window = open_window(qtbot, catalog)
    app = QApplication.instance()
    try:
        apply_theme(app, theme)
        window.resize(QSize(*size))
        assert window.open_path(UITV)
        view = window.view
        view.reveal("kosten_incidenteel", focus=False)
        name = f"8-{size[0]}x{size[1]}-{theme}"
        save_shot(window, shots / f"{name}.png")
        assert window.grab().width() == size[0]
        view.search.open_panel()
        view.search.field.setText("huurtoeslag")
        view.search.refresh()
        view.reveal("risico_procesverstoring", focus=False)
        save_shot(window, shots / f"{name}-zoeken.png")
    finally:
        apply_theme(app, "light")
        dispose(window)
