"""The page benchmark at a tiny size and the screenshot script, through the same Chromium."""

from __future__ import annotations

import importlib.util
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from graph.viz import write_page
from tests.browser.graphs import sample_graph

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_graph_has_the_benchmark_shape():
    bench = load(ROOT / "benchmarks" / "bench_page.py")
    g = bench.generate_graph(200)
    assert g.number_of_nodes() == 200
    assert 250 <= g.number_of_edges() <= 300
    assert all(data["evidence"] and data["label"] for _, _, data in g.edges(data=True))


def test_benchmark_runs_at_a_tiny_size(chromium, capsys):
    bench = load(ROOT / "benchmarks" / "bench_page.py")
    [row] = bench.main(sizes=(25,), context=chromium, repeats=1)
    assert row["nodes"] == row["drawn"] == 25
    assert row["ready_s"] > 0 and row["bytes"] > 100_000
    line = capsys.readouterr().out.strip()
    assert line.startswith("page     25 nodes") and "ready in Chromium" in line


def test_screenshot_script_writes_a_1400_by_900_png(chromium, tmp_path):
    page = tmp_path / "graph.html"
    write_page(sample_graph(), page)
    out = tmp_path / "graph.png"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshot.py"), str(page), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    header = out.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1400, 900)


def test_screenshot_script_reports_a_missing_page_on_one_line(tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshot.py"), str(tmp_path / "nope.html"), "x.png"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == f"screenshot: {tmp_path / 'nope.html'}: no such page"
