"""``python -m benchmarks [--quick] [--only NAME]``: run the benchmarks and write ``results.md``.

One summary line per benchmark goes to stdout; the full table (with the machine, date and
commit) to ``benchmarks/results.md``, or to ``--out``. ``--quick`` uses tiny sizes so the
smoke test can run every benchmark without waiting; its figures mean nothing.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import BENCHMARKS
from benchmarks.case import ROOT
from benchmarks.machine import machine_info
from benchmarks.report import Row, write_results
from ontology.errors import AigovError

__all__ = ["main", "run_benchmarks"]

RESULTS = Path(__file__).resolve().parent / "results.md"
#: The module that implements each benchmark (each has ``run(quick, workdir)``).
_MODULES = {
    "extraction": "benchmarks.extraction",
    "ingest": "benchmarks.ingest",
    "store": "benchmarks.store",
    "startup": "benchmarks.startup",
    "page": "benchmarks.page",
}


def run_benchmarks(names: list[str], *, quick: bool, out: Path, workdir: Path) -> tuple[list[Row], list[str]]:
    """Run ``names`` in order, print each summary line as it is known, and write the results page."""
    load_start = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    rows: list[Row] = []
    summaries: list[str] = []
    notes: list[str] = []
    for name in names:
        started = time.perf_counter()
        module = importlib.import_module(_MODULES[name])
        bench_rows, bench_summary, bench_notes = module.run(quick=quick, workdir=workdir)
        rows += bench_rows
        notes += bench_notes
        for line in bench_summary:
            print(line, flush=True)
        summaries += bench_summary
        print(f"  ({name} took {time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    if quick:
        notes.insert(0, "`--quick` run: tiny sizes for the smoke test; these figures mean nothing.")
    write_results(out, rows, {**machine_info(ROOT), "load_start": load_start}, summaries, notes)
    return rows, summaries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes (smoke test); figures mean nothing")
    parser.add_argument("--only", action="append", choices=BENCHMARKS, metavar="NAME",
                        help=f"run only this benchmark (repeatable): {', '.join(BENCHMARKS)}")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the results page")
    args = parser.parse_args(argv)
    names = [n for n in BENCHMARKS if not args.only or n in args.only]
    try:
        with tempfile.TemporaryDirectory(prefix="aigov-bench-") as scratch:
            run_benchmarks(names, quick=args.quick, out=args.out, workdir=Path(scratch))
    except AigovError as error:
        print(f"benchmarks: error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
