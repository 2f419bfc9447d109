"""Facts -> RDF -> store, SPARQL, networkx, pyvis. Never imports spaCy or ``extract``.

Names are imported lazily: ``aigov query`` needs the store, not networkx or pyvis, and its
start-up time is part of the user experience.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "AIGOV": "graph.rdf",
    "PREFIXES": "graph.rdf",
    "article_quads": "graph.rdf",
    "facts_dataset": "graph.rdf",
    "QueryResult": "graph.results",
    "KnowledgeStore": "graph.store",
    "open_store": "graph.store",
    "entity_graph": "graph.networkx_view",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        # Subpackages (graph.analysis, graph.viz, ...) load on first attribute access too.
        try:
            return import_module(f"graph.{name}")
        except ModuleNotFoundError:
            raise AttributeError(f"module 'graph' has no attribute {name!r}") from None
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
