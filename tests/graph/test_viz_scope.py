"""scope_graph: every narrowing option, checked on the data embedded in the written page."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.viz import embedded_data, scope_graph, write_page
from graph.viz._dates import date_interval
from ontology.errors import ConfigurationError, QueryError
from tests.browser.graphs import iri, sample_graph


def page_data(g, tmp_path) -> dict:
    path = tmp_path / "page.html"
    write_page(g, path)
    return embedded_data(path.read_text(encoding="utf-8"))


def labels(data: dict) -> set[str]:
    return {n["label"] for n in data["nodes"]}


def edge_dates(data: dict) -> list:
    return sorted((e["date"] or "") for e in data["edges"])


def facts(data: dict) -> set[str]:
    return {e["fact"].rsplit("/", 1)[-1] for e in data["edges"]}


def test_unscoped_page_holds_the_whole_graph(tmp_path):
    data = page_data(scope_graph(sample_graph()), tmp_path)
    assert len(data["nodes"]) == 10
    assert len(data["edges"]) == 10


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("quillfeather ai", "Quillfeather AI"),  # exact label, other case
        ("QUILLFEATHER", "Quillfeather AI"),  # exact alias
        ("olf", "Open Lattice Foundation"),  # exact alias
        ("Mara Lind", "Mara Lind"),  # exact beats the longer name it is a substring of
        ("harbour", "Harbourline Capital"),  # unique substring
        (iri("port-avalon"), "Port Avalon"),  # the node key itself
    ],
)
def test_focus_finds_names_aliases_and_substrings(tmp_path, name, expected):
    data = page_data(scope_graph(sample_graph(), focus=name, depth=0), tmp_path)
    assert labels(data) == {expected}


def test_ambiguous_focus_lists_the_candidates():
    with pytest.raises(QueryError) as caught:
        scope_graph(sample_graph(), focus="lattice")
    message = str(caught.value)
    assert "ambiguous" in message
    assert "Open Lattice Foundation" in message and "Lattice Summit 2024" in message
    assert "\n" not in message


def test_unknown_focus_is_a_clear_error():
    with pytest.raises(QueryError, match=r"'Nobody Here'.*no entity") as caught:
        scope_graph(sample_graph(), focus="Nobody Here")
    assert "did you mean" not in str(caught.value)


def test_misspelt_focus_suggests_close_names():
    with pytest.raises(QueryError) as caught:
        scope_graph(sample_graph(), focus="Quilfeather")
    assert str(caught.value).endswith("did you mean Quillfeather AI?")


def test_depth_grows_the_ego_network(tmp_path):
    one = page_data(scope_graph(sample_graph(), focus="Mara Lind", depth=1), tmp_path)
    assert labels(one) == {"Mara Lind", "Open Lattice Foundation"}
    two = page_data(scope_graph(sample_graph(), focus="Mara Lind", depth=2), tmp_path)
    assert labels(two) == {"Mara Lind", "Open Lattice Foundation", "Tomas Reyes", "Port Avalon"}
    assert facts(two) == {"test10", "test6", "test8"}


def test_ego_network_ignores_edge_direction(tmp_path):
    data = page_data(scope_graph(sample_graph(), focus="Quillfeather AI", depth=1), tmp_path)
    assert labels(data) == {
        "Quillfeather AI",
        "Mara Lindqvist",
        "Harbourline Capital",
        "Nordia Competition Authority",
        "Quill Research Group",
        "Tomas Reyes",
    }


def test_since_keeps_dated_edges_from_then_on_and_drops_undated(tmp_path):
    data = page_data(scope_graph(sample_graph(), since="2024"), tmp_path)
    assert edge_dates(data) == ["2024-03-05", "2024-06"]
    assert "Port Avalon" not in labels(data)  # its only edge is undated


def test_until_is_inclusive_to_the_end_of_its_period(tmp_path):
    data = page_data(scope_graph(sample_graph(), until="2023-10"), tmp_path)
    assert edge_dates(data) == ["2015", "2019-02-01", "2021", "2022"]
    data = page_data(scope_graph(sample_graph(), until="2023"), tmp_path)
    assert edge_dates(data) == ["2015", "2019-02-01", "2021", "2022", "2023-11", "2023-11-17"]


def test_partial_dates_compare_at_their_own_precision(tmp_path):
    # "2023-11" says some day in November: it overlaps 20-30 November, "2023-11-17" does not.
    data = page_data(scope_graph(sample_graph(), since="2023-11-20", until="2023-11-30"), tmp_path)
    assert edge_dates(data) == ["2023-11"]
    data = page_data(scope_graph(sample_graph(), since="2023-01-01", until="2023-12-31"), tmp_path)
    assert edge_dates(data) == ["2023-11", "2023-11-17"]


def test_only_keeps_the_named_families(tmp_path):
    data = page_data(scope_graph(sample_graph(), only="legal-regulatory"), tmp_path)
    assert facts(data) == {"test4"}
    assert labels(data) == {"Nordia Competition Authority", "Quillfeather AI"}
    data = page_data(scope_graph(sample_graph(), only=["leadership", "money-deals"]), tmp_path)
    assert {e["family"] for e in data["edges"]} == {"leadership", "money-deals"}
    assert facts(data) == {"test1", "test2", "test3", "test9"}
    data = page_data(scope_graph(sample_graph(), only="leadership, money-deals"), tmp_path)
    assert facts(data) == {"test1", "test2", "test3", "test9"}


def test_unknown_family_names_the_choices():
    with pytest.raises(ConfigurationError, match="unknown predicate family finance; choose from leadership"):
        scope_graph(sample_graph(), only="finance")


def test_min_confidence_drops_weaker_edges(tmp_path):
    data = page_data(scope_graph(sample_graph(), min_confidence=0.8), tmp_path)
    assert facts(data) == {"test1", "test2", "test3", "test6", "test9"}
    assert all(e["confidence"] >= 0.8 for e in data["edges"])


def test_focus_survives_when_filters_leave_it_alone(tmp_path):
    data = page_data(scope_graph(sample_graph(), focus="Port Avalon", since="2024"), tmp_path)
    assert labels(data) == {"Port Avalon"}
    assert data["edges"] == []


def test_options_combine(tmp_path):
    data = page_data(
        scope_graph(sample_graph(), focus="Tomas Reyes", depth=1, since="2020", only="leadership"), tmp_path
    )
    assert labels(data) == {"Tomas Reyes", "Quillfeather AI"}
    assert facts(data) == {"test9"}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"since": "last year"}, "since: 'last year' is not a date"),
        ({"until": "2023-13"}, "until: '2023-13' is not a date"),
        ({"since": "2024", "until": "2023"}, "is after until"),
        ({"depth": -1}, "depth: -1"),
        ({"min_confidence": 1.5}, "min_confidence: 1.5"),
        ({"min_confidence": "high"}, "min_confidence: 'high'"),
        ({"focus": "  "}, "focus: the entity name is empty"),
    ],
)
def test_bad_options_are_one_line_errors(options, message):
    with pytest.raises(ConfigurationError) as caught:
        scope_graph(sample_graph(), **options)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_scoping_does_not_touch_the_input():
    g = sample_graph()
    scoped = scope_graph(g, focus="Mara Lind")
    scoped.nodes[iri("mara-lind")]["aliases"].append("changed")
    next(iter(scoped.edges(data=True)))[2]["evidence"].append({"text": "changed"})
    assert g.nodes[iri("mara-lind")]["aliases"] == []
    assert all(
        all(ev.get("text") != "changed" for ev in data["evidence"]) for _, _, data in g.edges(data=True)
    )
    assert g.number_of_nodes() == 10 and g.number_of_edges() == 10


def test_plain_directed_graphs_are_accepted(tmp_path):
    import networkx as nx

    g = nx.DiGraph()
    g.add_node("a", label="Alpha Org", type="Company")
    g.add_node("b", label="Beta Person", type="Person")
    g.add_edge("b", "a", predicate="founderOf", label="founder of", family="founding-employment", date="2020")
    data = page_data(scope_graph(g, since="2019"), tmp_path)
    assert labels(data) == {"Alpha Org", "Beta Person"}
    assert [e["label"] for e in data["edges"]] == ["founder of"]


@given(
    year=st.integers(1990, 2030),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    precision=st.sampled_from(["year", "month", "day"]),
)
def test_a_partial_date_covers_exactly_its_period(year, month, day, precision):
    text = {"year": f"{year}", "month": f"{year}-{month:02d}", "day": f"{year}-{month:02d}-{day:02d}"}[
        precision
    ]
    first, last = date_interval(text)
    assert first.isoformat().startswith(text) and last.isoformat().startswith(text)
    assert (first - dt.timedelta(days=1)).isoformat()[: len(text)] != text
    assert (last + dt.timedelta(days=1)).isoformat()[: len(text)] != text
