"""How big a graph page can be: time to write it, its size, and time until Chromium has drawn it.

Run ``python benchmarks/bench_page.py [SIZE ...]`` (default 100 1000 5000). Graphs are
generated (about 1.5 edges per node, every entity type and predicate family, one
evidence sentence per edge) so the numbers do not depend on a store. The page limit
``graph.viz.DEFAULT_MAX_NODES`` and docs/graph-page.md come from these numbers.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph.viz import write_page  # noqa: E402
from graph.viz.browser import file_url, launch, wait_ready  # noqa: E402
from ontology.model import ENTITY_TYPES  # noqa: E402
from ontology.predicates import PREDICATES  # noqa: E402

__all__ = ["SIZES", "generate_graph", "main", "measure"]

SIZES = (100, 1000, 5000)
#: One full redraw, as every hover, drag and zoom step costs (vis-network's internal renderer).
_REDRAW_MS = """() => {
    const start = performance.now();
    aigovNetwork.renderer._redraw();
    return performance.now() - start;
}"""
_SYLLABLES = ("ka", "lo", "mer", "vin", "ta", "dor", "sel", "qua", "ri", "bex", "nu", "pol")


def _name(rng: random.Random, i: int) -> str:
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{word} {i}"


def generate_graph(n: int, *, edges_per_node: float = 1.5, seed: int = 7) -> nx.MultiDiGraph:
    """An entity graph shaped like ``entity_graph``'s: ``n`` nodes, about ``edges_per_node * n`` edges."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    iris = [f"https://w3id.org/aigov/entity/bench-{i}" for i in range(n)]
    for i, iri in enumerate(iris):
        name = _name(rng, i)
        g.add_node(
            iri,
            label=name,
            type=rng.choice(ENTITY_TYPES),
            aliases=[name.split()[0]] if rng.random() < 0.3 else [],
            wikidata=f"Q{rng.randint(1, 10**7)}" if rng.random() < 0.2 else None,
            sources=rng.randint(1, 5),
        )
    predicates = [p for p in PREDICATES.values() if not p.literal]
    for k in range(int(n * edges_per_node)):
        # Preferential-ish attachment: a few hubs, many leaves, like news graphs.
        u = iris[min(int(rng.paretovariate(1.2)) - 1, n - 1)] if rng.random() < 0.4 else rng.choice(iris)
        v = rng.choice(iris)
        if u == v:
            continue
        p = rng.choice(predicates)
        year = rng.randint(2015, 2025)
        g.add_edge(
            u,
            v,
            key=f"https://w3id.org/aigov/fact/bench-{k}",
            predicate=p.name,
            label=p.label,
            family=p.family,
            date=f"{year}-{rng.randint(1, 12):02d}" if rng.random() < 0.8 else None,
            role=None,
            amount=None,
            percent=None,
            confidence=round(rng.uniform(0.5, 0.99), 2),
            evidence=[
                {
                    "text": f"{g.nodes[u]['label']} {p.label} {g.nodes[v]['label']} since {year}.",
                    "article": f"https://w3id.org/aigov/article/bench{k % 500}",
                    "title": f"Generated report {k % 500}",
                    "published": f"{year}-12-01",
                    "url": f"https://news.example.org/{k % 500}",
                }
            ],
        )
    return g


def measure(
    sizes: Iterable[int] = SIZES, *, browser: bool = True, context=None, repeats: int = 3
) -> list[dict]:
    """Write one page per size and, with ``browser``, time it to readiness in headless Chromium.

    Each page is opened ``repeats`` times in fresh tabs; the best time is the page's own cost,
    the median shows the noise of a shared machine. ``context`` is an already open browser
    context (the test suite's); otherwise one is launched.
    """
    results = []
    with tempfile.TemporaryDirectory(prefix="aigov-bench-") as scratch:
        folder = Path(scratch)
        pages = []
        for n in sizes:
            g = generate_graph(n)
            path = folder / f"page-{n}.html"
            start = time.perf_counter()
            info = write_page(g, path, max_nodes=max(n, 1))
            write_s = time.perf_counter() - start
            pages.append((n, info, write_s))
        if browser and context is not None:
            results = [_time_in(context, *entry, repeats=repeats) for entry in pages]
        elif browser:
            with launch() as own:
                results = [_time_in(own, *entry, repeats=repeats) for entry in pages]
        else:
            results = [_row(n, info, write_s, None, None) for n, info, write_s in pages]
    return results


def _time_in(context, n, info, write_s, *, repeats: int) -> dict:
    """Open the page in fresh tabs and time each from navigation to ``window.aigovReady``."""
    times: list[float] = []
    redraws: list[float] = []
    drawn = None
    for _ in range(max(1, repeats)):
        page = context.new_page()
        try:
            start = time.perf_counter()
            page.goto(file_url(info.path))
            wait_ready(page, timeout_ms=120_000)
            times.append(time.perf_counter() - start)
            drawn = page.evaluate("() => aigovNetwork.body.data.nodes.length")
            redraws.append(page.evaluate(_REDRAW_MS) / 1000)
        finally:
            page.close()
    row = _row(n, info, write_s, min(times), drawn)
    row["ready_median_s"] = statistics.median(times)
    row["redraw_s"] = statistics.median(redraws)
    return row


def _row(n, info, write_s, ready_s, drawn) -> dict:
    return {
        "size": n,
        "nodes": info.nodes,
        "edges": info.edges,
        "bytes": info.bytes,
        "write_s": write_s,
        "ready_s": ready_s,
        "drawn": drawn,
        "ready_median_s": ready_s,
        "redraw_s": None,
    }


def main(sizes: Iterable[int] = SIZES, *, browser: bool = True, context=None, repeats: int = 3) -> list[dict]:
    """Measure and print one summary line per size."""
    results = measure(sizes, browser=browser, context=context, repeats=repeats)
    for r in results:
        ready = "n/a"
        if r["ready_s"] is not None:
            ready = (
                f"{r['ready_s']:.2f} s (median {r['ready_median_s']:.2f} s), one redraw {r['redraw_s']:.2f} s"
            )
        print(
            f"page {r['nodes']:>6} nodes {r['edges']:>6} edges: write {r['write_s']:.2f} s, "
            f"{r['bytes'] / 1e6:.2f} MB, ready in Chromium {ready}"
        )
    return results


if __name__ == "__main__":
    main([int(x) for x in sys.argv[1:]] or SIZES)
