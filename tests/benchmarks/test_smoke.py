"""Every benchmark at tiny size (``--quick``), so none of them can rot unnoticed.

No timing is asserted: these check that each benchmark runs the real code end to end, prints
its summary line and writes its rows to the results page. The helpers that shape the inputs
(the renamed ingest corpus, the synthetic store corpus, the import-chain parser) are checked
on inputs written here.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import BENCHMARKS
from benchmarks.importcheck import chain, parse_importtime
from benchmarks.ingest_corpus import Template
from benchmarks.names import NameMaker
from benchmarks.report import Row, render_markdown
from benchmarks.synthetic import EXTRACTOR_VERSION, SyntheticCorpus
from graph.rdf import article_quads

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _run(*args: str, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--out", str(out), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)


@pytest.mark.parametrize("name", [n for n in BENCHMARKS if n != "page"])
def test_each_benchmark_runs_quick(name: str, tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    proc = _run("--only", name, out=out)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = [line for line in proc.stdout.splitlines() if line.startswith(f"{name}: ")]
    assert len(lines) == 1, proc.stdout
    page = out.read_text(encoding="utf-8")
    assert "| benchmark | case |" in page
    assert f"| {name} |" in page
    assert "cores" in page and "Commit:" in page


@pytest.mark.browser
def test_page_benchmark_runs_quick(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    proc = _run("--only", "page", out=out)
    assert proc.returncode == 0, proc.stderr[-2000:]
    page = out.read_text(encoding="utf-8")
    assert "| page |" in page
    assert "ready in Chromium" in page, page


def test_unknown_benchmark_is_a_one_line_error(tmp_path: Path) -> None:
    proc = _run("--only", "nonsense", out=tmp_path / "r.md")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "nonsense" in proc.stderr


def test_ingest_template_renames_people_and_organisations() -> None:
    raw = ("---\ntitle: Norvale Dynamics hires Petra Quell\npublished: 2021-03-04\n---\n\n"
           "Norvale Dynamics said on Monday that Petra Quell would lead it from 2022. Ms. Quell "
           "previously ran Hallbeck Partners, which Norvale bought in 2019.\n")
    entities = [
        {"name": "Norvale Dynamics", "type": "Company", "aliases": ["Norvale"]},
        {"name": "Petra Quell", "type": "Person", "aliases": ["Quell"]},
        {"name": "Hallbeck Partners", "type": "Investor", "aliases": []},
        {"name": "Monday", "type": "Event", "aliases": []},
    ]
    text = Template(Path("t.md"), raw, entities).instantiate(NameMaker(3), random.Random(3))
    for old in ("Norvale", "Petra", "Quell", "Hallbeck"):
        assert old not in text
    assert "Monday" in text  # only people and organisations are renamed
    assert "Ms. " in text and "\npublished: " in text
    years = {int(y) for y in __import__("re").findall(r"\b20\d\d\b", text)}
    assert len(years) == 3


def test_synthetic_corpus_reaches_its_size_and_names_query_targets() -> None:
    corpus = SyntheticCorpus(5_000)
    items = list(corpus.articles())
    total = sum(count for _, _, count in items)
    assert 5_000 <= total < 5_000 + 1_000
    assert total == sum(len(article_quads(a, f, extractor_version=EXTRACTOR_VERSION)) for a, f, _ in items)
    assert corpus.targets.article.endswith(items[0][0].id)
    subjects = {f.subject.name for _, facts, _ in items for f in facts}
    assert corpus.people.entities[5].name in subjects or corpus.orgs.entities[5].name in subjects


def test_import_chain_names_who_imported_a_module() -> None:
    stderr = "\n".join([
        "import time: self [us] | cumulative | imported package",
        "import time:       100 |        100 |       heavy.core",
        "import time:        50 |        150 |     heavy",
        "import time:        20 |        170 |   mid.layer",
        "import time:        10 |        180 | top",
        "import time:         5 |          5 | other",
    ])
    lines = parse_importtime(stderr)
    assert [line.depth for line in lines] == [3, 2, 1, 0, 0]
    assert chain(lines, "heavy") == ["top", "mid.layer", "heavy", "heavy.core"]
    assert chain(lines, "missing") == []


def test_results_page_marks_missed_targets() -> None:
    rows = [Row("store", "a", "1 ms", "100 ms", 100.0, ">= 50x", True),
            Row("store", "b", "9 ms", "", None, "<= 5 ms", False, note="x|y")]
    page = render_markdown(rows, {"cpu": "c", "cores": "2", "ram": "1 GiB", "python": "3", "date": "d",
                                  "commit": "abc"}, ["store: ok"], ["a finding"])
    assert "| store | a | 1 ms | 100 ms | 100.00x | >= 50x | yes |" in page
    assert "**no**" in page and "x\\|y" in page and "- a finding" in page


def test_selective_queries_prefer_the_saved_library_and_run_on_a_real_store(tmp_path: Path) -> None:
    from benchmarks.queries import SAVED, selective_queries
    from graph.store import open_store

    corpus = SyntheticCorpus(3_000)
    with open_store(tmp_path / "store") as store:
        for article, facts, _ in corpus.articles():
            store.add_article(article, facts, extractor_version=EXTRACTOR_VERSION)
        queries = selective_queries(__import__("dataclasses").asdict(corpus.targets))
        for text, _origin in queries.values():
            assert len(store.query(text).rows) >= 1
    assert "person's roles" in queries and "article's facts" in queries
    if (SAVED / "leadership-timeline.rq").is_file():
        saved = [name for name, (_, origin) in queries.items() if origin == "saved"]
        assert any("leadership-timeline.rq" in name for name in saved)
        text = next(text for name, (text, _) in queries.items() if "leadership-timeline.rq" in name)
        assert corpus.targets.org in text and "# @values" not in text
