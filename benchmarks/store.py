"""Store and query: load time and query latency, embedded Oxigraph against rdflib in memory.

Both sides get the same synthetic corpus (``benchmarks.synthetic``) through the same
``graph.rdf.article_quads``: Oxigraph through ``KnowledgeStore.add_article`` (one transaction
per article, as ``aigov add`` writes) then reopened read-only as ``aigov query`` does; rdflib
into a ``Dataset(default_union=True)``. Queries run in-process; the figure is the median of
repeated runs after one warm-up. rdflib is skipped at sizes where it would pass a time cap,
and the table says so.
"""

from __future__ import annotations

import dataclasses
import json
import math
import signal
import statistics
import time
from pathlib import Path

from benchmarks.case import CaseError, run_case
from benchmarks.queries import GLOBAL, NAIVE, render, selective_queries
from benchmarks.report import Row, target_met
from benchmarks.synthetic import EXTRACTOR_VERSION, SyntheticCorpus

__all__ = ["SIZES", "load_and_query", "query_texts", "run", "store_location", "time_store_query"]

SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (1_000, 3_000)
#: rdflib in memory is not run at a size where its load or queries would take longer than this.
MEMORY_CAP_S = 45.0
#: An rdflib query still running after this long is stopped and reported as "> cap".
QUERY_CAP_S = 30.0
P50_TARGET_MS = 5.0
RATIO_TARGET = 50.0
_REPS = 21
_BUDGET_S = 3.0


def store_location(workdir: Path, quads: int) -> Path:
    """Where the Oxigraph store of ``quads`` quads is kept for the start-up benchmark."""
    return Path(workdir) / f"oxigraph-{quads}"


class _QueryTimeout(Exception):
    pass


def _with_alarm(run, seconds: float):
    """rdflib evaluates in pure Python, so SIGALRM can stop a query that would take all night."""
    def expire(signum, frame):
        raise _QueryTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return run()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _time_query(run, budget_s: float) -> dict:
    """One warm-up, then up to ``_REPS`` runs within ``budget_s``: first-run, median wall and median
    CPU milliseconds (CPU time counts this process only, so other work on the machine does not
    inflate it; Oxigraph evaluates in the calling thread) and the row count.

    A query stopped by the time cap gives infinite times and ``rows = -1``.
    """
    start, cpu_start = time.perf_counter(), time.process_time()
    try:
        rows = run()
    except _QueryTimeout:
        return {"first_ms": math.inf, "p50_ms": math.inf, "cpu_ms": math.inf, "rows": -1}
    first = (time.perf_counter() - start) * 1000
    first_cpu = (time.process_time() - cpu_start) * 1000
    times, cpu = [], []
    spent = 0.0
    while len(times) < _REPS and (spent < budget_s or len(times) < 3) and first < budget_s * 1000:
        start, cpu_start = time.perf_counter(), time.process_time()
        run()
        took = time.perf_counter() - start
        cpu.append((time.process_time() - cpu_start) * 1000)
        times.append(took * 1000)
        spent += took
    return {"first_ms": first, "p50_ms": statistics.median(times) if times else first,
            "cpu_ms": statistics.median(cpu) if cpu else first_cpu, "rows": rows}


