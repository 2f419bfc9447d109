"""Cut a whole-store entity graph down to what one page can show and a reader asked for.

The page is only useful when it answers a question ("who is around this company, in
2023, in leadership?"), and a browser only stays responsive for a few thousand nodes, so
every narrowing option of ``aigov viz`` lands here, on the plain networkx graph.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import networkx as nx

from graph.viz._dates import date_interval, parse_bound
from ontology.errors import ConfigurationError, QueryError
from ontology.predicates import FAMILIES

__all__ = ["find_focus", "keyed_edges", "scope_graph"]

_MAX_LISTED = 10


def _names(data: dict) -> list[str]:
    names = [data.get("label") or ""]
    aliases = data.get("aliases") or ()
    if isinstance(aliases, str):
        aliases = [aliases]
    names.extend(str(alias) for alias in aliases)
    return [name for name in names if name]


def _describe(g: nx.MultiDiGraph, nodes: Iterable) -> str:
    labels = sorted({str(g.nodes[n].get("label") or n) for n in nodes}, key=str.casefold)
    shown = ", ".join(labels[:_MAX_LISTED])
    more = len(labels) - _MAX_LISTED
    return shown + (f" and {more} more" if more > 0 else "")


def find_focus(g: nx.MultiDiGraph, name: str):
    """The node meant by ``name``: an exact (case-insensitive) name or alias, else a unique substring.

    Raises :class:`QueryError` naming the candidates when there is none or more than one,
    so the reader can retype rather than guess.
    """
    wanted = str(name).strip().casefold()
    if not wanted:
        raise ConfigurationError("focus: the entity name is empty")
    if name in g:
        return name
    exact = [n for n, data in g.nodes(data=True) if wanted in (x.casefold() for x in _names(data))]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise QueryError(f"focus {name!r} is ambiguous: it names {_describe(g, exact)}")
    partial = [n for n, data in g.nodes(data=True) if any(wanted in x.casefold() for x in _names(data))]
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        raise QueryError(f"focus {name!r} is ambiguous: it matches {_describe(g, partial)}")
    raise QueryError(
        f"focus {name!r}: no entity of the graph ({g.number_of_nodes()} entities) has that name"
        + _suggest(g, wanted)
    )


def _suggest(g: nx.MultiDiGraph, wanted: str) -> str:
    """``"; did you mean A, B?"`` from names spelled alike, so a typo costs one retry."""
    owners: dict[str, object] = {}
    for node, data in g.nodes(data=True):
        for known in _names(data):
            owners.setdefault(known.casefold(), node)
    close = difflib.get_close_matches(wanted, list(owners), n=_MAX_LISTED, cutoff=0.6)
    if not close:
        return ""
    return f"; did you mean {_describe(g, dict.fromkeys(owners[c] for c in close))}?"


def _families(only: str | Iterable[str] | None) -> set[str] | None:
    if only is None:
        return None
    items = only.split(",") if isinstance(only, str) else [str(x) for x in only]
    wanted = {item.strip().casefold() for item in items if item.strip()}
    if not wanted:
        return None
    unknown = sorted(wanted - set(FAMILIES))
    if unknown:
        raise ConfigurationError(
            f"only: unknown predicate famil{'ies' if len(unknown) > 1 else 'y'} {', '.join(unknown)}; "
            f"choose from {', '.join(FAMILIES)}"
        )
    return wanted


def _confidence(value: float | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ConfigurationError(f"min_confidence: {value!r} is not a number between 0 and 1") from None
    if not 0.0 <= number <= 1.0:
        raise ConfigurationError(f"min_confidence: {value!r} is not a number between 0 and 1")
    return number


def _depth(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(f"depth: {value!r} is not a whole number of steps (0 or more)")
    return value


def scope_graph(
    g: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 1,
    since: object = None,
    until: object = None,
    only: str | Iterable[str] | None = None,
    min_confidence: float | None = None,
) -> nx.MultiDiGraph:
    """A copy of ``g`` narrowed to the edges asked for, then to the focus's neighbourhood.

    Edges are filtered first (time window, families, confidence) so that the ego network
    follows only edges the page will draw. A time window keeps an edge whose date,
    at its own precision, overlaps the window, and drops undated edges. Nodes left without
    an edge are dropped, except the focus, which the reader asked to see.
    """
    depth = _depth(depth)
    start = parse_bound(since, "since")
    end = parse_bound(until, "until")
    if start and end and start[0] > end[1]:
        raise ConfigurationError(f"since {since!r} is after until {until!r}")
    families = _families(only)
    threshold = _confidence(min_confidence)
    centre = find_focus(g, focus) if focus is not None else None

    keep = []
    for u, v, key, data in keyed_edges(g):
        if families is not None and data.get("family") not in families:
            continue
        if threshold is not None and float(data.get("confidence") or 0.0) < threshold:
            continue
        if start or end:
            interval = date_interval(data.get("date"))
            if interval is None:
                continue
            if start and interval[1] < start[0]:
                continue
            if end and interval[0] > end[1]:
                continue
        keep.append((u, v, key, data))

    filtered = nx.MultiDiGraph()
    filtered.graph.update(g.graph)
    filtered.add_nodes_from(g.nodes(data=True))
    filtered.add_edges_from(keep)

    if centre is not None:
        reach = nx.single_source_shortest_path_length(filtered.to_undirected(as_view=True), centre, depth)
        filtered = filtered.subgraph(reach).copy()
    isolated = [n for n in filtered if filtered.degree(n) == 0 and n != centre]
    filtered.remove_nodes_from(isolated)
    return _deep_copy(filtered)


def keyed_edges(g: nx.Graph):
    """``(u, v, key, data)`` for every edge; a graph without keys (not a multigraph) gets key 0.

    The contract is a MultiDiGraph, but a plain DiGraph from a notebook should draw too.
    """
    if g.is_multigraph():
        return g.edges(keys=True, data=True)
    return ((u, v, 0, data) for u, v, data in g.edges(data=True))


def _deep_copy(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Copy attribute containers too, so callers may edit the scoped graph without touching the store's."""
    out = nx.MultiDiGraph()
    out.graph.update(g.graph)
    out.add_nodes_from((n, _copy(d)) for n, d in g.nodes(data=True))
    out.add_edges_from((u, v, k, _copy(d)) for u, v, k, d in g.edges(keys=True, data=True))
    return out


def _copy(data: dict) -> dict:
    return {
        key: [dict(x) if isinstance(x, dict) else x for x in value] if isinstance(value, list) else value
        for key, value in data.items()
    }
