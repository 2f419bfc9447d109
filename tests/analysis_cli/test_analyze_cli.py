"""``aigov analyze``, ``aigov timeline`` and ``aigov export --format graphml`` on a real store.

The store is built by the real ``aigov add`` from examples/articles plus an ownership article
written for these tests (a trust controls a holding that owns 60% of a lab that acquired a
start-up; an investor holds a 20% stake). The CLI's JSON is compared with the analysis
library run in this process on the same store, so the two cannot drift apart.
"""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest

from graph import analysis
from graph.analysis._dates import date_key, parse_bound, within
from tests.analysis_cli.conftest import run_aigov

pytestmark = pytest.mark.slow


def _json(*args: str):
    done = run_aigov(*args, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _csv(*args: str) -> list[dict[str, str]]:
    done = run_aigov(*args, "--format", "csv")
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout)))


def _plain(value):
    """What a value looks like after a JSON round trip (tuples become lists, and so on)."""
    return json.loads(json.dumps(value, default=str))


def _one_line_error(done, *words: str) -> None:
    assert done.returncode == 1, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("aigov: error: ")
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in lines[0]


# -- central ------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["pagerank", "degree", "betweenness"])
def test_central_json_is_the_library_ranking(example_store, entity_graph, kind):
    rows = _json("analyze", "central", "--kind", kind, "--top", "7", "--store", str(example_store))
    expected = analysis.centrality(entity_graph, kind, top=7)
    assert [r["rank"] for r in rows] == list(range(1, len(expected) + 1))
    assert [{k: v for k, v in r.items() if k != "rank"} for r in rows] == _plain(expected)
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)


def test_central_filters_by_type_in_every_format(example_store, entity_graph):
    people = _json("analyze", "central", "-t", "Person", "-n", "0", "--store", str(example_store))
    assert people, "the examples name people"
    assert {r["type"] for r in people} == {"Person"}
    assert len(people) == sum(1 for _, d in entity_graph.nodes(data=True) if d.get("type") == "Person")
    rows = _csv("analyze", "central", "-t", "Person", "-n", "0", "--store", str(example_store))
    assert [r["entity"] for r in rows] == [r["label"] for r in people]
    assert [r["iri"] for r in rows] == [r["iri"] for r in people]
    table = run_aigov("analyze", "central", "-t", "Person", "-n", "3", "--store", str(example_store))
    assert table.returncode == 0, table.stderr
    assert "pagerank centrality" in table.stdout
    assert people[0]["label"] in table.stdout
    if len(people) > 3:
        assert people[3]["label"] not in table.stdout, "--top 3 shows three rows"


def test_central_refuses_an_unknown_type(example_store):
    done = run_aigov("analyze", "central", "--type", "Spaceship", "--store", str(example_store))
    assert done.returncode == 2
    assert "'Spaceship' is not an entity type" in done.stderr
    assert "Traceback" not in done.stderr


# -- controllers --------------------------------------------------------------------------------
def test_controllers_walk_up_to_the_top_and_ignore_a_minority_stake(example_store, entity_graph):
    payload = _json("analyze", "controllers", "Dovetail Vision", "--store", str(example_store))
    assert payload["organisation"]["label"] == "Dovetail Vision"
    iri = payload["organisation"]["iri"]
    assert payload["ultimate_controllers"] == _plain(analysis.ultimate_controllers(entity_graph, iri))
    assert payload["chains"] == _plain(analysis.control_chains(entity_graph, iri))
    assert [top["labels"] for top in payload["ultimate_controllers"]] == [["Harbor Trust"]]
    chain = payload["chains"][0]
    assert chain["labels"] == ["Harbor Trust", "Larkspur Holdings", "Quillon Robotics", "Dovetail Vision"]
    # the acquisition also states the subsidiary it makes (extract: implied facts)
    assert [step["via"] for step in chain["steps"]] == [["controls"], ["owns"], ["acquired", "subsidiaryOf"]]
    everyone = {label for c in payload["chains"] for label in c["labels"]}
    assert "Vesta Capital" not in everyone, "a 20% stake is not control"

    rows = _csv("analyze", "controllers", "Dovetail Vision", "--store", str(example_store))
    assert rows[0]["chain"] == "Harbor Trust > Larkspur Holdings > Quillon Robotics > Dovetail Vision"
    assert rows[0]["via"] == "controls > owns > acquired/subsidiaryOf"
    assert rows[0]["cycle"] == "no"
    table = run_aigov("analyze", "controllers", "dovetail vision", "--store", str(example_store))
    assert table.returncode == 0, table.stderr
    assert "Harbor Trust > Larkspur Holdings > Quillon Robotics > Dovetail Vision" in table.stdout


