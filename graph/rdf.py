"""Facts -> RDF: the shape DESIGN.md fixes, in each article's named graph.

Every fact is written twice: as a direct edge (``ent:a aigov:ceoOf ent:b``) so simple queries
and the graph view stay simple, and as a fact node carrying what a researcher needs to trust
and cite it (qualifiers, confidence, status, the evidence sentence and its span). Hedged
claims get only the node, typed ``aigov:Claim``, so they never mix with facts.

All IRIs are computed from names and hashes (``ontology.identifiers``) and the evidence node
is an IRI rather than a blank node, so building the same article twice gives the same quads
and re-adding it to a store is a no-op.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Dataset, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from ontology.errors import UnknownTermError
from ontology.identifiers import (
    ARTICLE_BASE,
    ENTITY_BASE,
    FACT_BASE,
    article_iri,
    entity_iri,
    fact_iri,
)
from ontology.model import ENTITY_TYPES, Article, Entity, Fact
from ontology.predicates import PREDICATES
from ontology.terms import AIGOV

__all__ = [
    "AIGOV",
    "ART",
    "ENT",
    "FACT",
    "PREFIXES",
    "WIKIDATA",
    "Quad",
    "article_quads",
    "confidence_literal",
    "date_literal",
    "facts_dataset",
]

ENT = Namespace(ENTITY_BASE)
ART = Namespace(ARTICLE_BASE)
FACT = Namespace(FACT_BASE)
WIKIDATA = Namespace("http://www.wikidata.org/entity/")

#: The prefixes every query may use without declaring them, and tables and Turtle use to compress IRIs.
PREFIXES: dict[str, str] = {
    "aigov": str(AIGOV),
    "ent": ENTITY_BASE,
    "art": ARTICLE_BASE,
    "fact": FACT_BASE,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "wd": str(WIKIDATA),
}

Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]

_PRECISIONS = (
    (re.compile(r"^\d{4}$"), XSD.gYear, "year"),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth, "month"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date, "day"),
)
_STATUSES = ("asserted", "claimed")
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_QID = re.compile(r"^Q[1-9][0-9]*$")


def _term(name: str) -> URIRef:
    """An ontology term by local name; the closed namespace rejects names it does not define."""
    return AIGOV[name]


def date_literal(value: str) -> tuple[Literal, str | None]:
    """``"2023"`` -> ``xsd:gYear``, ``"2023-11"`` -> ``xsd:gYearMonth``, ``"2023-11-17"`` -> ``xsd:date``.

    Returns the literal and its precision (``year``/``month``/``day``); a value that is none of
    these stays a plain string with no precision rather than being dropped.
    """
    for pattern, datatype, precision in _PRECISIONS:
        if pattern.match(value) and _valid_date(value):
            return Literal(value, datatype=datatype), precision
    return Literal(value), None


def _valid_date(value: str) -> bool:
    """``2023-13`` or ``2023-02-30`` would be ill-typed literals that stores and parsers complain about."""
    parts = value.split("-")
    if len(parts) == 2:
        return 1 <= int(parts[1]) <= 12
    if len(parts) == 3:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
    return True


def confidence_literal(confidence: float) -> Literal:
    """An ``xsd:decimal`` in canonical form (``0.86``, ``1``), so it reads back from any store unchanged."""
    value = Decimal(str(round(float(confidence), 4))).normalize()
    return Literal(format(value, "f"), datatype=XSD.decimal)


def _value_literal(predicate: str, value: str) -> Literal:
    """A literal object (``foundedIn``): a year or date typed by its precision, else a string."""
    if PREDICATES.get(predicate) is not None and PREDICATES[predicate].literal:
        return date_literal(value)[0]
    return Literal(value)


def _source_term(value: str) -> URIRef | Literal:
    return URIRef(value) if _URL.match(value) else Literal(value)


def _entity_quads(entity: Entity, graph: URIRef) -> list[Quad]:
    if entity.type not in ENTITY_TYPES:
        raise UnknownTermError(f"entity {entity.name!r}: {entity.type!r} is not an entity type "
                               f"(use one of {', '.join(ENTITY_TYPES)})")
    if not entity.name.strip():
        raise UnknownTermError(f"an entity of type {entity.type} has an empty name")
    node = URIRef(entity_iri(entity.name))
    quads: list[Quad] = [(node, RDF.type, _term(entity.type), graph),
                         (node, RDFS.label, Literal(entity.name), graph)]
    quads += [(node, SKOS.altLabel, Literal(alias), graph) for alias in sorted(set(entity.aliases))
              if alias and alias != entity.name]
    if entity.wikidata and _QID.match(entity.wikidata):
        quads.append((node, OWL.sameAs, WIKIDATA[entity.wikidata], graph))
    return quads


def _article_metadata(article: Article, graph: URIRef) -> list[Quad]:
    quads: list[Quad] = [(graph, RDF.type, _term("Article"), graph)]
    if article.title:
        quads.append((graph, DCTERMS.title, Literal(article.title), graph))
    if article.published is not None:
        issued = Literal(article.published.isoformat(), datatype=XSD.date)
        quads.append((graph, DCTERMS.issued, issued, graph))
    if article.url:
        quads.append((graph, DCTERMS.source, _source_term(article.url), graph))
    if article.source and article.source != article.url:
        quads.append((graph, DCTERMS.source, _source_term(article.source), graph))
    if article.author:
        quads.append((graph, DCTERMS.creator, Literal(article.author), graph))
    metadata = dict(article.metadata)
    publisher = metadata.get("publisher") or metadata.get("outlet")
    if publisher:
        quads.append((graph, DCTERMS.publisher, Literal(publisher), graph))
    return quads


def _fact_quads(article: Article, fact: Fact, graph: URIRef, extractor_version: str) -> list[Quad]:
    if fact.predicate not in PREDICATES:
        raise UnknownTermError(f"article {article.id}: {fact.predicate!r} is not an aigov predicate")
    if fact.status not in _STATUSES:
        raise UnknownTermError(f"article {article.id}: fact status {fact.status!r} is not one of "
                               + ", ".join(_STATUSES))
    spec = PREDICATES[fact.predicate]
    predicate = _term(fact.predicate)
    subject = URIRef(entity_iri(fact.subject.name))
    node = URIRef(fact_iri(article.id, fact))
    evidence = URIRef(f"{node}/evidence")
    claimed = fact.status == "claimed"
    obj: URIRef | Literal = (_value_literal(fact.predicate, fact.obj) if isinstance(fact.obj, str)
                             else URIRef(entity_iri(fact.obj.name)))

    quads: list[Quad] = []
    if not claimed:
        quads.append((subject, predicate, obj, graph))
        quads += [(node, RDF.type, _term("Fact"), graph), (node, RDF.type, _term(spec.fact_class), graph)]
    else:
        quads.append((node, RDF.type, _term("Claim"), graph))
    quads += [
        (node, _term("subject"), subject, graph),
        (node, _term("predicate"), predicate, graph),
        (node, _term("objectValue") if isinstance(fact.obj, str) else _term("object"), obj, graph),
    ]
    qualifiers = fact.qualifiers
    if qualifiers.date:
        literal, precision = date_literal(qualifiers.date)
        quads.append((node, _term("date"), literal, graph))
        if precision:
            quads.append((node, _term("datePrecision"), Literal(precision), graph))
    for name in ("role", "amount", "percent"):
        value = getattr(qualifiers, name)
        if value:
            quads.append((node, _term(name), Literal(value), graph))
    quads += [
        (node, _term("confidence"), confidence_literal(fact.confidence), graph),
        (node, _term("status"), Literal(fact.status), graph),
        (node, _term("extractorVersion"), Literal(extractor_version), graph),
        (node, _term("supportedBy"), graph, graph),
        (node, _term("evidence"), evidence, graph),
        (evidence, RDF.type, _term("Evidence"), graph),
        (evidence, PROV.value, Literal(fact.evidence.text), graph),
        (evidence, _term("charStart"), Literal(int(fact.evidence.start)), graph),
        (evidence, _term("charEnd"), Literal(int(fact.evidence.end)), graph),
        (evidence, PROV.wasQuotedFrom, graph, graph),
    ]
    quads += _entity_quads(fact.subject, graph)
    if isinstance(fact.obj, Entity):
        quads += _entity_quads(fact.obj, graph)
    return quads


def article_quads(article: Article, facts: Iterable[Fact], *, extractor_version: str) -> list[Quad]:
    """All the quads one article contributes, in its own named graph, without duplicates.

    The order is fixed by the article and the order of its facts, so the output is
    deterministic. Raises UnknownTermError for a predicate or entity type the ontology lacks.
    """
    graph = URIRef(article_iri(article.id))
    quads = _article_metadata(article, graph)
    for fact in facts:
        quads += _fact_quads(article, fact, graph, extractor_version)
    return list(dict.fromkeys(quads))


def facts_dataset(items: Iterable[tuple[Article, Iterable[Fact]]], *, extractor_version: str) -> Dataset:
    """An in-memory rdflib Dataset of several articles (``aigov extract --format ttl``), prefixes bound."""
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    for article, facts in items:
        dataset.addN(article_quads(article, facts, extractor_version=extractor_version))
    return dataset