def load_and_query(backend: str, quads: int, location: str | None = None,
                   cap_s: float = MEMORY_CAP_S) -> dict:
    """Load the corpus into ``backend``: ``oxigraph`` at ``location`` (queries are timed in their own
    processes, ``time_store_query``), or ``memory``, rdflib, whose queries are timed here."""
    corpus = SyntheticCorpus(quads)
    loaded = 0
    load_s = load_cpu_s = 0.0
    if backend == "oxigraph":
        from graph.store import open_store

        store = open_store(location)
        for article, facts, count in corpus.articles():
            start, cpu = time.perf_counter(), time.process_time()
            store.add_article(article, facts, extractor_version=EXTRACTOR_VERSION)
            load_s += time.perf_counter() - start
            load_cpu_s += time.process_time() - cpu
            loaded += count
        start, cpu = time.perf_counter(), time.process_time()
        store.close()
        load_s += time.perf_counter() - start
        load_cpu_s += time.process_time() - cpu
        return {"quads": loaded, "load_s": load_s, "load_cpu_s": load_cpu_s,
                "targets": dataclasses.asdict(corpus.targets)}
    else:
        from rdflib import Dataset

        from graph.rdf import article_quads

        dataset = Dataset(default_union=True)
        for article, facts, count in corpus.articles():
            start, cpu = time.perf_counter(), time.process_time()
            dataset.addN(article_quads(article, facts, extractor_version=EXTRACTOR_VERSION))
            load_s += time.perf_counter() - start
            load_cpu_s += time.process_time() - cpu
            loaded += count
            if load_s > cap_s:
                return {"quads": loaded, "load_s": load_s, "capped": True}

        from graph.rdf import PREFIXES

        def select(text: str) -> int:
            return _with_alarm(lambda: len(list(dataset.query(text, initNs=PREFIXES))), QUERY_CAP_S)

    targets = dataclasses.asdict(corpus.targets)
    results = {}
    for name, (text, kind) in query_texts(targets, naive=False).items():
        results[name] = _time_query(lambda text=text: select(text), _BUDGET_S) | {"kind": kind}
    return {"quads": loaded, "load_s": load_s, "load_cpu_s": load_cpu_s, "queries": results,
            "targets": targets}


def query_texts(targets: dict[str, str], *, naive: bool) -> dict[str, tuple[str, str]]:
    """``{label: (SPARQL, kind)}`` with kind ``selective``, ``naive`` or ``global``."""
    texts = {name: (text, "selective") for name, (text, _) in selective_queries(targets).items()}
    texts |= {name: (render(t, **targets), "naive") for name, t in (NAIVE if naive else {}).items()}
    texts |= {name: (render(t, **targets), "global") for name, t in GLOBAL.items()}
    return texts


def time_store_query(location: str, text: str) -> dict:
    """Time one query on the Oxigraph store at ``location``, opened read-only as ``aigov query`` does.

    Its own process, because Oxigraph evaluates in native code that no signal interrupts: the
    parent's time-out is the only way to stop a query that does not scale.
    """
    from graph.store import open_store

    reader = open_store(location, read_only=True)
    return _time_query(lambda: len(reader.query(text).rows), _BUDGET_S)


def _oxigraph(workdir: Path, size: int) -> dict:
    """Load, then each query in its own process under the time cap."""
    location = store_location(workdir, size)
    ox = run_case("benchmarks.store:load_and_query", backend="oxigraph", quads=size, location=str(location))
    location.with_suffix(".json").write_text(json.dumps(ox["targets"]))  # for the start-up benchmark
    ox["queries"] = {}
    for name, (text, kind) in query_texts(ox["targets"], naive=True).items():
        try:
            figures = run_case("benchmarks.store:time_store_query", location=str(location), text=text,
                               timeout=QUERY_CAP_S + _BUDGET_S + 15)
        except CaseError:
            figures = {"first_ms": math.inf, "p50_ms": math.inf, "cpu_ms": math.inf, "rows": -1}
        ox["queries"][name] = figures | {"kind": kind}
    return ox


def _size_label(quads: int) -> str:
    return f"{quads // 1_000_000}M" if quads >= 1_000_000 else f"{quads // 1000}k"


def _fmt_ms(ms: float, *, cap: bool = False) -> str:
    if math.isinf(ms):
        return f"> {QUERY_CAP_S:.0f} s (stopped)" if cap else "n/a"
    return f"{ms:,.1f} ms" if ms < 10_000 else f"{ms / 1000:,.1f} s"


