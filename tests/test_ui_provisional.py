"""The app shows what is provisional: score panel, navigator (screenshots: TOETSAPP_SCREENSHOTS)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt

from tests.conftest import ROOT
from tests.uihelp import dispose, open_window, save_shot

UITV = ROOT / "examples" / "uitvoerbaarheidstoets.toets"


def test_new_toets_reads_provisional_and_complete_one_does_not(qtbot, catalog, shots):
    window = open_window(qtbot, catalog)
    try:
        window.resize(QSize(1440, 900))
        window.new_toets("uitvoerbaarheidstoets")
        panel, doc = window.scores, window.doc
        assert panel.verdict.text() == "nog geen oordeel"
        assert panel.verdict_state.text().startswith("<b>Voorlopig</b> — 0 van 10 dimensies")
        save_shot(window.score_dock, shots / "12-scorepaneel-nieuw.png")
        doc.edit_answer("gevolgen", "value", "beperkt")
        assert panel.verdict.text() == "Voorlopig: Uitvoerbaar"
        full = doc.rubric.verdict("uitvoerbaar").color
        style = panel.verdict.styleSheet()
        assert f"border:3px dashed {full}" in style and f"background:{full}" not in style
        state = panel.verdict_state.accessibleName()
        assert state.startswith("Voorlopig — 1 van 10 dimensies beoordeeld · 1 van 57 vragen")
        assert "open problemen" in state
        row = panel.rows["processen_ict"]
        # of its 6 inputs 3 are hidden by conditions: only the 3 that apply are counted
        score = next(s for s in doc.evaluation.dimensions if s.dimension.id == "processen_ict")
        assert len(score.dimension.inputs) == 6 and len(score.expected_inputs) == 3
        assert "voorlopig: 1 van 3 invoervragen beantwoord" in row.note.text()
        assert row.chip.is_provisional()  # drawn pale with a dashed edge
        row.why.setChecked(True)
        assert "Het niveau kan nog veranderen door" in row.explanation.text()
        assert "geen regel van toepassing" not in row.explanation.text()
        navigator = window.view.navigator
        described = [navigator.entries.item(r).data(Qt.ItemDataRole.AccessibleDescriptionRole)
                     for r in range(navigator.entries.rowCount())]
        assert any("voorlopige score: Geen knelpunt" in (d or "") for d in described)
        save_shot(window.score_dock, shots / "12-scorepaneel-een-antwoord.png")
        window.autosaver.attach(None)
        window.clear_document()
        assert window.open_path(UITV)
        panel = window.scores
        assert not panel.verdict.text().startswith("Voorlopig")
        assert "dashed" not in panel.verdict.styleSheet()  # the verdict in its own colour
        assert panel.verdict_state.accessibleName().startswith(
            "Volledig — 10 van 10 dimensies beoordeeld")
        assert all(not r.note.text().startswith("voorlopig") for r in panel.rows.values())
        assert not any(r.chip.is_provisional() for r in panel.rows.values())
        save_shot(window.score_dock, shots / "12-scorepaneel-volledig.png")
        save_shot(window, shots / "12-venster-volledig.png")
    finally:
        dispose(window)


def test_definitief_cannot_be_chosen_while_problems_remain(qtbot, catalog):
    from toetsapp.editing import MetaField

    window = open_window(qtbot, catalog)
    try:
        window.new_toets("uitvoerbaarheidstoets")
        doc = window.doc
        status = window.view.metadata_page.fields["status"]
        final = status.values.index("definitief")
        assert not status.model().item(final).isEnabled()
        status.activated.emit(final)  # as if chosen anyway (keyboard, assistive tech)
        assert doc.value(MetaField("status")) == "concept"
        text = status.message.text()
        assert "Status ‘Definitief’ kan nog niet." in text and "open problemen" in text
        assert "Soort regelgeving" in text and "andere" in text
        status.activated.emit(status.values.index("in_review"))
        assert doc.value(MetaField("status")) == "in_review" and not status.message.text()
        window.autosaver.attach(None)
        window.clear_document()
        assert window.open_path(UITV)
        status = window.view.metadata_page.fields["status"]
        assert status.model().item(final).isEnabled() and not status.message.isVisibleTo(status)
    finally:
        dispose(window)
