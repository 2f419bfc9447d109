"""Facts as JSON records: the line format of ``aigov extract --format jsonl`` (DESIGN.md).

The evaluation scripts parse these lines, so the keys and their order are a contract:
``source, article, subject, subject_type, subject_iri, predicate, object, object_type,
object_iri, qualifiers, evidence, span, confidence`` and ``status`` only for claims.
"""

from __future__ import annotations

from ontology.identifiers import article_iri, entity_iri
from ontology.model import LITERAL, Article, Fact

__all__ = ["fact_record"]


def fact_record(fact: Fact, article: Article) -> dict:
    """One fact as the JSONL contract's dict (``object_iri`` is ``None`` for a literal object)."""
    literal = isinstance(fact.obj, str)
    record = {
        "source": article.path,
        "article": article_iri(article.id),
        "subject": fact.subject.name,
        "subject_type": fact.subject.type,
        "subject_iri": entity_iri(fact.subject.name),
        "predicate": fact.predicate,
        "object": fact.object_name,
        "object_type": LITERAL if literal else fact.object_type,
        "object_iri": None if literal else entity_iri(fact.object_name),
        "qualifiers": fact.qualifiers.as_dict(),
        "evidence": fact.evidence.text,
        "span": [fact.evidence.start, fact.evidence.end],
        "confidence": round(float(fact.confidence), 3),
    }
    if fact.status == "claimed":
        record["status"] = "claimed"
    return record
