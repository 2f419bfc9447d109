"""Facts -> RDF -> store, SPARQL, networkx, pyvis. Never imports spaCy or ``extract``."""

from graph.networkx_view import entity_graph
from graph.rdf import AIGOV, PREFIXES, article_quads, facts_dataset
from graph.results import QueryResult
from graph.store import KnowledgeStore, open_store

__all__ = [
    "AIGOV",
    "PREFIXES",
    "KnowledgeStore",
    "QueryResult",
    "article_quads",
    "entity_graph",
    "facts_dataset",
    "open_store",
]
