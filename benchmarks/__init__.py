"""Speed and scale benchmarks (project issue 10): ``python -m benchmarks`` or ``make bench``.

Each benchmark measures the project's real code against a baseline *in the same run* on the
same machine, so the ratio is what is read, not the absolute figure. Every measured case runs
in its own Python process so its peak RSS can be reported and one case's caches or imports
cannot flatter another's. Results go to ``benchmarks/results.md``.
"""

from __future__ import annotations

__all__ = ["BENCHMARKS"]

#: Benchmark names, in the order a full run executes them (``--only NAME`` picks one).
BENCHMARKS = ("extraction", "ingest", "store", "startup", "page")