def test_controllers_of_a_top_organisation_say_nothing_controls_it(example_store):
    payload = _json("analyze", "controllers", "Harbor Trust", "--store", str(example_store))
    assert payload["ultimate_controllers"] == [] and payload["chains"] == []
    table = run_aigov("analyze", "controllers", "Harbor Trust", "--store", str(example_store))
    assert table.returncode == 0
    assert "nothing in the graph controls it" in table.stdout


def test_controllers_refuse_people_and_unknown_names_in_one_line(example_store, entity_graph):
    person = next(d["label"] for _, d in entity_graph.nodes(data=True) if d.get("type") == "Person")
    _one_line_error(
        run_aigov("analyze", "controllers", person, "--store", str(example_store)),
        "is a Person, not an organisation",
    )
    _one_line_error(
        run_aigov("analyze", "controllers", "Nowhere Dynamics", "--store", str(example_store)),
        "'Nowhere Dynamics'",
        "not in the graph",
    )


# -- moves --------------------------------------------------------------------------------------
def test_moves_are_the_library_moves_in_every_format(example_store, entity_graph):
    expected = analysis.moves(entity_graph)
    rows = _json("analyze", "moves", "--store", str(example_store))
    assert rows == _plain(expected)
    keys = [(date_key(m["date"]), m["person"]) for m in rows]
    assert keys == sorted(keys)
    flat = _csv("analyze", "moves", "--store", str(example_store))
    assert [(r["date"], r["person"], r["from"], r["to"], r["kind"]) for r in flat] == [
        (m["date"], m["person_label"], m["from_label"], m["to_label"], m["kind"]) for m in expected
    ]


def test_moves_of_one_person(example_store, entity_graph):
    everyone = analysis.moves(entity_graph)
    person = (
        everyone[0]["person_label"]
        if everyone
        else next(d["label"] for _, d in entity_graph.nodes(data=True) if d.get("type") == "Person")
    )
    rows = _json("analyze", "moves", "--person", person, "--store", str(example_store))
    assert rows == _plain([m for m in everyone if m["person_label"] == person])
    _one_line_error(
        run_aigov("analyze", "moves", "--person", "Nobody Atall", "--store", str(example_store)),
        "not in the graph",
    )


# -- timeline (table / json / csv) ----------------------------------------------------------------
def test_timeline_window_is_inclusive_and_ordered(example_store, entity_graph):
    since, until = "2023-11", "2024-03"
    events = _json("analyze", "timeline", "--since", since, "--until", until, "--store", str(example_store))
    assert events == _plain(analysis.timeline(entity_graph, since=since, until=until))
    assert events, "the examples have events in late 2023 and the test article one in March 2024"
    window = parse_bound(since, "since"), parse_bound(until, "until")
    assert all(within(e["date"], *window) for e in events)
    order = [date_key(e["date"]) for e in events]
    assert order == sorted(order)
    assert any(e["predicate"] == "acquired" and e["date"] == "2024-03" for e in events), "until means the end"
    everything = _json("analyze", "timeline", "--store", str(example_store))
    assert len(everything) >= len(events)
    assert all(e.get("status") != "claimed" for e in everything)


