"""``aigov viz``: the interactive graph page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aigov.cli._app import StoreOption, app, console_err

__all__ = ["viz"]


@app.command()
def viz(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path(
        "aigov-graph.html"
    ),
    focus: Annotated[
        str | None, typer.Option(help="Centre the page on this entity (name or alias).", show_default=False)
    ] = None,
    depth: Annotated[int, typer.Option(min=1, help="With --focus: how many hops to include.")] = 1,
    since: Annotated[
        str | None, typer.Option(help="Only facts dated on or after YYYY[-MM[-DD]].", show_default=False)
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only facts dated on or before YYYY[-MM[-DD]].", show_default=False)
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option(
            help="Only these predicate families: leadership, founding-employment, ownership-control, "
            "money-deals, legal-regulatory (repeatable).",
            show_default=False,
        ),
    ] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Only facts at least this confident.", show_default=False),
    ] = None,
    title: Annotated[str, typer.Option(help="Page title.")] = "aigov-kg",
    store: StoreOption = None,
) -> None:
    """Write an interactive HTML graph of the store that works offline.

    Nodes are coloured by type, edges by family, and every edge is explained by its evidence
    sentences and sources. Large graphs are refused with a suggestion to narrow them.
    """
    from aigov.knowledge_graph import KnowledgeGraph
    from graph.viz import scope_graph, write_page

    with KnowledgeGraph(store, read_only=True) as kg:
        graph = kg.entity_graph()
    graph = scope_graph(
        graph, focus=focus, depth=depth, since=since, until=until, only=only, min_confidence=min_confidence
    )
    info = write_page(graph, output, title=title)
    console_err.print(
        f"wrote {output} ({info.nodes} entities, {info.edges} facts)", markup=False, highlight=False
    )
