"""The command line against a real ``oxigraph serve``: ``--store http://127.0.0.1:PORT``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.endpoint.conftest import ROOT, count_quads, get_query, http, served
from tests.endpoint.recording_proxy import recording_proxy

pytestmark = pytest.mark.server

AIGOV = Path(sys.executable).with_name("aigov")

# Two short articles written for these tests.
LEADER = """---
title: "Software giant picks a new leader"
published: 2014-02-04
source: "written for the aigov-kg endpoint tests"
---
Microsoft named Satya Nadella as its chief executive on Tuesday, replacing Steve Ballmer.

Bill Gates, who co-founded Microsoft, will step down as chairman of the board.
"""
LAWSUIT = """---
title: "Regulator sues search company"
published: 2020-10-20
source: "written for the aigov-kg endpoint tests"
---
The Justice Department sued Google on Tuesday, accusing the company of abusing its power in search.
"""
TITLES = "SELECT ?title WHERE { ?a a aigov:Article ; dcterms:title ?title } ORDER BY ?title"


def aigov(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environ = {**os.environ, "COLUMNS": "200", **(env or {})}
    if not env or "AIGOV_STORE" not in env:
        environ.pop("AIGOV_STORE", None)
    result = subprocess.run([str(AIGOV), *args], capture_output=True, text=True, timeout=300, env=environ,
                            stdin=subprocess.DEVNULL, cwd=ROOT)
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def articles(tmp_path: Path) -> tuple[Path, Path]:
    leader, lawsuit = tmp_path / "leader.md", tmp_path / "lawsuit.md"
    leader.write_text(LEADER, encoding="utf-8")
    lawsuit.write_text(LAWSUIT, encoding="utf-8")
    return leader, lawsuit


def test_add_query_stats_export_viz_remove_against_oxigraph_server(remote_store_url, articles, tmp_path):
    url = remote_store_url
    leader, lawsuit = articles
    added = aigov("add", str(leader), str(lawsuit), "--store", url)
    assert added.returncode == 0, added.stderr
    assert "added 2 article(s)" in added.stdout + added.stderr

    titles = aigov("query", TITLES, "--format", "csv", "--store", url)
    assert titles.returncode == 0, titles.stderr
    assert titles.stdout.splitlines() == ["title", "Regulator sues search company",
                                          "Software giant picks a new leader"]
    people = aigov("query", "SELECT DISTINCT ?name WHERE { ?f a aigov:Fact ; aigov:subject ?e . "
                   "?e rdfs:label ?name }", "--format", "json", "--store", url)
    names = {b["name"]["value"] for b in json.loads(people.stdout)["results"]["bindings"]}
    assert "Satya Nadella" in names

    figures = json.loads(aigov("stats", "--json", "--store", url).stdout)
    assert figures["articles"] == 2 and figures["facts"] > 0 and figures["quads"] == count_quads_direct(url)

    exported = aigov("export", "--format", "nquads", "--store", url)
    assert exported.returncode == 0
    graphs = {line.rsplit(" ", 2)[-2] for line in exported.stdout.splitlines() if line.strip()}
    assert len(graphs) == 2 and all(g.startswith("<https://w3id.org/aigov/article/") for g in graphs)

    page = tmp_path / "graph.html"
    drawn = aigov("viz", "-o", str(page), "--store", url)
    assert drawn.returncode == 0 and "Satya Nadella" in page.read_text(encoding="utf-8")

    again = aigov("add", str(leader), "--store", url)
    assert again.returncode == 0 and "skipped 1" in again.stdout + again.stderr

    removed = aigov("remove", str(leader), "--store", url)
    assert removed.returncode == 0, removed.stderr
    after = json.loads(aigov("stats", "--json", env={"AIGOV_STORE": url}).stdout)
    assert after["articles"] == 1
    assert aigov("remove", str(leader), "--store", url).returncode == 1


def count_quads_direct(url: str) -> int:
    answer = get_query(url + "/query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "text/csv")
    return int(answer.text.split()[1])


def test_one_update_request_per_article(remote_store_url, articles):
    leader, lawsuit = articles
    with recording_proxy(remote_store_url) as proxy:
        added = aigov("add", str(leader), str(lawsuit), "--store", proxy.url)
        assert added.returncode == 0, added.stderr
        updates = proxy.updates()
        assert len(updates) == 2
        assert all(body.lstrip().startswith(b"INSERT DATA { GRAPH <https://w3id.org/aigov/article/")
                   for body in updates)
        assert aigov("add", str(leader), "--store", proxy.url).returncode == 0
        assert len(proxy.updates()) == 2  # already there: no write at all
        assert aigov("remove", str(lawsuit), "--store", proxy.url).returncode == 0
        assert len(proxy.updates()) == 3 and proxy.updates()[-1].startswith(b"DROP SILENT GRAPH <")
        assert aigov("stats", "--store", proxy.url).returncode == 0
        assert len(proxy.updates()) == 3  # reading never writes


def test_an_unreachable_server_is_a_one_line_error(articles):
    result = aigov("stats", "--store", "http://127.0.0.1:9")
    assert result.returncode == 1
    assert result.stderr.strip().startswith("aigov: error: store http://127.0.0.1:9: cannot reach")
    assert result.stderr.strip().count("\n") == 0


def test_aigov_serve_in_front_of_an_oxigraph_server(remote_store_url, articles, tmp_path):
    leader, _ = articles
    assert aigov("add", str(leader), "--store", remote_store_url).returncode == 0
    with served(remote_store_url, "--max-results", "5", log=tmp_path / "serve.log") as server:
        titles = get_query(server.sparql, TITLES, "text/csv")
        assert titles.status == 200 and titles.text.splitlines()[1] == "Software giant picks a new leader"
        assert get_query(server.sparql, "SELECT * WHERE { ?s ?p ?o }").status == 413
        before = count_quads(server.sparql)
        refused = get_query(server.sparql, "DROP ALL")
        assert refused.status == 403 and count_quads(server.sparql) == before > 0
        malformed = get_query(server.sparql, "SELECT WHERE {")
        assert malformed.status == 400 and malformed.text.count("\n") == 1
        page = http(server.url)
        assert page.status == 200 and "Satya Nadella" in page.text


def test_a_server_and_an_embedded_store_give_the_same_answers(remote_store_url, articles, tmp_path):
    folder = str(tmp_path / "embedded")
    for store in (remote_store_url, folder):
        assert aigov("add", *map(str, articles), "--store", store).returncode == 0
    remote, embedded = ({"stats": json.loads(aigov("stats", "--json", "--store", store).stdout),
                         "validate": aigov("validate", "--store", store),
                         "export": sorted(aigov("export", "--format", "nquads", "--store", store)
                                          .stdout.splitlines())}
                        for store in (remote_store_url, folder))
    assert remote["stats"] == embedded["stats"] and remote["stats"]["articles"] == 2
    assert remote["export"] == embedded["export"] and remote["export"]
    assert remote["validate"].returncode == embedded["validate"].returncode
    assert remote["validate"].stdout == embedded["validate"].stdout


def test_serving_an_unreachable_server_fails_with_one_line():
    from tests.endpoint.conftest import serve_command

    result = subprocess.run(serve_command("--store", "http://127.0.0.1:9", "--port", "0"), cwd=ROOT,
                            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    unreachable = "aigov: error: store http://127.0.0.1:9: cannot reach the endpoint"
    assert result.stderr.strip().startswith(unreachable)
    assert result.stderr.strip().count("\n") == 0
