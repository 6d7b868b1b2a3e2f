"""Reading PDFs others made: every library error becomes one clear message.

pypdf, pikepdf (qpdf) and pyHanko each raise their own exceptions, with English texts
that mean nothing to a user ("Circular xref chain detected", "LimitReachedError").
Every place that reads an input PDF runs the library inside :func:`guarded` (or catches
:data:`PDF_ERRORS` and calls :func:`pdf_problem`), so the user reads what is wrong in
Toetsapp's words and the file is named. Decompression is capped (pypdf's limits are set
here, once) so a compression bomb ends as a message, not as an exhausted memory.
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


def _library_errors(*, with_pypdf: bool = True) -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [
        ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
        AssertionError, OSError, ZeroDivisionError, OverflowError, ArithmeticError,
        LookupError, UnicodeError, struct.error, zlib.error, MemoryError, NotImplementedError]
    if with_pypdf:
        try:
            from pypdf.errors import PyPdfError
            errors.append(PyPdfError)
        except ImportError:  # pragma: no cover
            pass
    try:
        from pikepdf import PasswordError as PikePasswordError
        from pikepdf import PdfError as PikeError
        errors += [PikeError, PikePasswordError]
    except ImportError:  # pragma: no cover
        pass
    try:
        from pyhanko.pdf_utils.misc import PdfError as HankoError
        errors.append(HankoError)
    except ImportError:  # pragma: no cover
        pass
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


CORE_ERRORS: tuple[type[BaseException], ...] = _library_errors(with_pypdf=False)
"""What pikepdf and pyHanko raise for a PDF they cannot make sense of (and Python's own
errors), without importing pypdf: for code that reads PDFs with those two only, such as
``toetsapp verify``. :data:`PDF_ERRORS` adds pypdf's."""
silence_library_logs()


def __getattr__(name: str) -> object:
    """``PDF_ERRORS``: :data:`CORE_ERRORS` plus pypdf's errors. pypdf is imported (and its
    decompression capped) when a module asks for this, i.e. the modules that read with
    pypdf; ``toetsapp verify`` never does."""
    if name != "PDF_ERRORS":
        raise AttributeError(name)
    value = _library_errors()
    limit_decompression()
    globals()["PDF_ERRORS"] = value
    return value


def pdf_errors() -> tuple[type[BaseException], ...]:
    """:data:`PDF_ERRORS` once pypdf is loaded, else :data:`CORE_ERRORS` (without pypdf in
    the process no pypdf error can occur)."""
    if "pypdf" not in sys.modules:
        return CORE_ERRORS
    return globals().get("PDF_ERRORS") or __getattr__("PDF_ERRORS")  # type: ignore[return-value]


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
    try:
        yield
    except FileProblem:
        raise
    except pdf_errors() as exc:
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


class StreamTooLarge(MemoryError):
    """A stream unpacks to more than :data:`MAX_STREAM_BYTES` (a compression bomb)."""


def read_stream(stream, limit: int = MAX_STREAM_BYTES) -> bytes:  # stream: pikepdf.Stream
    """The decoded bytes of a pikepdf stream, refusing more than ``limit`` bytes
    (:class:`StreamTooLarge`, which :func:`pdf_problem` names a compression bomb).

    Flate (the filter of every attached file Toetsapp writes, possibly applied more than
    once) is unpacked here with zlib's output cap, so a bomb is stopped before it fills
    the memory; other filters are left to qpdf and their result is measured."""
    import pikepdf

    filters = stream.get("/Filter")
    chain = [filters] if isinstance(filters, pikepdf.Name) else list(filters or [])
    if chain and all(f == "/FlateDecode" for f in chain) and "/DecodeParms" not in stream:
        data = stream.read_raw_bytes()
        for _filter in chain:
            unpacker = zlib.decompressobj()
            data = unpacker.decompress(data, limit + 1)
            if len(data) > limit or unpacker.unconsumed_tail:
                raise StreamTooLarge("LimitReachedError")
        return data
    data = stream.read_bytes()
    if len(data) > limit:
        raise StreamTooLarge("LimitReachedError")
    return data
