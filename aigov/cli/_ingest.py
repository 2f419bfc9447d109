"""``aigov extract`` and ``aigov add``: articles in, facts out (to stdout or into the store)."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from aigov.cli._app import StoreOption, app, console, console_err, parse_date, report_error
from aigov.knowledge_graph import Extraction, KnowledgeGraph

__all__ = ["add", "extract"]

Paths = Annotated[
    list[str],
    typer.Argument(help="Article files (.txt, .md, .html), folders of them, or http(s) URLs.",
                   show_default=False),
]
OptionalPaths = Annotated[
    list[str] | None,
    typer.Argument(help="Article files (.txt, .md, .html), folders of them, or http(s) URLs.",
                   show_default=False),
]
Feed = Annotated[
    str | None,
    typer.Option(help="An RSS or Atom feed (URL or file): add its items not yet in the store.",
                 show_default=False),
]
Since = Annotated[
    str | None,
    typer.Option(help="With --feed: only items published on or after YYYY-MM-DD.", show_default=False),
]
Published = Annotated[
    str | None,
    typer.Option(help="Publication date YYYY-MM-DD (overrides the file's own).", show_default=False),
]
Title = Annotated[
    str | None, typer.Option(help="Article title (overrides the file's own).", show_default=False)
]
Source = Annotated[
    str | None, typer.Option(help="Source URL or outlet (overrides the file's own).", show_default=False)
]
Workers = Annotated[int, typer.Option("--workers", "-j", min=1, help="spaCy worker processes.")]


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"
    ttl = "ttl"


@contextmanager
def _progress(total: int, label: str):
    """A progress bar on stderr for batches, silent when stderr is not a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console_err,
        transient=True,
        disable=total < 2 or not console_err.is_terminal,
    )
    with progress:
        task = progress.add_task(label, total=total)
        yield lambda _item=None: progress.advance(task)


def _count_inputs(paths: list[str]) -> int:
    from aigov.knowledge_graph import is_url
    from extract import iter_article_paths

    return sum(1 if is_url(p) else sum(1 for _ in iter_article_paths([Path(p)])) for p in paths)


def _report_error(extraction: Extraction) -> None:
    report_error(extraction.error)


def _json_line(record: dict) -> str:
    """One JSONL line; a file name whose bytes are not UTF-8 is written escaped, so the line stays UTF-8."""
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: the file system's undecodable bytes
        line = json.dumps(record)
    return line + "\n"


@app.command()
def extract(
    paths: Paths,
    published: Published = None,
    title: Title = None,
    source: Source = None,
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExtractFormat.jsonl,
    include_claims: Annotated[
        bool, typer.Option("--include-claims", help='Also print hedged claims, marked "status": "claimed".')
    ] = False,
    workers: Workers = 1,
) -> None:
    """Extract facts from articles and print them, without touching the store.

    JSONL prints one fact per line in the contract the evaluation scripts read; `table` is for
    reading; `ttl` prints the RDF that `aigov add` would store.
    """
    from extract import fact_record

    kg = KnowledgeGraph()
    failed = ok = 0
    results: list[Extraction] = []
    for extraction in kg.extract(
        paths,
        published=parse_date(published),
        title=title,
        source=source,
        include_claims=include_claims,
        n_process=workers,
    ):
        if extraction.error is not None:
            failed += 1
            _report_error(extraction)
            continue
        ok += 1
        if fmt is ExtractFormat.jsonl:
            for fact in extraction.facts:
                sys.stdout.write(_json_line(fact_record(fact, extraction.article)))
        else:
            results.append(extraction)
    if fmt is ExtractFormat.table:
        _print_table(results)
    elif fmt is ExtractFormat.ttl:
        _print_turtle(results)
    if failed:
        raise typer.Exit(1)


def _print_table(results: list[Extraction]) -> None:
    from rich.table import Table

    table = Table("subject", "predicate", "object", "qualifiers", "conf.", "article", show_lines=False)
    for extraction in results:
        for fact in extraction.facts:
            qualifiers = ", ".join(f"{k}={v}" for k, v in fact.qualifiers.as_dict().items())
            predicate = fact.predicate if fact.status == "asserted" else f"{fact.predicate} (claimed)"
            table.add_row(
                fact.subject.name,
                predicate,
                fact.object_name,
                qualifiers,
                f"{fact.confidence:.2f}",
                Path(extraction.where).name,
            )
    console.print(table)


def _print_turtle(results: list[Extraction]) -> None:
    from aigov.knowledge_graph import extractor_version
    from graph.rdf import facts_dataset

    dataset = facts_dataset([(e.article, e.facts) for e in results], extractor_version=extractor_version())
    sys.stdout.write(dataset.serialize(format="trig"))


@app.command()
def add(
    paths: OptionalPaths = None,
    published: Published = None,
    title: Title = None,
    source: Source = None,
    store: StoreOption = None,
    workers: Workers = 1,
    feed: Feed = None,
    since: Since = None,
) -> None:
    """Extract facts from articles, pages and feeds and add them to the store, one transaction per article.

    An article already in the store (same normalised text) is skipped; reached at a new URL, that
    URL is recorded as one more source ("duplicate"). URLs are fetched (AIGOV_FETCH_TIMEOUT
    seconds each) and archived beside the store. A bad file or URL is reported on one line and
    the rest of the batch still goes in; the exit code is non-zero if any failed.
    """
    paths = list(paths or [])
    if not paths and feed is None:
        raise typer.BadParameter("give at least one PATH or URL, or --feed", param_hint="PATHS")
    if since is not None and feed is None:
        raise typer.BadParameter("--since needs --feed", param_hint="--since")
    since_date = parse_date(since)
    with KnowledgeGraph(store) as kg:
        total = _count_inputs(paths)
        done = 0
        with _progress(total, "adding articles") as advance:

            def on_item(extraction: Extraction) -> None:
                nonlocal done
                if extraction.error is not None:
                    _report_error(extraction)
                done += 1
                advance()

            try:
                report = kg.add(
                    paths,
                    published=parse_date(published),
                    title=title,
                    source=source,
                    n_process=workers,
                    on_item=on_item,
                    feed=feed,
                    since=since_date,
                )
            except KeyboardInterrupt:
                # Each article is one transaction, so what is stored is whole: say so, and how to go on.
                # (Leaving through the ``with`` closes the store and frees its writer lock.)
                console_err.print(
                    f"aigov: interrupted after {done} of {total} input(s); the articles stored so far are "
                    "complete: run the same command again to add the rest",
                    markup=False,
                    highlight=False,
                )
                raise typer.Exit(130) from None
    duplicates = f"skipped {len(report.duplicates)} (duplicate); " if report.duplicates else ""
    console_err.print(
        f"added {len(report.added)} article(s) with {report.facts} fact(s); "
        f"skipped {len(report.skipped) + len(report.present)} already in the store; {duplicates}"
        f"failed {len(report.failed)}",
        markup=False,
        highlight=False,
    )
    if report.failed:
        raise typer.Exit(1)
