"""One entity's neighbourhood: the subgraph within a few hops, and a plain summary of it.

"Show me everything around this person" is the most common exploration step; the
subgraph feeds the graph page and the summary answers in text who the neighbours are and
through which kinds of facts.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

import networkx as nx

from graph.analysis.views import label_of
from ontology.errors import QueryError

__all__ = ["EgoNetwork", "ego_network"]


class EgoNetwork(NamedTuple):
    """The subgraph around an entity and its plain-data summary (unpacks as a pair)."""

    graph: nx.Graph
    summary: dict[str, object]


def ego_network(g: nx.Graph, iri: str, radius: int = 1) -> EgoNetwork:
    """The entities within ``radius`` hops of ``iri`` (edges followed in either direction).

    Parameters
    ----------
    g : networkx.Graph
        The entity graph.
    iri : str
        The centre entity's IRI.
    radius : int, default 1
        How many hops; 0 gives the entity alone.

    Returns
    -------
    EgoNetwork
        ``graph``: the induced subgraph (same class as ``g``, all facts between the kept
        entities, attributes copied). ``summary``: ``{"center", "label", "type", "radius",
        "nodes", "edges", "neighbours": [{"iri", "label", "type", "distance"}],
        "predicates": {predicate: count}}``, neighbours by distance then IRI.

    Raises
    ------
    QueryError
        When ``iri`` is not in the graph or ``radius`` is negative.

    Examples
    --------
    >>> sub, summary = ego_network(g, ENT + "ada")
    >>> [n["label"] for n in summary["neighbours"]]
    ['Acme', 'Beta']
    """
    if iri not in g:
        raise QueryError(f"entity {iri}: not in the graph")
    if radius < 0:
        raise QueryError(f"ego network radius {radius}: must be zero or more")
    undirected = g.to_undirected(as_view=True) if g.is_directed() else g
    distances = nx.single_source_shortest_path_length(undirected, iri, cutoff=radius)
    sub = g.subgraph(distances).copy()
    predicates = Counter(str(d.get("predicate")) for *_, d in sub.edges(data=True) if d.get("predicate"))
    summary = {
        "center": iri,
        "label": label_of(g, iri),
        "type": g.nodes[iri].get("type"),
        "radius": radius,
        "nodes": sub.number_of_nodes(),
        "edges": sub.number_of_edges(),
        "neighbours": sorted(
            (
                {"iri": str(n), "label": label_of(g, n), "type": g.nodes[n].get("type"), "distance": d}
                for n, d in distances.items()
                if n != iri
            ),
            key=lambda row: (row["distance"], row["iri"]),
        ),
        "predicates": dict(sorted(predicates.items())),
    }
    return EgoNetwork(sub, summary)