def _query_row(name: str, figures: dict, base: dict | None, size: int, label: str) -> Row:
    """One query's row: Oxigraph's p50 against rdflib's, either side possibly stopped at the cap."""
    kind = figures["kind"]
    selective = kind == "selective"
    stopped = math.isinf(figures["p50_ms"])
    base_stopped = base is not None and math.isinf(base["p50_ms"])
    ratio = None
    if base is not None and not stopped:
        ratio = (QUERY_CAP_S * 1000 if base_stopped else base["p50_ms"]) / figures["p50_ms"]
    target: list[str] = []
    met = None
    if selective and size >= 1_000_000:
        target.append(f"p50 <= {P50_TARGET_MS:g} ms")
        met = target_met(figures["p50_ms"], at_most=P50_TARGET_MS)
    if base is not None and kind != "naive":
        target.append(f">= {RATIO_TARGET:g}x")
        ok = target_met(ratio, at_least=RATIO_TARGET)
        met = ok if met is None else (met and bool(ok))
    if stopped:
        note = f"stopped after {QUERY_CAP_S:.0f} s"
    else:
        note = (f"{figures['rows']} rows; first run {_fmt_ms(figures['first_ms'])}; "
                f"CPU p50 {_fmt_ms(figures['cpu_ms'])}")
        if selective and size >= 1_000_000 and figures["p50_ms"] > P50_TARGET_MS >= figures["cpu_ms"]:
            note += " (CPU time within the target: the wall clock waited for a busy core)"
    if base_stopped:
        note += f"; rdflib stopped at the {QUERY_CAP_S:.0f} s cap, so the ratio is a lower bound"
    elif base is not None and not stopped and base["rows"] != figures["rows"]:
        note += f"; rdflib gave {base['rows']} rows"
    if base is None:
        baseline = "rdflib skipped"
    elif base_stopped:
        baseline = f"> {QUERY_CAP_S:.0f} s (rdflib, stopped)"
    else:
        baseline = f"p50 {_fmt_ms(base['p50_ms'])} (rdflib)"
    return Row("store", f"{kind} '{name}' at {label}", f"p50 {_fmt_ms(figures['p50_ms'], cap=True)}",
               baseline, ratio, ", ".join(target), met, note=note)


def _findings(ox: dict, mem: dict | None, size: int) -> list[str]:
    """What bounds the figures at the largest size, from the run's own numbers (the profiling
    behind these explanations is in the benchmark report to the lead)."""
    q = ox["queries"]
    out = []
    hubs = [(n, f) for n, f in q.items() if f["kind"] == "selective" and "(saved" not in n
            and not math.isinf(f["p50_ms"]) and f["p50_ms"] > P50_TARGET_MS]
    if hubs:
        out.append(f"store, {_size_label(size)}: the hand-written selective queries that miss "
                   f"{P50_TARGET_MS:g} ms ask about the most-mentioned organisation and person (rank 5): "
                   + "; ".join(f"'{n}' {f['rows']} rows, CPU p50 {f['cpu_ms']:.0f} ms "
                               f"(~{f['cpu_ms'] * 1000 / max(f['rows'], 1):.0f} µs per row)" for n, f in hubs)
                   + ". Each row is a fact joined with its predicate, the other entity's label, role and "
                   "date inside its article graph (a few RocksDB lookups), so time grows with the answer, "
                   "not the store: the typical person and the article's facts stay around a millisecond.")
    saved = [(n, f) for n, f in q.items() if "(saved" in n]
    if saved:
        out.append(f"store, {_size_label(size)}: the saved queries, given the IRI: "
                   + "; ".join(f"'{n}' p50 {_fmt_ms(f['p50_ms'], cap=True)} (CPU {_fmt_ms(f['cpu_ms'])})"
                               for n, f in saved)
                   + ", against the hand-written query naming the IRI. An entity parameter is an index "
                   "lookup (graph.saved_queries.resolve_entity: the IRI, else the exact label or alias; the "
                   "case-insensitive comparison with every label only when neither matches, or when "
                   "bound without a store); article-facts still compares its parameter with every "
                   "article's IRI and title, a scan.")
    naive = [(n, f) for n, f in q.items() if f["kind"] == "naive"]
    if naive:
        out.append(f"store, {_size_label(size)}: written against the union default graph, the same "
                   "questions cost " + "; ".join(f"'{n}' {_fmt_ms(f['p50_ms'], cap=True)}" for n, f in naive)
                   + ": an entity's label is stated once per article that mentions it, and the union is a "
                   "bag, so a hub's label joins thousands of times; Oxigraph also evaluates a leading VALUES "
                   "of predicates first. Keep a fact's joins inside GRAPH ?g.")
    glob = [(n, f) for n, f in q.items() if f["kind"] == "global"]
    if glob and mem is None:
        out.append(f"store, {_size_label(size)}: aggregations visit every fact ("
                   + "; ".join(f"'{n}' {_fmt_ms(f['p50_ms'], cap=True)}, CPU {_fmt_ms(f['cpu_ms'])}"
                               for n, f in glob)
                   + "); see their ratios over rdflib at the sizes where both ran: well short of 50x, "
                   "because both scan and a scan's cost is mostly per-solution work, not index lookups.")
    out.append(f"store, {_size_label(size)}: loading takes {ox['load_s']:.0f} s of wall time for "
               f"{ox['load_cpu_s']:.0f} s of CPU: one RocksDB transaction per article (Store.extend, about "
               "40% in a profile), building rdflib terms in article_quads (about 30%) and converting them "
               "to pyoxigraph terms (about 20%); a bulk path (pyoxigraph terms built directly, "
               "Store.bulk_extend) would serve a first import.")
    return out


