"""The aigov vocabulary: the OWL ontology and SHACL shapes (Turtle), the closed term
namespace, and the plain types that ``extract`` produces and ``graph`` consumes.
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
    "ENTITY_TYPES",
    "LITERAL",
    "ORGANIZATION_TYPES",
    "Article",
    "Entity",
    "Evidence",
    "Fact",
    "Qualifiers",
]
