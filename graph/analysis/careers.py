"""Careers and the revolving door: where people held roles, and when they moved on.

A person's trajectory across AI labs, investors and regulators is one of the corpus's
central questions ("who left which lab for which rival, and when?"). ``careers`` lists a
person's facts in time order; ``moves`` finds the transitions; ``revolving_door`` groups
them for everyone with ties to two or more organisations.
"""

from __future__ import annotations

import networkx as nx

from graph.analysis._dates import date_key, normalise_date
from graph.analysis.views import (
    EXIT_PREDICATES,
    PERSON_ORG_PREDICATES,
    ROLE_PREDICATES,
    is_asserted,
    is_organization,
    is_person,
    label_of,
)
from ontology.errors import QueryError

__all__ = ["ENTRY_PREDICATES", "careers", "moves", "revolving_door"]

#: Facts that put a person into an organisation (the second half of a move).
ENTRY_PREDICATES = frozenset(ROLE_PREDICATES | {"founderOf"})

_FAR = (10_000, 0, 0)  # undated entries sort after every dated one


def _entries(g: nx.MultiDiGraph, person: str) -> list[dict[str, object]]:
    rows = []
    for _, org, key, data in g.out_edges(person, keys=True, data=True):
        if data.get("predicate") not in PERSON_ORG_PREDICATES or not is_organization(g, org):
            continue
        if not is_asserted(data):
            continue
        rows.append(
            {
                "org": str(org),
                "org_label": label_of(g, org),
                "predicate": str(data["predicate"]),
                "role": data.get("role"),
                "date": normalise_date(data.get("date")),
                "fact": str(key),
                "evidence": list(data.get("evidence") or []),
            }
        )
    rows.sort(key=lambda r: (date_key(r["date"]) or _FAR, r["org"], r["predicate"], r["fact"]))
    return rows


def careers(g: nx.MultiDiGraph, person_iri: str) -> list[dict[str, object]]:
    """A person's positions, entries and exits at organisations, in time order.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        The entity graph.
    person_iri : str
        The person's entity IRI.

    Returns
    -------
    list of dict
        ``{"org", "org_label", "predicate", "role", "date", "fact"}`` for every
        leadership or founding/employment fact from the person to an organisation, ordered
        by date (partial dates by the rule of :mod:`graph.analysis._dates`; undated facts
        last), then organisation, predicate and fact IRI. Hedged claims are left out.

    Raises
    ------
    QueryError
        When ``person_iri`` is not a node of ``g``.

    Examples
    --------
    >>> [(r["org_label"], r["predicate"], r["date"]) for r in careers(g, ENT + "ada")]
    [('Acme', 'ceoOf', '2019'), ('Acme', 'resignedFrom', '2022-03'), ('Beta', 'joined', '2022-04')]
    """
    if person_iri not in g:
        raise QueryError(f"person {person_iri}: not in the graph")
    return [{k: v for k, v in row.items() if k != "evidence"} for row in _entries(g, person_iri)]


def _evidence(*rows: dict[str, object]) -> list[dict[str, object]]:
    seen: set[tuple[object, object]] = set()
    out = []
    for row in rows:
        for item in row["evidence"]:
            mark = (item.get("article"), item.get("text"))
            if mark not in seen:
                seen.add(mark)
                out.append(dict(item))
    return out


def _move(g: nx.MultiDiGraph, person: str, before: dict, after: dict, kind: str) -> dict[str, object]:
    return {
        "person": person,
        "person_label": label_of(g, person),
        "from_org": before["org"],
        "from_label": before["org_label"],
        "from_type": g.nodes[before["org"]].get("type"),
        "to_org": after["org"],
        "to_label": after["org_label"],
        "to_type": g.nodes[after["org"]].get("type"),
        "date": after["date"],
        "kind": kind,
        "facts": [before["fact"], after["fact"]],
        "evidence": _evidence(before, after),
    }


