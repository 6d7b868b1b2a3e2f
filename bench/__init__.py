"""Benchmarks: whole-process and in-process timings, median of several runs."""
