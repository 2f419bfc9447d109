"""Query workers: separate processes that run the queries, so a query can be stopped at its deadline.

A pyoxigraph query cannot be interrupted from Python (the evaluation holds the thread in
Rust until it yields a solution, and a ``COUNT`` over a cross join yields nothing for a long
time), so each query runs in a worker process and a query past the time limit is ended by
killing its worker; a fresh worker takes its place in the background. Workers are started
with ``spawn`` (the server is multi-threaded, where ``fork`` is unsafe) and each opens the
store read-only once, then answers queries one at a time over a pipe.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import signal
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

from graph.endpoint._errors import HttpError
from graph.endpoint._protocol import SparqlRequest
from graph.endpoint._runner import QueryRunner, Reply, text_reply
from ontology.errors import AigovError, StoreError

__all__ = ["WorkerPool"]

_CONTEXT = multiprocessing.get_context("spawn")
_START_TIMEOUT = 60.0


def worker_main(conn: Connection, location: str, max_results: int) -> None:
    """A worker's life: open the store, say so, then answer requests until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the server decides
    try:
        runner = QueryRunner(location, max_results)
    except AigovError as error:
        conn.send(("error", str(error)))
        return
    except Exception as error:
        conn.send(("error", f"store {location}: cannot open ({type(error).__name__}: {error})"))
        return
    conn.send(("ready", None))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            break
        if request is None:
            break
        try:
            conn.send(runner.answer(request))
        except (BrokenPipeError, OSError):
            break
    runner.close()


class _Worker:
    def __init__(self, location: str, max_results: int) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=worker_main, args=(child, location, max_results),
                                        name="aigov-query-worker", daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        """Block until the worker has opened the store; StoreError with its reason otherwise."""
        try:
            if not self.conn.poll(timeout):
                self.kill()
                raise StoreError("a query worker did not start in time")
            status, message = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise StoreError("a query worker ended while opening the store") from None
        if status != "ready":
            self.kill()
            raise StoreError(message)

    def kill(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.process.kill()
        with contextlib.suppress(OSError, ValueError, AssertionError):
            self.process.join(5)
        with contextlib.suppress(OSError):
            self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError, BrokenPipeError):
            self.conn.send(None)
        self.process.join(2)
        if self.process.is_alive():
            self.kill()
        with contextlib.suppress(OSError):
            self.conn.close()


class WorkerPool:
    """``size`` workers on one store; ``run`` answers a request within ``timeout`` seconds or 503."""

    def __init__(self, location: str, *, size: int, timeout: float, max_results: int) -> None:
        self.location = location
        self.size = size
        self.timeout = timeout
        self.max_results = max_results
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._guard = threading.Lock()
        self._closed = False

    def start(self) -> None:
        """Start every worker and wait until each has opened the store (fails fast if one cannot)."""
        workers = [self._new() for _ in range(self.size)]
        try:
            for worker in workers:
                worker.wait_ready(_START_TIMEOUT)
        except StoreError:
            self.close()
            raise
        for worker in workers:
            self._idle.put(worker)

    def _new(self) -> _Worker:
        worker = _Worker(self.location, self.max_results)
        with self._guard:
            self._all.add(worker)
        return worker

    def _forget(self, worker: _Worker) -> None:
        worker.kill()
        with self._guard:
            self._all.discard(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another in the background; it joins the pool once ready."""
        self._forget(worker)

        def start_one() -> None:
            while not self._closed:
                fresh = self._new()
                try:
                    fresh.wait_ready(_START_TIMEOUT)
                except StoreError:
                    self._forget(fresh)
                    time.sleep(1.0)  # the store is gone or broken; keep trying, queries get 503 meanwhile
                    continue
                if self._closed:
                    self._forget(fresh)
                else:
                    self._idle.put(fresh)
                return

        threading.Thread(target=start_one, name="aigov-worker-start", daemon=True).start()

    def run(self, request: SparqlRequest) -> Reply:
        """The worker's reply; 503 when every worker stays busy, or the query passes the time limit."""
        if self._closed:
            return text_reply(503, "the endpoint is shutting down")
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return text_reply(503, f"all {self.size} query workers stayed busy for {self.timeout:g} s; "
                                   "try again later")
        try:
            worker.conn.send(request)
            if not worker.conn.poll(self.timeout):
                self._replace(worker)
                return text_reply(503, f"the query ran past this endpoint's time limit of {self.timeout:g} s "
                                       "and was stopped; narrow it or add a LIMIT")
            reply: Any = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            return text_reply(500, "the query worker ended unexpectedly (out of memory?); "
                                   "try a narrower query")
        self._idle.put(worker)
        if not isinstance(reply, Reply):
            raise HttpError(500, "the query worker sent an unexpected answer")
        return reply

    def close(self) -> None:
        """Stop every worker (idle ones politely, busy ones by force)."""
        self._closed = True
        with self._guard:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()
