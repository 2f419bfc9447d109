"""The query path stays light: importing graph's store, results and views pulls in no spaCy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ["spacy", "extract", "aigov", "pyshacl", "pyvis"]


def test_graph_imports_none_of_the_heavy_or_forbidden_modules():
    code = ("import json, sys\n"
            "import graph, graph.store, graph.results, graph.rdf, graph.networkx_view\n"
            f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
