"""``aigov serve``: the read-only SPARQL endpoint, the graph page and the query page over HTTP."""

from __future__ import annotations

from typing import Annotated

import typer

from aigov.cli._app import StoreOption, app, console_err

__all__ = ["serve"]


@app.command()
def serve(
    host: Annotated[
        str,
        typer.Option(
            help="Address to listen on. Anything but a loopback address exposes "
            "the graph to the network (a warning says so)."
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int,
        typer.Option(
            min=0, max=65535, help="Port to listen on (0: any free port; the startup line says which)."
        ),
    ] = 8000,
    store: StoreOption = None,
    timeout: Annotated[
        float,
        typer.Option(
            envvar="AIGOV_QUERY_TIMEOUT",
            min=0.001,
            help="Seconds a query may run before it is stopped (503).",
        ),
    ] = 30.0,
    max_results: Annotated[
        int,
        typer.Option(
            envvar="AIGOV_MAX_RESULTS", min=1, help="Most rows (or triples) one answer may have (413)."
        ),
    ] = 100_000,
    workers: Annotated[
        int, typer.Option(min=1, help="Query worker processes (queries run in parallel).")
    ] = 2,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not log each request.")] = False,
) -> None:
    """Serve the store read-only: SPARQL 1.1 Protocol at /sparql (updates refused), the
    interactive graph at / (redrawn when the store changes, or with ?reload=1) and a query
    page at /query. Ctrl-C stops it."""
    from graph.endpoint import EndpointSettings
    from graph.endpoint import serve as run

    settings = EndpointSettings(
        host=host, port=port, store=store, timeout=timeout, max_results=max_results, workers=workers
    )

    def announce(line: str) -> None:
        console_err.print(line, markup=False, highlight=False, soft_wrap=True)
        console_err.file.flush()

    run(settings, announce=announce, log_requests=not quiet)