def run(quick: bool = False, workdir: Path | None = None) -> tuple[list[Row], list[str], list[str]]:
    sizes = QUICK_SIZES if quick else SIZES
    workdir = Path(workdir) if workdir else Path(".")
    rows: list[Row] = []
    notes: list[str] = []
    summary_parts: list[str] = []
    memory_skip_from: int | None = None
    top_rows: list[Row] = []
    previous_memory: tuple[int, float, float] | None = None
    last: tuple[dict, dict | None] = ({}, None)
    for size in sizes:
        ox = _oxigraph(workdir, size)
        mem = None
        if previous_memory is not None:
            prev_size, prev_load, prev_query = previous_memory
            factor = size / prev_size
            if max(prev_load, prev_query) * factor > MEMORY_CAP_S:
                memory_skip_from = memory_skip_from or size
        if memory_skip_from is None:
            mem = run_case("benchmarks.store:load_and_query", backend="memory", quads=size)
            if mem.get("capped"):
                memory_skip_from = size
                mem = None
            else:
                slowest = sum(min(q["first_ms"], QUERY_CAP_S * 1000) for q in mem["queries"].values()) / 1000
                previous_memory = (size, mem["load_s"], slowest)
        label = f"{ox['quads']:,} quads"
        rate = ox["quads"] / ox["load_s"]
        rows.append(Row("store", f"load {label}: Oxigraph (add_article per article)",
                        f"{ox['load_s']:.1f} s ({rate:,.0f} quads/s)",
                        f"{mem['load_s']:.1f} s (rdflib in memory)" if mem else "rdflib skipped",
                        mem["load_s"] / ox["load_s"] if mem else None, rss_mb=ox["rss_mb"],
                        note=f"CPU {ox['load_cpu_s']:.1f} s"
                        + (f" vs rdflib {mem['load_cpu_s']:.1f} s; rdflib peak RSS {mem['rss_mb']:,.0f} MB"
                           if mem else "")))
        parts = {"selective": [], "saved": [], "global": []}
        for name, figures in ox["queries"].items():
            base = mem["queries"].get(name) if mem else None
            row = _query_row(name, figures, base, size, label)
            rows.append(row)
            if size == sizes[-1] and figures["kind"] != "naive":
                top_rows.append(row)
            group = "saved" if "(saved" in name else figures["kind"]
            if group in parts:
                parts[group].append(figures["p50_ms"])
        part = f"{_size_label(size)}: load {ox['load_s']:.1f} s"
        for group, label_ in (("selective", "hand-written selective"), ("saved", "saved selective"),
                              ("global", "aggregations")):
            if parts[group]:
                part += f", {label_} p50 <= {_fmt_ms(max(parts[group]), cap=True)}"
        ratios = [min(b["p50_ms"], QUERY_CAP_S * 1000) / ox["queries"][n]["p50_ms"]
                  for n, b in (mem["queries"].items() if mem else ())
                  if not math.isinf(ox["queries"][n]["p50_ms"])]
        if ratios:
            part += f", vs rdflib {min(ratios):.0f}-{max(ratios):.0f}x"
        summary_parts.append(part)
        last = (ox, mem)
    notes += _findings(*last, sizes[-1])
    if memory_skip_from is not None:
        notes.append(f"rdflib's in-memory Dataset was not run at {memory_skip_from:,} quads and above: its "
                     f"load or queries at the size below, scaled up, would pass the {MEMORY_CAP_S:.0f} s "
                     "cap.")
    missed = [r for r in top_rows if r.met is False]
    summary = ["store: " + "; ".join(summary_parts)
               + f" (targets at the largest size: {'all met' if not missed else f'{len(missed)} MISSED'})"]
    return rows, summary, notes
