"""IRIs for entities, articles and facts, as DESIGN.md fixes them.

Both wings need them (``aigov extract`` prints entity IRIs without touching a store), so
they are computed here from names and hashes alone.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ontology.model import Fact

__all__ = [
    "ARTICLE_BASE",
    "CURATION_GRAPH",
    "ENTITY_BASE",
    "FACT_BASE",
    "ONTOLOGY_BASE",
    "article_id",
    "article_iri",
    "entity_iri",
    "fact_iri",
    "normalise_text",
    "slug",
]

ONTOLOGY_BASE = "https://w3id.org/aigov/ontology#"
ENTITY_BASE = "https://w3id.org/aigov/entity/"
ARTICLE_BASE = "https://w3id.org/aigov/article/"
FACT_BASE = "https://w3id.org/aigov/fact/"
#: The named graph holding researchers' curations (assertions, retractions, merges).
CURATION_GRAPH = "https://w3id.org/aigov/graph/curation"


def slug(name: str) -> str:
    """A readable, stable IRI segment: ``"Karén Simonyan"`` -> ``"karen-simonyan"``.

    Accents are folded so the same name typed with or without them lands on one IRI;
    a name with no Latin letters keeps a short hash so it still gets a unique slug.
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    folded = folded.replace("&", " and ").casefold()
    text = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if not text:
        text = "x-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]
    return text


def normalise_text(text: str) -> str:
    """The text an article id is computed from: Unicode NFC, unified newlines, trimmed lines.

    Two copies of an article that differ only in line endings or trailing spaces are one article.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def article_id(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


def entity_iri(name: str) -> str:
    return ENTITY_BASE + slug(name)


def article_iri(article_hash: str) -> str:
    return ARTICLE_BASE + article_hash


def fact_iri(article_hash: str, fact: Fact) -> str:
    """Same article, subject, predicate, object and qualifiers -> same IRI, so re-adding is a no-op."""
    obj = fact.obj if isinstance(fact.obj, str) else entity_iri(fact.obj.name)
    qualifiers = "|".join(f"{k}={v}" for k, v in fact.qualifiers.as_dict().items())
    key = "\x1f".join((article_hash, entity_iri(fact.subject.name), fact.predicate, obj, qualifiers))
    return FACT_BASE + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
