"""Dutch and English throughout: complete catalogs, no Dutch left in English output.

The catalogs are read with babel; the English PDF of every example, the English
command line and the English main window are searched for Dutch source texts
(msgids) whose English translation differs. What a toetser typed (answers,
metadata) stays in the language it was written in and is not counted.
"""

from __future__ import annotations

import io
import json
import re
import string
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog as PoCatalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from pypdf import PdfReader

from tests.conftest import EXAMPLES
from tests.export_support import all_text, outline
from toetsapp.cli import main
from toetsapp.export import render_toets_pdf
from toetsapp.files.store import load_toets
from toetsapp.formatting import (
    format_date,
    format_datetime,
    format_fte,
    format_money,
    format_number,
    format_time,
)
from toetsapp.i18n import _, current_language, set_language
from toetsapp.resources import resource_root

ROOT = resource_root()
I18N = ROOT / "i18n"
LANGUAGES = ("nl", "en")
MIN_FRAGMENT = 12
ENGLISH_SOURCES = ("toetsapp/cli/argparse_i18n.py",)
"""Where the msgids are argparse's English, not Dutch."""

_BRACE = string.Formatter()
_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[a-zA-Z%]")


@cache
def po(language: str) -> PoCatalog:
    with (I18N / language / "LC_MESSAGES" / "toetsapp.po").open("rb") as handle:
        return read_po(handle, locale=language)


def messages(language: str) -> list:
    return [m for m in po(language) if m.id]


def strings(message) -> tuple[str, ...]:
    value = message.string
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


def ids(message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, (list, tuple)) else (message.id,)


def brace_fields(text: str) -> list[str]:
    try:
        return sorted(name for _lit, name, _spec, _conv in _BRACE.parse(text) if name is not None)
    except ValueError:
        return ["<unbalanced>"]


def percent_fields(text: str) -> list[str]:
    return sorted(_PERCENT.findall(text))


def english_source(message) -> bool:
    return bool(message.locations) and all(
        str(path).endswith(ENGLISH_SOURCES) for path, _line in message.locations)


def squash(text: str) -> str:
    return " ".join(text.split())


@cache
def dutch_fragments() -> dict[str, str]:
    """Fragment → msgid, for every Dutch msgid whose English differs.

    A fragment is the longest literal piece between placeholders, whitespace
    collapsed, without a keyboard mnemonic's '&'; too short a piece is left out
    (it would match English words too).
    """
    found: dict[str, str] = {}
    for message in messages("en"):
        if english_source(message):
            continue
        for msgid, msgstr in zip(ids(message), strings(message), strict=False):
            if msgid == msgstr:
                continue
            pieces = re.split(r"\{[^{}]*\}|%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[a-zA-Z%]|\n",
                              msgid)
            best = max((squash(p.replace("&", "")) for p in pieces), key=len, default="")
            if len(best) >= MIN_FRAGMENT and best not in squash(msgstr):
                found[best] = msgid
    return found


def user_text(data: object) -> str:
    """All strings of a toets's JSON: what the toetser typed stays in its language."""
    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return squash("\n".join(out))


def dutch_left(text: str, allowed: str = "") -> list[str]:
    """The Dutch msgids of which a fragment appears in ``text`` (and not in ``allowed``)."""
    text = squash(text)
    return sorted({msgid for fragment, msgid in dutch_fragments().items()
                   if fragment in text and fragment not in allowed})


# --- the catalogs ------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_complete_without_fuzzy_or_obsolete_entries(language):
    catalog = po(language)
    untranslated = [m.id for m in messages(language) if not all(strings(m))]
    fuzzy = [m.id for m in messages(language) if m.fuzzy]
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:10]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy: {fuzzy[:10]}"
    assert not catalog.obsolete, f"obsolete entries: {list(catalog.obsolete)[:10]}"
    assert catalog.num_plurals == 2


def test_catalogs_hold_every_string_of_the_source():
    """Extraction as `make i18n-extract` does it finds nothing the catalogs lack."""
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    method_map = [("**.py", "python")]
    found = {msgid if isinstance(msgid, str) else msgid[0]
             for _file, _line, msgid, _comments, _context in extract_from_dir(
                 ROOT / "toetsapp", method_map=method_map, keywords=keywords)}
    found.discard("")
    for language in LANGUAGES:
        have = {ids(m)[0] for m in messages(language)}
        missing = sorted(found - have)
        assert not missing, (f"{language}: {len(missing)} strings not in the catalog "
                             f"(run `make i18n-update`): {missing[:10]}")
        stale = sorted(have - found)
        assert not stale, f"{language}: entries no longer in the source: {stale[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_in_translations_match_the_msgid(language):
    wrong = []
    for message in messages(language):
        sources = ids(message)
        for index, msgstr in enumerate(strings(message)):
            msgid = sources[min(index, len(sources) - 1)]
            if brace_fields(msgid) != brace_fields(msgstr):
                wrong.append((msgid, msgstr))
            if "python-format" in message.flags and percent_fields(msgid) != percent_fields(
                    msgstr):
                wrong.append((msgid, msgstr))
    assert not wrong, wrong[:10]


