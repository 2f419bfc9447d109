"""Content negotiation for SPARQL answers: which format a client gets, and its bytes.

SELECT and ASK answers come as SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE as
Turtle, N-Triples, JSON-LD or RDF/XML. An explicit ``format=`` (or ``output=``) parameter
wins over the ``Accept`` header, because browsers and some clients cannot set headers; the
parameter takes a short name or a media type, and may be repeated (SPARQLWrapper sends both),
in which case the first value that fits the answer is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.endpoint._errors import HttpError
from graph.results import QueryResult

__all__ = ["FORMATS", "ResultFormat", "choose_format", "parse_accept", "render"]

SOLUTIONS = "solutions"
GRAPH = "graph"


@dataclass(frozen=True, slots=True)
class ResultFormat:
    """One answer format: its name, the media type it is sent as, and the names that ask for it."""

    name: str
    media_type: str
    kind: str
    aliases: tuple[str, ...]

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8"


#: In order of preference: the first of each kind is the default.
FORMATS = (
    ResultFormat("json", "application/sparql-results+json", SOLUTIONS,
                 ("json", "srj", "application/sparql-results+json", "application/json")),
    ResultFormat("xml", "application/sparql-results+xml", SOLUTIONS,
                 ("xml", "srx", "application/sparql-results+xml", "application/xml", "text/xml")),
    ResultFormat("csv", "text/csv", SOLUTIONS, ("csv", "text/csv")),
    ResultFormat("tsv", "text/tab-separated-values", SOLUTIONS, ("tsv", "text/tab-separated-values")),
    ResultFormat("turtle", "text/turtle", GRAPH,
                 ("turtle", "ttl", "n3", "text/turtle", "application/turtle", "application/x-turtle",
                  "text/n3", "text/rdf+n3")),
    ResultFormat("ntriples", "application/n-triples", GRAPH,
                 ("ntriples", "nt", "n-triples", "application/n-triples")),
    ResultFormat("json-ld", "application/ld+json", GRAPH,
                 ("json-ld", "jsonld", "json", "application/ld+json", "application/x-json+ld",
                  "application/json")),
    ResultFormat("rdf+xml", "application/rdf+xml", GRAPH,
                 ("rdf+xml", "rdf", "rdfxml", "xml", "application/rdf+xml", "application/xml", "text/xml")),
)
_RDFLIB = {"turtle": "turtle", "ntriples": "nt", "json-ld": "json-ld", "rdf+xml": "xml"}


def _kind_of(result: QueryResult) -> str:
    return GRAPH if result.kind == "graph" else SOLUTIONS


def _names(kind: str) -> str:
    return ", ".join(f.name for f in FORMATS if f.kind == kind)


def parse_accept(header: str | None) -> list[str]:
    """Media ranges from an ``Accept`` header, best first (by q, then by order); q=0 ones dropped."""
    ranges: list[tuple[float, int, str]] = []
    for position, item in enumerate((header or "").split(",")):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        if not media:
            continue
        quality = 1.0
        for parameter in parts[1:]:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranges.append((-quality, position, media))
    return [media for _, _, media in sorted(ranges)]


def _matches(media_range: str, fmt: ResultFormat) -> bool:
    if media_range == "*/*":
        return True
    if media_range.endswith("/*"):
        return fmt.media_type.startswith(media_range[:-1])
    return media_range in fmt.aliases


def choose_format(result: QueryResult, accept: str | None, requested: Sequence[str] = ()) -> ResultFormat:
    """The format to send ``result`` in; HttpError 400 for a bad ``format=``, 406 if nothing fits."""
    kind = _kind_of(result)
    candidates = [f for f in FORMATS if f.kind == kind]
    wanted = [value.strip().lower() for value in requested if value and value.strip()]
    if wanted:
        for value in wanted:
            media = value.split(";")[0].strip()
            for fmt in candidates:
                if media in fmt.aliases:
                    return fmt
        label = "a SELECT or ASK" if kind == SOLUTIONS else "a CONSTRUCT or DESCRIBE"
        raise HttpError(400, f"format {wanted[0]!r} does not fit {label} answer; use one of {_names(kind)}")
    ranges = parse_accept(accept)
    if not ranges:
        return candidates[0]
    for media_range in ranges:
        for fmt in candidates:
            if _matches(media_range, fmt):
                return fmt
    raise HttpError(406, f"none of the accepted types ({accept}) fits this answer; "
                         f"accept one of {', '.join(f.media_type for f in candidates)}")


def render(result: QueryResult, fmt: ResultFormat) -> bytes:
    """The answer's bytes in ``fmt`` (UTF-8)."""
    if fmt.kind == GRAPH:
        text = result.graph().serialize(format=_RDFLIB[fmt.name])
    else:
        text = result.serialize(fmt.name)
    return text.encode("utf-8")
