"""Shared pieces for the growth tests: the article folders, one extractor per module, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GROWTH = Path(__file__).resolve().parent / "articles"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
EXAMPLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="module")
def extractor():
    """The real spaCy extractor, loaded once per module (loading is the slow part)."""
    from extract import Extractor

    return Extractor()


def run_cli(*args: str, store: str | None = None, timeout: float = 300,
            input: str | None = None) -> subprocess.CompletedProcess:
    """The real ``aigov`` command line in a subprocess, from the source tree."""
    environ = {**os.environ, "COLUMNS": "200"}
    environ.pop("AIGOV_STORE", None)
    if store is not None:
        environ["AIGOV_STORE"] = store
    return subprocess.run([sys.executable, "-c", "from aigov.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=timeout, env=environ, cwd=ROOT,
                          **({"input": input} if input is not None else {"stdin": subprocess.DEVNULL}))
