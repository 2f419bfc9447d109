"""Extraction throughput: words/s of ``Extractor.extract_many`` against bare spaCy on the same texts.

The baseline is ``nlp.pipe`` with the same model and no custom components, so the ratio is
the cost of the extractor's own work (gazetteer, type cues, coreference, relation patterns,
facts). A second comparison runs the extractor with two worker processes against one.
Each case is its own process (model load excluded from the timing, worker start-up included,
since a user pays it).
"""

from __future__ import annotations

import resource
import time

from benchmarks.case import CaseError, run_case
from benchmarks.corpus import example_articles, repeat_to_words, word_count
from benchmarks.report import Row, target_met

__all__ = ["bare_spacy", "extractor", "run"]

WORDS = 30_000
QUICK_WORDS = 600
RATIO_TARGET = 0.8
SPEEDUP_TARGET = 1.7
_TIMEOUT_S = 900


def _cpu() -> float:
    """CPU seconds of this process and its finished children (spaCy's workers are joined by the
    end of ``nlp.pipe``): unlike the wall clock, not inflated by other work on the machine."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _corpus(words: int) -> tuple[list, int]:
    articles = repeat_to_words(example_articles(), words)
    return articles, sum(word_count(a.text) for a in articles)


def bare_spacy(words: int) -> dict:
    """The same model, ``nlp.pipe`` over the same texts, none of the extractor's components."""
    import spacy

    from extract.pipeline import model_name

    articles, total = _corpus(words)
    nlp = spacy.load(model_name(None), exclude=[])
    list(nlp.pipe([articles[0].text]))  # warm-up: first-call allocations are not throughput
    start, cpu = time.perf_counter(), _cpu()
    for _ in nlp.pipe((a.text for a in articles), batch_size=16):
        pass
    seconds = time.perf_counter() - start
    return {"words": total, "seconds": seconds, "cpu_s": _cpu() - cpu, "pipes": nlp.pipe_names}


def _drop_span_keyed_types(doc):
    """Benchmark-only workaround: ``doc._.aigov_types`` is keyed by ``(start, end)`` tuples, which
    msgpack turns into unhashable lists when a worker sends the doc back, so ``n_process > 1``
    fails as shipped. Nothing after the coreference component reads it, so dropping it lets the
    parallel speed-up be measured; the fix belongs in ``extract`` (reported to the lead)."""
    doc._.aigov_types = None
    return doc


def extractor(words: int, n_process: int = 1, workaround: bool = False) -> dict:
    """``Extractor.extract_many`` (claims included, as ``aigov add`` does) over the corpus.

    As shipped, a failure is returned as ``error`` (its last line) rather than raised, so the
    table can say what broke.
    """
    from spacy.language import Language

    from extract import Extractor

    articles, total = _corpus(words)
    loading = time.perf_counter()
    ex = Extractor()
    load_s = time.perf_counter() - loading
    if workaround:
        if "bench_drop_span_keyed_types" not in Language.factories:
            Language.component("bench_drop_span_keyed_types", func=_drop_span_keyed_types)
        ex.nlp.add_pipe("bench_drop_span_keyed_types", last=True)
    ex.extract(articles[0])
    start, cpu = time.perf_counter(), _cpu()
    try:
        facts = sum(len(f) for _, f in ex.extract_many(articles, n_process=n_process, include_claims=True))
    except Exception as error:
        return {"words": total, "error": f"{type(error).__name__}: {error}", "pipes": ex.nlp.pipe_names}
    seconds = time.perf_counter() - start
    return {"words": total, "seconds": seconds, "cpu_s": _cpu() - cpu, "facts": facts,
            "pipes": ex.nlp.pipe_names, "load_s": load_s}


