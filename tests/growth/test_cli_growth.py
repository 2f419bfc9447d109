"""The curation and saved-query commands, run as a researcher would: the real CLI in a subprocess."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import RDF, URIRef

from tests.growth.conftest import EXAMPLES, GROWTH, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    location = str(tmp_path_factory.mktemp("cli") / "store")
    done = run_cli("add", str(GROWTH), store=location)
    assert done.returncode == 0, done.stderr
    return location


def _one_error_line(done) -> str:
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("aigov: error: "), done.stderr
    return lines[0]


def _json_lines(done) -> list[dict]:
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_entities_lists_aliases_types_and_article_counts(store):
    done = run_cli("entities", "--search", "SOLBERG", "--json", store=store)
    assert done.returncode == 0, done.stderr
    found = {e["name"]: e for e in map(json.loads, done.stdout.splitlines())}
    assert set(found) == {"Ingrid Solberg", "Erik Solberg"}
    assert found["Ingrid Solberg"]["type"] == "Person" and "Solberg" in found["Ingrid Solberg"]["aliases"]
    assert found["Ingrid Solberg"]["articles"] == 4
    table = run_cli("entities", store=store)
    assert "Kestrel Dynamics" in table.stdout and "Tomas Berg" in table.stdout


def test_saved_queries_list_and_run_with_parameters(store):
    listed = run_cli("query", "--list-saved", store=store)
    assert listed.returncode == 0
    assert "role-on-date: Who held a role" in listed.stdout and "--param date=..." in listed.stdout
    done = run_cli("query", "--saved", "role-on-date", "--param", "org=Kestrel Dynamics", "--param",
                   "role=CEO", "--param", "date=2023-06-10", "--format", "csv", store=store)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["holder"] for r in rows] == ["Tomas Berg"]
    sneaky = run_cli("query", "--saved", "leadership-timeline", "--param", 'org=Kestrel Dynamics" } ; #',
                     "--format", "csv", store=store)
    assert sneaky.returncode == 0 and sneaky.stdout.strip().splitlines()[1:] == []


@pytest.mark.parametrize("args, problem", [
    (("query", "--saved", "nope"), "no saved query named 'nope'"),
    (("query", "--saved", "role-on-date", "--param", "org=x", "--param", "role=CEO", "--param", "date=soon"),
     "not a date"),
    (("query", "--saved", "investors"), "missing --param org"),
    (("retract", "fact:0000", "--reason", "x"), "no such fact"),
    (("merge", "Nobody Atall", "Ingrid Solberg"), "no such entity"),
    (("assert", "A", "leads", "B", "--source", "https://example.org"), "not an aigov predicate"),
])
def test_bad_input_is_one_clear_line(store, args, problem):
    assert problem in _one_error_line(run_cli(*args, store=store))


def test_assert_retract_merge_and_review(store):
    asserted = run_cli("assert", "Lena Moe", "chairOf", "Kestrel Dynamics", "--source",
                       "https://example.org/m", "--date", "2020-02-02", "--role", "chair", "--reason",
                       "minutes",
                       store=store)
    assert asserted.returncode == 0, asserted.stderr
    fact = asserted.stdout.strip()
    chair = run_cli("query", "--saved", "role-on-date", "-p", "org=Kestrel Dynamics", "-p", "role=chair",
                    "-p", "date=2021-01-01", "--format", "csv", store=store)
    assert "Lena Moe" in chair.stdout
    assert run_cli("retract", fact, "--reason", "wrong minutes", store=store).returncode == 0
    chair = run_cli("query", "--saved", "role-on-date", "-p", "org=Kestrel Dynamics", "-p", "role=chair",
                    "-p", "date=2021-01-01", "--format", "csv", store=store)
    assert "Lena Moe" not in chair.stdout

    merged = run_cli("merge", "Erik Solberg", "Ingrid Solberg", "--reason", "test", store=store)
    assert merged.returncode == 0, merged.stderr
    def erik() -> dict:
        (entity,) = _json_lines(run_cli("entities", "--search", "erik", "--json", store=store))
        return entity

    assert erik()["merged_into"].endswith("/ingrid-solberg")
    assert run_cli("merge", "Erik Solberg", "--undo", store=store).returncode == 0
    assert erik()["merged_into"] is None

    pending = _json_lines(run_cli("review", "--below", "0.7", "--json", store=store))
    assert pending
    first = pending[0]["fact"]
    assert run_cli("review", "--accept", first, store=store).returncode == 0
    again = [c["fact"] for c in _json_lines(run_cli("review", "--below", "0.7", "--json", store=store))]
    assert first not in again and len(again) == len(pending) - 1
    assert run_cli("validate", store=store).returncode == 0


def test_interactive_review_rejects_and_accepts(tmp_path):
    location = str(tmp_path / "review")
    assert run_cli("add", str(GROWTH / "g3-reinstated.md"), store=location).returncode == 0
    pending = _json_lines(run_cli("review", "--below", "0.9", "--json", store=location))
    assert len(pending) >= 2
    done = run_cli("review", "--below", "0.9", "-i", "--reason", "read the article", store=location,
                   input="r\na\nq\n")
    assert done.returncode == 0, done.stderr
    left = [c["fact"] for c in _json_lines(run_cli("review", "--below", "0.9", "--json", store=location))]
    assert left == [c["fact"] for c in pending[2:]]
    log = run_cli("query", "SELECT ?k WHERE { GRAPH ?g { ?c a ?k ; aigov:reason \"read the article\" } "
                  "FILTER(?k != aigov:Curation) }",
                  "--format", "csv", store=location)
    assert sorted(log.stdout.split()[1:]) == [
        "https://w3id.org/aigov/ontology#Assertion", "https://w3id.org/aigov/ontology#Retraction"]


def test_validate_passes_on_the_demo_data_and_reports_a_planted_violation(tmp_path):
    location = str(tmp_path / "demo")
    assert run_cli("add", str(EXAMPLES), store=location).returncode == 0
    done = run_cli("validate", store=location)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "conforms: no violations"

    from graph.rdf import AIGOV
    from graph.store import open_store

    with open_store(location) as opened:
        graph = URIRef("https://w3id.org/aigov/article/ffffffffffffffff")
        opened.dataset.addN([(URIRef("https://w3id.org/aigov/entity/ghost"), RDF.type, AIGOV.Person, graph)])
    done = run_cli("validate", store=location)
    assert done.returncode == 1
    assert "ent:ghost" in done.stdout and "rdfs:label" in done.stdout
