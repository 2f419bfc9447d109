"""A killed or interrupted ``aigov add`` leaves a store that opens, holds whole articles only, and
can be completed.

``aigov add`` of a 60-article batch is killed with SIGKILL at seeded random moments while it
writes; after each kill every article graph in the store must be exactly the graph that
article gets when imported alone (so none is half-written), and re-running the same import
must add precisely the missing ones, skip the rest, and leave no duplicate.
"""

from __future__ import annotations

import random
import re
import signal
import time
from pathlib import Path

import pytest

from tests.robustness.conftest import (
    Batch,
    assert_no_traceback,
    export_nquads,
    quads_by_graph,
    run_aigov,
    start_aigov,
)

pytestmark = pytest.mark.slow

ROUNDS = 4
_SUMMARY = re.compile(r"added (\d+) article\(s\) with \d+ fact\(s\); skipped (\d+) already in the store; "
                      r"failed (\d+)")
_POLL = 0.01


def _summary(stderr: str) -> tuple[int, int, int]:
    match = _SUMMARY.search(stderr)
    assert match, f"no summary line in: {stderr}"
    added, skipped, failed = (int(group) for group in match.groups())
    return added, skipped, failed


def _wait_for_store(store: Path, process, limit: float = 300.0) -> float:
    """Seconds until the store folder exists (the import opens it only when the first article is ready)."""
    start = time.monotonic()
    while not (store / "CURRENT").exists():
        if process.poll() is not None:
            break
        assert time.monotonic() - start < limit, "aigov add never opened its store"
        time.sleep(_POLL)
    return time.monotonic() - start


def _present_articles(store: Path, batch: Batch) -> set[str]:
    """The article graphs in the store after a kill, each checked to be whole and exact."""
    lines = export_nquads(store)  # the export itself proves the store opens
    if lines is None:
        return set()
    graphs = quads_by_graph(lines)
    assert None not in graphs, "nothing is written outside article graphs"
    unknown = set(graphs) - set(batch.alone)
    assert not unknown, f"graphs that are no article of the batch: {sorted(unknown)[:3]}"
    for iri, quads in graphs.items():
        assert quads == batch.alone[iri], f"{iri} is not exactly its stand-alone graph (half-written?)"
    return set(graphs)


@pytest.fixture(scope="module")
def import_time(made_up_batch: Batch, tmp_path_factory: pytest.TempPathFactory) -> float:
    """Seconds an uninterrupted import spends writing (from opening the store to the end).

    The uninterrupted run is checked too: a batch import equals the union of stand-alone imports.
    """
    store = tmp_path_factory.mktemp("uninterrupted") / "store"
    process = start_aigov("add", str(made_up_batch.folder), "--store", str(store))
    _wait_for_store(store, process)
    opened = time.monotonic()
    _, stderr = process.communicate(timeout=600)
    writing = time.monotonic() - opened
    assert process.returncode == 0, stderr
    assert _summary(stderr) == (60, 0, 0)
    assert export_nquads(store) == made_up_batch.union()
    return writing


def test_sigkill_mid_import_leaves_whole_articles_and_a_rerun_completes_it(
        made_up_batch: Batch, import_time: float, tmp_path: Path) -> None:
    rng = random.Random(7)
    partial_rounds = 0
    for round_number in range(ROUNDS):
        store = tmp_path / f"round-{round_number}"
        process = start_aigov("add", str(made_up_batch.folder), "--store", str(store))
        _wait_for_store(store, process)
        time.sleep(rng.uniform(0.05, 0.9) * import_time)
        process.kill()
        process.communicate(timeout=60)

        present = _present_articles(store, made_up_batch)
        partial_rounds += 0 < len(present) < len(made_up_batch.paths)

        rerun = run_aigov("add", str(made_up_batch.folder), "--store", str(store))
        assert_no_traceback(rerun)
        assert rerun.returncode == 0, rerun.stderr
        assert _summary(rerun.stderr) == (len(made_up_batch.paths) - len(present), len(present), 0)
        assert export_nquads(store) == made_up_batch.union(), "the re-run completes the import exactly"
    # The kills are timed inside the writing phase: most rounds must catch it half done.
    assert partial_rounds >= 2, f"only {partial_rounds} of {ROUNDS} kills landed mid-import"


def test_ctrl_c_mid_import_says_what_was_stored_and_a_rerun_completes_it(
        made_up_batch: Batch, import_time: float, tmp_path: Path) -> None:
    store = tmp_path / "interrupted"
    process = start_aigov("add", str(made_up_batch.folder), "--store", str(store))
    _wait_for_store(store, process)
    time.sleep(0.3 * import_time)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert "Traceback" not in stderr, stderr
    present = _present_articles(store, made_up_batch)
    if process.returncode == 0:  # the import won the race and finished first
        assert len(present) == len(made_up_batch.paths)
        return
    assert process.returncode == 130
    match = re.fullmatch(r"aigov: interrupted after (\d+) of 60 input\(s\); the articles stored so far are "
                         r"complete: run the same command again to add the rest", stderr.strip())
    assert match, stderr
    assert len(present) - int(match.group(1)) in (0, 1), "the count is of inputs finished (one may be stored)"
    rerun = run_aigov("add", str(made_up_batch.folder), "--store", str(store))
    assert rerun.returncode == 0, rerun.stderr
    assert _summary(rerun.stderr) == (len(made_up_batch.paths) - len(present), len(present), 0)
    assert export_nquads(store) == made_up_batch.union()
