"""The two HTML pages: the graph page (drawn from the store, cached) and the query page.

The graph page is ``graph.viz.write_page`` on ``graph.networkx_view.entity_graph`` of the
store. Drawing it lays the graph out, which takes a while on a large store, so the bytes are
kept and redrawn only when the store has changed (an embedded store's files moved, a remote
store's quad and graph counts moved) or when the reader asks with ``?reload=1``.
"""

from __future__ import annotations

import tempfile
import threading
from importlib import resources
from pathlib import Path

from graph.endpoint._runner import is_remote, store_version
from graph.store import KnowledgeStore, open_store, resolve_location

__all__ = ["GraphPage", "query_page"]

_COUNTS = "SELECT (COUNT(*) AS ?quads) (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } }"


def query_page() -> bytes:
    """The query page (inline CSS and JS, no network but this endpoint)."""
    return resources.files("graph.endpoint").joinpath("query_page.html").read_bytes()


class GraphPage:
    """The store's graph page, redrawn when the store changes."""

    def __init__(self, location: str | None, *, title: str = "aigov-kg") -> None:
        self.location = resolve_location(location)
        self.title = title
        self._store: KnowledgeStore | None = None
        self._version: object = None
        self._html: bytes | None = None
        self._guard = threading.Lock()

    def _open(self) -> KnowledgeStore:
        if self._store is None:
            self._store = open_store(self.location, read_only=True)
        return self._store

    def _current_version(self) -> object:
        if is_remote(self.location):
            rows = self._open().query(_COUNTS).rows
            return tuple(str(term) for term in rows[0]) if rows else ()
        return store_version(Path(self.location).expanduser())

    def html(self, *, reload: bool = False) -> bytes:
        """The page's bytes; raises StoreError if the store cannot be read, QueryError if too large."""
        with self._guard:
            version = self._current_version()
            if self._html is not None and version == self._version and not reload:
                return self._html
            store = self._open()
            store.refresh()
            from graph.networkx_view import entity_graph
            from graph.viz import write_page

            graph = entity_graph(store)
            with tempfile.TemporaryDirectory(prefix="aigov-serve-") as folder:
                target = Path(folder) / "graph.html"
                write_page(graph, target, title=self.title)
                self._html = target.read_bytes()
            self._version = version
            return self._html

    def close(self) -> None:
        with self._guard:
            if self._store is not None:
                self._store.close()
                self._store = None
