"""Researchers' curations: assert a fact, retract one, merge two entities, accept after review.

Every curation is a record (an ``aigov:Curation`` with a reason and a time) in one named graph,
``ontology.identifiers.CURATION_GRAPH``, which adding, removing or re-extracting articles never
touches. Curations are applied when the graph is read, never by rewriting article graphs, so
they survive any change to the articles they talk about:

* an **assertion** adds a fact node (confidence 1, with the source the researcher gave as its
  evidence) and its direct edge to the curation graph; accepting an extracted fact in review
  is an assertion that names the existing fact node;
* a **retraction** names a statement node (``aigov:retracts``); queries drop retracted facts
  (``FILTER NOT EXISTS { GRAPH <curation> { ?r aigov:retracts ?fact } }``). Fact IRIs are
  hashes of article and content, so the same article added again yields the same, still
  retracted, fact;
* a **merge** records an ``aigov:EntityMerge`` and a live link ``merged skos:exactMatch
  surviving`` in the curation graph; queries and the entity graph read entities through that
  link. Undoing a merge retracts the merge record (kept, for the history) and removes the link.

The log only grows, except for the live merge links, which mirror the merges in force.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from graph.rdf import AIGOV, WIKIDATA, confidence_literal, date_literal
from ontology.errors import QueryError, StoreError, UnknownTermError
from ontology.identifiers import CURATION_GRAPH, ENTITY_BASE, FACT_BASE, entity_iri
from ontology.model import Entity, Fact
from ontology.predicates import PREDICATES

if TYPE_CHECKING:
    from graph.store import KnowledgeStore

__all__ = [
    "CURATION",
    "CURATION_BASE",
    "CURATOR_VERSION",
    "Curation",
    "accept_fact",
    "active_merges",
    "assert_fact",
    "canonical_entity",
    "combined_confidence",
    "curated_fact_iri",
    "curated_view",
    "curation_log",
    "merge_entities",
    "reapply_retractions",
    "retract",
    "retracted_statements",
    "review_candidates",
    "statement_signature",
    "unmerge_entity",
]

CURATION = URIRef(CURATION_GRAPH)
CURATION_BASE = "https://w3id.org/aigov/curation/"
#: Recorded as ``aigov:extractorVersion`` on curated facts: a person, not the extractor, said so.
CURATOR_VERSION = "curation"
_C = f"<{CURATION_GRAPH}>"


@dataclass(frozen=True, slots=True)
class Curation:
    """One entry of the curation log."""

    iri: str
    kind: str  # Assertion, Retraction or EntityMerge
    target: str  # the fact asserted or retracted, or the merged entity
    surviving: str | None
    reason: str | None
    at: str | None
    undone: bool


def _now(when: dt.datetime | None) -> Literal:
    moment = (when or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    return Literal(moment.isoformat(), datatype=XSD.dateTime)


def _curation_iri(kind: str, *parts: str) -> URIRef:
    digest = hashlib.sha256("\x1f".join((kind, *parts)).encode("utf-8")).hexdigest()[:20]
    return URIRef(f"{CURATION_BASE}{kind.lower()}-{digest}")


def _record(node: URIRef, kind: str, reason: str | None, at: Literal) -> list[tuple]:
    quads = [(node, RDF.type, AIGOV[kind], CURATION), (node, RDF.type, AIGOV.Curation, CURATION),
             (node, AIGOV.curatedAt, at, CURATION)]
    if reason:
        quads.append((node, AIGOV.reason, Literal(reason), CURATION))
    return quads


def _write(store: KnowledgeStore, quads: list[tuple]) -> None:
    """Add quads to the curation graph in one request (one INSERT DATA / one Oxigraph batch)."""
    if store.read_only:
        raise StoreError(f"store {store.location} was opened read-only")
    store.dataset.addN(quads)


def _ask(store: KnowledgeStore, sparql: str, **bindings: Any) -> bool:
    return bool(store.query(sparql, bindings=bindings).boolean)


# -- reading the log -------------------------------------------------------------------------------
def retracted_statements(store: KnowledgeStore) -> set[str]:
    """IRIs of every statement (or merge record) a retraction names."""
    rows = store.query(f"SELECT DISTINCT ?t WHERE {{ GRAPH {_C} {{ ?r a aigov:Retraction ; "
                       f"aigov:retracts ?t }} }}")
    return {str(row[0]) for row in rows.rows}


def active_merges(store: KnowledgeStore) -> dict[str, str]:
    """Merged entity IRI -> the entity it is folded into, for merges in force (chains followed)."""
    rows = store.query(f"SELECT ?m ?s WHERE {{ GRAPH {_C} {{ ?m skos:exactMatch ?s }} "
                       f'FILTER(STRSTARTS(STR(?m), "{ENTITY_BASE}")) }}').rows
    links = {str(m): str(s) for m, s in rows}
    return {merged: canonical_entity(merged, links) for merged in links}


def canonical_entity(iri: str, merges: dict[str, str]) -> str:
    """Follow merge links to the surviving entity (a cycle, which merges refuse, stops the walk)."""
    seen = {iri}
    while iri in merges and merges[iri] not in seen:
        iri = merges[iri]
        seen.add(iri)
    return iri


def curation_log(store: KnowledgeStore) -> list[Curation]:
    """Every curation, oldest first."""
    rows = store.query(f"""
        SELECT ?c ?kind ?target ?surviving ?reason ?at (BOUND(?undo) AS ?undone) WHERE {{ GRAPH {_C} {{
          ?c a ?kind ; aigov:curatedAt ?at .
          VALUES ?kind {{ aigov:Assertion aigov:Retraction aigov:EntityMerge }}
          OPTIONAL {{ ?c aigov:assertedFact|aigov:retracts|aigov:mergedEntity ?target
                      FILTER(!STRSTARTS(STR(?target), "{FACT_BASE}sig-")) }}
          OPTIONAL {{ ?c aigov:survivingEntity ?surviving }}
          OPTIONAL {{ ?c aigov:reason ?reason }}
          OPTIONAL {{ ?undo aigov:retracts ?c }}
        }} }} ORDER BY ?at ?c""").rows
    return [Curation(str(c), str(kind)[len(str(AIGOV)):], str(target) if target else "",
                     str(surviving) if surviving else None, str(reason) if reason else None,
                     str(at) if at else None, bool(undone and undone.toPython()))
            for c, kind, target, surviving, reason, at, undone in rows]


# -- assertions ------------------------------------------------------------------------------------
def curated_fact_iri(fact: Fact, source: str) -> str:
    """Same statement, qualifiers and source -> same IRI, so asserting twice changes nothing."""
    obj = fact.obj if isinstance(fact.obj, str) else entity_iri(fact.obj.name)
    qualifiers = "|".join(f"{k}={v}" for k, v in fact.qualifiers.as_dict().items())
    key = "\x1f".join(("curation", entity_iri(fact.subject.name), fact.predicate, obj, qualifiers, source))
    return FACT_BASE + "curated-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _entity_quads(entity: Entity) -> list[tuple]:
    node = URIRef(entity_iri(entity.name))
    quads = [(node, RDF.type, AIGOV[entity.type], CURATION),
             (node, RDFS.label, Literal(entity.name), CURATION)]
    quads += [(node, SKOS.altLabel, Literal(a), CURATION)
              for a in sorted(set(entity.aliases)) if a != entity.name]
    if entity.wikidata:
        quads.append((node, OWL.sameAs, WIKIDATA[entity.wikidata], CURATION))
    return quads


def assert_fact(store: KnowledgeStore, fact: Fact, *, source: str, published: dt.date | None = None,
                reason: str | None = None, when: dt.datetime | None = None) -> str:
    """Add a fact by hand, citing ``source`` (a URL or reference); returns the fact's IRI.

    The fact is stored as extracted facts are (direct edge, fact node with qualifiers, an
    evidence node naming the source), with confidence 1, in the curation graph.
    """
    if fact.predicate not in PREDICATES:
        raise UnknownTermError(f"{fact.predicate!r} is not an aigov predicate; use one of "
                               + ", ".join(PREDICATES))
    if not source or not source.strip():
        raise QueryError("an assertion needs a --source (the URL or reference that says so)")
    spec = PREDICATES[fact.predicate]
    if spec.literal != isinstance(fact.obj, str):
        kind = "a value" if spec.literal else "an entity"
        raise QueryError(f"{fact.predicate}: the object must be {kind}")
    node = URIRef(curated_fact_iri(fact, source))
    if _ask(store, f"ASK {{ GRAPH {_C} {{ ?f aigov:status ?s }} }}", f=node):
        return str(node)
    at = _now(when)
    subject = URIRef(entity_iri(fact.subject.name))
    predicate = AIGOV[fact.predicate]
    obj = (date_literal(fact.obj)[0] if isinstance(fact.obj, str) else URIRef(entity_iri(fact.obj.name)))
    source_node = URIRef(source) if source.startswith(("http://", "https://")) else URIRef(
        f"{CURATION_BASE}source-{hashlib.sha256(source.encode('utf-8')).hexdigest()[:16]}")
    evidence = URIRef(f"{node}/evidence")
    text = fact.evidence.text or f"Asserted by a researcher, citing {source}"
    quads = [
        (subject, predicate, obj, CURATION),
        (node, RDF.type, AIGOV.Fact, CURATION), (node, RDF.type, AIGOV[spec.fact_class], CURATION),
        (node, AIGOV.subject, subject, CURATION), (node, AIGOV.predicate, predicate, CURATION),
        (node, AIGOV.objectValue if isinstance(fact.obj, str) else AIGOV.object, obj, CURATION),
        (node, AIGOV.confidence, confidence_literal(1.0), CURATION),
        (node, AIGOV.status, Literal("asserted"), CURATION),
        (node, AIGOV.extractorVersion, Literal(CURATOR_VERSION), CURATION),
        (node, AIGOV.supportedBy, source_node, CURATION),
        (node, AIGOV.evidence, evidence, CURATION),
        (evidence, RDF.type, AIGOV.Evidence, CURATION),
        (evidence, PROV.value, Literal(text), CURATION),
        (evidence, AIGOV.charStart, Literal(0), CURATION),
        (evidence, AIGOV.charEnd, Literal(len(text)), CURATION),
        (evidence, PROV.wasQuotedFrom, source_node, CURATION),
        (source_node, RDF.type, AIGOV.Article, CURATION),
        (source_node, DCTERMS.source, URIRef(source) if source_node == URIRef(source) else Literal(source),
         CURATION),
    ]
    if published is not None:
        issued = Literal(published.isoformat(), datatype=XSD.date)
        quads.append((source_node, DCTERMS.issued, issued, CURATION))
    q = fact.qualifiers
    if q.date:
        literal, precision = date_literal(q.date)
        quads.append((node, AIGOV.date, literal, CURATION))
        if precision:
            quads.append((node, AIGOV.datePrecision, Literal(precision), CURATION))
    for name in ("role", "amount", "percent"):
        if getattr(q, name):
            quads.append((node, AIGOV[name], Literal(getattr(q, name)), CURATION))
    quads += _entity_quads(fact.subject)
    if isinstance(fact.obj, Entity):
        quads += _entity_quads(fact.obj)
    record = _curation_iri("Assertion", str(node), at)
    quads += [*_record(record, "Assertion", reason, at), (record, AIGOV.assertedFact, node, CURATION)]
    _write(store, quads)
    return str(node)


def accept_fact(store: KnowledgeStore, fact: str, *, reason: str | None = None,
                when: dt.datetime | None = None) -> str:
    """Confirm an extracted fact after review: an assertion naming the existing fact node."""
    _require_statement(store, fact)
    at = _now(when)
    record = _curation_iri("Assertion", fact, at)
    _write(store, [*_record(record, "Assertion", reason or "accepted in review", at),
                   (record, AIGOV.assertedFact, URIRef(fact), CURATION)])
    return str(record)


# -- retractions -----------------------------------------------------------------------------------
def _require_statement(store: KnowledgeStore, iri: str) -> None:
    if not iri.startswith(FACT_BASE):
        raise QueryError(f"{iri}: not a fact IRI (they start with {FACT_BASE})")
    if not _ask(store, "ASK { GRAPH ?g { ?f aigov:subject ?s } }", f=URIRef(iri)):
        raise StoreError(f"{iri}: no such fact in the store {store.location}")


def retract(store: KnowledgeStore, target: str, *, reason: str, when: dt.datetime | None = None) -> str:
    """Withdraw a fact (or claim) judged wrong; returns the retraction's IRI.

    The fact's triples stay in its article's graph (the article still says it); every read
    through the curated view leaves it out. Retracting twice records nothing new.
    """
    if not reason or not reason.strip():
        raise QueryError("a retraction needs a --reason")
    _require_statement(store, target)
    if target in retracted_statements(store):
        existing = store.query(f"SELECT ?r WHERE {{ GRAPH {_C} {{ ?r aigov:retracts ?t }} }} LIMIT 1",
                               bindings={"t": URIRef(target)}).rows
        return str(existing[0][0])
    at = _now(when)
    record = _curation_iri("Retraction", target, at)
    quads = [*_record(record, "Retraction", reason, at), (record, AIGOV.retracts, URIRef(target), CURATION)]
    signatures = _signatures(store, [target]).values()
    quads += [(record, AIGOV.retracts, URIRef(sig), CURATION) for sig in signatures]
    _write(store, quads)
    return str(record)


# -- re-applying retractions to re-extracted articles ------------------------------------------------
def statement_signature(article: str, predicate: str, start: int, end: int) -> str:
    """What identifies a statement as its article makes it: article, predicate and evidence span.

    A fact's IRI also hashes the entity names, which may resolve differently when the article is
    extracted again (the store has learnt more names meanwhile); the signature does not, so a
    retraction that names it still finds the statement.
    """
    key = "\x1f".join((article, predicate, str(int(start)), str(int(end))))
    return FACT_BASE + "sig-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _signatures(store: KnowledgeStore, facts: list[str] | None = None, *, article: str | None = None
                ) -> dict[str, str]:
    """Fact IRI -> signature, for the given facts or for every fact of one article graph."""
    query = ("SELECT ?f ?g ?p ?s ?n WHERE { GRAPH ?g { ?f aigov:predicate ?p ; aigov:evidence ?e . "
             "?e aigov:charStart ?s ; aigov:charEnd ?n } }")
    if article is not None:
        rows = store.query(query, bindings={"g": URIRef(article)}).rows
    else:
        rows = []
        for fact in facts or []:
            rows += store.query(query, bindings={"f": URIRef(fact)}).rows
    return {str(f): statement_signature(str(g), str(p), int(s.toPython()), int(n.toPython()))
            for f, g, p, s, n in rows if str(g) != CURATION_GRAPH}


def reapply_retractions(store: KnowledgeStore, article: str, *, when: dt.datetime | None = None) -> list[str]:
    """Retract again, in a newly (re-)added article, the statements a retraction names by signature.

    Returns the facts retracted; each gets its own recorded Retraction carrying the original reason.
    """
    rows = store.query(f"""SELECT ?t ?reason WHERE {{ GRAPH {_C} {{
        ?r a aigov:Retraction ; aigov:retracts ?t . OPTIONAL {{ ?r aigov:reason ?reason }}
        FILTER(STRSTARTS(STR(?t), "{FACT_BASE}sig-")) }} }}""").rows
    reasons = {str(t): str(reason) if reason is not None else "retracted before" for t, reason in rows}
    if not reasons:
        return []
    done = retracted_statements(store)
    at = _now(when)
    quads: list[tuple] = []
    again = []
    for fact, sig in sorted(_signatures(store, article=article).items()):
        if sig in reasons and fact not in done:
            record = _curation_iri("Retraction", fact, at)
            quads += [*_record(record, "Retraction", f"re-applied on re-extraction: {reasons[sig]}", at),
                      (record, AIGOV.retracts, URIRef(fact), CURATION),
                      (record, AIGOV.retracts, URIRef(sig), CURATION)]
            again.append(fact)
    if quads:
        _write(store, quads)
    return again


# -- merges ----------------------------------------------------------------------------------------
def _require_entity(store: KnowledgeStore, iri: str) -> None:
    if not _ask(store, "ASK { GRAPH ?g { ?e rdfs:label ?l } }", e=URIRef(iri)):
        raise StoreError(f"{iri}: no such entity in the store {store.location}")


def merge_entities(store: KnowledgeStore, merged: str, surviving: str, *, reason: str | None = None,
                   when: dt.datetime | None = None) -> str:
    """Declare ``merged`` to be ``surviving``; returns the merge record's IRI (undo: ``unmerge_entity``)."""
    _require_entity(store, merged)
    _require_entity(store, surviving)
    merges = active_merges(store)
    if canonical_entity(merged, merges) == canonical_entity(surviving, merges):
        raise QueryError(f"{merged} and {surviving} are already one entity")
    if merged in merges:
        raise QueryError(f"{merged} is already merged into {merges[merged]}; undo that merge first")
    at = _now(when)
    record = _curation_iri("EntityMerge", merged, surviving, at)
    quads = [
        *_record(record, "EntityMerge", reason, at),
        (record, AIGOV.mergedEntity, URIRef(merged), CURATION),
        (record, AIGOV.survivingEntity, URIRef(surviving), CURATION),
        (URIRef(merged), SKOS.exactMatch, URIRef(surviving), CURATION),
    ]
    _write(store, quads)
    return str(record)


