"""Helpers for the robustness tests: the real ``aigov`` console script in subprocesses, store dumps.

Everything here goes through real parts: the installed ``aigov`` script, a real embedded
Oxigraph folder, real files. A store's content is compared as its ``aigov export --format
nquads`` dump, grouped by named graph where an article's graph is what matters.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

AIGOV = Path(sys.executable).with_name("aigov")
ARTICLE_BASE = "https://w3id.org/aigov/article/"


def aigov_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a subprocess: no inherited store, a wide terminal, plus ``extra``."""
    environ = {**os.environ, "COLUMNS": "200", **(extra or {})}
    environ.pop("AIGOV_STORE", None)
    return environ


def run_aigov(*args: str, env: dict[str, str] | None = None, timeout: float = 400,
              cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``aigov ARGS`` to completion and return its result (text stdout and stderr)."""
    return subprocess.run([str(AIGOV), *args], capture_output=True, text=True, timeout=timeout,
                          env=aigov_env(env), stdin=subprocess.DEVNULL, cwd=cwd)


def _default_sigint() -> None:
    """A runner started in the background ignores SIGINT, and children inherit that: undo it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_aigov(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start ``aigov ARGS`` without waiting (for tests that kill or interrupt it, or run two at once)."""
    return subprocess.Popen([str(AIGOV), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=aigov_env(env), stdin=subprocess.DEVNULL,
                            preexec_fn=_default_sigint)


def export_nquads(store: Path) -> list[str] | None:
    """The store's N-Quads lines, sorted; ``None`` when there is no store at all."""
    if not (store / "CURRENT").exists():
        return None
    done = run_aigov("export", "--format", "nquads", "--store", str(store))
    assert done.returncode == 0, f"export failed: {done.stderr}"
    return sorted(line for line in done.stdout.splitlines() if line.strip())


def graph_of(line: str) -> str | None:
    """The graph IRI of one N-Quads line (``None`` for the default graph), parsed by Oxigraph."""
    import pyoxigraph as ox

    (quad,) = list(ox.parse(line.encode("utf-8"), ox.RdfFormat.N_QUADS))
    graph = quad.graph_name
    return graph.value if isinstance(graph, ox.NamedNode) else None


def quads_by_graph(lines: list[str]) -> dict[str | None, set[str]]:
    """N-Quads lines grouped by their graph."""
    graphs: dict[str | None, set[str]] = defaultdict(set)
    for line in lines:
        graphs[graph_of(line)].add(line)
    return dict(graphs)


def error_lines(stderr: str) -> list[str]:
    """The ``aigov: error: ...`` lines of a run's stderr."""
    return [line for line in stderr.splitlines() if line.startswith("aigov: error: ")]


def assert_no_traceback(done: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    assert "Traceback" not in done.stdout, done.stdout


@pytest.fixture(scope="session")
def extractor():
    """The real extractor (spaCy pipeline), loaded once for the session."""
    from extract import Extractor

    return Extractor()


class Batch:
    """A folder of made-up articles and, for each, its graph when imported alone into a fresh store."""

    def __init__(self, folder: Path, paths: list[Path], iris: dict[Path, str],
                 alone: dict[str, set[str]]) -> None:
        self.folder = folder
        self.paths = paths
        self.iris = iris
        self.alone = alone

    def union(self, paths: list[Path] | None = None) -> list[str]:
        """The sorted N-Quads of a store holding exactly these articles (default: all)."""
        lines: set[str] = set()
        for path in paths if paths is not None else self.paths:
            lines |= self.alone[self.iris[path]]
        return sorted(lines)


def import_alone(extractor, paths: list[Path], workdir: Path) -> tuple[dict[Path, str], dict[str, set[str]]]:
    """Each article imported by itself into an empty embedded store: article IRI and graph quads.

    The facade does the storing (entity resolution included), exactly as ``aigov add`` does.
    One store is reused, emptied after each article (opening a fresh RocksDB folder per
    article would cost more than the extraction); it is checked to be empty before each.
    """
    import io

    from aigov.knowledge_graph import KnowledgeGraph
    from extract import load_article
    from ontology.identifiers import article_iri

    iris: dict[Path, str] = {}
    alone: dict[str, set[str]] = {}
    with KnowledgeGraph(workdir / "alone") as kg:
        for path in paths:
            assert kg.store.stats()["quads"] == 0, "the reference store is empty before each article"
            article = load_article(path)
            assert kg.add_facts(article, extractor.extract(article, include_claims=True))
            out = io.BytesIO()
            kg.export("nquads", out)
            lines = {line for line in out.getvalue().decode("utf-8").splitlines() if line.strip()}
            iri = article_iri(article.id)
            assert set(quads_by_graph(sorted(lines))) == {iri}, "an article alone fills exactly its own graph"
            iris[path] = iri
            alone[iri] = lines
            assert kg.remove(iri)
    return iris, alone


@pytest.fixture(scope="session")
def made_up_batch(extractor, tmp_path_factory: pytest.TempPathFactory) -> Batch:
    """60 small made-up articles (no names shared between them) and their stand-alone graphs."""
    from tests.robustness.articles import made_up_articles, write_articles

    root = tmp_path_factory.mktemp("made-up-batch")
    paths = write_articles(root / "articles", made_up_articles(60, seed=20231117))
    iris, alone = import_alone(extractor, paths, root)
    return Batch(root / "articles", paths, iris, alone)
