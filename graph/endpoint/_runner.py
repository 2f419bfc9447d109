"""Answering one read-only query inside a query worker, with a cap on the answer's size.

An embedded store is read through its own read-only pyoxigraph handle so that solutions can
be counted as they stream out of Oxigraph and the query stopped at ``max_results + 1``,
before a cross join fills the memory; the handle is a snapshot, reopened whenever the store's
files change (``store_version``), so answers follow ``aigov add`` running alongside. A
remote store is asked through ``KnowledgeStore.query`` (the remote server bounds its own
work; the cap is applied to what comes back).

Every outcome, good or bad, becomes a ``Reply`` (status, content type, bytes): nothing
raised here ever reaches an HTTP client as a traceback.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.endpoint._errors import HttpError
from graph.endpoint._formats import choose_format, render
from graph.endpoint._protocol import SparqlRequest
from graph.rdf import PREFIXES
from graph.results import QueryResult
from graph.store import KnowledgeStore, open_store, resolve_location
from graph.store._lock import LOCK_NAME
from graph.store._sparql import one_line
from graph.store._terms import from_ox
from ontology.errors import AigovError, QueryError, StoreError

__all__ = ["QueryRunner", "Reply", "is_remote", "store_version", "text_reply"]

_REMOTE = re.compile(r"^(https?://|query=|update=)", re.IGNORECASE)
TEXT = "text/plain; charset=utf-8"
_MAX_MESSAGE = 300
_OPEN_ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class Reply:
    """What goes back to the HTTP client."""

    status: int
    content_type: str
    body: bytes


def text_reply(status: int, message: str) -> Reply:
    """A one-line plain-text reply; parser messages that list every expected token are cut short."""
    line = " ".join(message.split())
    if len(line) > _MAX_MESSAGE:
        line = line[:_MAX_MESSAGE].rstrip() + " ..."
    return Reply(status, TEXT, (line + "\n").encode("utf-8"))


def is_remote(location: str) -> bool:
    """Whether a (resolved) store location names a SPARQL endpoint rather than a folder."""
    return bool(_REMOTE.match(location.strip()))


def store_version(folder: str | os.PathLike[str]) -> tuple:
    """A cheap fingerprint of an embedded store's files: it changes whenever a writer commits.

    RocksDB appends every commit to its write-ahead log and rewrites its manifest on
    compaction, so names, sizes and modification times of the folder's files move with
    every change; the writer lock file is left out (taking the lock is not a change).
    """
    entries = []
    try:
        with os.scandir(folder) as listing:
            for entry in listing:
                if entry.name == LOCK_NAME:
                    continue
                try:
                    info = entry.stat()
                except OSError:
                    continue
                entries.append((entry.name, info.st_size, info.st_mtime_ns))
    except OSError:
        return ()
    return tuple(sorted(entries))


def _too_many(limit: int) -> HttpError:
    return HttpError(413, f"the answer has more than {limit} results (this endpoint's limit); "
                          "add a LIMIT or narrow the query")


class QueryRunner:
    """Runs read-only queries against one store; one instance lives in each query worker."""

    def __init__(self, location: str | None, max_results: int) -> None:
        self.location = resolve_location(location)
        self.max_results = max_results
        self._remote: KnowledgeStore | None = None
        self._store: ox.Store | None = None
        self._version: tuple = ()
        if is_remote(self.location):
            self._remote = open_store(self.location, read_only=True)
        else:
            self.folder = Path(self.location).expanduser()
            self._open()

    # -- the embedded snapshot -------------------------------------------------------------------
    def _open(self) -> ox.Store:
        if not (self.folder / "CURRENT").is_file():
            raise StoreError(f"store {self.folder}: no such store (add an article first)")
        # A writer may flush or compact while RocksDB lists the files: that race passes, so retry.
        problem: Exception | None = None
        for attempt in range(_OPEN_ATTEMPTS):
            version = store_version(self.folder)
            try:
                self._store = ox.Store.read_only(str(self.folder))
            except (OSError, RuntimeError) as error:
                problem = error
                time.sleep(0.02 * (attempt + 1))
                continue
            self._version = version
            return self._store
        raise StoreError(f"store {self.folder}: cannot open read-only ({one_line(problem)})")

    def _current(self) -> ox.Store:
        if self._store is None or store_version(self.folder) != self._version:
            self._store = None
            return self._open()
        return self._store

    def close(self) -> None:
        self._store = None
        if self._remote is not None:
            self._remote.close()

    # -- answering -------------------------------------------------------------------------------
    def answer(self, request: SparqlRequest) -> Reply:
        """The reply to one request; never raises."""
        try:
            result = self.run(request.query)
            fmt = choose_format(result, request.accept, request.formats)
            return Reply(200, fmt.content_type, render(result, fmt))
        except HttpError as error:
            return text_reply(error.status, error.message)
        except QueryError as error:
            return text_reply(400, str(error))
        except AigovError as error:
            return text_reply(502 if self._remote is not None else 500, str(error))
        except MemoryError:
            return text_reply(413, "the answer is too large for this endpoint's memory; add a LIMIT")
        except Exception as error:  # the endpoint must answer, whatever broke
            return text_reply(500, f"internal error: {type(error).__name__}: {one_line(error)}")

    def run(self, sparql: str) -> QueryResult:
        """The query's answer, or HttpError 413 past ``max_results`` rows / triples, QueryError if bad."""
        if self._remote is not None:
            result = self._remote.query(sparql)
            if len(result.rows) > self.max_results:
                raise _too_many(self.max_results)
            return result
        try:
            return self._run_embedded(self._current(), sparql)
        except OSError:
            # The snapshot may have lost files to the writer's compaction: reopen, once.
            self._store = None
            try:
                return self._run_embedded(self._current(), sparql)
            except OSError as error:
                raise StoreError(f"store {self.folder}: cannot read ({one_line(error)})") from None

    def _run_embedded(self, store: ox.Store, sparql: str) -> QueryResult:
        limit = self.max_results
        try:
            answer = store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult.ask(bool(answer))
            if isinstance(answer, ox.QuerySolutions):
                names = [variable.value for variable in answer.variables]
                rows = []
                for solution in answer:
                    if len(rows) >= limit:
                        raise _too_many(limit)
                    rows.append([from_ox(solution[i]) for i in range(len(names))])
                return QueryResult.select(names, rows)
            triples = []
            for triple in answer:
                if len(triples) >= limit:
                    raise _too_many(limit)
                triples.append((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
            return QueryResult.from_triples(triples)
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL: {one_line(error)}") from None
        except (ValueError, TypeError, RuntimeError) as error:
            raise QueryError(f"query failed: {one_line(error)}") from None
