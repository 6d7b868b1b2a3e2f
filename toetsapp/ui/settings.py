"""The one typed settings registry (after Picard's ``config.py``).

Every setting is declared here as a typed option with a default; nothing else
in Toetsapp touches ``QSettings``. The file lives in ``locations.config_dir()``
(tests redirect it) and carries a version; :data:`UPGRADES` migrates older files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from toetsapp.files.locations import config_dir

T = TypeVar("T")
VERSION = 1
VERSION_KEY = "meta/version"
UPGRADES: dict[int, Callable[[QSettings], None]] = {}
"""Version N -> function turning a version N-1 file into version N."""

REGISTRY: dict[str, Option[Any]] = {}
_stores: dict[Path, QSettings] = {}


def settings_file() -> Path:
    return config_dir() / "toetsapp.ini"


def store() -> QSettings:
    """The settings store of the current location, opened (and upgraded) once."""
    path = settings_file()
    found = _stores.get(path)
    if found is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        found = _stores[path] = QSettings(str(path), QSettings.Format.IniFormat)
        upgrade(found)
    return found


def upgrade(settings: QSettings) -> None:
    """Run every upgrade between the file's version and :data:`VERSION`."""
    try:
        version = int(settings.value(VERSION_KEY, 0) or 0)
    except (TypeError, ValueError):
        version = 0
    if version > VERSION:
        return  # written by a newer Toetsapp: read what we know, change nothing
    for step in sorted(UPGRADES):
        if version < step <= VERSION:
            UPGRADES[step](settings)
    settings.setValue(VERSION_KEY, VERSION)


def sync() -> None:
    """Write pending changes of every open store to disk."""
    for settings in _stores.values():
        settings.sync()


class Option(Generic[T]):
    """One named, typed setting with a default."""

    def __init__(self, key: str, default: T) -> None:
        if key in REGISTRY:
            raise ValueError(f"setting {key!r} declared twice")
        self.key = key
        self.default = default
        REGISTRY[key] = self

    def get(self) -> T:
        raw = store().value(self.key)
        if raw is None:
            return self._copy(self.default)
        try:
            return self.decode(raw)
        except (TypeError, ValueError):
            return self._copy(self.default)

    def set(self, value: T) -> None:
        store().setValue(self.key, self.encode(value))

    def reset(self) -> None:
        store().remove(self.key)

    def decode(self, raw: Any) -> T:
        return raw

    def encode(self, value: T) -> Any:
        return value

    @staticmethod
    def _copy(value: T) -> T:
        return list(value) if isinstance(value, list) else value  # type: ignore[return-value]


class BoolOption(Option[bool]):
    def decode(self, raw: Any) -> bool:
        if isinstance(raw, str):
            return raw.lower() in ("true", "1", "yes")
        return bool(raw)


class IntOption(Option[int]):
    def __init__(self, key: str, default: int, minimum: int, maximum: int) -> None:
        super().__init__(key, default)
        self.minimum, self.maximum = minimum, maximum

    def decode(self, raw: Any) -> int:
        return max(self.minimum, min(self.maximum, int(raw)))


class TextOption(Option[str]):
    def __init__(self, key: str, default: str, choices: tuple[str, ...] = ()) -> None:
        super().__init__(key, default)
        self.choices = choices

    def decode(self, raw: Any) -> str:
        text = str(raw)
        if self.choices and text not in self.choices:
            raise ValueError(text)
        return text


class ListOption(Option[list[str]]):
    """A list of strings, stored as JSON (INI files cannot tell a 1-item list from text)."""

    def decode(self, raw: Any) -> list[str]:
        value = json.loads(str(raw))
        if not isinstance(value, list):
            raise ValueError(raw)
        return [str(item) for item in value]

    def encode(self, value: list[str]) -> str:
        return json.dumps(list(value), ensure_ascii=False)


class BytesOption(Option[bytes]):
    def decode(self, raw: Any) -> bytes:
        if isinstance(raw, QByteArray):
            return bytes(raw.data())
        if isinstance(raw, bytes):
            return raw
        raise ValueError(raw)

    def encode(self, value: bytes) -> QByteArray:
        return QByteArray(value)


# --- the settings ----------------------------------------------------------------------
window_geometry = BytesOption("window/geometry", b"")
window_state = BytesOption("window/state", b"")
splitter_state = BytesOption("window/splitter", b"")
recent_files = ListOption("files/recent", [])
last_folder = TextOption("files/last_folder", "")
export_folder = TextOption("export/last_folder", "")
language = TextOption("general/language", "", choices=("", "nl", "en"))
theme = TextOption("general/theme", "system", choices=("system", "light", "dark"))
toetser_name = TextOption("general/toetser_name", "")
reviewer_organisation = TextOption("general/reviewer_organisation", "")
tsa_url = TextOption("signing/tsa_url", "")
"""The timestamp service (RFC 3161) last used for signing; empty: sign without."""
autosave_delay_ms = IntOption("recovery/autosave_delay_ms", 1500, 200, 60_000)
MAX_RECENT = 10


def remember_recent(path: Path) -> list[str]:
    """Put ``path`` at the top of the recent files and return the new list."""
    text = str(Path(path).resolve())
    files = [text, *(p for p in recent_files.get() if p != text)][:MAX_RECENT]
    recent_files.set(files)
    return files


def forget_recent(path: Path | str) -> list[str]:
    text = str(path)
    files = [p for p in recent_files.get() if p != text]
    recent_files.set(files)
    return files
