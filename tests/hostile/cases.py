"""Hostile inputs, made on the spot: each maker writes one file (or link, pipe, socket)
into a folder and returns its path. Kinds say which commands read them.

Kinds: ``toets`` (a .toets), ``pdf`` (a Toetsapp PDF), ``manifest`` (a dossier
manifest), ``key`` (a PKCS#12 key file), ``text`` (a --remarks-file). ``any`` makers
(devices, pipes, sockets, link loops, folders) are used for every kind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import socket
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "uitvoerbaarheidstoets.toets"
PASSWORD = "geheim-wachtwoord"
BOMB_BYTES = 400 * 2**20  # unpacks to 400 MB; packed about 400 kB


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # toets, pdf, manifest, key, text or any
    make: Callable[[Path], Path]
    words: str = ""  # what the message must say (besides the file's name); | for "or"
    ok_codes: frozenset[int] = frozenset({1, 2, 3})


def example_data() -> dict:
    return json.loads(EXAMPLE.read_text("utf-8"))


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- anything: not a regular file -------------------------------------------------------
def fifo(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def link_to(target: str) -> Callable[[Path, str], Path]:
    def make(folder: Path, name: str) -> Path:
        path = folder / name
        path.symlink_to(target)
        return path
    return make


def unix_socket(folder: Path, name: str) -> Path:
    path = folder / name
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.bind(str(path))
    return path


def link_loop(folder: Path, name: str) -> Path:
    path = folder / name
    other = folder / f"{name}.ander"
    path.symlink_to(other.name)
    other.symlink_to(path.name)
    return path


def folder_instead(folder: Path, name: str) -> Path:
    path = folder / name
    path.mkdir()
    return path


ANY: list[tuple[str, Callable[[Path, str], Path], str]] = [
    ("fifo", fifo, "FIFO"),
    ("dev-zero", link_to("/dev/zero"), "apparaat|buiten de map"),
    ("dev-urandom", link_to("/dev/urandom"), "apparaat|buiten de map"),
    ("socket", unix_socket, "socket"),
    ("link-loop", link_loop, "zichzelf"),
    ("folder", folder_instead, "map"),
]


# --- .toets files -----------------------------------------------------------------------
def toets_text(mutate: Callable[[dict], None]) -> str:
    data = example_data()
    mutate(data)
    return json.dumps(data, ensure_ascii=False)


def set_answer(qid: str, raw: str) -> Callable[[Path], Path]:
    """An answer value written as raw JSON text (numbers JSON allows but Python chokes on)."""
    def make(folder: Path) -> Path:
        text = toets_text(lambda d: d["answers"][qid].__setitem__("value", "@@"))
        return write(folder, f"getal-{qid}.toets", text.replace('"@@"', raw, 1))
    return make


def duplicate_key(folder: Path) -> Path:
    text = toets_text(lambda d: d["answers"]["fte_structureel"].__setitem__("value", "@@"))
    return write(folder, "dubbel.toets", text.replace('"value": "@@"', '"value": 1, "value": 2'))


def many_unknown_answers(folder: Path) -> Path:
    def mutate(data: dict) -> None:
        data["answers"].update({f"onbekend_{i}": {"value": "x"} for i in range(200_000)})
    return write(folder, "onbekend.toets", toets_text(mutate))


def deep(folder: Path) -> Path:
    text = toets_text(lambda d: d["answers"]["fte_structureel"].__setitem__("value", "@@"))
    return write(folder, "diep.toets", text.replace('"@@"', "[" * 100_000 + "]" * 100_000))


def not_utf8(folder: Path) -> Path:
    return write(folder, "latin1.toets", EXAMPLE.read_bytes().replace(b"\xc3\xab", b"\xeb"))


def toets_in_table(qid: str, column: str, value: float) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        def mutate(data: dict) -> None:
            data["answers"][qid]["value"][0][column] = value
        return write(folder, f"tabel-{column}.toets", toets_text(mutate))
    return make


TOETS: list[Case] = [
    # Numbers JSON allows and Python cannot hold are kept as text, as entered: validate
    # reports them, every other command handles them.
    Case("int-5000-digits", "toets", set_answer("fte_structureel", "9" * 5000),
         "verwacht een getal", frozenset({0, 1})),
    Case("float-overflow", "toets", set_answer("fte_structureel", "1e400"),
         "verwacht een getal", frozenset({0, 1})),
    Case("nan", "toets", set_answer("fte_structureel", "NaN"), "verwacht een getal",
         frozenset({0, 1})),
    Case("int-5000-digits-version", "toets", lambda f: write(f, "versie.toets", toets_text(
        lambda d: d.__setitem__("format_version", "@@")).replace('"@@"', "9" * 5000)),
         "formaatversie"),
    Case("duplicate-key", "toets", duplicate_key, "twee keer"),
    Case("unknown-answers", "toets", many_unknown_answers, "antwoorden"),
    Case("deep-nesting", "toets", deep, "genest"),
    Case("not-utf8", "toets", not_utf8, "UTF-8"),
    # Valid JSON, a number no real toets has: validate says so, the others handle it.
    Case("fte-1e308", "toets", set_answer("fte_structureel", "1e308"), "te groot",
         frozenset({0, 1})),
    Case("money-1e300-in-table", "toets",
         toets_in_table("kosten_structureel", "dienstverlening", 1e300), "te groot",
         frozenset({0, 1})),
    Case("fte-negative-huge", "toets", set_answer("fte_incidenteel", "-1e300"), "te groot",
         frozenset({0, 1})),
]


# --- PDFs -------------------------------------------------------------------------------
@cache
def toets_pdf() -> bytes:
    from tests.dossier_support import render
    from toetsapp.files.store import load_toets

    return render(load_toets(EXAMPLE))


def encrypted_pdf(folder: Path) -> Path:
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(toets_pdf())) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="geheim", owner="eigenaar"))
    return write(folder, "versleuteld.pdf", out.getvalue())


def bomb_stream() -> bytes:
    packer = zlib.compressobj(9)
    block = b"\0" * 2**20
    parts = [packer.compress(block) for _ in range(BOMB_BYTES // len(block))]
    return b"".join(parts) + packer.flush()


def _bombed(attachment: bool) -> bytes:
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(toets_pdf())) as pdf:
        if attachment:
            spec = next(iter(pdf.attachments.values()))
            target = spec.obj.EF.F
        else:
            target = pdf.pages[0].obj.Contents
            if isinstance(target, pikepdf.Array):
                target = target[0]
        target.write(bomb_stream(), filter=pikepdf.Name.FlateDecode)
        pdf.save(out, compress_streams=False)
    return out.getvalue()


def bomb_attachment(folder: Path) -> Path:
    return write(folder, "bom-bijlage.pdf", _bombed(True))


def bomb_page(folder: Path) -> Path:
    return write(folder, "bom-pagina.pdf", _bombed(False))


def circular_xref(folder: Path) -> Path:
    """An incremental update whose cross-reference section names itself as the previous."""
    data = toets_pdf()
    start = data.rindex(b"startxref")
    prev = int(data[start + 9:].split()[0])
    offset = len(data) + 1
    tail = (b"\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Prev %d >>\n"
            b"startxref\n%d\n%%%%EOF\n" % (offset, offset))
    del prev
    return write(folder, "kringverwijzing.pdf", data + tail)


def self_mediabox(folder: Path) -> Path:
    """A page whose /MediaBox is an object that is a reference to itself."""
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(toets_pdf())) as pdf:
        page = pdf.pages[0].obj
        holder = pdf.make_indirect(pikepdf.Array([0, 0, 595, 842]))
        page.MediaBox = holder
        pdf.save(out, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    data = out.getvalue()
    number = holder.objgen[0]
    marker = b"\n%d 0 obj\n" % number
    at = data.index(marker) + len(marker)
    end = data.index(b"endobj", at)
    body = b"%d 0 R" % number
    data = data[:at] + body.ljust(end - at) + data[end:]  # same length: xref stays right
    return write(folder, "mediabox.pdf", data)


def parent_loop(folder: Path) -> Path:
    """The page tree's root is its own parent, and no page has its own /MediaBox."""
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(toets_pdf())) as pdf:
        root = pdf.Root.Pages
        for page in pdf.pages:
            if "/MediaBox" in page.obj:
                del page.obj["/MediaBox"]
        root.Parent = root
        pdf.save(out)
    return write(folder, "ouderlus.pdf", out.getvalue())


