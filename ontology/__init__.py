"""The aigov vocabulary: the OWL ontology and SHACL shapes (Turtle), the closed term
namespace, and the plain types that ``extract`` produces and ``graph`` consumes.

``AIGOV``, ``load_ontology``, ``load_shapes``, ``ONTOLOGY_PATH`` and ``SHAPES_PATH`` come from
:mod:`ontology.terms` and are imported on first use, so importing the plain types does not
pull in rdflib (the extractor's start-up does not need it).
"""

from ontology.model import (
    ENTITY_TYPES,
    LITERAL,
    ORGANIZATION_TYPES,
    Article,
    Entity,
    Evidence,
    Fact,
    Qualifiers,
)

__all__ = [
    "AIGOV",
    "ENTITY_TYPES",
    "LITERAL",
    "ONTOLOGY_PATH",
    "ORGANIZATION_TYPES",
    "SHAPES_PATH",
    "Article",
    "Entity",
    "Evidence",
    "Fact",
    "Qualifiers",
    "load_ontology",
    "load_shapes",
]

_FROM_TERMS = frozenset({"AIGOV", "ONTOLOGY_PATH", "SHAPES_PATH", "load_ontology", "load_shapes"})


def __getattr__(name: str):
    """Load :mod:`ontology.terms` (and rdflib) only when one of its names is asked for."""
    if name in _FROM_TERMS:
        from ontology import terms

        return getattr(terms, name)
    raise AttributeError(f"module 'ontology' has no attribute {name!r}")
