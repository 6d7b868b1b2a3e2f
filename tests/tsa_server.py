"""An RFC 3161 timestamp server on 127.0.0.1 for the tests (pyHanko's test timestamper
behind the standard library's HTTP server, in a thread)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from cryptography.hazmat.primitives import serialization
from pyhanko.sign.timestamps import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

from toetsapp.signing import certs


@contextmanager
def timestamp_server(pki, at: datetime | None = None) -> Iterator[str]:
    """Serve timestamps signed by the PKI's TSA certificate; yields the URL. ``at``: a
    faked clock, every token says that moment."""
    key, cert = pki.tsa
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    stamper = DummyTimeStamper(
        tsa_cert=certs.to_asn1(cert), tsa_key=asn1_keys.PrivateKeyInfo.load(der),
        certs_to_embed=SimpleCertificateStore.from_certs([certs.to_asn1(pki.issuing)]),
        fixed_dt=at)
    served: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            request = tsp.TimeStampReq.load(body)
            reply = asyncio.run(stamper.async_request_tsa_response(request)).dump()
            served.append(len(reply))
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
