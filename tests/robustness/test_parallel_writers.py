"""Three ``aigov add`` processes write into one embedded store at once and it ends consistent.

Two batches overlap in one article and a third process repeats the first batch: the writer
lock queues them, each article lands exactly once (equal to its stand-alone graph), and the
summaries add up (every article added by exactly one process, skipped by the others).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.robustness.conftest import Batch, export_nquads, start_aigov

pytestmark = pytest.mark.slow

_SUMMARY = re.compile(r"added (\d+) article\(s\) with \d+ fact\(s\); skipped (\d+) already in the store; "
                      r"failed (\d+)")


def test_concurrent_imports_into_one_embedded_store_end_consistent(made_up_batch: Batch,
                                                                   tmp_path: Path) -> None:
    paths = made_up_batch.paths
    first = [*paths[:10], paths[30]]
    second = [*paths[10:20], paths[30]]
    store = tmp_path / "store"
    env = {"AIGOV_LOCK_TIMEOUT": "600"}  # a loaded machine must not turn queueing into a failure
    batches = (first, second, first)
    processes = [start_aigov("add", *map(str, batch), "--store", str(store), env=env) for batch in batches]
    outcomes = [process.communicate(timeout=900) for process in processes]

    added = skipped = 0
    for process, (_stdout, stderr) in zip(processes, outcomes, strict=True):
        assert "Traceback" not in stderr, stderr
        assert process.returncode == 0, stderr
        match = _SUMMARY.search(stderr)
        assert match, stderr
        added += int(match.group(1))
        skipped += int(match.group(2))
        assert match.group(3) == "0"
    distinct = {*first, *second}
    assert added == len(distinct), "each article is added by exactly one process"
    assert skipped == sum(map(len, batches)) - len(distinct)
    assert export_nquads(store) == made_up_batch.union(sorted(distinct))

