"""The graph page at 100, 1,000 and 5,000 nodes, measured by ``benchmarks/bench_page.py``.

That script belongs to the graph page's author; this module only runs it in its own process
and turns its figures into rows. If it cannot run, the row says so instead of failing the run.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.case import CaseError, run_case
from benchmarks.report import Row

__all__ = ["measure_pages", "run"]

SIZES = (100, 1_000, 5_000)
QUICK_SIZES = (20,)


def measure_pages(sizes: list[int]) -> dict:
    """Call the page helper's ``measure`` (write time, bytes, ready time in headless Chromium)."""
    import importlib.util

    path = Path(__file__).with_name("bench_page.py")
    spec = importlib.util.spec_from_file_location("bench_page", path)
    if spec is None or spec.loader is None or not path.exists():
        return {"error": f"{path} is not there yet"}
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {"results": module.measure(sizes)}


def run(quick: bool = False, workdir: Path | None = None) -> tuple[list[Row], list[str], list[str]]:
    sizes = list(QUICK_SIZES if quick else SIZES)
    try:
        r = run_case("benchmarks.page:measure_pages", sizes=sizes)
    except CaseError as error:
        r = {"error": str(error), "rss_mb": None, "children_rss_mb": None}
    if "error" in r:
        rows = [Row("page", "graph page (benchmarks/bench_page.py)", "not measured", note=r["error"])]
        return rows, [f"page: not measured ({r['error']})"], []
    rows = []
    parts = []
    for p in r["results"]:
        ready = "n/a" if p["ready_s"] is None else f"{p['ready_s']:.2f} s"
        rows.append(Row("page", f"{p['nodes']:,} nodes, {p['edges']:,} edges",
                        f"write {p['write_s']:.2f} s, {p['bytes'] / 1e6:.2f} MB, ready in Chromium {ready}",
                        rss_mb=r["rss_mb"] + (r["children_rss_mb"] or 0),
                        note=f"{p['drawn']} nodes drawn; RSS: Python + largest child (the browser's biggest "
                        "process)"))
        parts.append(f"{p['nodes']:,} nodes: write {p['write_s']:.2f} s, {p['bytes'] / 1e6:.1f} MB, "
                     f"ready {ready}")
    return rows, ["page: " + "; ".join(parts)], []
