"""The query time limit and the answer size limit hold, with a clear message, and the server goes on."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from graph.store import open_store
from tests.endpoint.conftest import count_quads, get_query, served
from tests.graph.samples import VERSION, followup_article

#: A cross join of the whole store with itself five times over: far more work than any time limit.
CROSS_JOIN = """SELECT (COUNT(*) AS ?n) WHERE {
  GRAPH ?g1 { ?a ?b ?c } GRAPH ?g2 { ?d ?e ?f } GRAPH ?g3 { ?h ?i ?j }
  GRAPH ?g4 { ?k ?l ?m } GRAPH ?g5 { ?o ?q ?r } }"""


def _children(pid: int) -> set[int]:
    """The server's query workers (its spawned children; not multiprocessing's resource tracker)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                command = Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue
            if b"spawn_main" in command:
                found.add(int(child))
    return found


def _wait_for(condition, what: str, patience: float = 60.0) -> None:
    """Wait for a condition that becomes true in the background (not a timing assertion)."""
    deadline = time.monotonic() + patience
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"still waiting for {what}")
        time.sleep(0.1)


@pytest.fixture
def two_articles(sample_store: Path) -> Path:
    with open_store(sample_store) as store:
        store.add_article(*followup_article(), extractor_version=VERSION)
    return sample_store


def test_an_expensive_query_is_stopped_at_the_time_limit(tmp_path, two_articles):
    with served(two_articles, "--timeout", "1", "--workers", "2", log=tmp_path / "serve.log") as server:
        workers_before = _children(server.process.pid)
        assert len(workers_before) == 2
        answer = get_query(server.sparql, CROSS_JOIN)
        assert answer.status == 503
        assert "time limit of 1 s" in answer.text and answer.text.count("\n") == 1
        # The stopped worker is gone and a fresh one takes its place; the endpoint still answers.
        assert count_quads(server.sparql) > 0
        _wait_for(lambda: len(_children(server.process.pid)) == 2 and _children(server.process.pid)
                  != workers_before, "the killed worker to be replaced")
        assert len(workers_before - _children(server.process.pid)) == 1
        assert get_query(server.sparql, CROSS_JOIN).status == 503  # and the new worker obeys it too


def test_the_time_limit_comes_from_the_environment_too(tmp_path, two_articles):
    with served(two_articles, log=tmp_path / "serve.log", env={"AIGOV_QUERY_TIMEOUT": "1"}) as server:
        assert "time limit 1 s" in server.output()
        assert get_query(server.sparql, CROSS_JOIN).status == 503


def test_an_answer_over_the_size_limit_is_refused(tmp_path, two_articles):
    with served(two_articles, log=tmp_path / "serve.log", env={"AIGOV_MAX_RESULTS": "3"}) as server:
        too_many = get_query(server.sparql, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
        assert too_many.status == 413
        assert "more than 3 results" in too_many.text and too_many.text.count("\n") == 1
        assert get_query(server.sparql, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").status == 413
        limited = get_query(server.sparql, "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 3", "text/csv")
        assert limited.status == 200 and len(limited.text.splitlines()) == 4
        assert get_query(server.sparql, "ASK { ?s ?p ?o }").status == 200
        # The cross join stops at the size limit long before it would reach the time limit.
        assert get_query(server.sparql, CROSS_JOIN.replace("(COUNT(*) AS ?n)", "*")).status == 413


@pytest.mark.parametrize(("option", "value"), [("--timeout", "0"), ("--max-results", "0"),
                                               ("--timeout", "soon")])
def test_bad_limits_are_refused_at_startup(tmp_path, sample_store, option, value):
    import subprocess

    from tests.endpoint.conftest import ROOT, serve_command

    result = subprocess.run(serve_command("--store", str(sample_store), "--port", "0", option, value),
                            cwd=ROOT, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode != 0
    assert option in result.stderr and "Traceback" not in result.stderr
