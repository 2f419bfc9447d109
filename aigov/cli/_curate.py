"""``aigov assert``, ``retract``, ``merge``, ``review``, ``entities`` and ``validate``: curating the graph.

Curations go to their own named graph and win over extraction when the graph is read; they
survive re-adding, removing and re-extracting articles (docs/curation.md).
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from aigov.cli._app import StoreOption, app, console, console_err, parse_date
from aigov.knowledge_graph import KnowledgeGraph

__all__ = ["assert_fact", "entities", "merge", "retract", "review", "validate"]

Reason = Annotated[str | None, typer.Option(help="Why (recorded with the curation).", show_default=False)]


def _say(text: str) -> None:
    console_err.print(text, markup=False, highlight=False)


def _text_option(help_text: str):
    return typer.Option(help=help_text, show_default=False)


Subject = Annotated[str, typer.Argument(help="Subject: an entity name, alias or IRI.", show_default=False)]
Predicate = Annotated[str, typer.Argument(help="Predicate, e.g. ceoOf, dismissedFrom.", show_default=False)]
Object = Annotated[
    str,
    typer.Argument(
        metavar="OBJECT", show_default=False, help="Object: an entity name (or a value for foundedIn)."
    ),
]
Source = Annotated[str, _text_option("URL or reference that supports the fact (required).")]


@app.command("assert")
def assert_fact(
    subject: Subject,
    predicate: Predicate,
    obj: Object,
    source: Source,
    date: Annotated[str | None, _text_option("When it happened: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    role: Annotated[str | None, _text_option("Role qualifier, e.g. 'interim CEO'.")] = None,
    amount: Annotated[str | None, _text_option("Amount qualifier, e.g. '$10 billion'.")] = None,
    percent: Annotated[str | None, _text_option("Stake qualifier, e.g. '49%'.")] = None,
    subject_type: Annotated[str | None, _text_option("Type of a new subject (Person, Company, ...).")] = None,
    object_type: Annotated[str | None, _text_option("Type of a new object entity.")] = None,
    published: Annotated[str | None, _text_option("Publication date of the source, YYYY-MM-DD.")] = None,
    note: Annotated[str | None, _text_option("The sentence or note to keep as evidence.")] = None,
    reason: Reason = None,
    store: StoreOption = None,
) -> None:
    """Add a fact by hand, with its source; it survives re-adding and re-extracting articles."""
    if date is not None:
        import re

        if not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", date):
            raise typer.BadParameter(f"{date!r} is not YYYY, YYYY-MM or YYYY-MM-DD", param_hint="--date")
    with KnowledgeGraph(store) as kg:
        iri = kg.assert_fact(
            subject,
            predicate,
            obj,
            source=source,
            date=date,
            role=role,
            amount=amount,
            percent=percent,
            subject_type=subject_type,
            object_type=object_type,
            published=parse_date(published),
            note=note,
            reason=reason,
        )
    sys.stdout.write(iri + "\n")


@app.command()
def retract(
    fact: Annotated[str, typer.Argument(help="The fact's IRI (or fact:HASH).", show_default=False)],
    reason: Annotated[str, typer.Option(help="Why the fact is wrong (required).", show_default=False)],
    store: StoreOption = None,
) -> None:
    """Withdraw a fact judged wrong: the article still says it, the curated graph no longer does."""
    with KnowledgeGraph(store) as kg:
        iri = kg.retract(fact, reason=reason)
    sys.stdout.write(iri + "\n")


@app.command()
def merge(
    merged: Annotated[
        str, typer.Argument(help="The entity to fold away (name, alias or IRI).", show_default=False)
    ],
    surviving: Annotated[
        str | None, typer.Argument(help="The entity to keep (name, alias or IRI).", show_default=False)
    ] = None,
    undo: Annotated[bool, typer.Option("--undo", help="Undo the merge in force for the entity.")] = False,
    reason: Reason = None,
    store: StoreOption = None,
) -> None:
    """Declare two entities one (reversible with --undo; both the merge and its undoing are recorded)."""
    with KnowledgeGraph(store) as kg:
        if undo:
            if surviving is not None:
                raise typer.BadParameter("--undo takes only the merged entity", param_hint="SURVIVING")
            record = kg.unmerge(merged, reason=reason)
            _say(f"undid {record}")
            return
        if surviving is None:
            raise typer.BadParameter("name the entity to keep", param_hint="SURVIVING")
        record = kg.merge(merged, surviving, reason=reason)
    sys.stdout.write(record + "\n")


@app.command()
def review(
    below: Annotated[float, typer.Option(min=0.0, max=1.0, help="Review facts under this confidence.")] = 0.7,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many.", show_default=False)] = None,
    accept: Annotated[
        list[str] | None, typer.Option(help="Accept this fact (repeatable).", show_default=False)
    ] = None,
    reject: Annotated[
        list[str] | None, typer.Option(help="Reject (retract) this fact (repeatable).", show_default=False)
    ] = None,
    interactive: Annotated[
        bool,
        typer.Option("--interactive", "-i", help="Ask about each fact: [a]ccept, [r]eject, [s]kip, [q]uit."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the candidates as JSON lines.")] = False,
    reason: Reason = None,
    store: StoreOption = None,
) -> None:
    """List low-confidence facts to accept or reject; --accept/--reject act without asking."""
    with KnowledgeGraph(store) as kg:
        if accept or reject:
            for fact in accept or []:
                kg.accept(fact, reason=reason)
                _say(f"accepted {fact}")
            for fact in reject or []:
                kg.retract(fact, reason=reason or "rejected in review")
                _say(f"rejected {fact}")
            return
        candidates = kg.review(below=below, limit=limit)
        if interactive:
            _interactive(kg, candidates, reason)
            return
        if as_json:
            for item in candidates:
                sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
            return
        from rich.table import Table

        table = Table("subject", "predicate", "object", "conf.", "evidence")
        table.add_column("fact", no_wrap=True)
        for item in candidates:
            short = "fact:" + item["fact"].rsplit("/", 1)[-1]
            table.add_row(
                item["subject"],
                item["predicate"],
                item["object"],
                f"{item['confidence']:.2f}",
                item["evidence"],
                short,
            )
        console.print(table)
        _say(f"{len(candidates)} fact(s) under {below}; accept or reject with --accept/--reject FACT")


def _interactive(kg: KnowledgeGraph, candidates: list[dict], reason: str | None) -> None:
    for item in candidates:
        console.print(
            f"{item['subject']} {item['predicate']} {item['object']} ({item['confidence']:.2f})",
            markup=False,
            highlight=False,
        )
        console.print(f"  {item['evidence']}", markup=False, highlight=False)
        answer = typer.prompt("[a]ccept, [r]eject, [s]kip, [q]uit", default="s").strip().lower()[:1]
        if answer == "q":
            return
        if answer == "a":
            kg.accept(item["fact"], reason=reason)
        elif answer == "r":
            kg.retract(item["fact"], reason=reason or "rejected in review")


@app.command()
def entities(
    search: Annotated[
        str | None,
        typer.Option(help="Only entities whose name or an alias contains this.", show_default=False),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per entity.")] = False,
    store: StoreOption = None,
) -> None:
    """List entities with their aliases, types and number of supporting articles."""
    with KnowledgeGraph(store, read_only=True) as kg:
        found = kg.entities(search)
    if as_json:
        for entity in found:
            sys.stdout.write(json.dumps(entity, ensure_ascii=False) + "\n")
        return
    from rich.table import Table

    table = Table("name", "type", "aliases", "articles", "wikidata", "iri")
    for entity in found:
        name = (
            entity["name"]
            if not entity["merged_into"]
            else f"{entity['name']} (merged into {entity['merged_into'].rsplit('/', 1)[-1]})"
        )
        table.add_row(
            name,
            entity["type"] or "",
            ", ".join(entity["aliases"]),
            str(entity["articles"]),
            entity["wikidata"] or "",
            entity["iri"],
        )
    console.print(table)


@app.command()
def validate(store: StoreOption = None) -> None:
    """Check the store against the SHACL shapes; print each violation and exit 1 if there is any."""
    with KnowledgeGraph(store, read_only=True) as kg:
        report = kg.validate()
    if report.conforms:
        sys.stdout.write("conforms: no violations\n")
        return
    sys.stdout.write(str(report) + "\n")
    raise typer.Exit(1)