def test_dutch_catalog_is_the_identity_except_for_argparse():
    for message in messages("nl"):
        if english_source(message):
            assert strings(message)[0] != ids(message)[0] or ids(message)[0] in (
                "argument %(argument_name)s: %(message)s",), message.id
        else:
            assert strings(message)[0] == ids(message)[0], message.id


def test_english_catalog_keeps_argparse_messages_and_translates_the_rest():
    for message in messages("en"):
        if english_source(message):
            assert strings(message) == ids(message)[: len(strings(message))] or (
                strings(message)[0] == ids(message)[0])


@pytest.mark.parametrize("language", LANGUAGES)
def test_mnemonics_are_kept(language):
    """A label with an '&' shortcut keeps exactly one in its translation."""
    for message in messages(language):
        for msgid, msgstr in zip(ids(message), strings(message), strict=False):
            marks = len(re.findall(r"&(?=\w)", msgid))
            if marks == 1 and not msgid.startswith("<"):
                assert len(re.findall(r"&(?=\w)", msgstr)) == 1, (msgid, msgstr)


def test_compiled_catalogs_translate():
    try:
        assert set_language("en") == "en"
        assert _("Eindoordeel") == "Final verdict"
        assert current_language() == "en"
    finally:
        set_language("nl")
    assert _("Eindoordeel") == "Eindoordeel"


# --- formatting -----------------------------------------------------------------------------
@pytest.mark.parametrize(("language", "expected"), [
    ("nl", ["22 november 2026", "€ 1.234.567", "€ 1.234,50", "12,5 fte", "1.234.567,89",
            "14:05:09"]),
    ("en", ["22 November 2026", "€1,234,567", "€1,234.50", "12.5 FTE", "1,234,567.89",
            "14:05:09"]),
])
def test_dates_money_numbers_and_fte_follow_the_locale(language, expected):
    got = [format_date(date(2026, 11, 22), language), format_money(1234567, language),
           format_money(Decimal("1234.5"), language), format_fte(12.5, language),
           format_number(1234567.891, language), format_time(datetime(2026, 1, 2, 14, 5, 9),
                                                             language)]
    assert [squash(x.replace("\u00a0", " ")) for x in got] == expected


def test_formatting_follows_the_active_language_by_default():
    try:
        set_language("en")
        assert format_date(date(2026, 3, 1)) == "1 March 2026"
        assert format_money(46_400_000) == "€46,400,000"
        assert "Mar" in format_datetime(datetime(2026, 3, 1, 9, 30))
    finally:
        set_language("nl")
    assert format_date(date(2026, 3, 1)) == "1 maart 2026"
    assert format_money(46_400_000).replace("\u00a0", " ") == "€ 46.400.000"


