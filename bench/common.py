"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def median_seconds(fn: Callable[[], object], runs: int, warmup: int = 1) -> float:
    """Median wall time of ``fn`` over ``runs`` calls, after ``warmup`` calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def whole_process(args: Sequence[str], runs: int = 5,
                  env: dict[str, str] | None = None) -> float:
    """Median wall time of a fresh ``python -m toetsapp ...`` process."""
    full_env = {**os.environ, **(env or {})}
    cmd = [sys.executable, "-m", "toetsapp", *args]

    def once() -> None:
        subprocess.run(cmd, check=True, capture_output=True, env=full_env, cwd=ROOT)

    return median_seconds(once, runs)


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def report(name: str, figures: dict[str, float | str]) -> None:
    """Print the figures and keep them in bench/results/NAME.json."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    payload = {"benchmark": name, "machine": machine(), **figures}
    (RESULTS / f"{name}.json").write_text(json.dumps(payload, indent=2), "utf-8")
    print(f"[{name}] {machine()}")
    for key, value in figures.items():
        shown = f"{value * 1000:.3f} ms" if isinstance(value, float) else value
        print(f"  {key}: {shown}")
