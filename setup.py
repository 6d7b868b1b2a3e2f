"""Build hook: the data folders travel inside the package, catalogs compiled at build time.

The top-level ``forms/``, ``rubrics/``, ``exports/`` and ``i18n/`` folders stay the
source of truth in the repository; building a wheel (``pip install .``, ``pip wheel .``,
``pipx install .``) copies them to ``toetsapp/data/`` and compiles every
``i18n/*/LC_MESSAGES/*.po`` to ``.mo`` with babel. An editable install reads the
folders in place (``toetsapp/resources.py``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# (folder, glob) pairs that are shipped; .po files are compiled, not copied.
DATA = (("forms", "*.json"), ("rubrics", "*.json"), ("exports", "**/*"),
        ("help", "*.json"))
LANGUAGES_REQUIRED = ("nl", "en")


def compile_catalogs(source: Path, target: Path) -> list[Path]:
    """Compile every ``LANG/LC_MESSAGES/*.po`` below ``source`` into ``target``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
        relative = po_path.relative_to(source).with_suffix(".mo")
        mo_path = target / relative
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=relative.parts[0])
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written.append(mo_path)
    missing = [lang for lang in LANGUAGES_REQUIRED
               if not (target / lang / "LC_MESSAGES" / "toetsapp.mo").is_file()]
    if missing:
        raise SystemExit(f"i18n: no catalog for {', '.join(missing)} in {source}")
    return written


class BuildWithData(build_py):
    """``build_py`` that also maps the data folders into ``toetsapp/data/``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the repository folders themselves
        target = Path(self.build_lib) / "toetsapp" / "data"
        if target.exists():
            shutil.rmtree(target)
        for folder, pattern in DATA:
            for path in sorted((ROOT / folder).glob(pattern)):
                if path.is_file() and "__pycache__" not in path.parts:
                    dest = target / path.relative_to(ROOT)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, dest)
        compile_catalogs(ROOT / "i18n", target / "i18n")


setup(cmdclass={"build_py": BuildWithData})