def test_no_hand_made_number_or_date_formatting_in_the_package():
    """Display formatting goes through toetsapp.formatting (babel), never by hand."""
    patterns = [r"\{[^{}]*:,", r"\{[^{}]*:[0-9]*\.[0-9]+f\}", r'\.replace\(",", "\."\)',
                r'\.replace\("\.", ","\)', r"%d-%m-%Y", r"%d/%m/%Y", r'f"€', r'"€ ?\{']
    allowed = {"toetsapp/formatting.py",
               "toetsapp/parsing.py"}  # what people type into input fields
    found = []
    for path in sorted((ROOT / "toetsapp").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name in allowed:
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if any(re.search(p, line) for p in patterns):
                found.append(f"{name}:{number}: {line.strip()}")
    assert not found, found


# --- the PDF ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def both_pdfs() -> dict[str, dict[str, bytes]]:
    from toetsapp.catalog import default_catalog

    catalog = default_catalog()
    out: dict[str, dict[str, bytes]] = {}
    for path in EXAMPLES:
        toets = load_toets(path)
        form = catalog.form(toets.form.id)
        rubric = catalog.rubric_for(form.id)
        out[path.stem] = {lang: render_toets_pdf(toets, form, rubric, language=lang,
                                                 invariant=True) for lang in LANGUAGES}
    return out


def _example_ids() -> list[str]:
    return [p.stem for p in EXAMPLES]


def english_values(data: object) -> list[str]:
    """The English texts of a form or rubric (their own data, checked by `validate`)."""
    if isinstance(data, dict):
        if isinstance(data.get("en"), str):
            return [data["en"]]
        return [text for value in data.values() for text in english_values(value)]
    if isinstance(data, list):
        return [text for value in data for text in english_values(value)]
    return []


@cache
def _typed(name: str) -> str:
    """What may stay as it is in an English rendering of example ``name``: the toetser's
    own text, and the English texts of its form and rubric (data, not the catalogs)."""
    toets = json.loads((ROOT / "examples" / f"{name}.toets").read_text("utf-8"))
    data = []
    for folder in ("forms", "rubrics"):
        for path in sorted((ROOT / folder).glob("*.json")):
            if not path.name.endswith(".schema.json"):
                data += english_values(json.loads(path.read_text("utf-8")))
    return user_text(toets) + " " + squash("\n".join(data))


@pytest.mark.parametrize("name", _example_ids())
def test_english_pdf_has_no_dutch_interface_text(both_pdfs, name):
    text = all_text(both_pdfs[name]["en"])
    assert "ASSESSMENT SUMMARY CARD" in text
    assert not dutch_left(text, allowed=_typed(name))


@pytest.mark.parametrize("name", _example_ids())
def test_dutch_pdf_has_no_english_interface_text(both_pdfs, name):
    text = squash(all_text(both_pdfs[name]["nl"]))
    for english in ("ASSESSMENT SUMMARY CARD", "Final verdict", "Annex A", "Colophon",
                    "page 1 of"):
        assert english not in text


@pytest.mark.parametrize("name", _example_ids())
def test_both_languages_give_the_same_structure(both_pdfs, name):
    nl, en = both_pdfs[name]["nl"], both_pdfs[name]["en"]
    assert len(PdfReader(io.BytesIO(nl)).pages) == len(PdfReader(io.BytesIO(en)).pages)
    # the same entries at the same depths; a longer English text may move one a page on
    assert [level for level, _t, _p in outline(nl)] == [level for level, _t, _p in outline(en)]
    titles = {title for _level, title, _page in outline(en)}
    assert "Assessment summary card" in titles and "Colophon" in titles


# --- the command line --------------------------------------------------------------------------
def run(capsys, *args: str) -> tuple[int, str]:
    try:
        code = main(list(args))
    except SystemExit as done:  # --help and usage errors end through argparse
        code = int(done.code or 0)
    out = capsys.readouterr()
    return code, out.out + out.err


def _commands() -> list[str]:
    from toetsapp.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


@pytest.mark.parametrize("command", ["", *_commands()])
def test_english_help_has_no_dutch(capsys, command):
    code, out = run(capsys, "--lang", "en", *([command] if command else []), "--help")
    assert code == 0 and "usage: toetsapp" in out and "options:" in out
    assert not dutch_left(out), out


def test_dutch_help_translates_argparse(capsys):
    code, out = run(capsys, "--lang", "nl", "--help")
    assert code == 0
    assert out.startswith("gebruik: toetsapp") and "opties:" in out
    assert "toon deze hulp en stop" in out and "show this help" not in out
    code, out = run(capsys, "--lang", "nl", "render")
    assert code == 2 and "fout: de volgende argumenten zijn verplicht" in out


def test_english_usage_errors(capsys):
    code, out = run(capsys, "--lang", "en", "render")
    assert code == 2 and "error: the following arguments are required" in out
    code, out = run(capsys, "--lang", "en", "new", "--type", "x", "-o", "y", "--bogus")
    assert code == 2 and "unrecognized arguments" in out
    assert not dutch_left(out)


@pytest.mark.parametrize("name", _example_ids())
def test_english_score_has_no_dutch(capsys, name):
    path = ROOT / "examples" / f"{name}.toets"
    code, out = run(capsys, "--lang", "en", "score", str(path))
    assert code == 0 and "Why" in out
    assert not dutch_left(out, allowed=_typed(name)), out


def test_english_validate_has_no_dutch(capsys, tmp_path):
    files = [*map(str, EXAMPLES), *map(str, sorted((ROOT / "forms").glob("*.json"))),
             *map(str, sorted((ROOT / "rubrics").glob("*.json")))]
    code, out = run(capsys, "--lang", "en", "validate", *files)
    assert code == 0 and not dutch_left(out), out
    empty = tmp_path / "leeg.toets"
    assert run(capsys, "new", "--type", "doenvermogen", "-o", str(empty))[0] == 0
    broken = tmp_path / "kapot.toets"
    broken.write_text("{niet: json", "utf-8")
    code, out = run(capsys, "--lang", "en", "validate", "--strict", str(empty), str(broken),
                    str(tmp_path / "weg.toets"))
    assert code != 0 and "Required question has not been answered." in out
    assert "not valid JSON: name in double quotes expected at line 1, column 2" in out
    assert not dutch_left(out), out


def test_validate_reports_a_form_without_english(capsys, tmp_path):
    form = json.loads((ROOT / "forms" / "doenvermogentoets.json").read_text("utf-8"))
    del form["title"]["en"]
    form["sections"][0]["title"]["en"] = ""
    path = tmp_path / "formulier.json"
    path.write_text(json.dumps(form, ensure_ascii=False), "utf-8")
    code, out = run(capsys, "validate", str(path))
    assert code == 0  # reported as a warning: the form still works in Dutch
    assert "let op: $.title: Engelse vertaling ontbreekt" in out
    assert "$.sections[0].title" in out
    _code, out = run(capsys, "--lang", "en", "validate", str(path))
    assert "warning: $.title: English translation missing" in out


# --- the application ------------------------------------------------------------------------------
def _window_texts(window) -> list[str]:
    """Every text a person can see or hear in ``window``: labels, buttons, menus, tips."""
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QMenu,
        QPlainTextEdit,
        QTabWidget,
        QTextEdit,
        QWidget,
    )

    texts: list[str] = []
    widgets = [window, *window.findChildren(QWidget)]
    for widget in widgets:
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription(),
                  widget.windowTitle(), widget.statusTip(), widget.whatsThis()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QMenu):
            texts.append(widget.title())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model: one column
                columns = 1
            for column in range(columns):
                texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
            for row in range(min(model.rowCount(QModelIndex()), 200)):
                texts.append(str(model.headerData(row, Qt.Orientation.Vertical) or ""))
            for row in range(min(model.rowCount(QModelIndex()), 200)):
                for column in range(columns):
                    index = model.index(row, column)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                 Qt.ItemDataRole.AccessibleTextRole):
                        value = model.data(index, role)
                        if isinstance(value, str):
                            texts.append(value)
    for action in window.findChildren(QAction):
        texts += [action.text(), action.toolTip(), action.statusTip()]
    return [t for t in texts if t]


