"""Derived views of the entity graph: who is a person, who an organisation, who controls
whom, and what the graph looked like on a given day.

The entity graph (``graph.networkx_view.entity_graph``) keeps every fact as its own edge;
most questions need a narrower graph first (people x organisations for careers and
boards, organisation -> organisation for control chains, a cut-off date for "as of").
These views are built here once so the other analysis modules agree on them.
"""

from __future__ import annotations

import re

import networkx as nx

from graph.analysis._dates import date_key, parse_bound, period
from ontology.errors import QueryError
from ontology.model import ORGANIZATION_TYPES

__all__ = [
    "CONTROL_PREDICATES",
    "EXIT_PREDICATES",
    "PERSON_ORG_PREDICATES",
    "ROLE_PREDICATES",
    "as_of",
    "control_graph",
    "is_asserted",
    "is_organization",
    "is_person",
    "label_of",
    "parse_percent",
    "person_org_bipartite",
]

#: Predicates that say a person holds (or took up) a position at an organisation; a later
#: exit from the same organisation ends them.
ROLE_PREDICATES = frozenset(
    {"ceoOf", "chairOf", "boardMemberOf", "holdsPositionAt", "appointedTo", "employeeOf", "joined"}
)
#: Predicates that end a person's positions at an organisation.
EXIT_PREDICATES = frozenset({"dismissedFrom", "resignedFrom"})
#: Person -> organisation predicates: leadership and founding/employment, minus events and places.
PERSON_ORG_PREDICATES = frozenset(ROLE_PREDICATES | EXIT_PREDICATES | {"founderOf"})
#: Predicates that may mean control between organisations (``owns`` only above 50%).
CONTROL_PREDICATES = frozenset({"controls", "owns", "subsidiaryOf", "acquired", "mergedInto"})

_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)")


def label_of(g: nx.Graph, node: str) -> str:
    """A node's display label, falling back to its IRI so output never has ``None`` names."""
    return str(g.nodes[node].get("label") or node) if node in g else str(node)


def is_asserted(data: dict) -> bool:
    """Whether an edge is a fact rather than a hedged claim (``status == "claimed"``).

    ``entity_graph(store, include_claims=True)`` adds claims as edges; conclusions about
    control, tenures and careers are drawn from asserted facts only.
    """
    return data.get("status", "asserted") != "claimed"


def is_person(g: nx.Graph, node: str) -> bool:
    """Whether a node is typed ``Person``."""
    return g.nodes[node].get("type") == "Person"


def is_organization(g: nx.Graph, node: str) -> bool:
    """Whether a node is an organisation (``Organization`` or any of its subclasses)."""
    return g.nodes[node].get("type") in ORGANIZATION_TYPES


