"""The one exception the endpoint's parts raise to end a request with an HTTP status and a text line.

Kept apart from ``ontology.errors``: a status code is a fact about HTTP, not about the
knowledge graph, and only the endpoint speaks HTTP. Store and query errors from the rest
of the project are mapped onto it in one place (``graph.endpoint._runner``).
"""

from __future__ import annotations

__all__ = ["HttpError"]


class HttpError(Exception):
    """A request that ends with ``status`` and the one-line text ``message`` (never a traceback)."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = " ".join(str(message).split())
        super().__init__(f"{status}: {self.message}")
