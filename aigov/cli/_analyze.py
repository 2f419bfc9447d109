"""``aigov analyze`` (central, controllers, moves, timeline) and ``aigov timeline`` (the offline page).

The numbers come from ``graph.analysis`` unchanged, so the shell, the notebooks and the
tests all see the same answers. Each analysis prints a table to read, JSON (the analysis'
own rows, evidence included) to feed scripts, or CSV for spreadsheets; CSV has the table's
columns plus the IRIs and fact ids a terminal has no room for.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from aigov.cli._app import StoreOption, app, console, console_err
from ontology.errors import QueryError
from ontology.model import ENTITY_TYPES

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "analyze_app",
    "analyze_central",
    "analyze_controllers",
    "analyze_moves",
    "analyze_timeline",
    "timeline_page",
]

analyze_app = typer.Typer(
    name="analyze",
    help="Analyses of the entity graph: who is central, who controls whom, who moved where, "
    "what happened when.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(analyze_app, name="analyze")


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class CentralityKind(StrEnum):
    pagerank = "pagerank"
    degree = "degree"
    betweenness = "betweenness"


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
Since = Annotated[
    str | None, typer.Option(help="Only events dated on or after YYYY[-MM[-DD]].", show_default=False)
]
Until = Annotated[
    str | None,
    typer.Option(
        help="Only events dated on or before YYYY[-MM[-DD]] (a year or month means its end).",
        show_default=False,
    ),
]
Org = Annotated[
    str | None, typer.Option(help="Only events of this entity (name, alias or IRI).", show_default=False)
]
Claims = Annotated[bool, typer.Option("--include-claims", help="Also show hedged claims, marked (claimed).")]


# -- output ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Column:
    """One column of the table and of the CSV: a header and how to read it from a row.

    IRIs and other long identifiers are ``in_table=False``: a script wants them, a reader's
    terminal has no room for them.
    """

    name: str
    get: Callable[[Mapping[str, Any]], object]
    in_table: bool = True


def _text(value: object, *, precise: bool) -> str:
    """A cell: lists joined with '; ', dicts as JSON, floats to 4 decimals in tables (exact in CSV)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value) if precise else f"{value:.4f}"
    if isinstance(value, list | tuple):
        return "; ".join(_text(item, precise=precise) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _emit(
    fmt: OutputFormat,
    rows: list[Mapping[str, Any]],
    columns: list[Column],
    *,
    payload: object = None,
    title: str | None = None,
    empty: str = "nothing found",
) -> None:
    """Print ``rows`` as a table or CSV through ``columns``, or ``payload`` (default: the rows) as JSON."""
    if fmt is OutputFormat.json:
        data = rows if payload is None else payload
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
        return
    if fmt is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([c.name for c in columns])
        for row in rows:
            writer.writerow([_text(c.get(row), precise=True) for c in columns])
        return
    from rich.table import Table
    from rich.text import Text

    shown = [c for c in columns if c.in_table]
    table = Table(*(c.name for c in shown), title=title)
    for row in rows:
        table.add_row(*(Text(_text(c.get(row), precise=False)) for c in shown))
    console.print(table)
    if not rows:
        console.print(empty, markup=False, highlight=False)


def _key(name: str) -> Callable[[Mapping[str, Any]], object]:
    return lambda row: row.get(name)


# -- the graph ---------------------------------------------------------------------------------
def _entity_graph(store: str | None, *, include_claims: bool = False) -> nx.MultiDiGraph:
    """The entity graph of the store, read once; the store is closed before any analysis runs."""
    from aigov.knowledge_graph import KnowledgeGraph

    with KnowledgeGraph(store, read_only=True) as kg:
        return kg.entity_graph(include_claims=include_claims)


def _organisation(g: nx.MultiDiGraph, name: str) -> str:
    """The IRI of the organisation ``name`` names; a person or place is refused in one line."""
    from graph.analysis import resolve_entity
    from graph.analysis.views import is_organization

    iri = resolve_entity(g, name)
    if not is_organization(g, iri):
        kind = g.nodes[iri].get("type") or "entity of unknown type"
        raise QueryError(f"entity {name!r}: is a {kind}, not an organisation")
    return iri


# -- aigov analyze central ------------------------------------------------------------------------
def _check_types(types: Iterable[str] | None) -> list[str] | None:
    if not types:
        return None
    unknown = [t for t in types if t not in ENTITY_TYPES]
    if unknown:
        raise typer.BadParameter(
            f"{unknown[0]!r} is not an entity type (one of {', '.join(ENTITY_TYPES)})", param_hint="--type"
        )
    return list(types)


@analyze_app.command("central")
def analyze_central(
    kind: Annotated[
        CentralityKind,
        typer.Option(
            "--kind",
            "-k",
            help="pagerank: pointed at by important "
            "entities; degree: in the most facts; betweenness: bridges "
            "between groups.",
        ),
    ] = CentralityKind.pagerank,
    top: Annotated[int, typer.Option("--top", "-n", min=0, help="How many rows (0 = all).")] = 20,
    types: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            "-t",
            help=f"Only entities of this type (repeatable): {', '.join(ENTITY_TYPES)}; "
            "Organization includes its subtypes.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    store: StoreOption = None,
) -> None:
    """Rank entities by centrality (scores always come from the whole graph)."""
    from graph.analysis import centrality

    wanted = _check_types(types)
    g = _entity_graph(store)
    rows = centrality(g, kind.value, top=top or None, types=wanted)
    ranked = [{"rank": i, **row} for i, row in enumerate(rows, start=1)]
    columns = [
        Column("rank", _key("rank")),
        Column("entity", _key("label")),
        Column("type", _key("type")),
        Column("score", _key("score")),
        Column("iri", _key("iri"), in_table=False),
    ]
    _emit(fmt, ranked, columns, title=f"{kind.value} centrality", empty="the graph has no entities")


# -- aigov analyze controllers ORG -------------------------------------------------------------------
@analyze_app.command("controllers")
def analyze_controllers(
    org: Annotated[
        str, typer.Argument(help="The organisation: its name, an alias or its IRI.", show_default=False)
    ],
    fmt: FormatOption = OutputFormat.table,
    store: StoreOption = None,
) -> None:
    """Who ultimately controls an organisation, with every control chain down to it.

    Control is `controls`, a majority stake (`owns` above 50%), being a parent (`subsidiaryOf`),
    an acquisition or a merger; a minority stake is not control. Mutual control is one group.
    """
    from graph.analysis import control_chains, ultimate_controllers
    from graph.analysis.views import label_of

    g = _entity_graph(store)
    iri = _organisation(g, org)
    tops = ultimate_controllers(g, iri)
    chains = control_chains(g, iri)
    group_of = {member: top for top in tops for member in top["controllers"]}
    rows = []
    for chain in chains:
        top = group_of.get(chain["path"][0], {})
        rows.append(
            {
                "controller": chain["labels"][0],
                "group": top.get("labels", [chain["labels"][0]]),
                "cycle": bool(top.get("cycle", False)),
                "chain": " > ".join(chain["labels"]),
                "via": " > ".join("/".join(step["via"]) for step in chain["steps"]),
                "facts": [fact for step in chain["steps"] for fact in step["facts"]],
            }
        )
    payload = {
        "organisation": {"iri": iri, "label": label_of(g, iri), "type": g.nodes[iri].get("type")},
        "ultimate_controllers": tops,
        "chains": chains,
    }
    columns = [
        Column("controller", _key("controller")),
        Column("control group", _key("group")),
        Column("cycle", lambda r: "yes" if r["cycle"] else "no"),
        Column("chain", _key("chain")),
        Column("via", _key("via")),
        Column("facts", _key("facts"), in_table=False),
    ]
    _emit(
        fmt,
        rows,
        columns,
        payload=payload,
        title=f"who controls {label_of(g, iri)}",
        empty=f"no control facts lead to {label_of(g, iri)}: nothing in the graph controls it",
    )


# -- aigov analyze moves ---------------------------------------------------------------------------
@analyze_app.command("moves")
def analyze_moves(
    person: Annotated[
        str | None, typer.Option(help="Only this person's moves (name, alias or IRI).", show_default=False)
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    store: StoreOption = None,
) -> None:
    """People's moves from one organisation to another, in date order (the revolving door).

    A move is an exit followed by an arrival elsewhere, or joining a new organisation while
    holding a role at another; undated facts and hedged claims never make a move.
    """
    from graph.analysis import moves, resolve_entity

    g = _entity_graph(store)
    rows = moves(g)
    if person is not None:
        iri = resolve_entity(g, person)
        rows = [row for row in rows if row["person"] == iri]
    columns = [
        Column("date", _key("date")),
        Column("person", _key("person_label")),
        Column("from", _key("from_label")),
        Column("from type", _key("from_type")),
        Column("to", _key("to_label")),
        Column("to type", _key("to_type")),
        Column("kind", _key("kind")),
        Column("person iri", _key("person"), in_table=False),
        Column("facts", _key("facts"), in_table=False),
    ]
    _emit(fmt, rows, columns, title="moves between organisations", empty="no moves in the graph")


# -- aigov analyze timeline ---------------------------------------------------------------------
def _events(
    store: str | None, org: str | None, since: str | None, until: str | None, include_claims: bool
) -> list[dict[str, Any]]:
    from graph.analysis import timeline

    g = _entity_graph(store, include_claims=include_claims)
    return timeline(g, org=org, since=since, until=until)


def _details(event: Mapping[str, Any]) -> str:
    return "; ".join(f"{name} {event[name]}" for name in ("role", "amount", "percent") if event.get(name))


def _what(event: Mapping[str, Any]) -> str:
    return f"{event['label']} (claimed)" if event.get("status") == "claimed" else str(event["label"])


def _source_names(event: Mapping[str, Any]) -> list[str]:
    return [str(s.get("title") or s.get("url") or s.get("article") or "") for s in event.get("sources") or []]


_TABLE_EVENT_COLUMNS = [
    Column("date", _key("date")),
    Column("subject", _key("subject_label")),
    Column("event", _what),
    Column("object", _key("object_label")),
    Column("details", _details),
    Column("sources", _source_names),
]
# CSV keeps the qualifiers apart and names the predicate, for spreadsheets and scripts.
_CSV_EVENT_COLUMNS = [
    Column("date", _key("date")),
    Column("subject", _key("subject_label")),
    Column("predicate", _key("predicate")),
    Column("object", _key("object_label")),
    Column("status", _key("status")),
    Column("role", _key("role")),
    Column("amount", _key("amount")),
    Column("percent", _key("percent")),
    Column("confidence", _key("confidence")),
    Column("fact", _key("fact")),
    Column("sources", _source_names),
]


@analyze_app.command("timeline")
def analyze_timeline(
    org: Org = None,
    since: Since = None,
    until: Until = None,
    include_claims: Claims = False,
    fmt: FormatOption = OutputFormat.table,
    store: StoreOption = None,
) -> None:
    """Dated events in time order (a year sorts before the months in it); undated facts are left out."""
    events = _events(store, org, since, until, include_claims)
    columns = _CSV_EVENT_COLUMNS if fmt is OutputFormat.csv else _TABLE_EVENT_COLUMNS
    _emit(fmt, events, columns, title="timeline", empty="no dated events match")


# -- aigov timeline -o page.html -------------------------------------------------------------------
@app.command("timeline")
def timeline_page(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path(
        "timeline.html"
    ),
    org: Org = None,
    since: Since = None,
    until: Until = None,
    include_claims: Claims = False,
    title: Annotated[
        str | None,
        typer.Option(help="Page title (default: names the organisation and window).", show_default=False),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Write the timeline as one offline HTML page, filterable by organisation.

    Events in date order with their sources and quoted sentences; the page fetches nothing, so
    it can be mailed and opened anywhere.
    """
    from graph.timeline_page import write_timeline

    events = _events(store, org, since, until, include_claims)
    if title is None:
        title = "AI governance timeline" + (f": {org}" if org else "")
        window = " ".join(
            part for part in (f"from {since}" if since else "", f"to {until}" if until else "") if part
        )
        title += f" ({window})" if window else ""
    write_timeline(events, output, title=title)
    console_err.print(
        f"wrote {output} ({len(events)} event{'s' if len(events) != 1 else ''})",
        markup=False,
        highlight=False,
    )
