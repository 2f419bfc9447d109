"""What happened when: the dated facts of the graph as an ordered list of events.

A timeline is how a researcher reads a governance crisis (appointment, dismissal,
investment, reinstatement); it is also the input of the offline timeline page
(:mod:`graph.timeline_page`). Only dated facts are events: an undated fact has no place
on a time axis, so a graph without dates yields an empty timeline.
"""

from __future__ import annotations

import networkx as nx

from graph.analysis._dates import date_key, normalise_date, parse_bound, within
from graph.analysis.views import is_organization, label_of
from ontology.errors import QueryError
from ontology.predicates import PREDICATES

__all__ = ["resolve_entity", "timeline"]


def resolve_entity(g: nx.Graph, name: str) -> str:
    """The IRI of the node that ``name`` names: an IRI, or a label/alias (case-insensitive).

    Raises
    ------
    QueryError
        When nothing matches, or when a label matches several entities.
    """
    if name in g:
        return name
    wanted = name.casefold().strip()
    hits = sorted(
        node
        for node, data in g.nodes(data=True)
        if wanted == str(data.get("label") or "").casefold()
        or wanted in {str(a).casefold() for a in data.get("aliases") or []}
    )
    if not hits:
        raise QueryError(f"entity {name!r}: not in the graph")
    if len(hits) > 1:
        raise QueryError(f"entity {name!r}: ambiguous, matches {', '.join(hits)}")
    return hits[0]


def _sources(evidence: list[dict[str, object]]) -> list[dict[str, object]]:
    """One source per article (the first sentence quoted from it), ordered by publication date."""
    by_article: dict[str, dict[str, object]] = {}
    for item in evidence:
        article = str(item.get("article") or item.get("url") or "")
        if article in by_article:
            continue
        by_article[article] = {
            "article": item.get("article"),
            "title": item.get("title"),
            "published": normalise_date(item.get("published")),
            "url": item.get("url"),
            "text": item.get("text"),
        }
    return sorted(
        by_article.values(),
        key=lambda s: (date_key(s["published"]) or (10_000, 0, 0), str(s["article"] or "")),
    )


def timeline(
    g: nx.MultiDiGraph,
    org: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, object]]:
    """The dated facts of the graph, in time order.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        The entity graph.
    org : str, optional
        Only events whose subject or object is this entity (an IRI, a label or an alias).
    since, until : str, optional
        Inclusive window, ISO dates at any precision. An event is kept when its date's
        period overlaps the window: an event dated ``2023`` is inside ``since="2023-06"``,
        and ``until="2023"`` means the end of 2023.

    Returns
    -------
    list of dict
        ``{"date", "subject", "subject_label", "predicate", "label", "object",
        "object_label", "role", "amount", "percent", "confidence", "status", "fact",
        "organisations", "sources"}``. ``label`` is the predicate's reading ("dismissed
        from"); ``status`` is ``"claimed"`` for hedged claims (present only when the graph
        was built with them); ``organisations`` the labels of the organisations taking
        part (for filtering); ``sources`` one ``{"article", "title", "published", "url",
        "text"}`` per article. A node's ``foundedIn`` year is an event too (predicate
        ``foundedIn``, the year as object, ``fact`` None, no sources). Sorted by date (a
        missing month or day counts as 0, so ``2023 < 2023-11 < 2023-11-17 < 2024``), then
        subject label, predicate, object label and fact IRI.
        Undated facts are left out; a graph with no dates gives ``[]``.

    Raises
    ------
    QueryError
        When ``org`` is not in the graph or a bound is not an ISO date.

    Examples
    --------
    >>> [(e["date"], e["subject_label"], e["predicate"], e["object_label"]) for e in timeline(g)]
    [('2019', 'Ada', 'ceoOf', 'Acme'), ('2022-03', 'Ada', 'resignedFrom', 'Acme')]
    """
    lower = parse_bound(since, "since")
    upper = parse_bound(until, "until")
    focus = resolve_entity(g, org) if org is not None else None
    events = []
    for u, v, key, data in g.edges(keys=True, data=True):
        date = normalise_date(data.get("date"))
        if date is None or not within(date, lower, upper):
            continue
        if focus is not None and focus not in (u, v):
            continue
        predicate = str(data.get("predicate") or "")
        known = PREDICATES.get(predicate)
        events.append(
            {
                "date": date,
                "subject": str(u),
                "subject_label": label_of(g, u),
                "predicate": predicate,
                "label": str(data.get("label") or (known.label if known else predicate)),
                "object": str(v),
                "object_label": label_of(g, v),
                "role": data.get("role"),
                "amount": data.get("amount"),
                "percent": data.get("percent"),
                "confidence": data.get("confidence"),
                "status": str(data.get("status") or "asserted"),
                "fact": str(key),
                "organisations": sorted({label_of(g, n) for n in (u, v) if is_organization(g, n)}),
                "sources": _sources(list(data.get("evidence") or [])),
            }
        )
    events.extend(_foundings(g, focus, lower, upper))
    events.sort(
        key=lambda e: (
            date_key(e["date"]),
            e["subject_label"],
            e["predicate"],
            e["object_label"],
            e["fact"] or "",
        )
    )
    return events


def _foundings(g: nx.MultiDiGraph, focus: str | None, lower, upper) -> list[dict[str, object]]:
    """Founding years kept as node attributes (``foundedIn``) as events without sources."""
    label = PREDICATES["foundedIn"].label
    events = []
    for node, data in g.nodes(data=True):
        date = normalise_date(data.get("foundedIn"))
        if date is None or not within(date, lower, upper) or focus not in (None, node):
            continue
        events.append(
            {
                "date": date,
                "subject": str(node),
                "subject_label": label_of(g, node),
                "predicate": "foundedIn",
                "label": label,
                "object": date,
                "object_label": date,
                "role": None,
                "amount": None,
                "percent": None,
                "confidence": None,
                "status": "asserted",
                "fact": None,
                "organisations": [label_of(g, node)] if is_organization(g, node) else [],
                "sources": [],
            }
        )
    return events