def _clashing_mnemonics(window) -> list[str]:
    """Menus in which two entries share an Alt+letter."""
    from PySide6.QtWidgets import QMenu

    clashes = []
    menus = [window.menuBar(), *window.findChildren(QMenu)]
    for menu in menus:
        letters: dict[str, str] = {}
        for action in menu.actions():
            found = re.search(r"&(\w)", action.text())
            if found is None:
                continue
            letter = found.group(1).lower()
            if letter in letters:
                clashes.append(f"{letters[letter]!r} / {action.text()!r}")
            letters[letter] = action.text()
    return clashes


def _dialog_texts(qtbot, window) -> list[str]:
    """The texts of the export, signing and override dialogs for the open toets."""
    from toetsapp.ui.exporting import ExportDialog
    from toetsapp.ui.override import OverrideDialog
    from toetsapp.ui.signing import SignDialog

    doc = window.doc
    rubric = doc.rubric
    dialogs = [ExportDialog(doc, window), SignDialog(doc, window)]
    if rubric is not None:
        dim = rubric.dimensions[0]
        dialogs.append(OverrideDialog(dim.label.get("en"), rubric.levels, rubric.levels[0].value,
                                      None, "A. Assessor", "en", window))
    texts: list[str] = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        texts += _window_texts(dialog)
        dialog.reject()
    return texts


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("nl")


def test_english_main_window_has_no_dutch(qtbot, english, tmp_path):
    from tests.uihelp import dispose, open_window
    from toetsapp.catalog import default_catalog

    window = open_window(qtbot, default_catalog())
    try:
        start = _window_texts(window)
        assert not _clashing_mnemonics(window)
        assert "&File" in start and not dutch_left("\n".join(start)), dutch_left(
            "\n".join(start))
        for path in EXAMPLES:
            window.open_path(Path(path))
            view = window.view
            assert view is not None
            seen: list[str] = []
            for row in range(len(view.sections) + 1):
                view.go_to(row)
                qtbot.wait(1)
                seen += _window_texts(window)
            seen += _window_texts(window)
            seen += _dialog_texts(qtbot, window)
            left = dutch_left("\n".join(seen), allowed=_typed(path.stem))
            assert not left, (path.stem, left)
            dispose(window)
    finally:
        dispose(window)


