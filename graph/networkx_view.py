"""The store as a networkx MultiDiGraph of entities, for analysis and drawing.

Built from two SPARQL queries over the union of the article graphs (entities, then fact
nodes with their evidence and article metadata), never one query per node, so the view of a
large store costs two round trips to a remote endpoint.

Nodes are keyed by entity IRI; edges by fact IRI. The same statement made by several
articles (same subject, predicate, object, qualifiers and status) is one edge whose
``evidence`` lists every article, so an edge's weight of support is ``len(evidence)``.
Literal-valued facts (``foundedIn``) become node attributes (``node["foundedIn"] == "2015"``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx
from rdflib.term import Node

from graph.rdf import AIGOV, WIKIDATA
from ontology.identifiers import ENTITY_BASE
from ontology.predicates import PREDICATES

if TYPE_CHECKING:
    from graph.store import KnowledgeStore

__all__ = ["entity_graph"]

_ENTITIES = f"""
SELECT ?e ?type ?label ?alias ?same ?g WHERE {{
  GRAPH ?g {{
    ?e rdfs:label ?label .
    FILTER(STRSTARTS(STR(?e), "{ENTITY_BASE}"))
    OPTIONAL {{ ?e a ?type }}
    OPTIONAL {{ ?e skos:altLabel ?alias }}
    OPTIONAL {{ ?e owl:sameAs ?same }}
  }}
}}"""

_FACTS = """
SELECT ?f ?status ?s ?p ?o ?value ?date ?role ?amount ?percent ?conf ?text ?g ?title ?published ?url WHERE {
  GRAPH ?g {
    ?f aigov:subject ?s ; aigov:predicate ?p ; aigov:status ?status .
    %s
    OPTIONAL { ?f aigov:object ?o }
    OPTIONAL { ?f aigov:objectValue ?value }
    OPTIONAL { ?f aigov:date ?date }
    OPTIONAL { ?f aigov:role ?role }
    OPTIONAL { ?f aigov:amount ?amount }
    OPTIONAL { ?f aigov:percent ?percent }
    OPTIONAL { ?f aigov:confidence ?conf }
    OPTIONAL { ?f aigov:evidence ?ev . ?ev prov:value ?text }
    OPTIONAL { ?g dcterms:title ?title }
    OPTIONAL { ?g dcterms:issued ?published }
    OPTIONAL { ?g dcterms:source ?url FILTER(isIRI(?url)) }
  }
}"""

_GENERIC_TYPES = ("Organization",)


def _text(term: Node | None) -> str | None:
    return None if term is None else str(term)


def _local(iri: Node) -> str:
    text = str(iri)
    base = str(AIGOV)
    return text[len(base):] if text.startswith(base) else text


@dataclass
class _EntityInfo:
    labels: set[tuple[str, str]] = field(default_factory=set)  # (label, article graph)
    types: set[tuple[str, str]] = field(default_factory=set)  # (type, article graph)
    aliases: set[str] = field(default_factory=set)
    wikidata: set[str] = field(default_factory=set)
    graphs: set[str] = field(default_factory=set)

    def attributes(self) -> dict[str, Any]:
        labels = Counter(name for name, _ in self.labels)
        types = Counter(kind for kind, _ in self.types)
        label = min(labels, key=lambda name: (-labels[name], name)) if labels else ""
        # The most specific type wins: "Company" in one article beats "Organization" in another.
        specific = {t: n for t, n in types.items() if t not in _GENERIC_TYPES} or dict(types)
        kind = min(specific, key=lambda t: (-specific[t], t)) if specific else None
        return {
            "label": label,
            "type": kind,
            "aliases": sorted(self.aliases - {label}),
            "wikidata": min(self.wikidata) if self.wikidata else None,
            "sources": len(self.graphs),
        }


def _entities(store: KnowledgeStore) -> dict[str, _EntityInfo]:
    info: dict[str, _EntityInfo] = defaultdict(_EntityInfo)
    for e, kind, label, alias, same, g in store.query(_ENTITIES).rows:
        entry = info[str(e)]
        entry.graphs.add(str(g))
        if label is not None:
            entry.labels.add((str(label), str(g)))
        if kind is not None and str(kind).startswith(str(AIGOV)):
            entry.types.add((_local(kind), str(g)))
        if alias is not None:
            entry.aliases.add(str(alias))
        if same is not None and str(same).startswith(str(WIKIDATA)):
            entry.wikidata.add(str(same)[len(str(WIKIDATA)):])
    return info


def _fact_rows(store: KnowledgeStore, include_claims: bool) -> dict[str, dict[str, Any]]:
    """Fact IRI -> its fields, one entry per fact node (extra rows from several source IRIs dropped)."""
    status_filter = "" if include_claims else 'FILTER(?status = "asserted")'
    facts: dict[str, dict[str, Any]] = {}
    for row in store.query(_FACTS % status_filter).as_dicts():
        key = str(row["f"])
        if key in facts:
            continue
        conf = row.get("conf")
        facts[key] = {
            "fact": key,
            "status": str(row["status"]),
            "subject": str(row["s"]),
            "predicate": _local(row["p"]),
            "object": _text(row.get("o")),
            "value": _text(row.get("value")),
            "date": _text(row.get("date")),
            "role": _text(row.get("role")),
            "amount": _text(row.get("amount")),
            "percent": _text(row.get("percent")),
            "confidence": float(conf.toPython()) if conf is not None else None,
            "evidence": {
                "text": _text(row.get("text")),
                "article": str(row["g"]),
                "title": _text(row.get("title")),
                "published": _text(row.get("published")),
                "url": _text(row.get("url")),
            },
        }
    return facts


def entity_graph(store: KnowledgeStore, *, include_claims: bool = False) -> nx.MultiDiGraph:
    """Entities and the facts between them, per docs/architecture.md.

    Node attributes: ``label``, ``type``, ``aliases`` (list), ``wikidata`` (Q-id or None),
    ``sources`` (number of articles describing the entity), plus one attribute per
    literal-valued predicate. Edge attributes: ``predicate``, ``label``, ``family``, ``date``,
    ``role``, ``amount``, ``percent``, ``confidence`` (float, the highest of the merged facts),
    ``status``, ``facts`` (the merged fact IRIs) and ``evidence`` (list of dicts with
    ``text``, ``article``, ``title``, ``published``, ``url``, oldest first).
    ``include_claims`` adds hedged claims as edges with ``status == "claimed"``.
    """
    entities = _entities(store)
    facts = _fact_rows(store, include_claims)

    merged: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    literal_values: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for fact in sorted(facts.values(), key=lambda f: f["fact"]):
        if fact["object"] is None:
            if fact["value"] is not None and fact["status"] == "asserted":
                literal_values[fact["subject"]][fact["predicate"]][fact["value"]] += 1
            continue
        key = (fact["subject"], fact["predicate"], fact["object"], fact["date"], fact["role"],
               fact["amount"], fact["percent"], fact["status"])
        merged[key].append(fact)

    graph = nx.MultiDiGraph()

    def add_node(iri: str) -> None:
        if iri not in graph:
            info = entities.get(iri)
            attributes = info.attributes() if info is not None else {
                "label": iri.rsplit("/", 1)[-1], "type": None, "aliases": [], "wikidata": None, "sources": 0}
            graph.add_node(iri, **attributes)

    for key, group in sorted(merged.items(), key=lambda kv: kv[1][0]["fact"]):
        subject, predicate, obj, date, role, amount, percent, status = key
        add_node(subject)
        add_node(obj)
        spec = PREDICATES.get(predicate)
        confidences = [f["confidence"] for f in group if f["confidence"] is not None]
        evidence = sorted((f["evidence"] for f in group),
                          key=lambda e: (e["published"] or "", e["article"], e["text"] or ""))
        graph.add_edge(
            subject, obj, key=group[0]["fact"],
            predicate=predicate,
            label=spec.label if spec else predicate,
            family=spec.family if spec else None,
            date=date, role=role, amount=amount, percent=percent,
            confidence=max(confidences) if confidences else None,
            status=status,
            facts=[f["fact"] for f in group],
            evidence=evidence,
        )

    for subject, values in literal_values.items():
        add_node(subject)
        for predicate, counts in values.items():
            graph.nodes[subject][predicate] = min(counts, key=lambda v: (-counts[v], v))
    return graph