def parse_percent(value: object) -> float | None:
    """The number in a percent qualifier (``"51%"``, ``"49.9 percent"``, ``0.3`` is 0.3), or ``None``."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    match = _NUMBER.search(str(value))
    return float(match.group(1).replace(",", ".")) if match else None


def person_org_bipartite(g: nx.MultiDiGraph) -> nx.Graph:
    """People x organisations, one edge per pair that shares a leadership/employment fact.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        The entity graph.

    Returns
    -------
    networkx.Graph
        Nodes keep their attributes plus ``bipartite`` (0 for people, 1 for organisations);
        each edge has ``predicates`` (sorted list of predicate names), ``facts`` (sorted
        fact IRIs) and ``weight`` (number of facts). Only people and organisations that
        share at least one such fact appear.

    Examples
    --------
    >>> b = person_org_bipartite(g)
    >>> b.edges["ent:ada", "ent:acme"]["predicates"]
    ['ceoOf', 'founderOf']
    """
    out = nx.Graph()
    for u, v, key, data in g.edges(keys=True, data=True):
        predicate = data.get("predicate")
        if predicate not in PERSON_ORG_PREDICATES or not (is_person(g, u) and is_organization(g, v)):
            continue
        if not is_asserted(data):
            continue
        for node, side in ((u, 0), (v, 1)):
            if node not in out:
                out.add_node(node, **g.nodes[node], bipartite=side)
        if out.has_edge(u, v):
            edge = out.edges[u, v]
            edge["predicates"] = sorted(set(edge["predicates"]) | {predicate})
            edge["facts"] = sorted([*edge["facts"], str(key)])
            edge["weight"] += 1
        else:
            out.add_edge(u, v, predicates=[predicate], facts=[str(key)], weight=1)
    return out


def _control_step(g: nx.MultiDiGraph, u: str, v: str, data: dict) -> tuple[str, str] | None:
    """The (controller, controlled) pair a fact implies, or ``None`` when it implies no control."""
    predicate = data.get("predicate")
    if predicate not in CONTROL_PREDICATES or not (is_organization(g, u) and is_organization(g, v)):
        return None
    if not is_asserted(data):
        return None
    if predicate == "owns":
        percent = parse_percent(data.get("percent"))
        return (u, v) if percent is not None and percent > 50 else None
    if predicate in ("subsidiaryOf", "mergedInto"):
        return (v, u)
    return (u, v)


def control_graph(g: nx.MultiDiGraph) -> nx.DiGraph:
    """Organisation -> organisation edges meaning "the source controls the target".

    The rules are explicit because ownership is not control:

    * ``A controls B`` -> A -> B.
    * ``A owns B`` -> A -> B **only** when the percent qualifier is above 50; a minority or
      an unknown stake is not control.
    * ``A subsidiaryOf B`` -> B -> A (the parent controls the child).
    * ``A acquired B`` -> A -> B.
    * ``A mergedInto B`` -> B -> A (the merged entity is controlled by the result).

    Parameters
    ----------
    g : networkx.MultiDiGraph
        The entity graph.

    Returns
    -------
    networkx.DiGraph
        Organisation nodes with their attributes; each edge has ``via`` (sorted predicate
        names) and ``facts`` (sorted fact IRIs) that justify it. Self-loops and hedged
        claims (``status == "claimed"``) are left out.
    """
    out = nx.DiGraph()
    for u, v, key, data in g.edges(keys=True, data=True):
        step = _control_step(g, u, v, data)
        if step is None or step[0] == step[1]:
            continue
        controller, controlled = step
        for node in step:
            if node not in out:
                out.add_node(node, **g.nodes[node])
        if out.has_edge(controller, controlled):
            edge = out.edges[controller, controlled]
            edge["via"] = sorted(set(edge["via"]) | {data["predicate"]})
            edge["facts"] = sorted([*edge["facts"], str(key)])
        else:
            out.add_edge(controller, controlled, via=[data["predicate"]], facts=[str(key)])
    return out


def _closes(exit_date: object, role_date: object) -> bool:
    """Whether an exit ends a role: the exit is dated on or after the role, or the role is undated.

    An undated exit cannot be placed after a dated role, so it ends only undated roles.
    """
    exit_key, role_key = date_key(exit_date), date_key(role_date)
    if role_key is None:
        return True
    return exit_key is not None and exit_key >= role_key


def as_of(g: nx.MultiDiGraph, date: str, *, include_undated: bool = False) -> nx.MultiDiGraph:
    """The graph as it stood on ``date``: facts dated on or before it, with ended tenures removed.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        The entity graph.
    date : str
        ISO date at any precision; a partial date means the end of its period, so
        ``as_of(g, "2023")`` is the state at the end of 2023. A fact dated ``2023`` counts
        as on or before ``2023-06-01`` (it could have happened by then).
    include_undated : bool, default False
        Keep facts with no date (they may be true at any time).

    Returns
    -------
    networkx.MultiDiGraph
        A copy with the entities known by then (those in a kept fact, even one whose
        tenure has ended, plus entities with no facts at all) and the surviving edges.
        Attributes are shared with ``g`` (shallow copies). A role edge (``ceoOf``,
        ``chairOf``, ``boardMemberOf``, ``holdsPositionAt``, ``appointedTo``,
        ``employeeOf``, ``joined``) is dropped when a kept ``dismissedFrom`` or
        ``resignedFrom`` of the same person from the same organisation is dated on or
        after it (an undated role is ended by any kept exit). The exit edges themselves
        stay. A claimed exit ends nothing (claims stay in the view as they are).

    Raises
    ------
    QueryError
        When ``date`` is not an ISO date.
    """
    cutoff = parse_bound(date, "as_of date")
    if cutoff is None:
        raise QueryError("as_of date: missing (give YYYY, YYYY-MM or YYYY-MM-DD)")
    out = nx.MultiDiGraph()
    out.graph.update(g.graph)
    # Entities with no facts at all stay; the others appear once a kept fact mentions them.
    out.add_nodes_from((n, d) for n, d in g.nodes(data=True) if g.degree(n) == 0)
    kept: list[tuple[str, str, str, dict]] = []
    for u, v, key, data in g.edges(keys=True, data=True):
        span = period(data.get("date"))
        if span is None:
            if include_undated:
                kept.append((u, v, key, data))
        elif span[0] <= cutoff[1]:
            kept.append((u, v, key, data))
    exits: dict[tuple[str, str], list[object]] = {}
    for u, v, _key, data in kept:
        if data.get("predicate") in EXIT_PREDICATES and is_asserted(data):
            exits.setdefault((u, v), []).append(data.get("date"))
    for u, v, _key, _data in kept:
        for node in (u, v):
            if node not in out:
                out.add_node(node, **g.nodes[node])
    for u, v, key, data in kept:
        if data.get("predicate") in ROLE_PREDICATES and any(
            _closes(exit_date, data.get("date")) for exit_date in exits.get((u, v), [])
        ):
            continue
        out.add_edge(u, v, key=key, **data)
    return out