def test_timeline_of_one_organisation_in_csv_and_table(example_store, entity_graph):
    iri = analysis.resolve_entity(entity_graph, "Quillon Robotics")
    events = _json("analyze", "timeline", "--org", "Quillon Robotics", "--store", str(example_store))
    assert events and all(iri in (e["subject"], e["object"]) for e in events)
    rows = _csv("analyze", "timeline", "--org", "Quillon Robotics", "--store", str(example_store))
    assert list(rows[0]) == [
        "date",
        "subject",
        "predicate",
        "object",
        "status",
        "role",
        "amount",
        "percent",
        "confidence",
        "fact",
        "sources",
    ]
    assert [(r["date"], r["predicate"], r["fact"]) for r in rows] == [
        (e["date"], e["predicate"], e["fact"] or "") for e in events
    ]
    acquired = next(r for r in rows if r["predicate"] == "acquired")
    assert acquired["amount"] and "40" in acquired["amount"]
    assert acquired["sources"] == "Holding company tightens its grip on a robotics lab"
    table = run_aigov("analyze", "timeline", "--org", "Quillon Robotics", "--store", str(example_store))
    assert table.returncode == 0, table.stderr
    assert "acquired" in table.stdout and "Dovetail Vision" in table.stdout


def test_timeline_can_include_claims(example_store):
    plain = _json("analyze", "timeline", "--store", str(example_store))
    claims = _json("analyze", "timeline", "--include-claims", "--store", str(example_store))
    asserted = [e for e in claims if e["status"] != "claimed"]
    assert [e["fact"] for e in asserted] == [e["fact"] for e in plain]


def test_bad_windows_and_missing_stores_are_one_line_errors(example_store, tmp_path):
    _one_line_error(
        run_aigov("analyze", "timeline", "--since", "2023-13", "--store", str(example_store)),
        "since",
        "2023-13",
    )
    _one_line_error(
        run_aigov(
            "timeline", "-o", str(tmp_path / "t.html"), "--until", "soon", "--store", str(example_store)
        ),
        "until",
    )
    assert not (tmp_path / "t.html").exists()
    _one_line_error(run_aigov("analyze", "central", "--store", str(tmp_path / "no-store")), "no such store")
    assert not (tmp_path / "no-store").exists(), "reading never creates a store"


# -- aigov timeline -o page.html ------------------------------------------------------------------
def test_timeline_page_holds_the_same_events(example_store, tmp_path):
    page = tmp_path / "quillon.html"
    done = run_aigov(
        "timeline",
        "-o",
        str(page),
        "--org",
        "Quillon Robotics",
        "--since",
        "2024",
        "--store",
        str(example_store),
    )
    assert done.returncode == 0, done.stderr
    events = _json(
        "analyze", "timeline", "--org", "Quillon Robotics", "--since", "2024", "--store", str(example_store)
    )
    assert f"wrote {page} ({len(events)} event" in done.stderr
    html = page.read_text(encoding="utf-8")
    assert html.count('<li class="event"') == len(events)
    assert "<title>AI governance timeline: Quillon Robotics (from 2024)</title>" in html
    assert "Content-Security-Policy" in html
    assert 'src="http' not in html and 'href="http' not in html.split("<body>")[0]
    assert "Quillon Robotics acquired Dovetail Vision for $40 million." in html, "evidence is quoted"


def test_timeline_page_into_a_missing_folder_is_refused(example_store, tmp_path):
    target = tmp_path / "no-such-folder" / "t.html"
    _one_line_error(run_aigov("timeline", "-o", str(target), "--store", str(example_store)), "does not exist")


# -- export --format graphml ----------------------------------------------------------------------
def test_graphml_export_reads_back_as_the_entity_graph(example_store, entity_graph, tmp_path):
    target = tmp_path / "graph.graphml"
    done = run_aigov("export", "--format", "graphml", "-o", str(target), "--store", str(example_store))
    assert done.returncode == 0, done.stderr
    back = nx.read_graphml(target, force_multigraph=True)
    assert back.is_directed()
    assert back.number_of_nodes() == entity_graph.number_of_nodes()
    assert back.number_of_edges() == entity_graph.number_of_edges()
    assert set(back.nodes) == set(entity_graph.nodes)
    assert set(back.edges(keys=True)) == set(entity_graph.edges(keys=True))
    for node, data in entity_graph.nodes(data=True):
        assert back.nodes[node]["label"] == data["label"]
        assert back.nodes[node]["type"] == data["type"]
    for u, v, key, data in entity_graph.edges(keys=True, data=True):
        assert back.edges[u, v, key]["predicate"] == data["predicate"]
