"""Errors that reach the user: each names the file and, where known, the place in it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toetsapp.i18n import _, ngettext


@dataclass(frozen=True)
class Issue:
    """One problem at a JSON path inside a file, e.g. ``$.sections[0].id``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ToetsappError(Exception):
    """Base for every error meant to be shown to the user as a message."""


class UsageError(ToetsappError):
    """Options that do not fit together: the command line exits with code 2."""


class FileProblem(ToetsappError):
    """A file could not be used; ``issues`` says where and why."""

    def __init__(self, path: Path | str, issues: list[Issue] | Issue | str) -> None:
        self.file = Path(path)
        if isinstance(issues, str):
            issues = [Issue("", issues)]
        elif isinstance(issues, Issue):
            issues = [issues]
        self.issues = issues
        super().__init__(self.describe())

    def describe(self, limit: int = 20) -> str:
        """A readable message: one line for one issue, else a line per issue."""
        if len(self.issues) == 1:
            return _("Bestand {file}: {issue}").format(file=self.file, issue=self.issues[0])
        lines = [_("Bestand {file}:").format(file=self.file)]
        lines += [f"  - {issue}" for issue in self.issues[:limit]]
        if len(self.issues) > limit:
            more = len(self.issues) - limit
            lines.append("  " + ngettext("… en nog {n} probleem", "… en nog {n} problemen",
                                         more).format(n=more))
        return "\n".join(lines)


def json_path(location: tuple[object, ...] | list[object]) -> str:
    """Render a location (keys and indexes) as a JSON path."""
    out = "$"
    for part in location:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = str(part)
            out += f".{text}" if text.replace("_", "a").isalnum() else f"[{text!r}]"
    return out