def _language_action(window, text: str):
    from PySide6.QtGui import QAction

    return next(a for a in window.findChildren(QAction) if a.text() == text)


def test_choosing_a_language_in_the_app_offers_a_restart(qtbot, monkeypatch):
    from tests.uihelp import dispose, open_window, press_in_dialog
    from toetsapp.catalog import default_catalog
    from toetsapp.ui import preferences, settings

    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(preferences.QProcess, "startDetached",
                        lambda program, arguments: started.append((program, arguments)))
    window = open_window(qtbot, default_catalog())
    try:
        window.open_path(EXAMPLES[0])
        seen: list = []
        press_in_dialog("cancel", seen)
        _language_action(window, "&English").trigger()
        assert seen and settings.language.get() == "en" and window.isVisible()
        assert "opnieuw is gestart" in window.statusBar().currentMessage()
        assert not started
        _language_action(window, "&Nederlands").trigger()  # the language in use: nothing to ask
        assert settings.language.get() == "nl" and window.isVisible()
        press_in_dialog("yes")
        _language_action(window, "&English").trigger()
        qtbot.waitUntil(lambda: not window.isVisible())
        program, arguments = started[0]
        assert arguments[-2:] == ["gui", str(EXAMPLES[0].resolve())]
        assert program and "toetsapp" in arguments
    finally:
        dispose(window)



QT_LANGUAGE_SCRIPT = """
import sys
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication
from toetsapp.ui.app import apply_qt_language
app = QApplication([])
translator = apply_qt_language(app, sys.argv[1])
print(translator is not None, QLocale().name(),
      QCoreApplication.translate("QPlatformTheme", "Cancel"))
"""


@pytest.mark.parametrize(("language", "expected"), [("nl", "True nl_NL Annuleren"),
                                                    ("en", "en_GB Cancel")])
def test_qt_own_texts_follow_the_language(language, expected):
    """Qt's own buttons and menus (in a process of its own: QLocale.setDefault is global)."""
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", QT_LANGUAGE_SCRIPT, language],
                          capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(expected), done.stdout


def test_english_comparison_and_dossier_windows_have_no_dutch(qtbot, english):
    from toetsapp.dossier import comparison_of_files
    from toetsapp.ui.comparing import ComparisonWindow
    from toetsapp.ui.dossier import DossierEditor

    comparison = ComparisonWindow()
    qtbot.addWidget(comparison)
    comparison.show()
    texts = _window_texts(comparison)
    # the comparison made here, not on the window's worker thread: the test checks words
    paths = list(EXAMPLES)
    result, warnings = comparison_of_files(paths)
    comparison._shown(paths, result, warnings, [])
    assert comparison.grids
    for index in range(comparison.tabs.count()):
        comparison.tabs.setCurrentIndex(index)
        texts += _window_texts(comparison)
    allowed = " ".join(_typed(p.stem) for p in EXAMPLES)
    assert not dutch_left("\n".join(texts), allowed=allowed), dutch_left("\n".join(texts),
                                                                           allowed=allowed)
    comparison.close()
    editor = DossierEditor()
    qtbot.addWidget(editor)
    editor.show()
    texts = _window_texts(editor)
    assert "&Make dossier" in texts and not dutch_left("\n".join(texts)), dutch_left(
        "\n".join(texts))
    editor.close()


def test_pydantic_errors_are_told_in_the_active_language():
    from pydantic import ValidationError

    from toetsapp.definitions import pydantic_issues
    from toetsapp.model.toets import Metadata

    bad = {"title": 5, "dossiernummer": "12", "kamer": "III", "onbekend": 1}
    for language, expected in (
        ("nl", {"$.title: verwacht tekst", "$.onbekend: onbekend veld",
                "$.dossiernummer: dossiernummer heeft de vorm '36 501' (eventueel '36 600 VI')",
                "$.kamer: verwacht een van: 'II' of 'I'"}),
        ("en", {"$.title: expected text", "$.onbekend: unknown field",
                "$.dossiernummer: a dossier number has the form '36 501' (or '36 600 VI')",
                "$.kamer: expected one of: 'II' or 'I'"})):
        set_language(language)
        try:
            Metadata.model_validate(bad)
        except ValidationError as exc:
            found = {str(issue) for issue in pydantic_issues(exc)}
        assert expected <= found, found
    set_language("nl")
