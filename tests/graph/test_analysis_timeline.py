"""The timeline: partial-date ordering, windows, the organisation filter, sources, no dates at all."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from graph.analysis import resolve_entity, timeline
from ontology.errors import QueryError

ENT = "https://w3id.org/aigov/entity/"
ART = "https://w3id.org/aigov/article/"


def build(*facts: tuple, dated: bool = True) -> nx.MultiDiGraph:
    """Each fact is (subject, predicate, object, date); all nodes are companies except ``ada``."""
    g = nx.MultiDiGraph()
    for n, (s, p, o, date) in enumerate(facts):
        for slug in (s, o):
            if ENT + slug not in g:
                type_ = "Person" if slug == "ada" else "Company"
                aliases = ["Nim"] if slug == "nimbus" else []
                g.add_node(
                    ENT + slug, label=slug.title(), type=type_, aliases=aliases, wikidata=None, sources=1
                )
        g.add_edge(
            ENT + s,
            ENT + o,
            key=f"https://w3id.org/aigov/fact/{n:02d}",
            predicate=p,
            date=date if dated else None,
            role=None,
            amount="$2 billion" if p == "investedIn" else None,
            percent=None,
            confidence=0.8,
            evidence=[
                {
                    "text": "Later copy.",
                    "article": ART + "b",
                    "title": "B",
                    "published": "2024-02-01",
                    "url": None,
                },
                {
                    "text": "First report.",
                    "article": ART + "a",
                    "title": "A",
                    "published": "2023-12-01",
                    "url": "https://news.example/a",
                },
                {
                    "text": "Same story again.",
                    "article": ART + "a",
                    "title": "A",
                    "published": "2023-12-01",
                    "url": "https://news.example/a",
                },
            ],
        )
    return g


FACTS = (
    ("ada", "ceoOf", "nimbus", "2023-11-17"),
    ("orbit", "investedIn", "nimbus", "2023"),
    ("ada", "dismissedFrom", "nimbus", "2023-11"),
    ("nimbus", "partnerOf", "orbit", "2024"),
    ("ada", "joined", "vega", "2022-12-31"),
    ("vega", "competitorOf", "nimbus", None),
)


def test_events_sort_with_partial_dates_before_precise_ones():
    events = timeline(build(*FACTS))
    assert [e["date"] for e in events] == ["2022-12-31", "2023", "2023-11", "2023-11-17", "2024"]
    first = events[1]
    assert first["subject_label"] == "Orbit" and first["object_label"] == "Nimbus"
    assert first["label"] == "invested in" and first["amount"] == "$2 billion"
    assert first["organisations"] == ["Nimbus", "Orbit"]
    assert events[0]["organisations"] == ["Vega"]  # a person is not an organisation


def test_sources_are_one_per_article_in_publication_order():
    sources = timeline(build(*FACTS))[0]["sources"]
    assert [(s["article"], s["text"]) for s in sources] == [
        (ART + "a", "First report."),
        (ART + "b", "Later copy."),
    ]
    assert sources[0]["url"] == "https://news.example/a"


def test_a_graph_without_dates_has_an_empty_timeline():
    assert timeline(build(*FACTS, dated=False)) == []
    assert timeline(nx.MultiDiGraph()) == []


def test_filter_by_organisation_iri_label_or_alias():
    g = build(*FACTS)
    by_iri = timeline(g, org=ENT + "vega")
    assert [e["predicate"] for e in by_iri] == ["joined"]
    assert [e["date"] for e in timeline(g, org="orbit")] == ["2023", "2024"]
    assert len(timeline(g, org="nim")) == 4


def test_windows_keep_events_whose_period_overlaps():
    g = build(*FACTS)
    assert [e["date"] for e in timeline(g, since="2023-06")] == ["2023", "2023-11", "2023-11-17", "2024"]
    assert [e["date"] for e in timeline(g, until="2023")] == ["2022-12-31", "2023", "2023-11", "2023-11-17"]
    assert [e["date"] for e in timeline(g, since="2023-11-17", until="2023-11-17")] == [
        "2023",
        "2023-11",
        "2023-11-17",
    ]


def test_date_objects_are_accepted_as_dates():
    g = build(("ada", "joined", "vega", None))
    for *_, data in g.edges(data=True):
        data["date"] = dt.date(2021, 5, 4)
    assert [e["date"] for e in timeline(g)] == ["2021-05-04"]


def test_bad_windows_and_unknown_organisations_are_clear_errors():
    g = build(*FACTS)
    with pytest.raises(QueryError, match="since '2023-99'"):
        timeline(g, since="2023-99")
    with pytest.raises(QueryError, match="until 'soon'"):
        timeline(g, until="soon")
    with pytest.raises(QueryError, match="'Atlantis': not in the graph"):
        timeline(g, org="Atlantis")


def test_an_ambiguous_label_is_refused():
    g = build(*FACTS)
    g.add_node(ENT + "vega-2", label="Vega", type="Company", aliases=[], wikidata=None, sources=1)
    with pytest.raises(QueryError, match="ambiguous"):
        resolve_entity(g, "vega")


def test_founding_years_and_claims_are_events():
    g = build(*FACTS)
    g.nodes[ENT + "vega"]["foundedIn"] = "2021"
    for *_, data in g.edges(data=True):
        if data["predicate"] == "partnerOf":
            data["status"] = "claimed"
    events = timeline(g)
    assert [(e["date"], e["predicate"], e["object_label"]) for e in events[:2]] == [
        ("2021", "foundedIn", "2021"),
        ("2022-12-31", "joined", "Vega"),
    ]
    assert events[0]["sources"] == [] and events[0]["fact"] is None
    assert events[0]["organisations"] == ["Vega"]
    assert [e["status"] for e in events][-1] == "claimed"
    assert [e["predicate"] for e in timeline(g, org="vega")] == ["foundedIn", "joined"]
    assert timeline(g, since="2022", org="vega")[0]["predicate"] == "joined"
