"""Checking signatures without loading pyHanko's HTTP clients.

pyHanko imports aiohttp (and builds an SSL context, reads certifi) as soon as any of its
signing or validation modules is imported: ``pyhanko.sign.timestamps`` re-exports its
aiohttp timestamp client and ``pyhanko.sign.validation.ades`` its aiohttp fetcher. A check
offline (``toetsapp verify``: no fetching, no timestamp requests) never uses either, and
importing them is about a third of the time pyHanko takes to import.

:func:`defer_http_clients` puts a stand-in for those two modules in ``sys.modules``
before pyHanko is imported. The names pyHanko imports from them (``HTTPTimeStamper``,
``AIOHttpFetcherBackend``) are stand-ins too; calling one, or asking the stand-in module
for anything else, imports the real module at that moment and puts the real names back
everywhere the stand-ins were copied to. So nothing breaks when they are used after all:
it is only slower then.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

DEFERRED = {
    "pyhanko.sign.timestamps.aiohttp_client": ("HTTPTimeStamper",),
    "pyhanko_certvalidator.fetchers.aiohttp_fetchers": ("AIOHttpFetcherBackend",),
}


class _StandIn(types.ModuleType):
    """A module that becomes the real one on first use."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_load(self.__name__), name)


def _load(module: str) -> types.ModuleType:
    """The real ``module``. All stand-ins give way at once (the real modules import each
    other: the timestamp client imports from the fetcher package), and every stand-in
    name that other modules copied is replaced with the real object."""
    standins = {name: sys.modules.pop(name) for name in DEFERRED
                if isinstance(sys.modules.get(name), _StandIn)}
    for name in sorted(DEFERRED, key=lambda n: not n.startswith("pyhanko_certvalidator")):
        importlib.import_module(name)
    copies = {id(standin.__dict__[n]): (name, n) for name, standin in standins.items()
              for n in DEFERRED[name] if n in standin.__dict__}
    if copies:
        for other in list(sys.modules.values()):
            namespace = getattr(other, "__dict__", None)
            if not isinstance(namespace, dict):
                continue
            for key, value in list(namespace.items()):
                if id(value) in copies and callable(value):
                    where, attr = copies[id(value)]
                    namespace[key] = getattr(sys.modules[where], attr)
    return sys.modules[module]


def _standin_name(module: str, name: str):
    def standin(*args: Any, **kwargs: Any) -> Any:
        return getattr(_load(module), name)(*args, **kwargs)

    standin.__name__ = standin.__qualname__ = name
    standin.__doc__ = f"Stand-in: imports {module} and calls its {name}."
    return standin


def defer_http_clients() -> bool:
    """Install the stand-ins when pyHanko is not imported yet (else there is nothing to
    gain); True when they were installed."""
    if "pyhanko" in sys.modules or "pyhanko_certvalidator" in sys.modules:
        return False
    for module, names in DEFERRED.items():
        if module in sys.modules:
            continue
        standin = _StandIn(module, __doc__)
        for name in names:
            setattr(standin, name, _standin_name(module, name))
        sys.modules[module] = standin
    return True
