"""Check a graph against the aigov SHACL shapes and report what is wrong in plain words.

The data is validated as one union graph (every article graph plus the default and curation
graphs), because that is what queries see: an entity labelled in one article and used in
another is fine. The ontology is added to the union so that ``sh:class aigov:Organization``
accepts a ``aigov:Company``; no other inference is run, which keeps a few thousand facts to
seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import RDF, XSD, BNode, Dataset, Graph, Literal
from rdflib.collection import Collection
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import SH

from ontology.identifiers import ARTICLE_BASE, ENTITY_BASE, FACT_BASE, ONTOLOGY_BASE
from ontology.terms import load_ontology, load_shapes

__all__ = ["ValidationReport", "Violation", "validate"]

_PREFIXES = (
    ("aigov:", ONTOLOGY_BASE),
    ("ent:", ENTITY_BASE),
    ("art:", ARTICLE_BASE),
    ("fact:", FACT_BASE),
    ("rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl:", "http://www.w3.org/2002/07/owl#"),
    ("skos:", "http://www.w3.org/2004/02/skos/core#"),
    ("prov:", "http://www.w3.org/ns/prov#"),
    ("dcterms:", "http://purl.org/dc/terms/"),
    ("xsd:", "http://www.w3.org/2001/XMLSchema#"),
    ("wd:", "http://www.wikidata.org/entity/"),
)


def _compact(term: object) -> str:
    """An IRI with a known prefix shortened (``fact:9c1e``), a literal as its text, else ``str``."""
    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    text = str(term)
    for prefix, base in _PREFIXES:
        if text.startswith(base):
            return prefix + text[len(base):]
    return f"<{text}>"


@dataclass(frozen=True, slots=True)
class Violation:
    """One failed constraint: which node, through which property, what is wrong.

    ``focus`` and ``path`` are compact IRIs (``fact:9c1e``, ``aigov:confidence``); ``path`` is
    ``None`` for a constraint on the node itself; ``severity`` is ``Violation``, ``Warning`` or
    ``Info``; ``value`` is the offending value when SHACL names one.
    """

    focus: str
    path: str | None
    message: str
    severity: str = "Violation"
    value: str | None = None

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}" if self.path else self.focus
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass(slots=True)
class ValidationReport:
    """The outcome of :func:`validate`; ``conforms`` is true when there are no violations at all.

    ``triples`` is how many distinct data triples were checked, so an empty store that
    trivially conforms can be told from a full one that does.
    """

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0

    def __str__(self) -> str:
        if self.conforms:
            return f"conforms: no violations in {self.triples} triples"
        lines = [f"does not conform: {len(self.violations)} violation(s) in {self.triples} triples"]
        lines += [f"  {violation}" for violation in self.violations]
        return "\n".join(lines)


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    """``shapes.ttl`` with each targeted node shape's property shapes given the same targets.

    pyshacl checks a property shape reached through ``sh:property`` once per focus node,
    building its constraints anew each time; targeted directly it checks all focus nodes in
    one pass. The meaning is the same (the same constraints on the same nodes) and validation
    of a few thousand facts gets several times faster. ``shapes.ttl`` keeps the readable form.
    """
    shapes = load_shapes()
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        targets = [(p, o) for p in _TARGETS for o in shapes.objects(shape, p)]
        if not targets:
            continue
        for prop in list(shapes.objects(shape, SH.property)):
            for p, o in targets:
                shapes.add((prop, p, o))
            shapes.remove((shape, SH.property, prop))
    return shapes


def _union(data: Graph) -> tuple[Graph, int]:
    """The triples of every graph in ``data`` (a plain Graph is copied) plus the ontology,
    and how many distinct data triples there were."""
    union = Graph()
    triples = _dataset_triples(data) if isinstance(data, ConjunctiveGraph) else iter(data)
    for s, p, o in triples:
        union.add((s, p, _plain(o)))
    checked = len(union)
    union += load_ontology()
    return union, checked


_ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


def _dataset_triples(data: ConjunctiveGraph) -> list:
    """Every triple of every graph of a Dataset (rdflib 7's Dataset is a ConjunctiveGraph).

    Local stores list their quads; a SPARQL endpoint store cannot say which graph a triple
    came from (rdflib raises ``TypeError``), so it is asked with one CONSTRUCT instead.
    """
    try:
        return [(s, p, o) for s, p, o, _graph in data.quads((None, None, None, None))]
    except TypeError:
        return list(data.query(_ALL_TRIPLES))


def _plain(term):
    """A literal in the form pyshacl handles: ``"x"^^xsd:string`` becomes the plain ``"x"``.

    The two are the same RDF term, but rdflib compares them as different and Oxigraph hands
    back the typed form, which ``sh:in`` would then reject. An ill-typed literal
    (``"soon"^^xsd:integer``) becomes a plain string too: it still fails its ``sh:datatype``
    check, with its text in the report, instead of crashing pyshacl's ordering comparisons.
    """
    if isinstance(term, Literal) and (term.datatype == XSD.string or term.ill_typed):
        return Literal(str(term))
    return term


def _path_text(path, results: Graph) -> str:
    """A property path as text: ``aigov:date``, or ``aigov:object|aigov:objectValue`` for an
    alternative path (a blank node, which would otherwise print as a meaningless id)."""
    if not isinstance(path, BNode):
        return _compact(path)
    graph = results if (path, None, None) in results else _shapes()
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is None:
        return "(a property path)"
    return "|".join(_compact(step) for step in Collection(graph, alternatives))


def _violations(results: Graph) -> list[Violation]:
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = results.value(result, SH.resultMessage)
        found.append(
            Violation(
                focus=_compact(results.value(result, SH.focusNode)),
                path=_path_text(path, results) if path is not None else None,
                message=str(message) if message is not None else "constraint not met",
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                value=_compact(value) if value is not None else None,
            )
        )
    return sorted(set(found), key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))


def validate(data: Graph | Dataset) -> ValidationReport:
    """Validate ``data`` (a Graph, or a Dataset whose named graphs are taken together).

    Returns a :class:`ValidationReport`; never raises for bad data, only for a non-graph
    argument (``TypeError``). The caller's graph is not modified.
    """
    if not isinstance(data, Graph):
        raise TypeError(f"validate() needs an rdflib Graph or Dataset, not {type(data).__name__}")
    import pyshacl  # imported here: only validation needs it, and it is slow to import

    union, checked = _union(data)
    conforms, results, _text = pyshacl.validate(
        union,
        shacl_graph=_shapes(),
        inference="none",
        advanced=True,  # SHACL-AF SPARQL targets: shapes.ttl's graph-wide consistency checks
        inplace=True,
        allow_warnings=False,
    )
    violations = _violations(results)
    conforms = bool(conforms) and not violations
    return ValidationReport(conforms=conforms, violations=violations, triples=checked)
