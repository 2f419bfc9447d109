"""Running the real ``aigov`` command in a subprocess, and a small article written for the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_d17f13decdf4a82f.txt"
AIGOV = Path(sys.executable).with_name("aigov")

ARTICLE = """---
title: "Board removes chief executive of AI lab"
published: 2023-11-18
source: "written for the aigov-kg tests"
---
OpenAI's board dismissed Sam Altman as chief executive on Friday, saying it had lost confidence in him.

Mira Murati, the company's chief technology officer, was named interim chief executive.
"""


def run_aigov(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    environ = {**os.environ, "COLUMNS": "200", **(env or {})}
    environ.pop("AIGOV_STORE", None)
    return subprocess.run(
        [str(AIGOV), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environ,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "board-removes-ceo.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path
