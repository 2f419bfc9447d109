"""The aigov ontology as a closed Python namespace, and the paths of its Turtle files.

``AIGOV.ceoOf`` is the IRI ``https://w3id.org/aigov/ontology#ceoOf``; a name the ontology does
not define (``AIGOV.ceoof``) raises :class:`ontology.errors.UnknownTermError` at once, so a typo
in code fails loudly instead of writing triples no query will ever match. The test suite checks
that the names listed here and the terms ``aigov.ttl`` defines are the same set.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DefinedNamespace, DefinedNamespaceMeta, Namespace

from ontology.errors import UnknownTermError
from ontology.identifiers import ONTOLOGY_BASE

__all__ = ["AIGOV", "ONTOLOGY_PATH", "SHAPES_PATH", "load_ontology", "load_shapes", "term_names"]

_HERE = Path(__file__).resolve().parent
#: The OWL ontology (Turtle), shipped as package data.
ONTOLOGY_PATH: Path = _HERE / "aigov.ttl"
#: The SHACL shapes (Turtle) that ``graph.validation`` checks data against.
SHAPES_PATH: Path = _HERE / "shapes.ttl"


class _ClosedMeta(DefinedNamespaceMeta):
    """rdflib's closed-namespace behaviour, but failing with the project's own error type.

    ``UnknownTermError`` subclasses ``AttributeError``, so ``hasattr`` and rdflib's own
    expectations keep working while callers can catch ``AigovError`` as for every other error.
    """

    def __getitem__(cls, name: str, default=None) -> URIRef:
        try:
            return super().__getitem__(name, default)
        except UnknownTermError:
            raise
        except AttributeError:
            raise UnknownTermError(f"'{name}' is not a term of the aigov ontology ({cls._NS})") from None


class AIGOV(DefinedNamespace, metaclass=_ClosedMeta):
    """Every class and property of ``aigov.ttl``, and nothing else."""

    _NS = Namespace(ONTOLOGY_BASE)
    _fail = True

    # --- entity classes
    Person: URIRef
    Organization: URIRef
    Company: URIRef
    NonProfit: URIRef
    Investor: URIRef
    GovernmentBody: URIRef
    Event: URIRef
    Place: URIRef
    # --- sources and evidence
    Article: URIRef
    Evidence: URIRef
    # --- statement nodes
    Statement: URIRef
    Fact: URIRef
    Claim: URIRef
    # --- fact classes (ontology/predicates.py ``fact_class``)
    Leadership: URIRef
    BoardMembership: URIRef
    Position: URIRef
    Appointment: URIRef
    Dismissal: URIRef
    Resignation: URIRef
    Founding: URIRef
    Employment: URIRef
    Move: URIRef
    Attendance: URIRef
    Control: URIRef
    Ownership: URIRef
    Subsidiary: URIRef
    Acquisition: URIRef
    Merger: URIRef
    Investment: URIRef
    Partnership: URIRef
    Rivalry: URIRef
    Lawsuit: URIRef
    Investigation: URIRef
    Headquarters: URIRef
    # --- curation classes
    Curation: URIRef
    Assertion: URIRef
    Retraction: URIRef
    EntityMerge: URIRef
    # --- governance properties (the direct edges)
    ceoOf: URIRef
    chairOf: URIRef
    boardMemberOf: URIRef
    holdsPositionAt: URIRef
    appointedTo: URIRef
    dismissedFrom: URIRef
    resignedFrom: URIRef
    founderOf: URIRef
    employeeOf: URIRef
    joined: URIRef
    attended: URIRef
    controls: URIRef
    owns: URIRef
    subsidiaryOf: URIRef
    acquired: URIRef
    mergedInto: URIRef
    investedIn: URIRef
    partnerOf: URIRef
    competitorOf: URIRef
    sued: URIRef
    investigated: URIRef
    foundedIn: URIRef
    headquarteredIn: URIRef
    # --- statement-node properties
    subject: URIRef
    predicate: URIRef
    object: URIRef
    objectValue: URIRef
    date: URIRef
    datePrecision: URIRef
    role: URIRef
    amount: URIRef
    percent: URIRef
    confidence: URIRef
    status: URIRef
    evidence: URIRef
    charStart: URIRef
    charEnd: URIRef
    extractorVersion: URIRef
    supportedBy: URIRef
    # --- curation properties
    retracts: URIRef
    reason: URIRef
    curatedAt: URIRef
    mergedEntity: URIRef
    survivingEntity: URIRef
    assertedFact: URIRef
    # --- annotation properties on the governance properties
    family: URIRef
    factClass: URIRef


def term_names() -> frozenset[str]:
    """The local names :data:`AIGOV` defines (for tests and tools that list the vocabulary)."""
    return frozenset(name for name in AIGOV.__annotations__ if not name.startswith("_"))


@lru_cache(maxsize=1)
def _parsed(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def _copy(graph: Graph) -> Graph:
    """A fresh graph, so callers may add to what they get without touching the cached parse."""
    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace, override=True)
    out += graph
    return out


def load_ontology() -> Graph:
    """``aigov.ttl`` as an rdflib Graph (parsed once per process; each call returns a copy)."""
    return _copy(_parsed(ONTOLOGY_PATH))


def load_shapes() -> Graph:
    """``shapes.ttl`` as an rdflib Graph (parsed once per process; each call returns a copy)."""
    return _copy(_parsed(SHAPES_PATH))
