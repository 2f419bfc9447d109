"""Properties that must hold on any graph: control walks end and follow real control edges,
timelines are in order, partial dates order by the documented rule."""

from __future__ import annotations

from itertools import pairwise

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis import control_chains, control_graph, timeline, ultimate_controllers
from graph.analysis._dates import date_key, period

ENT = "https://w3id.org/aigov/entity/"
ORGS = [f"org{i}" for i in range(7)]
CONTROL = ["controls", "owns", "subsidiaryOf", "acquired", "mergedInto", "partnerOf"]

dates = st.one_of(
    st.none(),
    st.integers(2000, 2030).map(str),
    st.tuples(st.integers(2000, 2030), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.dates().map(lambda d: d.isoformat()),
)
facts = st.lists(
    st.tuples(
        st.sampled_from(ORGS), st.sampled_from(CONTROL), st.sampled_from(ORGS), st.integers(0, 100), dates
    ),
    max_size=25,
)


def build(rows) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for slug in ORGS:
        g.add_node(ENT + slug, label=slug, type="Company", aliases=[], wikidata=None, sources=1)
    for n, (s, p, o, percent, date) in enumerate(rows):
        g.add_edge(ENT + s, ENT + o, key=f"f{n}", predicate=p, percent=f"{percent}%", date=date, evidence=[])
    return g


@settings(max_examples=150, deadline=None)
@given(facts, st.sampled_from(ORGS))
def test_control_walks_end_and_follow_control_edges(rows, target):
    g = build(rows)
    org = ENT + target
    control = control_graph(g)
    rows_out = ultimate_controllers(g, org)
    for row in rows_out:
        assert row["paths"], row
        assert row["controllers"] == sorted(row["controllers"])
        assert row["cycle"] == (len(row["controllers"]) > 1)
        for path in row["paths"]:
            assert path[0] in row["controllers"] and path[-1] == org
            assert len(set(path)) == len(path)
            assert all(control.has_edge(a, b) for a, b in pairwise(path))
        if not row["cycle"]:
            # a single top controller is controlled by nobody
            assert control.in_degree(row["controllers"][0]) == 0
    for chain in control_chains(g, org):
        assert chain["path"][-1] == org
        assert [s["from"] for s in chain["steps"]] == chain["path"][:-1]
    # Something controls the organisation iff it has a controller or sits in a control cycle.
    controlled = org in control and (control.in_degree(org) > 0)
    assert bool(rows_out) == controlled


@settings(max_examples=150, deadline=None)
@given(facts)
def test_timeline_is_in_date_order_and_keeps_every_dated_fact(rows):
    g = build(rows)
    events = timeline(g)
    keys = [date_key(e["date"]) for e in events]
    assert keys == sorted(keys)
    assert len(events) == sum(1 for *_, date in rows if date is not None)


@given(dates.filter(lambda d: d is not None))
def test_a_partial_date_sorts_first_inside_its_own_period(date):
    first, last = period(date)
    assert first <= last
    assert date_key(date) <= first
