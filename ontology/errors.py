"""The project's exceptions, in one hierarchy, so callers catch exactly what they mean.

Every error the user can cause carries a one-line message that names the thing at fault
(the file, the URL, the store) and the problem; the CLI prints it and exits non-zero.
They live beside the shared types because both wings raise them and neither may import the other.
"""

from __future__ import annotations

__all__ = [
    "AigovError",
    "ArticleError",
    "ConfigurationError",
    "FetchError",
    "QueryError",
    "StoreBusyError",
    "StoreError",
    "UnknownTermError",
]


class AigovError(Exception):
    """Base of every error aigov raises on purpose."""


class ConfigurationError(AigovError):
    """A setting (environment variable, flag, model name) is unusable."""


class UnknownTermError(AigovError, AttributeError):
    """A name that is not a term of the aigov ontology."""


class ArticleError(AigovError):
    """An input that cannot become an article: empty, binary, undecodable, too big, missing...

    ``str(error)`` is ``"<where>: <problem>"`` so a batch can report it on one line.
    """

    def __init__(self, where: str, problem: str) -> None:
        self.where = str(where)
        self.problem = problem
        super().__init__(f"{self.where}: {problem}")


class FetchError(ArticleError):
    """A URL or feed that could not be fetched (HTTP error, timeout, too large, not HTML)."""


class StoreError(AigovError):
    """The store cannot be opened, read or written."""


class StoreBusyError(StoreError):
    """Another process holds the embedded store's write lock."""


class QueryError(AigovError):
    """A SPARQL query that is malformed, refused (an update on a read-only path) or over a limit."""