PDF: list[Case] = [
    Case("encrypted", "pdf", encrypted_pdf, "versleuteld"),
    Case("bomb-attachment", "pdf", bomb_attachment, "compressiebom"),
    Case("bomb-page", "pdf", bomb_page, "", frozenset({0, 1, 3})),
    Case("circular-xref", "pdf", circular_xref, "", frozenset({0, 1, 3})),
    Case("self-mediabox", "pdf", self_mediabox, "", frozenset({0, 1, 3})),
    Case("parent-loop", "pdf", parent_loop, "", frozenset({0, 1, 3})),
]


# --- manifests ----------------------------------------------------------------------------
def manifest(folder: Path, name: str, file_entry: str, extra: str = "",
             kind: str = "document") -> Path:
    """A valid manifest (a Toetsapp PDF and one other document, ``file_entry`` as raw
    JSON); ``extra`` is raw JSON text put first in the dossier object."""
    (folder / "ut.pdf").write_bytes(toets_pdf())
    dossier = ('"dossiernummer": "36 812", "title": "Wet proef", "vergaderjaar": "2025/26", '
               '"kamer": "II"')
    text = ('{"format": "toetsapp/dossier", "format_version": 1, "dossier": {' + extra
            + dossier + '}, "documents": [{"file": "ut.pdf"}, {"file": ' + file_entry
            + ', "kind": "' + kind + '"}]}')
    return write(folder, name, text)


