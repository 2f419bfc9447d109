"""Several ``aigov`` processes on one embedded store: writers queue or fail clearly, readers go on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.store import open_store
from tests.endpoint.conftest import ROOT
from tests.graph.samples import VERSION, dismissal_article

AIGOV = Path(sys.executable).with_name("aigov")
GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

FIRST = """---
title: "Cloud company names a finance chief"
published: 2021-06-01
---
Amazon appointed Brian Olsavsky as chief financial officer in June 2015.
"""
SECOND = """---
title: "Phone maker gets a new chief"
published: 2011-08-25
---
Apple named Tim Cook its chief executive on Wednesday, after Steve Jobs resigned.
"""


def _environ(**extra: str) -> dict[str, str]:
    environ = {**os.environ, "COLUMNS": "200", **extra}
    environ.pop("AIGOV_STORE", None)
    return environ


def _start(*args: str, **extra: str) -> subprocess.Popen:
    return subprocess.Popen([str(AIGOV), *args], cwd=ROOT, env=_environ(**extra), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)


def _run(*args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(AIGOV), *args], cwd=ROOT, env=_environ(**extra), capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL)


def _clear_failure(result: subprocess.CompletedProcess | tuple[int, str, str]) -> bool:
    code, _, err = result if isinstance(result, tuple) else (result.returncode, result.stdout, result.stderr)
    return code == 1 and err.strip().startswith("aigov: error:") and "Traceback" not in err


@pytest.fixture
def two_files(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    return first, second


@pytest.mark.slow
def test_two_imports_at_once_and_queries_meanwhile(tmp_path, two_files):
    store = tmp_path / "store"
    adders = [_start("add", str(path), "--store", str(store), AIGOV_LOCK_TIMEOUT="120") for path in two_files]
    queries = []
    while True:
        running = any(p.poll() is None for p in adders)
        result = _run("query", GRAPHS, "--format", "csv", "--store", str(store))
        queries.append(result)
        if not running:
            break
    outputs = [p.communicate() for p in adders]
    outcomes = [(p.returncode, out, err) for p, (out, err) in zip(adders, outputs, strict=True)]
    succeeded = 0
    for code, out, err in outcomes:
        assert "Traceback" not in err
        if code == 0:
            succeeded += 1
            assert "added 1 article(s)" in out + err
        else:
            assert _clear_failure((code, out, err)) and "busy" in err, err
    assert succeeded >= 1
    for result in queries:
        assert result.returncode == 0 or _clear_failure(result), result.stderr
        if result.returncode == 0:
            assert int(result.stdout.split()[1]) in (0, 1, 2)
    assert queries[-1].returncode == 0 and int(queries[-1].stdout.split()[1]) == succeeded
    # The store is whole: it opens for writing, reports what was committed, and takes the rest.
    figures = json.loads(_run("stats", "--json", "--store", str(store)).stdout)
    assert figures["articles"] == succeeded
    again = _run("add", *map(str, two_files), "--store", str(store))
    assert again.returncode == 0, again.stderr
    assert json.loads(_run("stats", "--json", "--store", str(store)).stdout)["articles"] == 2


def test_an_import_that_cannot_get_the_lock_fails_clearly_while_queries_work(tmp_path, two_files):
    store = tmp_path / "store"
    with open_store(store) as holder:  # another writer holds the store for the whole test
        holder.add_article(*dismissal_article(), extractor_version=VERSION)
        blocked = _run("add", str(two_files[0]), "--store", str(store), AIGOV_LOCK_TIMEOUT="0")
        assert _clear_failure(blocked), blocked.stderr
        busy = f"store {store} is busy: another aigov process is writing (pid {os.getpid()})"
        assert busy in blocked.stderr
        assert blocked.stderr.strip().count("\n") == 0
        reading = _run("query", GRAPHS, "--format", "csv", "--store", str(store))
        assert reading.returncode == 0, reading.stderr
        assert reading.stdout.split()[1] == "1"
    added = _run("add", str(two_files[0]), "--store", str(store))
    assert added.returncode == 0, added.stderr
