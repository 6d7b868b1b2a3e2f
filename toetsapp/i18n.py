"""Gettext set-up. Dutch is the source language; catalogs live in ``i18n/``."""

from __future__ import annotations

import gettext
import locale
import os
from pathlib import Path

from toetsapp.resources import resource_dir

DOMAIN = "toetsapp"
SUPPORTED = ("nl", "en")
DEFAULT = "nl"

# Said in the chosen language even though its catalog is what is missing.
_MISSING = {
    "nl": "Toetsapp kan de vertalingen voor taal '{language}' niet vinden ({path}); "
          "de installatie is onvolledig.",
    "en": "Toetsapp cannot find the translations for language '{language}' ({path}); "
          "the installation is incomplete.",
}


class MissingCatalog(Exception):
    """The compiled catalog for the chosen language is not installed."""

    def __init__(self, language: str, path: Path) -> None:
        self.language, self.path = language, path
        super().__init__(_MISSING.get(language, _MISSING["nl"]).format(
            language=language, path=path))


_translation: gettext.NullTranslations = gettext.NullTranslations()
_language: str = DEFAULT


def system_language() -> str:
    """The supported language that best matches the user's environment.

    The first locale variable that is set decides; a C/POSIX locale or an
    unsupported language means Dutch, the product's own language.
    """
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if not value:
            continue
        for part in value.split(":"):
            code = part.split("_")[0].split(".")[0].lower()
            if code in SUPPORTED:
                return code
        return DEFAULT
    try:
        code = (locale.getlocale()[0] or "").split("_")[0].lower()
    except ValueError:
        code = ""
    return code if code in SUPPORTED else DEFAULT


def set_language(language: str | None) -> str:
    """Activate ``language`` (or the system language) for all ``_()`` calls.

    Raises ``MissingCatalog`` when its compiled catalog is not installed.
    """
    global _translation, _language
    language = (language or system_language()).lower()
    if language not in SUPPORTED:
        language = DEFAULT
    localedir = resource_dir("i18n")
    try:
        _translation = gettext.translation(DOMAIN, localedir=str(localedir),
                                           languages=[language])
    except OSError:  # never a silent fallback to the source language
        raise MissingCatalog(language, localedir / language / "LC_MESSAGES"
                             / f"{DOMAIN}.mo") from None
    _language = language
    return language


def current_language() -> str:
    """The language currently used for user-visible text."""
    return _language


def _(message: str) -> str:
    """Translate ``message`` (Dutch source text) into the active language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a plural form."""
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet."""
    return message
