"""Run every benchmark: ``python -m bench`` (or ``make bench``)."""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = ["bench.bench_engine", "bench.bench_render", "bench.bench_startup",
              "bench.bench_bundle", "bench.bench_verify", "bench.bench_review"]

if __name__ == "__main__":
    chosen = sys.argv[1:] or BENCHMARKS
    for name in chosen:
        importlib.import_module(name if name.startswith("bench.") else f"bench.{name}").main()
