"""Reading PDFs others made: every library error becomes one clear message.

pypdf, pikepdf (qpdf) and pyHanko each raise their own exceptions, with English texts
that mean nothing to a user ("Circular xref chain detected", "LimitReachedError").
Every place that reads an input PDF runs the library inside :func:`guarded` (or catches
:data:`PDF_ERRORS` and calls :func:`pdf_problem`), so the user reads what is wrong in
Toetsapp's words and the file is named. Decompression is capped (pypdf's limits are set
here, when the errors are imported) so a compression bomb ends as a message, not as an
exhausted memory. Import the library before ``PDF_ERRORS``.
"""

from __future__ import annotations

import logging
import re
import struct
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from toetsapp.errors import FileProblem
from toetsapp.formatting import format_number
from toetsapp.i18n import _

MAX_STREAM_BYTES = 75_000_000
"""The most one stream (page content, image, attached file) may unpack to."""


_LIBRARIES = (("pypdf.errors", "PyPdfError"), ("pikepdf", "PdfError"),
              ("pikepdf", "PasswordError"), ("pyhanko.pdf_utils.misc", "PdfError"))


def _library_errors() -> tuple[type[BaseException], ...]:
    """The built-in errors libraries raise on bad input, plus the own error classes of
    pypdf, pikepdf and pyHanko as far as they are loaded (a library that was never
    imported raises nothing; importing pyHanko alone costs a quarter second)."""
    errors: list[type[BaseException]] = [
        ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
        AssertionError, OSError, ZeroDivisionError, OverflowError, ArithmeticError,
        LookupError, UnicodeError, struct.error, zlib.error, MemoryError, NotImplementedError]
    for module, name in _LIBRARIES:
        loaded = sys.modules.get(module)
        if loaded is not None and isinstance(getattr(loaded, name, None), type):
            errors.append(getattr(loaded, name))
    return tuple(errors)


def limit_decompression() -> None:
    """Cap what pypdf decompresses per stream (it raises LimitReachedError beyond)."""
    try:
        import pypdf.filters as filters
    except ImportError:  # pragma: no cover
        return
    for name in ("ZLIB_MAX_OUTPUT_LENGTH", "LZW_MAX_OUTPUT_LENGTH", "MAX_DECLARED_STREAM_LENGTH",
                 "MAX_ARRAY_BASED_STREAM_OUTPUT_LENGTH", "RUN_LENGTH_MAX_OUTPUT_LENGTH",
                 "JBIG2_MAX_OUTPUT_LENGTH", "FLATE_MAX_BUFFER_SIZE"):
        if isinstance(getattr(filters, name, None), int):
            setattr(filters, name, min(getattr(filters, name), MAX_STREAM_BYTES))


def silence_library_logs() -> None:
    """pypdf, pikepdf and pyHanko log repairs and doubts in English; without a handler
    Python prints them on stderr. Toetsapp reports what matters itself."""
    for name in ("pypdf", "pikepdf", "pyhanko"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())


silence_library_logs()


def __getattr__(name: str) -> tuple[type[BaseException], ...]:
    """``PDF_ERRORS``: everything pypdf, pikepdf and pyHanko raise for a PDF they cannot
    make sense of. Worked out when imported (``from toetsapp.files.pdfguard import
    PDF_ERRORS`` after importing the library used), so the libraries load only where
    they are used; pypdf's decompression limits are set then too."""
    if name == "PDF_ERRORS":
        return _loaded_errors()
    raise AttributeError(name)


def _loaded_errors() -> tuple[type[BaseException], ...]:
    if "pypdf" in sys.modules:
        limit_decompression()
    return _library_errors()

_ENCRYPTED = re.compile(r"encrypt|password|decrypt", re.IGNORECASE)
_LOOP = re.compile(r"circular|loop|recursi|cycle|refers to itself", re.IGNORECASE)


def is_encryption_error(exc: BaseException) -> bool:
    kind = type(exc).__name__
    return kind in ("PasswordError", "FileNotDecryptedError", "WrongPasswordError") or bool(
        _ENCRYPTED.search(str(exc)))


def pdf_problem(path: Path | str, exc: BaseException) -> FileProblem:
    """The message for a PDF a library could not read (no library text reaches the user)."""
    if isinstance(exc, FileProblem):
        return exc
    kind = type(exc).__name__
    if is_encryption_error(exc):
        return FileProblem(path, _("de PDF is versleuteld (beveiligd met een wachtwoord of met "
                                   "beperkingen) en kan niet worden gelezen; lever een "
                                   "onbeveiligde versie aan"))
    if kind == "LimitReachedError" or isinstance(exc, MemoryError):
        return FileProblem(path, _("de PDF bevat een gecomprimeerd onderdeel dat uitgepakt te "
                                   "groot wordt (meer dan {max} MB; een zogenaamde "
                                   "compressiebom)").format(
            max=format_number(MAX_STREAM_BYTES / 1e6, max_decimals=0)))
    if isinstance(exc, RecursionError) or _LOOP.search(str(exc)):
        return FileProblem(path, _("de PDF is beschadigd: onderdelen ervan verwijzen (via "
                                   "elkaar) naar zichzelf"))
    return FileProblem(path, _("de PDF is beschadigd of onleesbaar"))


@contextmanager
def guarded(path: Path | str) -> Iterator[None]:
    """Run PDF library code; its errors leave as a :class:`FileProblem` naming ``path``."""
    errors = _loaded_errors()
    try:
        yield
    except FileProblem:
        raise
    except errors as exc:
        raise pdf_problem(path, exc) from None


def open_pikepdf(data: bytes, path: Path | str):  # -> pikepdf.Pdf
    """Open PDF bytes with pikepdf, refusing encrypted and unreadable files clearly."""
    import io

    import pikepdf

    with guarded(path):
        pdf = pikepdf.open(io.BytesIO(data))
        if pdf.is_encrypted:
            pdf.close()
            raise FileProblem(path, _("de PDF is versleuteld (beveiligd met een wachtwoord of "
                                      "met beperkingen) en kan niet worden gelezen; lever een "
                                      "onbeveiligde versie aan"))
        return pdf
