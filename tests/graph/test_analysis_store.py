"""The analyses on a graph read back from a real embedded Oxigraph store (not a hand-built one)."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Iterator

import networkx as nx
import pytest

from graph import analysis, entity_graph, open_store
from graph.graphml import write_gexf, write_graphml
from graph.timeline_page import write_timeline
from ontology.identifiers import article_id, entity_iri
from ontology.model import Article, Entity, Evidence, Fact, Qualifiers

FIRST = "The board of Nimbus Labs removed Ada Moreno as chief executive on Friday."
SECOND = "Nimbus Holdings, which owns 51% of Nimbus Labs, backed the decision."
THIRD = "Orbit Capital, holder of a 30% stake, was not consulted."
TEXT = " ".join((FIRST, SECOND, THIRD))


def _span(sentence: str) -> Evidence:
    start = TEXT.index(sentence)
    return Evidence(sentence, start, start + len(sentence))


@pytest.fixture
def g(tmp_path) -> Iterator[nx.MultiDiGraph]:
    store = open_store(str(tmp_path / "store"))
    article = Article(
        id=article_id(TEXT),
        text=TEXT,
        path="lab.txt",
        published=dt.date(2023, 11, 18),
        title="Lab shake-up",
        url="https://news.example/lab",
    )
    ada = Entity("Ada Moreno", "Person")
    lab = Entity("Nimbus Labs", "Company")
    holding = Entity("Nimbus Holdings", "Company")
    orbit = Entity("Orbit Capital", "Investor")
    facts = [
        Fact(ada, "ceoOf", lab, _span(FIRST), 0.8, Qualifiers(date="2019")),
        Fact(ada, "dismissedFrom", lab, _span(FIRST), 0.9, Qualifiers(date="2023-11-17", role="CEO")),
        Fact(holding, "owns", lab, _span(SECOND), 0.9, Qualifiers(percent="51%")),
        Fact(orbit, "owns", lab, _span(THIRD), 0.9, Qualifiers(date="2023-11", percent="30%")),
        Fact(lab, "foundedIn", "2015", _span(FIRST), 0.9),
    ]
    kwargs = {}
    if "extractor_version" in inspect.signature(store.add_article).parameters:
        kwargs["extractor_version"] = "test"
    try:
        assert store.add_article(article, facts, **kwargs)
        yield entity_graph(store)
    finally:
        store.close()


def test_analyses_on_a_stored_article(g, tmp_path):
    lab = entity_iri("Nimbus Labs")
    top = analysis.ultimate_controllers(g, lab)
    assert [row["labels"] for row in top] == [["Nimbus Holdings"]]  # 51% is control, 30% is not
    events = analysis.timeline(g)
    assert [(e["date"], e["predicate"]) for e in events] == [
        ("2015", "foundedIn"),
        ("2019", "ceoOf"),
        ("2023-11", "owns"),
        ("2023-11-17", "dismissedFrom"),
    ]
    assert events[-1]["sources"][0]["url"] == "https://news.example/lab"
    assert events[-1]["sources"][0]["published"] == "2023-11-18"
    assert [r["predicate"] for r in analysis.careers(g, entity_iri("Ada Moreno"))] == [
        "ceoOf",
        "dismissedFrom",
    ]
    after = analysis.as_of(g, "2023-12")
    assert sorted(d["predicate"] for *_, d in after.edges(data=True)) == ["dismissedFrom", "owns"]
    page = write_timeline(events, tmp_path / "t.html").read_text(encoding="utf-8")
    assert page.count('<li class="event"') == 4
    back = nx.read_graphml(write_graphml(g, tmp_path / "g.graphml"), force_multigraph=True)
    assert back.number_of_edges() == g.number_of_edges()
    assert nx.read_gexf(write_gexf(g, tmp_path / "g.gexf")).number_of_edges() == g.number_of_edges()