def unmerge_entity(store: KnowledgeStore, merged: str, *, reason: str | None = None,
                   when: dt.datetime | None = None) -> str:
    """Undo the merge in force for ``merged``: retract its record and remove the live link."""
    rows = store.query(f"""SELECT ?m ?s WHERE {{ GRAPH {_C} {{
        ?m a aigov:EntityMerge ; aigov:mergedEntity ?e ; aigov:survivingEntity ?s .
        FILTER NOT EXISTS {{ ?r aigov:retracts ?m }} }} }}""", bindings={"e": URIRef(merged)}).rows
    if not rows:
        raise StoreError(f"{merged}: not merged into any entity in the store {store.location}")
    at = _now(when)
    quads: list[tuple] = []
    for record, _surviving in rows:
        undo = _curation_iri("Retraction", str(record), at)
        quads += [*_record(undo, "Retraction", reason or "merge undone", at),
                  (undo, AIGOV.retracts, record, CURATION)]
    _write(store, quads)
    for _record_iri, surviving in rows:
        store.dataset.remove((URIRef(merged), SKOS.exactMatch, surviving, CURATION))
    return str(rows[0][0])


# -- review ----------------------------------------------------------------------------------------
def review_candidates(store: KnowledgeStore, *, below: float = 0.7, limit: int | None = None
                      ) -> list[dict[str, Any]]:
    """Extracted facts under ``below`` confidence that nobody has accepted or retracted yet."""
    threshold = format(float(below), "f")  # a number, written by Python: nothing a user typed
    rows = store.query(f"""
        SELECT ?f ?s ?sl ?p ?o ?ol ?v ?conf ?text ?g WHERE {{
          GRAPH ?g {{
            ?f a aigov:Fact ; aigov:subject ?s ; aigov:predicate ?p ; aigov:confidence ?conf .
            ?s rdfs:label ?sl .
          }}
          FILTER(?g != {_C} && ?conf < {threshold})
          FILTER NOT EXISTS {{ GRAPH {_C} {{ ?c aigov:retracts|aigov:assertedFact ?f }} }}
          OPTIONAL {{ GRAPH ?g {{ ?f aigov:object ?o . ?o rdfs:label ?ol }} }}
          OPTIONAL {{ GRAPH ?g {{ ?f aigov:objectValue ?v }} }}
          OPTIONAL {{ GRAPH ?g {{ ?f aigov:evidence/prov:value ?text }} }}
        }} ORDER BY ?conf ?f""").rows
    out: dict[str, dict[str, Any]] = {}
    for f, s, sl, p, o, ol, v, conf, text, g in rows:
        if str(f) in out or float(conf.toPython()) >= below:
            continue
        out[str(f)] = {"fact": str(f), "subject": str(sl or s), "predicate": str(p)[len(str(AIGOV)):],
                       "object": str(ol or o or v), "confidence": float(conf.toPython()),
                       "evidence": str(text) if text else "", "article": str(g)}
    items = list(out.values())
    return items[:limit] if limit is not None else items


