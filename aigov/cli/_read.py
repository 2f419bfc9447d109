"""``aigov query``, ``stats``, ``export`` and ``remove``: reading the store and taking articles out."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from aigov.cli._app import StoreOption, app, console, console_err, report_error
from aigov.knowledge_graph import KnowledgeGraph
from ontology.errors import QueryError

__all__ = ["export", "query", "remove", "stats"]


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    xml = "xml"
    turtle = "turtle"
    ntriples = "ntriples"
    jsonld = "json-ld"


class ExportFormat(StrEnum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    ntriples = "ntriples"
    jsonld = "json-ld"
    graphml = "graphml"
    gexf = "gexf"


def _read_query_text(text: str) -> str:
    """The argument is a query, or the path of a ``.rq`` file holding one, or ``-`` for stdin."""
    if text == "-":
        return sys.stdin.read()
    candidate = Path(text)
    if len(text) < 4096 and "\n" not in text and candidate.suffix in {".rq", ".sparql"}:
        if not candidate.is_file():
            raise QueryError(f"{text}: no such query file")
        return candidate.read_text(encoding="utf-8")
    return text


@app.command()
def query(
    sparql: Annotated[
        str | None,
        typer.Argument(help="A SPARQL query, a .rq file, or - for standard input.", show_default=False),
    ] = None,
    fmt: Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")] = QueryFormat.table,
    saved: Annotated[
        str | None,
        typer.Option("--saved", help="Run a saved query by name (see --list-saved).", show_default=False),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            show_default=False,
            help="A saved query's parameter, NAME=VALUE (repeatable); bound as a literal, never pasted.",
        ),
    ] = None,
    list_saved: Annotated[
        bool, typer.Option("--list-saved", help="List the saved queries and their parameters.")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query over the union of all article graphs (read-only).

    SELECT and ASK answer as a table, CSV, TSV, SPARQL JSON or XML; CONSTRUCT and DESCRIBE as
    Turtle, N-Triples or JSON-LD. Prefixes aigov:, ent:, art:, fact:, prov:, dcterms:, rdfs:,
    skos:, owl: and xsd: are predeclared. `--saved NAME --param org="Acme Labs"` runs a query from the
    library (`--list-saved`).
    """
    if list_saved:
        _list_saved()
        return
    if (saved is None) == (sparql is None):
        raise typer.BadParameter(
            "give either a SPARQL query (or .rq file) or --saved NAME", param_hint="SPARQL"
        )
    if saved is None and param:
        raise typer.BadParameter("--param works with --saved", param_hint="--param")
    if saved is not None:
        from graph.saved_queries import bind, get_saved, parse_params

        saved_query, values = get_saved(saved), parse_params(param or [])
        text = bind(saved_query, values)  # a bad parameter is reported before the store opens
    else:
        assert sparql is not None
        text = _read_query_text(sparql)
    with KnowledgeGraph(store, read_only=True) as kg:
        if saved is not None:
            text = bind(saved_query, values, kg.store)  # entities looked up by index first
        result = kg.query(text)
        if fmt is QueryFormat.table:
            result.print_table(console)
        else:
            sys.stdout.write(result.serialize(fmt.value))


def _list_saved() -> None:
    from graph.saved_queries import saved_queries

    for name, saved in saved_queries().items():
        console.print(f"{name}: {saved.description}", markup=False, highlight=False)
        for p in saved.params:
            optional = ", optional" if p.optional else ""
            console.print(
                f"    --param {p.name}=...  ({p.kind}{optional}) {p.description}",
                markup=False,
                highlight=False,
            )


@app.command()
def stats(
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Count articles, facts, entities and quads, and facts per predicate."""
    with KnowledgeGraph(store, read_only=True) as kg:
        figures = kg.stats()
    if as_json:
        sys.stdout.write(json.dumps(figures, indent=2, sort_keys=True) + "\n")
        return
    from rich.table import Table

    table = Table("what", "count", show_header=False)
    for key, value in figures.items():
        if isinstance(value, dict):
            for sub, count in sorted(value.items()):
                table.add_row(f"  {sub}", str(count))
        else:
            table.add_row(key, str(value))
    console.print(table)


@app.command()
def export(
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="RDF or graph format.")
    ] = ExportFormat.trig,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (default: stdout).", show_default=False),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Write the whole graph out in an RDF or graph format.

    TriG, N-Quads and JSON-LD keep the article graphs; Turtle and N-Triples give their union;
    GraphML and GEXF give the entity graph for Gephi and Cytoscape.
    """
    with KnowledgeGraph(store, read_only=True) as kg:
        if fmt in (ExportFormat.graphml, ExportFormat.gexf):
            if output is None:
                raise typer.BadParameter("GraphML and GEXF need --output FILE", param_hint="--output")
            from graph.graphml import write_gexf, write_graphml

            writer = write_graphml if fmt is ExportFormat.graphml else write_gexf
            writer(kg.entity_graph(), output)
        elif output is None:
            kg.export(fmt.value, sys.stdout.buffer)
        else:
            with output.open("wb") as out:
                kg.export(fmt.value, out)
    if output is not None:
        console_err.print(f"wrote {output}", markup=False, highlight=False)


@app.command()
def remove(
    articles: Annotated[
        list[str],
        typer.Argument(help="Article IRIs, ids, or the files they were added from.", show_default=False),
    ],
    store: StoreOption = None,
) -> None:
    """Remove articles' graphs; entities and facts that other articles support stay."""
    missing = 0
    with KnowledgeGraph(store) as kg:
        for article in articles:
            if kg.remove(article):
                console_err.print(f"removed {article}", markup=False, highlight=False)
            else:
                missing += 1
                report_error(f"{article}: no such article in the store")
    if missing:
        raise typer.Exit(1)