def manifest_with(make: Callable[[Path, str], Path], name: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        make(folder, name)
        return manifest(folder, f"manifest-{name}.json", json.dumps(name))
    return build


MANIFEST: list[Case] = [
    Case("nul-in-path", "manifest",
         lambda f: manifest(f, "nul.json", '"bijlage\\u0000.pdf"'), "NUL"),
    Case("fifo-in-manifest", "manifest", manifest_with(fifo, "pijp.pdf"), "FIFO"),
    Case("loop-in-manifest", "manifest", manifest_with(link_loop, "lus.pdf"), "zichzelf"),
    Case("zero-in-manifest", "manifest", manifest_with(link_to("/dev/zero"), "nul.pdf"),
         "apparaat|buiten de map"),
    Case("socket-in-manifest", "manifest", manifest_with(unix_socket, "sok.pdf"), "socket"),
    Case("duplicate-key-manifest", "manifest",
         lambda f: manifest(f, "dubbel.json", '"ut.pdf"', '"title": "Anders",'), "twee keer"),
    Case("long-path", "manifest",
         lambda f: manifest(f, "lang.json", json.dumps("a" * 5000 + ".pdf")), "lang"),
]


# --- key files ----------------------------------------------------------------------------
@cache
def key_files() -> tuple[bytes, bytes]:
    """A password-protected and an unprotected PKCS#12 file (one self-signed EC key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Dienst Toeslagen"),
                      x509.NameAttribute(NameOID.COMMON_NAME, "Proef Ondertekenaar")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30)).sign(key, hashes.SHA256()))
    protected = pkcs12.serialize_key_and_certificates(
        b"proef", key, cert, None, serialization.BestAvailableEncryption(PASSWORD.encode()))
    plain = pkcs12.serialize_key_and_certificates(b"proef", key, cert, None,
                                                  serialization.NoEncryption())
    return protected, plain


def cases_for(kind: str) -> list[Case]:
    """Every hostile case a command reading ``kind`` must survive."""
    suffix = {"toets": ".toets", "pdf": ".pdf", "manifest": ".json", "key": ".p12",
              "text": ".txt"}[kind]
    generic = [Case(f"{kind}-{name}", kind, (lambda f, m=make, n=f"{name}{suffix}": m(f, n)),
                    words) for name, make, words in ANY]
    own = {"toets": TOETS, "pdf": PDF, "manifest": MANIFEST}.get(kind, [])
    return generic + own


def sabotage_folder(path: Path) -> None:
    """Remove whatever a case made (sockets and pipes included)."""
    with contextlib.suppress(OSError):
        path.unlink()
