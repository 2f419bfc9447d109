"""The embedded store across processes: one writer at a time, readers alongside, crash safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rdflib import URIRef

from graph.rdf import article_quads
from graph.store import open_store
from ontology.errors import ConfigurationError, StoreBusyError, StoreError
from ontology.identifiers import article_iri
from tests.graph.samples import VERSION, dismissal_article, followup_article, numbered_article

ROOT = Path(__file__).resolve().parents[2]

PRELUDE = """
import sys
from graph.store import open_store
from ontology.errors import AigovError
from tests.graph.samples import VERSION, dismissal_article, followup_article, numbered_article
location = sys.argv[1]
"""


def _spawn(code: str, location: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", PRELUDE + textwrap.dedent(code), str(location)],
                            cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _quads(store) -> set[tuple]:
    return {tuple(r) for r in store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows}


def test_a_second_writer_waits_for_the_first_then_succeeds(tmp_path):
    location = tmp_path / "store"
    holder = open_store(location)
    holder.add_article(*dismissal_article(), extractor_version=VERSION)
    child = _spawn("""
        print("opening", flush=True)
        with open_store(location) as store:
            print(store.add_article(*followup_article(), extractor_version=VERSION), flush=True)
    """, location, AIGOV_LOCK_TIMEOUT="120")
    assert child.stdout.readline().strip() == "opening"
    assert child.poll() is None  # it cannot finish while this process holds the lock
    holder.close()
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert out.strip() == "True"
    with open_store(location, read_only=True) as store:
        assert store.has_article(dismissal_article()[0].id)
        assert store.has_article(followup_article()[0].id)


def test_a_second_writer_gives_up_with_store_busy_naming_the_holder(tmp_path):
    location = tmp_path / "store"
    with open_store(location) as holder:
        holder.add_article(*dismissal_article(), extractor_version=VERSION)
        before = _quads(holder)
        child = _spawn("""
            try:
                open_store(location)
            except AigovError as error:
                print(type(error).__name__, error, sep="|")
                sys.exit(3)
        """, location, AIGOV_LOCK_TIMEOUT="0.2")
        out, err = child.communicate(timeout=120)
        assert child.returncode == 3, err
        kind, message = out.strip().split("|")
        assert kind == "StoreBusyError"
        assert message == f"store {location} is busy: another aigov process is writing (pid {os.getpid()})"
        assert "Traceback" not in err
        assert _quads(holder) == before


def test_a_reader_process_works_while_a_writer_holds_the_store(tmp_path):
    location = tmp_path / "store"
    with open_store(location) as holder:
        article, facts = dismissal_article()
        holder.add_article(article, facts, extractor_version=VERSION)
        child = _spawn("""
            with open_store(location, read_only=True) as store:
                print(store.stats()["facts"], store.has_article(dismissal_article()[0].id))
        """, location)
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert out.split() == ["3", "True"]


def test_read_only_view_is_a_snapshot_until_refreshed(tmp_path):
    location = tmp_path / "store"
    with open_store(location) as writer:
        writer.add_article(*dismissal_article(), extractor_version=VERSION)
        with open_store(location, read_only=True) as reader:
            writer.add_article(*followup_article(), extractor_version=VERSION)
            assert reader.stats()["articles"] == 1
            reader.refresh()
            assert reader.stats()["articles"] == 2


def test_readers_keep_working_while_a_writer_writes(tmp_path):
    location = tmp_path / "store"
    with open_store(location) as first:
        first.add_article(*numbered_article(0), extractor_version=VERSION)
    child = _spawn("""
        with open_store(location) as store:
            for n in range(1, 300):
                store.add_article(*numbered_article(n), extractor_version=VERSION)
    """, location, AIGOV_LOCK_TIMEOUT="60")
    seen = []
    while child.poll() is None or not seen:
        with open_store(location, read_only=True) as reader:  # a fresh snapshot each time
            seen.append(reader.stats()["articles"])
    _, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert seen == sorted(seen) and seen[0] >= 1  # snapshots only ever move forward
    with open_store(location, read_only=True) as reader:
        assert reader.stats()["articles"] == 300


def test_a_killed_writer_leaves_each_article_whole_or_absent(tmp_path):
    location = tmp_path / "store"
    count = 1500  # far more than get written before the kill, so it lands mid-batch
    child = _spawn(f"""
        with open_store(location) as store:
            for n in range({count}):
                store.add_article(*numbered_article(n), extractor_version=VERSION)
                print("added", n, flush=True)
    """, location)
    added = -1
    while added < 20:
        line = child.stdout.readline()
        assert line, child.stderr.read()
        added = int(line.split()[1])
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL

    with open_store(location) as store:  # the lock died with the process: a new writer gets in
        present = 0
        for n in range(count):
            article, facts = numbered_article(n)
            stored = {tuple(r) for r in store.query(
                "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                bindings={"g": URIRef(article_iri(article.id))}).rows}
            if stored:
                assert stored == set(article_quads(article, facts, extractor_version=VERSION)), n
                present += 1
            elif n <= added:
                pytest.fail(f"article {n} was reported added but is missing")
        assert present >= added + 1


def test_a_store_held_by_an_oxigraph_server_is_busy(tmp_path):
    location = tmp_path / "store"
    with open_store(location) as first:
        first.add_article(*dismissal_article(), extractor_version=VERSION)
    server = subprocess.Popen([str(Path(sys.executable).with_name("oxigraph")), "serve", "--location",
                               str(location), "--bind", "127.0.0.1:0"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert server.stdout.readline()  # it prints its address once the store is open
        with pytest.raises(StoreBusyError, match="another program has it open"):
            open_store(location)
        with open_store(location, read_only=True) as reader:  # reading still works
            assert reader.has_article(dismissal_article()[0].id)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_same_process_cannot_open_a_store_twice_for_writing(tmp_path):
    location = tmp_path / "store"
    with open_store(location), pytest.raises(StoreError, match="already open for writing in this process"):
        open_store(location)
    with open_store(location) as again:  # closing released it
        assert again.stats()["articles"] == 0


def test_a_folder_that_is_not_a_store_is_refused(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="not empty and holds no aigov store"):
        open_store(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_a_file_is_not_a_store(tmp_path):
    path = tmp_path / "file"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="not a folder"):
        open_store(path)


def test_read_only_open_of_a_missing_store_fails_and_creates_nothing(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "missing", read_only=True)
    assert not (tmp_path / "missing").exists()


def test_bad_lock_timeout_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("AIGOV_LOCK_TIMEOUT", "soon")
    with pytest.raises(ConfigurationError, match="AIGOV_LOCK_TIMEOUT"):
        open_store(tmp_path / "store")


def test_store_busy_is_a_store_error():
    assert issubclass(StoreBusyError, StoreError)


def test_default_location_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("AIGOV_STORE", str(tmp_path / "from-env"))
    with open_store() as store:
        assert store.location == str(tmp_path / "from-env")
    monkeypatch.delenv("AIGOV_STORE")
    monkeypatch.chdir(tmp_path)
    with open_store() as store:
        assert Path(store.location) == Path("aigov-data")
    assert (tmp_path / "aigov-data").is_dir()
