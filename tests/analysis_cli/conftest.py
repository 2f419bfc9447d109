"""A store built once from examples/articles (plus an ownership article of our own) by the real CLI.

``run_aigov`` runs the installed ``aigov`` script in a subprocess with the source tree first on
``PYTHONPATH``, so the commands under test are the ones in this checkout.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles"
OWN_ARTICLES = Path(__file__).with_name("articles")
AIGOV = Path(sys.executable).with_name("aigov")


def run_aigov(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """The real command line, in a fresh process, with a wide terminal so tables are not cut."""
    environ = {
        **os.environ,
        "COLUMNS": "250",
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
    }
    environ.pop("AIGOV_STORE", None)
    return subprocess.run(
        [str(AIGOV), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environ,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
    )


@pytest.fixture(scope="session")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded store holding every example article and ``articles/holding-structure.md``."""
    store = tmp_path_factory.mktemp("analysis-cli") / "store"
    done = run_aigov("add", str(EXAMPLES), str(OWN_ARTICLES), "--store", str(store))
    assert done.returncode == 0, done.stderr
    return store


@pytest.fixture(scope="session")
def entity_graph(example_store: Path):
    """The entity graph of ``example_store`` read in this process, to compare the CLI against."""
    from aigov import KnowledgeGraph

    with KnowledgeGraph(example_store, read_only=True) as kg:
        return kg.entity_graph()
