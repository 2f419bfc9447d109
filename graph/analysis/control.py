"""Who ultimately controls an organisation: control chains up to the top controllers.

Governance stories turn on layered control (a nonprofit that controls a holding company
that controls an operating company; a parent that acquired a lab). These functions walk
the control view (:func:`graph.analysis.views.control_graph`) upwards. Cycles of mutual
control are collapsed into strongly connected groups first, so the walk always ends.
"""

from __future__ import annotations

from itertools import islice, pairwise

import networkx as nx

from graph.analysis.views import control_graph, label_of
from ontology.errors import QueryError

__all__ = ["MAX_PATHS", "control_chains", "ultimate_controllers"]

#: At most this many paths are listed from one top controller (dense control webs have
#: exponentially many simple paths; real corpora have a handful).
MAX_PATHS = 1000


def _require(g: nx.Graph, iri: str) -> None:
    if iri not in g:
        raise QueryError(f"organisation {iri}: not in the graph")


def _group_paths(control: nx.DiGraph, members: list[str], org: str) -> list[list[str]]:
    """Simple paths from each member of a top group to ``org`` that leave the group at once.

    Other members are removed while walking from one member, so a cycle inside the group
    is not walked around; ``org`` itself is kept even when it belongs to the group. At
    most :data:`MAX_PATHS` paths per member.
    """
    paths: list[list[str]] = []
    for member in members:
        if member == org:
            continue
        others = [m for m in members if m not in (member, org)]
        view = nx.restricted_view(control, others, [])
        found = nx.all_simple_paths(view, member, org)
        paths.extend(list(path) for path in islice(found, MAX_PATHS))
    return sorted(paths, key=lambda path: (len(path), path))


def _tops(control: nx.DiGraph, org: str) -> list[list[str]]:
    """The groups (sorted member IRIs) at the top of every control chain above ``org``."""
    condensed = nx.condensation(control)
    mapping = condensed.graph["mapping"]
    own = mapping[org]
    above = nx.ancestors(condensed, own)
    if not above:
        members = sorted(condensed.nodes[own]["members"])
        # A cycle that nothing else controls is its own top; a lone organisation has no controller.
        return [members] if len(members) > 1 else []
    groups = [sorted(condensed.nodes[c]["members"]) for c in above if condensed.in_degree(c) == 0]
    return sorted(groups)


def ultimate_controllers(g: nx.MultiDiGraph, org_iri: str) -> list[dict[str, object]]:
    """The controllers at the top of the control chains above an organisation.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        The entity graph.
    org_iri : str
        The organisation's entity IRI.

    Returns
    -------
    list of dict
        One row per top group: ``{"controllers": [iri, ...], "labels": [label, ...],
        "cycle": bool, "paths": [[iri, ..., org_iri], ...]}``. A group has one member
        unless its members control each other in a cycle (then ``cycle`` is true and all
        members are listed; if the organisation itself is in that uncontrolled cycle, the
        group includes it). ``paths`` run top-down. ``[]`` when nothing controls the
        organisation. Rows are sorted by their first IRI.

    Raises
    ------
    QueryError
        When ``org_iri`` is not a node of ``g``.

    Examples
    --------
    >>> ultimate_controllers(g, ENT + "acme-labs")[0]["controllers"]
    ['https://w3id.org/aigov/entity/acme-foundation']
    """
    _require(g, org_iri)
    control = control_graph(g)
    if org_iri not in control:
        return []
    rows = []
    for members in _tops(control, org_iri):
        rows.append(
            {
                "controllers": members,
                "labels": [label_of(g, m) for m in members],
                "cycle": len(members) > 1,
                "paths": _group_paths(control, members, org_iri),
            }
        )
    return rows


def control_chains(g: nx.MultiDiGraph, org_iri: str) -> list[dict[str, object]]:
    """Every control chain from a top controller down to an organisation, step by step.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        The entity graph.
    org_iri : str
        The organisation's entity IRI.

    Returns
    -------
    list of dict
        ``{"path": [iri, ...], "labels": [...], "steps": [{"from", "to", "via": [predicate,
        ...], "facts": [fact IRI, ...]}]}``, top controller first, sorted by length then
        path. ``via`` is the fact predicates as stored (``subsidiaryOf`` justifies a
        parent -> child step). ``[]`` when nothing controls the organisation.

    Raises
    ------
    QueryError
        When ``org_iri`` is not a node of ``g``.
    """
    _require(g, org_iri)
    control = control_graph(g)
    if org_iri not in control:
        return []
    chains = []
    for members in _tops(control, org_iri):
        for path in _group_paths(control, members, org_iri):
            steps = [
                {
                    "from": a,
                    "to": b,
                    "via": list(control.edges[a, b]["via"]),
                    "facts": list(control.edges[a, b]["facts"]),
                }
                for a, b in pairwise(path)
            ]
            chains.append({"path": path, "labels": [label_of(g, n) for n in path], "steps": steps})
    chains.sort(key=lambda chain: (len(chain["path"]), chain["path"]))
    return chains
