"""Who sits at the centre of the graph: PageRank, degree and betweenness rankings.

Researchers ask "which organisations and people matter most in this corpus?"; the three
measures answer it differently (PageRank: who is pointed at by important nodes; degree:
who takes part in the most facts; betweenness: who bridges otherwise separate groups),
so one function offers all three with one output shape.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.analysis.views import label_of
from ontology.errors import QueryError
from ontology.model import ORGANIZATION_TYPES

__all__ = ["KINDS", "centrality"]

#: The centrality measures :func:`centrality` knows.
KINDS = ("pagerank", "degree", "betweenness")


def _simple_undirected(g: nx.Graph) -> nx.Graph:
    """One undirected edge per connected pair, weighted by the number of facts between them."""
    out = nx.Graph()
    out.add_nodes_from(g.nodes)
    for u, v in g.edges():
        if u == v:
            continue
        if out.has_edge(u, v):
            out.edges[u, v]["weight"] += 1
        else:
            out.add_edge(u, v, weight=1)
    return out


def _scores(g: nx.Graph, kind: str) -> dict[str, float]:
    if kind == "pagerank":
        # Parallel facts add weight: two facts between A and B count more than one.
        return nx.pagerank(g)
    if kind == "degree":
        return nx.degree_centrality(g)
    # Betweenness on directed person -> org edges is almost always zero; bridging is
    # a question about the undirected structure. Unweighted: a path is a path.
    return nx.betweenness_centrality(_simple_undirected(g), normalized=True)


def _type_filter(types: Iterable[str] | None) -> set[str] | None:
    if types is None:
        return None
    wanted = {types} if isinstance(types, str) else set(types)
    if "Organization" in wanted:
        wanted |= set(ORGANIZATION_TYPES)
    return wanted


def centrality(
    g: nx.Graph,
    kind: str = "pagerank",
    top: int | None = None,
    types: Iterable[str] | None = None,
) -> list[dict[str, object]]:
    """Rank the graph's nodes by a centrality measure.

    Parameters
    ----------
    g : networkx.Graph
        The entity graph (a ``MultiDiGraph``) or any view of it.
    kind : {"pagerank", "degree", "betweenness"}
        ``pagerank`` on the directed graph with parallel facts as weight; ``degree``
        counts every fact a node takes part in (normalised by ``n - 1``);
        ``betweenness`` is computed on the undirected simple projection (normalised).
    top : int, optional
        Keep only the first ``top`` rows (after the type filter).
    types : iterable of str, optional
        Keep only nodes of these entity types; ``"Organization"`` also selects every
        organisation subclass (Company, NonProfit, Investor, GovernmentBody). Scores are
        always computed on the whole graph.

    Returns
    -------
    list of dict
        ``{"iri", "label", "type", "score"}``, highest score first, ties by IRI. Scores
        are rounded to 10 decimals so equal scores tie reproducibly. An empty graph gives ``[]``.

    Raises
    ------
    QueryError
        For an unknown ``kind`` or a negative ``top``.

    Examples
    --------
    >>> centrality(g, "degree", top=1, types=["Person"])
    [{'iri': 'https://w3id.org/aigov/entity/ada', 'label': 'Ada', 'type': 'Person', 'score': 0.5}]
    """
    if kind not in KINDS:
        raise QueryError(f"centrality kind {kind!r}: unknown (choose one of {', '.join(KINDS)})")
    if top is not None and top < 0:
        raise QueryError(f"centrality top {top}: must be zero or more")
    if g.number_of_nodes() == 0:
        return []
    scores = _scores(g, kind)
    wanted = _type_filter(types)
    rows = [
        {
            "iri": str(node),
            "label": label_of(g, node),
            "type": str(g.nodes[node].get("type") or ""),
            "score": round(float(score), 10),
        }
        for node, score in scores.items()
        if wanted is None or g.nodes[node].get("type") in wanted
    ]
    rows.sort(key=lambda row: (-row["score"], row["iri"]))
    return rows if top is None else rows[:top]
