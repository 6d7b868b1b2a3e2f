"""A SoftHSM2 token for the PKCS#11 tests, set up from scratch in a temporary folder.

``softhsm2-util`` (Debian package ``softhsm2``, installed by the Makefile) creates the
token and imports the private keys; python-pkcs11 stores the certificates next to them.
``SOFTHSM2_CONF`` points the module at the temporary token folder, for this process and
for the command lines it starts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

MODULE_CANDIDATES = ("/usr/lib/softhsm/libsofthsm2.so",
                     "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                     "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so")
TOKEN = "toetsapp-test"
PIN = "246813"
SO_PIN = "13572468"


@dataclass(frozen=True)
class SoftToken:
    module: str
    token: str
    pin: str
    conf: Path
    labels: tuple[str, ...]


def module_path() -> str | None:
    return next((p for p in MODULE_CANDIDATES if Path(p).exists()), None)


def make_token(folder: Path, keys: dict[str, tuple[object, x509.Certificate]],
               extra_certs: list[x509.Certificate]) -> SoftToken:
    """A token ``TOKEN`` with one key and certificate per label in ``keys`` (and the CA
    certificates in ``extra_certs``)."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    module = module_path()
    if module is None or shutil.which("softhsm2-util") is None:
        raise RuntimeError("SoftHSM2 is missing: apt-get install softhsm2 (make test does)")
    tokens = folder / "tokens"
    tokens.mkdir(parents=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n"
                    "log.level = ERROR\n", "utf-8")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    util = ["softhsm2-util"]
    subprocess.run([*util, "--init-token", "--free", "--label", TOKEN, "--pin", PIN,
                    "--so-pin", SO_PIN], check=True, capture_output=True)
    for index, (label, (key, _cert)) in enumerate(keys.items(), start=1):
        pem = folder / f"{label}.pem"
        pem.write_bytes(key.private_bytes(serialization.Encoding.PEM,  # type: ignore[attr-defined]
                                          serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
        subprocess.run([*util, "--import", str(pem), "--token", TOKEN, "--label", label,
                        "--id", f"{index:02x}", "--pin", PIN], check=True, capture_output=True)
        pem.unlink()
    token = pkcs11.lib(module).get_token(token_label=TOKEN)
    with token.open(rw=True, user_pin=PIN) as session:
        entries = [(label, f"{i:02x}", cert) for i, (label, (_k, cert))
                   in enumerate(keys.items(), start=1)]
        entries += [(f"CA {i}", f"c{i}", cert) for i, cert in enumerate(extra_certs)]
        for label, ident, cert in entries:
            session.create_object({
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True, Attribute.LABEL: label,
                Attribute.ID: bytes.fromhex(ident),
                Attribute.SUBJECT: cert.subject.public_bytes(),
                Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER)})
    return SoftToken(module, TOKEN, PIN, conf, tuple(keys))


_CACHE: dict[str, SoftToken] = {}


def shared_token(pki, tmp_path_factory) -> SoftToken:
    """The session's token (the module reads SOFTHSM2_CONF once per process): Dienst
    Toeslagen's PKIoverheid-like RSA key 'dt' (non-repudiation only), Belastingdienst's EC
    key 'bd', and the issuing CA certificate."""
    from tests.test_signing_pki import key

    if "token" not in _CACHE:
        keys = {label: (key(pki, ident).private_key, pki.certs[ident])
                for label, ident in (("dt", "pkio_dt"), ("bd", "belastingdienst"))}
        _CACHE["token"] = make_token(tmp_path_factory.mktemp("softhsm"), keys, [pki.issuing])
    return _CACHE["token"]
