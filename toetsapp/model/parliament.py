"""Parliamentary identifiers: dossiernummer ('36 501', '36 600 VI') and vergaderjaar."""

from __future__ import annotations

import re

from toetsapp.i18n import _

DOSSIER_PATTERN = re.compile(r"^(\d{2}) ?(\d{3})(?: ([IVXLC]+))?$")


def normalise_dossiernummer(value: str, *, required: bool = False) -> str:
    """'36501' → '36 501'; a budget dossier keeps its Roman numeral ('36 600 VI')."""
    value = value.strip()
    if not value and not required:
        return ""
    match = DOSSIER_PATTERN.match(value)
    if not match:
        raise ValueError(_("dossiernummer heeft de vorm '36 501' (eventueel '36 600 VI')"))
    head, tail, roman = match.groups()
    return f"{head} {tail}" + (f" {roman}" if roman else "")


def check_vergaderjaar(value: str) -> str:
    """A parliamentary year runs over two consecutive years: '2025/26'."""
    if value:
        start, end = value.split("/")
        if (int(start) + 1) % 100 != int(end):
            raise ValueError(_("vergaderjaar loopt over twee opeenvolgende jaren, zoals 2025/26"))
    return value


def joint_citation(kamer: str, vergaderjaar: str, dossiernummers: list[str],
                   ondernummer: str) -> str:
    """'Kamerstukken II 2025/26, 36 501 en 36 502, nr. 3' ('' without a dossier).

    Bills the Kamers treat together share their documents; the citation names every
    dossier, joined as Kamerstukken are ('36 501, 36 502 en 36 503').
    """
    if not dossiernummers:
        return ""
    year = f" {vergaderjaar}" if vergaderjaar else ""
    numbers = dossiernummers[0] if len(dossiernummers) == 1 else (
        ", ".join(dossiernummers[:-1]) + " en " + dossiernummers[-1])
    parts = [f"Kamerstukken {kamer}{year}", numbers]
    if ondernummer:
        parts.append(ondernummer if ondernummer.isalpha() else f"nr. {ondernummer}")
    return ", ".join(parts)


def split_dossiernummers(text: str) -> list[str]:
    """Dossiernummers typed on one line ('36 813, 36 814 en 36 815') as a list."""
    return [part.strip() for part in re.split(r"[,;]| en ", text) if part.strip()]


def join_dossiernummers(numbers: list[str] | None) -> str:
    """The list as one line, the way :func:`split_dossiernummers` reads it back."""
    return ", ".join(numbers or [])
