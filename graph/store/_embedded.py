"""The embedded backend: Oxigraph (RocksDB) in a folder, through pyoxigraph and rdflib.

Writes go straight to ``pyoxigraph.Store.extend`` (one RocksDB transaction per article, so a
killed process leaves each article wholly present or absent) and queries straight to
``Store.query`` with the union of the named graphs as default graph; ``dataset`` offers the
same store as an rdflib Dataset (oxrdflib) for code that wants rdflib's API.

One process may write (``WriterLock``); read-only opens use ``Store.read_only``, a snapshot of
the store as it was when opened that works while a writer runs (``refresh`` takes a new one).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.term import Node

from graph.rdf import PREFIXES, Quad
from graph.results import QueryResult
from graph.store._lock import LOCK_NAME, WriterLock
from graph.store._sparql import one_line, values_clause
from graph.store._terms import from_ox, to_ox_quad
from ontology.errors import QueryError, StoreBusyError, StoreError

__all__ = ["ARCHIVE_NAME", "EmbeddedBackend"]

#: The folder inside a store where fetched pages are archived (``aigov add URL``); it may be
#: created before the store itself, so an otherwise empty folder holding it is still ours to fill.
ARCHIVE_NAME = "archive"

T = TypeVar("T")
_READ_ONLY_ATTEMPTS = 10
_OPEN_FOR_WRITING: set[str] = set()
_OPEN_GUARD = threading.Lock()


def _is_storage_error(error: Exception) -> bool:
    """RocksDB trouble (a file gone, an IO error), as opposed to a query Oxigraph cannot evaluate."""
    text = str(error)
    return isinstance(error, OSError) or "IO error" in text or "Corruption" in text


def _looks_like_store(folder: Path) -> bool:
    """True for a folder Oxigraph made, or an empty one (ours to fill); False for anything else."""
    entries = {entry.name for entry in folder.iterdir()}
    return not (entries - {LOCK_NAME, ARCHIVE_NAME}) or "CURRENT" in entries


class EmbeddedBackend:
    """An Oxigraph store on disk; ``read_only`` opens never take the writer lock."""

    kind = "embedded"

    def __init__(self, folder: Path, *, read_only: bool) -> None:
        self.folder = folder
        self.location = str(folder)
        self.read_only = read_only
        self._write_guard = threading.Lock()
        self._lock: WriterLock | None = None
        self._dataset: Dataset | None = None
        if folder.exists() and not folder.is_dir():
            raise StoreError(f"store {folder}: not a folder")
        if read_only:
            self._store = self._open_read_only()
        else:
            self._store = self._open_for_writing()

    # -- opening and closing ------------------------------------------------------------------
    def _open_read_only(self) -> ox.Store:
        if not (self.folder / "CURRENT").is_file():
            raise StoreError(f"store {self.folder}: no such store (add an article first)")
        # A writer in another process may flush or compact while RocksDB reads the file list, and
        # the open then fails on a file that has just gone: that is a race, not damage, so retry.
        problem: Exception | None = None
        for attempt in range(_READ_ONLY_ATTEMPTS):
            try:
                return ox.Store.read_only(str(self.folder))
            except (OSError, RuntimeError) as error:
                problem = error
                time.sleep(0.02 * (attempt + 1))
        raise StoreError(f"store {self.folder}: cannot open read-only ({one_line(problem)})") from None

    def _open_for_writing(self) -> ox.Store:
        key = str(self.folder.resolve())
        with _OPEN_GUARD:
            if key in _OPEN_FOR_WRITING:
                raise StoreError(f"store {self.folder} is already open for writing in this process")
            _OPEN_FOR_WRITING.add(key)
        try:
            foreign = f"store {self.folder}: the folder is not empty and holds no aigov store"
            # A folder with our lock file may be a store another aigov process is creating right
            # now (RocksDB files, no CURRENT yet): wait for its lock before judging the contents.
            if (self.folder.exists() and not (self.folder / LOCK_NAME).exists()
                    and not _looks_like_store(self.folder)):
                raise StoreError(foreign)
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                problem = f"cannot create the folder ({error.strerror})"
                raise StoreError(f"store {self.folder}: {problem}") from None
            self._lock = WriterLock(self.folder)
            self._lock.acquire()
            if not _looks_like_store(self.folder):
                raise StoreError(foreign)
            try:
                return ox.Store(str(self.folder))
            except (OSError, RuntimeError) as error:
                if "lock" in str(error).lower():  # RocksDB's own LOCK: a non-aigov process (oxigraph serve)
                    raise StoreBusyError(f"store {self.folder} is busy: another program has it open "
                                         f"({one_line(error)})") from None
                raise StoreError(f"store {self.folder}: cannot open ({one_line(error)})") from None
        except BaseException:
            if self._lock is not None:
                self._lock.release()
            with _OPEN_GUARD:
                _OPEN_FOR_WRITING.discard(key)
            raise

    def refresh(self) -> None:
        """A read-only view is a snapshot from when it was opened: take a new one."""
        if self.read_only:
            self._dataset = None
            self._store = self._open_read_only()

    def close(self) -> None:
        if self._store is None:
            return
        if self._dataset is not None:
            self._dataset.store._store = None  # oxrdflib keeps its own reference to the RocksDB handle
            self._dataset = None
        if not self.read_only:
            with contextlib.suppress(OSError):
                self._store.flush()
        self._store = None  # dropping the last reference closes RocksDB and frees its LOCK
        if self._lock is not None:
            self._lock.release()
            self._lock = None
            with _OPEN_GUARD:
                _OPEN_FOR_WRITING.discard(str(self.folder.resolve()))

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"store {self.folder}: already closed")
        return self._store

    @property
    def dataset(self) -> Dataset:
        """The store as an rdflib Dataset (oxrdflib) whose default graph is the union of the articles."""
        if self._dataset is None:
            from oxrdflib import OxigraphStore

            self._dataset = Dataset(store=OxigraphStore(store=self.store), default_union=True)
            for prefix, namespace in PREFIXES.items():
                self._dataset.bind(prefix, namespace, override=True)
        return self._dataset

    # -- writing --------------------------------------------------------------------------------
    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"store {self.folder} was opened read-only")
        return self.store

    def has_graph(self, iri: str) -> bool:
        return self._reading(lambda: self.store.contains_named_graph(ox.NamedNode(iri)))

    def insert_graph(self, iri: str, quads: list[Quad]) -> bool:
        store = self._writable()
        with self._write_guard:
            if self.has_graph(iri):
                return False
            try:
                store.extend([to_ox_quad(q) for q in quads])
            except OSError as error:
                raise StoreError(f"store {self.folder}: cannot write ({one_line(error)})") from None
            return True

    def add_to_graph(self, iri: str, quads: list[Quad]) -> bool:
        """Add quads to an existing graph in one transaction; ``False`` if all were there already."""
        store = self._writable()
        with self._write_guard:
            if not self.has_graph(iri):
                raise StoreError(f"store {self.folder}: no article graph <{iri}>")
            new = [q for q in (to_ox_quad(q) for q in quads) if q not in store]
            if not new:
                return False
            try:
                store.extend(new)
            except OSError as error:
                raise StoreError(f"store {self.folder}: cannot write ({one_line(error)})") from None
            return True

    def drop_graph(self, iri: str) -> bool:
        store = self._writable()
        with self._write_guard:
            if not self.has_graph(iri):
                return False
            try:
                store.update(f"DROP GRAPH <{iri}>")
            except OSError as error:
                raise StoreError(f"store {self.folder}: cannot write ({one_line(error)})") from None
            return True

    # -- reading --------------------------------------------------------------------------------
    def run_query(self, sparql: str, bindings: dict[str, Node]) -> QueryResult:
        return self._reading(lambda: self._run(sparql, bindings))

    def _reading(self, read: Callable[[], T]) -> T:
        """Run a read; a read-only snapshot that lost files to a writer's compaction is renewed once."""
        try:
            return read()
        except (OSError, RuntimeError) as error:
            if not _is_storage_error(error):
                raise QueryError(f"query failed: {one_line(error)}") from None
            if not self.read_only:
                raise StoreError(f"store {self.folder}: cannot read ({one_line(error)})") from None
        self.refresh()
        try:
            return read()
        except (OSError, RuntimeError) as error:
            raise StoreError(f"store {self.folder}: cannot read ({one_line(error)})") from None

    def _run(self, sparql: str, bindings: dict[str, Node]) -> QueryResult:
        try:
            # Bindings travel as an escaped VALUES clause, as for a remote endpoint, so both
            # backends give the same answers (Oxigraph's substitutions only bind projected variables).
            result = self.store.query(sparql + values_clause(bindings), use_default_graph_as_union=True,
                                      prefixes=PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL: {one_line(error)}") from None
        except (ValueError, TypeError) as error:
            raise QueryError(f"query failed: {one_line(error)}") from None
        if isinstance(result, ox.QueryBoolean):
            return QueryResult.ask(bool(result))
        if isinstance(result, ox.QuerySolutions):
            names = [variable.value for variable in result.variables]
            width = len(names)
            rows = [[from_ox(solution[i]) for i in range(width)] for solution in result]
            return QueryResult.select(names, rows)
        return QueryResult.from_triples([(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
                                         for t in result])

    def dump(self, fmt: ox.RdfFormat, out: IO[bytes]) -> None:
        """The whole dataset (all named graphs) in a dataset format, written natively by Oxigraph."""
        try:
            self.store.dump(out, fmt, prefixes=PREFIXES)
        except OSError as error:
            raise StoreError(f"store {self.folder}: cannot read ({one_line(error)})") from None

    def union_triples(self) -> list[ox.Triple]:
        solutions = self.store.query("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        return [ox.Triple(s[0], s[1], s[2]) for s in solutions]

    def all_quads(self) -> list[ox.Quad]:
        return list(self.store.quads_for_pattern(None, None, None, None))