def run(quick: bool = False, workdir=None) -> tuple[list[Row], list[str], list[str]]:
    words = QUICK_WORDS if quick else WORDS
    bare = run_case("benchmarks.extraction:bare_spacy", words=words)
    one = run_case("benchmarks.extraction:extractor", words=words, n_process=1)
    # Probe the shipped code on a few articles first: when the parent fails to read a worker's
    # doc on a large corpus, spaCy's workers block on a full queue and the case never ends.
    probe = run_case("benchmarks.extraction:extractor", words=QUICK_WORDS, n_process=2, timeout=_TIMEOUT_S)
    notes = []
    shipped_error = probe.get("error")
    if not shipped_error:
        two = run_case("benchmarks.extraction:extractor", words=words, n_process=2, timeout=_TIMEOUT_S)
    else:
        notes.append("`Extractor.extract_many(n_process=2)` (and so `aigov add --workers 2`) fails "
                     "as shipped: "
                     f"{shipped_error} - `doc._.aigov_types` is a dict keyed by (start, end) tuples, which "
                     "msgpack cannot round-trip from a worker. The 2-process figure is measured with a "
                     "benchmark-only component that drops it after the pipeline; fix belongs in extract.")
        two = run_case("benchmarks.extraction:extractor", words=words, n_process=2, workaround=True,
                       timeout=_TIMEOUT_S)
    if one.get("error"):
        raise CaseError(f"extraction benchmark: the 1-process extractor failed: {one['error']}")
    rate = {name: r["words"] / r["seconds"] for name, r in (("bare", bare), ("one", one))}
    rate["two"] = two["words"] / two["seconds"] if "seconds" in two else float("nan")
    ratio = rate["one"] / rate["bare"]
    speedup = rate["two"] / rate["one"]
    cpu_rate = {name: r["words"] / r["cpu_s"] for name, r in (("bare", bare), ("one", one), ("two", two))
                if r.get("cpu_s")}
    cpu_ratio = cpu_rate["one"] / cpu_rate["bare"]
    rows = [
        Row("extraction", f"bare spaCy nlp.pipe ({bare['words']:,} words)", f"{rate['bare']:,.0f} words/s",
            rss_mb=bare["rss_mb"], note=f"{cpu_rate['bare']:,.0f} words per CPU-second; pipes: "
            + ", ".join(bare["pipes"])),
        Row("extraction", "Extractor.extract_many, 1 process", f"{rate['one']:,.0f} words/s",
            f"{rate['bare']:,.0f} words/s (bare spaCy)", ratio, f">= {RATIO_TARGET}",
            target_met(ratio, at_least=RATIO_TARGET), one["rss_mb"],
            f"{one['facts']:,} facts; by CPU time {cpu_rate['one']:,.0f} words/CPU-s = "
            f"{cpu_ratio:.2f}x bare"),
        Row("extraction", "Extractor.extract_many, n_process=2", f"{rate['two']:,.0f} words/s",
            f"{rate['one']:,.0f} words/s (1 process)", speedup, f">= {SPEEDUP_TARGET}x",
            target_met(speedup, at_least=SPEEDUP_TARGET), max(two["rss_mb"], 0) + two["children_rss_mb"],
            ("FAILS as shipped (see findings); measured with a benchmark-only workaround. " if shipped_error
             else "") + "RSS: parent + largest worker; worker start-up included"),
    ]
    summary = [
        f"extraction: {rate['one']:,.0f} words/s vs bare spaCy {rate['bare']:,.0f} words/s = {ratio:.2f}x "
        f"(target >= {RATIO_TARGET}: {'met' if ratio >= RATIO_TARGET else 'MISSED'}; by CPU time "
        f"{cpu_ratio:.2f}x); "
        f"n_process=2 {rate['two']:,.0f} words/s = {speedup:.2f}x of 1 process "
        f"(target >= {SPEEDUP_TARGET}x: {'met' if speedup >= SPEEDUP_TARGET else 'MISSED'})"
        + ("; n_process=2 FAILS as shipped (measured with a benchmark-only workaround)"
           if shipped_error else "")
    ]
    if speedup < SPEEDUP_TARGET:
        ideal = one["seconds"] / 2
        notes.append(
            f"extraction, n_process=2 at {speedup:.2f}x (target {SPEEDUP_TARGET}x): spaCy starts 2 workers "
            f"that each load the pipeline again (loading it took {one['load_s']:.1f} s in one process) "
            f"and ship every doc back to the parent, which then builds the facts alone; the ideal split of "
            f"the 1-process {one['seconds']:.1f} s would be {ideal:.1f} s, measured {two['seconds']:.1f} s. "
            "Both cores must also be free: see the load average in the header."
            + (f" A corpus of {one['words']:,} words is short next to the workers' start-up."
               if one["load_s"] > 0.25 * ideal else ""))
    if ratio < RATIO_TARGET:
        notes.append(f"extraction at {ratio:.2f}x of bare spaCy (by CPU time {cpu_ratio:.2f}x): the custom "
                     "components cost more than a fifth of the parse.")
    return rows, summary, notes