# -- the curated view of the entity graph ----------------------------------------------------------
def combined_confidence(confidences: list[float]) -> float:
    """Independent sources combined: ``1 - prod(1 - c)`` (two 0.7 sources give 0.91)."""
    remaining = 1.0
    for confidence in confidences:
        remaining *= 1.0 - max(0.0, min(1.0, float(confidence)))
    return round(1.0 - remaining, 4)


def curated_view(graph: Any, store: KnowledgeStore) -> Any:
    """Apply the curations to an entity graph from ``graph.networkx_view.entity_graph`` (in place).

    Retracted facts leave their edges (an edge whose every fact is retracted goes); merged
    entities are folded into the entity they were merged into (their names become aliases);
    each edge gains ``support`` (number of sources), ``combined_confidence`` (see
    :func:`combined_confidence`) and ``curated`` (a researcher asserted or accepted it).
    """
    import networkx as nx

    retracted = retracted_statements(store)
    rows = store.query("SELECT ?f ?g ?c WHERE { GRAPH ?g { ?f aigov:subject ?s } "
                       "OPTIONAL { GRAPH ?g { ?f aigov:confidence ?c } } }").rows
    fact_graph = {str(f): str(g) for f, g, _c in rows}
    confidence = {str(f): float(c.toPython()) for f, _g, c in rows if c is not None}
    accepted = store.query(f"SELECT ?f WHERE {{ GRAPH {_C} {{ ?x aigov:assertedFact ?f }} }}").rows
    curated = {str(f) for (f,) in accepted}
    for u, v, key, data in list(graph.edges(keys=True, data=True)):
        facts = [f for f in data.get("facts", [key]) if f not in retracted]
        if not facts:
            graph.remove_edge(u, v, key)
            continue
        gone = {fact_graph.get(f) for f in data.get("facts", []) if f in retracted}
        kept = {fact_graph.get(f) for f in facts}
        data["facts"] = facts
        data["evidence"] = [e for e in data.get("evidence", []) if e.get("article") not in gone - kept]
        data["support"] = len({fact_graph.get(f) for f in facts})
        data["combined_confidence"] = combined_confidence([confidence[f] for f in facts if f in confidence])
        data["curated"] = any(f in curated or fact_graph.get(f) == CURATION_GRAPH for f in facts)
    for merged, surviving in active_merges(store).items():
        if merged not in graph or merged == surviving:
            continue
        if surviving not in graph:
            nx.relabel_nodes(graph, {merged: surviving}, copy=False)
            continue
        gone, keep = graph.nodes[merged], graph.nodes[surviving]
        names = {gone.get("label"), *gone.get("aliases", []), *keep.get("aliases", [])}
        names -= {keep.get("label"), None}
        sources = keep.get("sources", 0) + gone.get("sources", 0)
        nx.contracted_nodes(graph, surviving, merged, self_loops=False, copy=False)
        keep = graph.nodes[surviving]
        keep.pop("contraction", None)
        keep["aliases"] = sorted(names)
        keep["sources"] = sources
        keep["merged"] = sorted({*keep.get("merged", []), merged})
    return graph
