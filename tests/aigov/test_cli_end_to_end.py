"""The foundation's promises, through the real ``aigov`` command: article in, graph out."""

from __future__ import annotations

import json
import re
import shutil
import struct
import zlib

import pytest

from tests.aigov.conftest import ARTICLE, SEED, run_aigov
from tests.extract.test_extract_extractor import KEYS as JSONL_KEYS

pytestmark = pytest.mark.slow


def _store_quads(store) -> list[str]:
    """The store's content as sorted N-Quads, or None when the store does not exist."""
    if not store.exists():
        return None
    done = run_aigov("export", "--format", "nquads", "--store", str(store))
    assert done.returncode == 0, done.stderr
    return sorted(line for line in done.stdout.splitlines() if line.strip())


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed article is not beside the clone")
def test_extract_takes_the_date_from_the_seed_first_line():
    done = run_aigov("extract", str(SEED), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    facts = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert facts, "the seed article yields facts"
    first_line = SEED.read_text(encoding="utf-8").splitlines()[0]
    date = re.search(r"\d{4}-\d{2}-\d{2}", first_line).group(0)
    required = set(JSONL_KEYS)
    for fact in facts:
        assert required <= fact.keys()
        start, end = fact["span"]
        assert 0 <= start < end
        assert 0.0 <= fact["confidence"] <= 1.0
    # The published date comes from the first line: the article's RDF carries it as dcterms:issued.
    rdf = run_aigov("extract", str(SEED), "--format", "ttl")
    assert rdf.returncode == 0, rdf.stderr
    assert re.search(r"issued\s+\"" + date + r"\"\^\^xsd:date", rdf.stdout), rdf.stdout[:2000]


def test_add_query_readd_restart(tmp_path, article_file):
    store = tmp_path / "store"
    done = run_aigov("add", str(article_file), "--store", str(store))
    assert done.returncode == 0, done.stderr
    query = """
        SELECT ?person ?org ?sentence ?article ?published WHERE {
          ?p aigov:dismissedFrom ?o .
          ?fact aigov:subject ?p ; aigov:predicate aigov:dismissedFrom ; aigov:object ?o ;
                aigov:evidence ?ev .
          ?ev prov:value ?sentence ; prov:wasQuotedFrom ?article .
          ?article dcterms:issued ?published .
          ?p rdfs:label ?person . ?o rdfs:label ?org .
        }"""
    answer = run_aigov("query", query, "--format", "json", "--store", str(store))
    assert answer.returncode == 0, answer.stderr
    rows = json.loads(answer.stdout)["results"]["bindings"]
    assert rows, "a dismissal is stored with its evidence"
    row = rows[0]
    assert row["person"]["value"] in article_file.read_text()
    assert row["sentence"]["value"] in article_file.read_text()
    assert row["article"]["value"].startswith("https://w3id.org/aigov/article/")
    assert row["published"]["value"] == "2023-11-18"

    before = _store_quads(store)
    again = run_aigov("add", str(article_file), "--store", str(store))
    assert again.returncode == 0, again.stderr
    assert "skipped 1" in again.stderr
    after = _store_quads(store)  # a new process: the store answers the same after a restart
    assert after == before


def test_viz_writes_an_offline_page(tmp_path, article_file):
    store = tmp_path / "store"
    assert run_aigov("add", str(article_file), "--store", str(store)).returncode == 0
    page = tmp_path / "g.html"
    done = run_aigov("viz", "-o", str(page), "--store", str(store))
    assert done.returncode == 0, done.stderr
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=[\"']https?://", html)
    assert not re.search(r"<link[^>]+href=[\"']https?://", html)


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory):
    """A store holding the test article, built once and copied by each test that changes it."""
    folder = tmp_path_factory.mktemp("seeded")
    article = folder / "board-removes-ceo.md"
    article.write_text(ARTICLE, encoding="utf-8")
    store = folder / "store"
    done = run_aigov("add", str(article), "--store", str(store))
    assert done.returncode == 0, done.stderr
    return store


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\0"))
        + chunk(b"IEND", b"")
    )


def _write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


BAD_INPUTS = {
    "empty": lambda p: _write(p / "empty.txt", b""),
    "binary": lambda p: _write(p / "image.txt", _png()),
    "not-utf8": lambda p: _write(p / "latin1.txt", "Le conseil a renvoyé le directeur.".encode("latin-1")),
    "folder-without-articles": lambda p: _write(p / "nothing" / "x.png", _png()).parent,
    "missing": lambda p: p / "does-not-exist.txt",
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
@pytest.mark.parametrize("command", ["add", "extract"])
def test_bad_input_is_one_line_and_leaves_the_store_alone(tmp_path, seeded_store, case, command):
    store = tmp_path / "store"
    shutil.copytree(seeded_store, store)
    before = _store_quads(store)
    bad = BAD_INPUTS[case](tmp_path)
    args = [command, str(bad)] + (["--store", str(store)] if command == "add" else [])
    done = run_aigov(*args)
    assert done.returncode != 0
    errors = [line for line in done.stderr.splitlines() if line.startswith("aigov: error:")]
    assert len(errors) == 1, done.stderr
    assert bad.name in errors[0]
    assert "Traceback" not in done.stderr
    assert _store_quads(store) == before


def test_bad_input_never_creates_a_store(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    store = tmp_path / "store"
    done = run_aigov("add", str(empty), "--store", str(store))
    assert done.returncode != 0
    assert not store.exists()


def test_a_bad_file_does_not_stop_the_batch(tmp_path, article_file):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.md").write_text(article_file.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"")
    store = tmp_path / "store"
    done = run_aigov("add", str(folder), "--store", str(store))
    assert done.returncode != 0
    assert "added 1 article" in done.stderr
    assert "bad.txt" in done.stderr