def _person_moves(g: nx.MultiDiGraph, person: str) -> list[dict[str, object]]:
    rows = _entries(g, person)
    dated = [r for r in rows if r["date"] is not None]
    found: dict[tuple[str, str], dict[str, object]] = {}
    # 1. An exit, then the first entry at another organisation dated on or after it.
    for exit_row in (r for r in dated if r["predicate"] in EXIT_PREDICATES):
        after = [
            r
            for r in dated
            if r["predicate"] in ENTRY_PREDICATES
            and r["org"] != exit_row["org"]
            and date_key(r["date"]) >= date_key(exit_row["date"])
        ]
        if after:
            first = after[0]
            found.setdefault((exit_row["org"], first["org"]), _move(g, person, exit_row, first, "exit"))
    # 2. Joining a new organisation while holding a role at another one.
    for join in (r for r in dated if r["predicate"] == "joined"):
        held = [
            r
            for r in rows
            if r["predicate"] in ENTRY_PREDICATES
            and r["org"] != join["org"]
            and (r["date"] is None or date_key(r["date"]) <= date_key(join["date"]))
        ]
        if not held:
            continue
        # The most recent earlier role is where they came from (undated roles rank lowest).
        held.sort(key=lambda r: (date_key(r["date"]) or (0, 0, 0), r["org"]))
        source = held[-1]
        if any(key[1] == join["org"] for key in found):
            continue
        found.setdefault((source["org"], join["org"]), _move(g, person, source, join, "join"))
    return list(found.values())


def _move_key(move: dict[str, object]) -> tuple:
    return (date_key(move["date"]) or _FAR, move["person"], move["from_org"], move["to_org"])


def moves(g: nx.MultiDiGraph) -> list[dict[str, object]]:
    """Every move of a person from one organisation to another, in date order.

    A move is either

    * ``kind="exit"``: a dated ``resignedFrom``/``dismissedFrom`` at A followed by the
      first dated entry (``joined``, ``appointedTo``, ``ceoOf``, ``chairOf``,
      ``boardMemberOf``, ``holdsPositionAt``, ``employeeOf``, ``founderOf``) at another
      organisation B dated on or after the exit; or
    * ``kind="join"``: a dated ``joined`` at B while the person held a role at A (a role
      fact dated on or before the join, or undated); A is the most recent such role.
      Arrivals already explained by an exit are not counted twice.

    Undated exits and entries cannot be ordered and never start a move; hedged claims
    never take part.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        The entity graph.

    Returns
    -------
    list of dict
        ``{"person", "person_label", "from_org", "from_label", "from_type", "to_org",
        "to_label", "to_type", "date", "kind", "facts", "evidence"}`` where ``date`` is the
        date of the arrival, ``facts`` the IRIs of the two facts (before, after) and
        ``evidence`` the evidence of both; sorted by date, person, from, to. The types
        show moves between sectors (a ``GovernmentBody`` and a ``Company``, say).

    Examples
    --------
    >>> [(m["person_label"], m["from_label"], m["to_label"], m["date"]) for m in moves(g)]
    [('Ada', 'Acme', 'Beta', '2022-04')]
    """
    found = []
    for node in g.nodes:
        if is_person(g, node):
            found.extend(_person_moves(g, node))
    return sorted(found, key=_move_key)


def revolving_door(g: nx.MultiDiGraph) -> list[dict[str, object]]:
    """People with leadership/employment facts at two or more organisations, with their moves.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        The entity graph.

    Returns
    -------
    list of dict
        ``{"person", "label", "organisations": [{"iri", "label"}, ...], "moves": [...]}``
        (moves as in :func:`moves`), people with the most organisations first, then by IRI.
    """
    out = []
    for node in g.nodes:
        if not is_person(g, node):
            continue
        rows = _entries(g, node)
        orgs = sorted({(r["org"], r["org_label"]) for r in rows})
        if len(orgs) < 2:
            continue
        out.append(
            {
                "person": str(node),
                "label": label_of(g, node),
                "organisations": [{"iri": iri, "label": label} for iri, label in orgs],
                "moves": sorted(_person_moves(g, node), key=_move_key),
            }
        )
    out.sort(key=lambda row: (-len(row["organisations"]), row["person"]))
    return out
