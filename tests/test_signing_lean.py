"""`toetsapp verify` defers pyHanko's HTTP clients (toetsapp.signing.lean); whatever
uses them after all still gets the real ones. Each check runs in a fresh interpreter:
the stand-ins only go in before pyHanko is first imported."""

from __future__ import annotations

import json
import subprocess
import sys


def _run(script: str) -> dict:
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_validation_imports_without_aiohttp_and_the_clients_still_work():
    found = _run("""
import json, sys
from toetsapp.signing.lean import defer_http_clients
installed = defer_http_clients()
import pyhanko.sign.validation
from pyhanko.sign.validation import validate_pdf_signature
before = "aiohttp" in sys.modules
from pyhanko.sign.timestamps import HTTPTimeStamper
stamper = HTTPTimeStamper("http://127.0.0.1:9/tsa")
import pyhanko.sign.timestamps as ts
import pyhanko.sign.timestamps.aiohttp_client as real
from pyhanko_certvalidator.fetchers import _default_fetcher_backend
import pyhanko.sign.validation.ades as ades
backend = _default_fetcher_backend()
print(json.dumps({"installed": installed, "before": before,
                  "after": "aiohttp" in sys.modules,
                  "real_class": type(stamper) is real.HTTPTimeStamper,
                  "healed": ts.HTTPTimeStamper is real.HTTPTimeStamper,
                  "fetcher": type(backend).__name__,
                  "ades_healed": isinstance(ades.AIOHttpFetcherBackend, type)}))
""")
    assert found == {"installed": True, "before": False, "after": True, "real_class": True,
                     "healed": True, "fetcher": "AIOHttpFetcherBackend",
                     "ades_healed": True}


def test_nothing_is_deferred_once_pyhanko_is_loaded():
    found = _run("""
import json, sys
import pyhanko.sign
from toetsapp.signing.lean import defer_http_clients
print(json.dumps({"installed": defer_http_clients(),
                  "real": type(sys.modules["pyhanko.sign.timestamps.aiohttp_client"])
                  .__name__}))
""")
    assert found == {"installed": False, "real": "module"}
