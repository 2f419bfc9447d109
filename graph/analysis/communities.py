"""Which entities cluster together: community detection on the undirected projection.

Groups of labs, investors and people that share many facts (a lab, its backers and its
board) are a first map of a corpus; a fixed seed keeps the answer the same run to run so
notebooks and reports are reproducible.
"""

from __future__ import annotations

import networkx as nx

from graph.analysis.views import label_of
from ontology.errors import QueryError

__all__ = ["METHODS", "communities", "community_of", "undirected_projection"]

#: The community algorithms :func:`communities` knows.
METHODS = ("louvain", "greedy")


def undirected_projection(g: nx.Graph) -> nx.Graph:
    """One undirected edge per connected pair, ``weight`` = number of facts between them.

    Self-loops are dropped; every node is kept, so isolated entities form their own community.
    """
    out = nx.Graph()
    out.add_nodes_from(g.nodes(data=True))
    for u, v in g.edges():
        if u == v:
            continue
        if out.has_edge(u, v):
            out.edges[u, v]["weight"] += 1
        else:
            out.add_edge(u, v, weight=1)
    return out


def _partition(g: nx.Graph, method: str, seed: int) -> list[list[str]]:
    if method not in METHODS:
        raise QueryError(f"community method {method!r}: unknown (choose one of {', '.join(METHODS)})")
    simple = undirected_projection(g)
    if simple.number_of_nodes() == 0:
        return []
    if method == "louvain":
        found = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    else:
        found = nx.community.greedy_modularity_communities(simple, weight="weight")
    groups = [sorted(str(n) for n in group) for group in found]
    return sorted(groups, key=lambda group: (-len(group), group))


def communities(g: nx.Graph, *, method: str = "louvain", seed: int = 42) -> list[list[str]]:
    """Communities of the graph as lists of labels.

    Parameters
    ----------
    g : networkx.Graph
        The entity graph or any view of it.
    method : {"louvain", "greedy"}
        Louvain (with ``seed``) or greedy modularity, both on the undirected projection
        weighted by the number of facts between two entities.
    seed : int, default 42
        The Louvain random seed; the same seed on the same graph gives the same answer.

    Returns
    -------
    list of list of str
        Each community's labels, sorted; the largest community first, ties by their
        labels. Isolated entities are singleton communities; an empty graph gives ``[]``.

    Raises
    ------
    QueryError
        For an unknown ``method``.

    Examples
    --------
    >>> communities(g)
    [['Acme', 'Ada', 'Acme Fund'], ['Beta', 'Bo']]
    """
    groups = [sorted(label_of(g, n) for n in group) for group in _partition(g, method, seed)]
    return sorted(groups, key=lambda group: (-len(group), group))


def community_of(g: nx.Graph, *, method: str = "louvain", seed: int = 42) -> dict[str, int]:
    """Each node IRI's community number (0 = the largest), e.g. to colour a graph page."""
    return {node: index for index, group in enumerate(_partition(g, method, seed)) for node in group}
