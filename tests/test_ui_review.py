"""The review round in the app: comments, section verdicts, history with restore,
side-by-side differences and merging a returned copy (pytest-qt, real files).
Set TOETSAPP_SCREENSHOTS=DIR to keep the screenshots."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QPlainTextEdit, QPushButton

from tests.review_support import LARGEST, definitions, edited, example, text_questions
from tests.test_signing_pki import PASSWORD, key, shared_pki
from tests.uihelp import dispose, open_window, save_shot
from toetsapp.files.store import load_toets, save_toets
from toetsapp.review.comments import Author, add_comment
from toetsapp.signing import sign_toets
from toetsapp.signing.content import content_digest
from toetsapp.ui import settings
from toetsapp.ui.comments import CommentsDialog, ReviewDialog
from toetsapp.ui.diffview import DiffWindow
from toetsapp.ui.history import HistoryDialog
from toetsapp.ui.navigator import STATE_ROLE
from toetsapp.ui.reviewops import ConflictDialog

BASE = example()
QUESTIONS = text_questions(BASE)
FORM, _RUBRIC = definitions(BASE)


def _section_row(question: str) -> int:
    return next(i for i, s in enumerate(FORM.sections, start=1)
                if any(q.id == question for q in s.questions))


def test_comments_in_the_question_navigator_and_problems(qtbot, catalog, tmp_path, shots):
    path = tmp_path / "review.toets"
    toets = BASE.model_copy(deep=True)
    question = QUESTIONS[0]
    add_comment(toets, FORM, "Welke bron hoort bij dit bedrag? Graag de CPB-raming noemen.",
                Author("Bram Jansen", "Belastingdienst"), question=question)
    save_toets(toets, path)
    settings.toetser_name.set("Eva de Wit")
    settings.reviewer_organisation.set("UWV")
    window = open_window(qtbot, catalog)
    try:
        window.resize(QSize(1440, 900))
        assert window.open_path(path)
        doc, view = window.doc, window.view
        digest = content_digest(doc.toets)
        row = _section_row(question)
        view.go_to(row)
        page = view.page(row)
        widget = page.widgets[question]
        assert widget.comment_strip.isVisibleTo(page) and "CPB" in widget.comment_strip.text()
        assert widget.comments_button.text() == "1 opmerking"
        assert view.navigator.entries.item(row).data(STATE_ROLE).comments == 1
        messages = [window.problems.tree.topLevelItem(i).text(0)
                    for i in range(window.problems.tree.topLevelItemCount())]
        assert any(m.startswith("Open opmerking — Bram Jansen (Belastingdienst)")
                   for m in messages)
        dialog = CommentsDialog(doc, question=question, parent=window)
        dialog.show()
        dialog.new_text.setPlainText("Toegevoegd in de bijlage.")
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "Opmerking &plaatsen"
             ).click()
        assert widget.comments_button.text() == "2 opmerkingen"
        replies = [e for e in dialog.findChildren(QPlainTextEdit) if e is not dialog.new_text]
        replies[0].setPlainText("Dank, komt eraan.")
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "Reageren").click()
        assert doc.toets.comments[0].replies[0].author == "Eva de Wit"
        save_shot(dialog, shots / "review-1-opmerkingen.png")
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "Afhandelen").click()
        assert doc.toets.comments[0].resolved is not None
        assert widget.comments_button.text() == "1 opmerking"
        dialog.close()
        review = ReviewDialog(doc, page.section.id, window)
        review.choose("aanpassen", "Graag de kosten per jaar uitsplitsen.")
        review._ok()
        assert doc.toets.reviews[-1].verdict == "aanpassen"
        assert "aanpassen" in page.review_label.text()
        assert content_digest(doc.toets) == digest  # comments never touch signed content
        save_shot(window, shots / "review-2-vraag-met-opmerking.png")
        doc.undo_stack.undo()  # the review verdict
        doc.undo_stack.undo()  # resolving
        assert doc.toets.reviews == [] and doc.toets.comments[0].resolved is None
        assert window.save()
        back = load_toets(path)
        assert len(back.comments) == 2 and back.comments[0].replies
    finally:
        dispose(window)


def test_history_of_one_answer_and_restore_is_undoable(qtbot, catalog, tmp_path, shots):
    path = tmp_path / "geschiedenis.toets"
    question = QUESTIONS[0]
    original = BASE.answers[question].value
    first = edited(BASE, {(question, "value"): "Tweede versie van het antwoord"}, by="Eva")
    second = edited(first, {(question, "value"): "Derde versie, na overleg met UWV",
                            (question, "evidence"): "Overleg 12 maart"}, by="Bram")
    save_toets(second, path)
    window = open_window(qtbot, catalog)
    try:
        assert window.open_path(path)
        doc = window.doc
        dialog = HistoryDialog(doc, question, window)
        dialog.resize(1000, 380)
        dialog.show()
        assert dialog.tree.topLevelItemCount() == 3
        texts = [dialog.tree.topLevelItem(i).text(4) for i in range(3)]
        assert "Derde versie, na overleg met UWV" in texts
        save_shot(dialog, shots / "review-3-geschiedenis.png")
        last = next(i for i in range(3) if dialog.tree.topLevelItem(i).text(3) == original)
        dialog.tree.setCurrentItem(dialog.tree.topLevelItem(last))
        dialog.restore("old")
        assert doc.toets.answers[question].value == original
        assert doc.modified
        doc.undo_stack.undo()
        assert doc.toets.answers[question].value == "Derde versie, na overleg met UWV"
        doc.undo_stack.redo()
        assert window.save()
        saved = load_toets(path)
        assert saved.answers[question].value == original
        assert [c.key for c in saved.revisions[-1].changes] == [f"answers.{question}.value"]
        dialog.close()
    finally:
        dispose(window)


def test_side_by_side_with_a_file_and_with_the_version_at_a_signature(
        qtbot, catalog, tmp_path, tmp_path_factory, shots):
    pki = shared_pki(tmp_path_factory)
    path, other = tmp_path / "nu.toets", tmp_path / "ander.toets"
    signed = sign_toets(BASE.model_copy(deep=True), key(pki, "belastingdienst"),
                        position="akkoord")
    save_toets(signed, path, summary="Medeondertekend", previous=BASE)
    q1, q2 = QUESTIONS[:2]
    long = next(q for q in QUESTIONS if FORM.question_index()[q].type == "textarea")
    later = edited(load_toets(path), {
        (q1, "value"): "Aangepast na de handtekening",
        (q2, "evidence"): "Nieuwe bron: rapport 2026",
        (long, "value"): "Na het overleg van 12 maart is de invoering een jaar later gezet. "
                         "De Belastingdienst levert de inkomensgegevens maandelijks; de "
                         "toeslag wordt automatisch toegekend zonder aanvraag."}, by="Eva")
    save_toets(later, path)
    save_toets(edited(BASE, {(q2, "value"): "Andere kopie"}, by="Bram"), other)
    window = open_window(qtbot, catalog)
    try:
        assert window.open_path(path)
        since = window.compare_with_signature(0)
        assert isinstance(since, DiffWindow)
        keys = since.diff().changed_keys()
        assert {f"answers.{q1}.value", f"answers.{q2}.evidence"} <= keys
        assert since.tree.topLevelItemCount() >= 1
        since.resize(1200, 560)
        save_shot(since, shots / "review-4-sinds-handtekening.png")
        since.close()
        with_file = window.compare_with_file(other)
        assert isinstance(with_file, DiffWindow)
        assert f"answers.{q2}.value" in with_file.diff().changed_keys()
        with_file.close()
    finally:
        dispose(window)


def test_merge_a_returned_copy_in_the_app_with_a_choice(qtbot, catalog, tmp_path, shots):
    q1, q2 = QUESTIONS[:2]
    mine_path, theirs_path = tmp_path / "mijn.toets", tmp_path / "terug.toets"
    save_toets(edited(BASE, {(q1, "value"): "Mijn tekst"}, by="Eva"), mine_path)
    theirs = edited(BASE, {(q1, "value"): "Hun tekst", (q2, "evidence"): "Hun bron"},
                    by="Bram")
    add_comment(theirs, FORM, "Zie onze bron", Author("Bram", "Belastingdienst"), question=q2)
    save_toets(theirs, theirs_path)
    window = open_window(qtbot, catalog)
    try:
        assert window.open_path(mine_path)
        doc = window.doc
        from toetsapp.review.merge import merge

        conflicts = merge(doc.toets, load_toets(theirs_path), FORM).conflicts
        dialog = ConflictDialog(FORM, conflicts, "nl", window)
        dialog.choose(f"answers.{q1}.value", "theirs")
        assert dialog.choices() == {f"answers.{q1}.value": "theirs"}
        save_shot(dialog, shots / "review-5-conflicten.png")
        result = window.merge_copy(theirs_path, ask=False)
        assert result is not None and result.conflicts
        assert doc.toets.answers[q2].evidence == "Hun bron"
        assert doc.toets.answers[q1].value == "Mijn tekst"  # default: mine, theirs in a comment
        assert any("Hun tekst" in c.text for c in doc.toets.comments)
        doc.undo_stack.undo()  # the whole merge is one step
        assert not doc.toets.comments and doc.toets.answers[q2].evidence != "Hun bron"
        other = BASE.model_copy(deep=True, update={"id": __import__("uuid").uuid4()})
        save_toets(other, tmp_path / "ander.toets")
        from tests.uihelp import when_dialog

        when_dialog(lambda d: d.accept())
        assert window.merge_copy(tmp_path / "ander.toets") is None
    finally:
        dispose(window)


_ = (LARGEST, PASSWORD)
