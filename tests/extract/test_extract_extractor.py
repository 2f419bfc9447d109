"""The Extractor front: determinism, batches, long texts, the JSONL contract, errors, dev CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extract.extractor import CHUNK_CHARS, Extractor, _chunks
from extract.jsonl import fact_record
from ontology.errors import ConfigurationError
from ontology.identifiers import article_iri, entity_iri
from tests.extract.conftest import make_article

ROOT = Path(__file__).resolve().parents[2]
TEXT = (
    "Microsoft invested $10 billion in OpenAI in January 2023. Satya Nadella, Microsoft's chief "
    "executive, praised the deal. Nvidia was co-founded by Jensen Huang in 1993. "
    "Google may acquire Character.AI."
)
KEYS = [
    "source",
    "article",
    "subject",
    "subject_type",
    "subject_iri",
    "predicate",
    "object",
    "object_type",
    "object_iri",
    "qualifiers",
    "evidence",
    "span",
    "confidence",
]


def test_same_input_same_output(extractor):
    article = make_article(TEXT)
    first = extractor.extract(article, include_claims=True)
    second = extractor.extract(article, include_claims=True)
    assert first == second
    assert len(first) == len(set(first))
    starts = [f.evidence.start for f in first]
    assert starts == sorted(starts)


def test_extract_many_keeps_order_and_matches_extract(extractor):
    articles = [
        make_article(TEXT, path="a.txt"),
        make_article("Google bought DeepMind in 2014.", path="b.txt"),
        make_article("Nothing happens here.", path="c.txt"),
    ]
    got = list(extractor.extract_many(iter(articles)))
    assert [a.path for a, _ in got] == ["a.txt", "b.txt", "c.txt"]
    for article, facts in got:
        assert facts == extractor.extract(article)
    assert got[2][1] == []


@pytest.mark.slow
def test_extract_many_in_worker_processes(extractor):
    articles = [make_article(TEXT, path=f"{n}.txt") for n in range(3)]
    got = list(extractor.extract_many(articles, n_process=2, batch_size=1))
    assert [facts for _, facts in got] == [extractor.extract(a) for a in articles]


def test_jsonl_record_shape(extractor):
    article = make_article(TEXT, path="articles/x.txt")
    facts = extractor.extract(article, include_claims=True)
    records = [fact_record(f, article) for f in facts]
    invested = next(r for r in records if r["predicate"] == "investedIn")
    assert list(invested) == KEYS
    assert invested["source"] == "articles/x.txt"
    assert invested["article"] == article_iri(article.id)
    assert invested["subject_iri"] == entity_iri("Microsoft")
    assert invested["qualifiers"] == {"date": "2023-01", "amount": "$10 billion"}
    start, end = invested["span"]
    assert article.text[start:end] == invested["evidence"]
    assert invested["confidence"] == round(invested["confidence"], 3)
    literal = next(r for r in records if r["predicate"] == "foundedIn")
    assert (literal["object"], literal["object_type"], literal["object_iri"]) == ("1993", "Literal", None)
    claim = next(r for r in records if r["predicate"] == "acquired")
    assert claim["status"] == "claimed"
    assert all("status" not in r for r in records if r is not claim)
    json.dumps(records)  # plain JSON


def test_chunks_cover_the_text_in_bounded_pieces():
    text = ("word " * 300_000)[:1_000_000]
    pieces = _chunks(text)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= CHUNK_CHARS for _, piece in pieces)
    assert [offset for offset, _ in pieces] == [
        sum(len(p) for _, p in pieces[:n]) for n in range(len(pieces))
    ]


def test_chunked_text_keeps_offsets(extractor):
    filler = "The weather was mild and nothing else happened that day. " * 1200
    text = filler + "Google bought DeepMind in 2014. " + filler
    assert len(text) > CHUNK_CHARS
    article = make_article(text)
    facts = extractor.extract(article)
    fact = next(f for f in facts if f.predicate == "acquired")
    assert text[fact.evidence.start : fact.evidence.end] == "Google bought DeepMind in 2014."


@pytest.mark.slow
def test_a_megabyte_without_punctuation(extractor):
    words = [
        "microsoft",
        "invested",
        "in",
        "openai",
        "and",
        "google",
        "acquired",
        "deepmind",
        "while",
        "people",
        "talked",
    ]
    text = " ".join(words[n % len(words)] for n in range(200_000))[:1_000_000]
    assert len(text) == 1_000_000
    facts = extractor.extract(make_article(text))
    assert isinstance(facts, list)


def test_missing_model_is_a_configuration_error(monkeypatch):
    monkeypatch.setenv("AIGOV_SPACY_MODEL", "no_such_model_xyz")
    with pytest.raises(ConfigurationError, match="no_such_model_xyz"):
        Extractor()


def test_bad_data_file_is_a_configuration_error(tmp_path, monkeypatch):
    from extract.resources import DATA_DIR, load_resources

    for path in DATA_DIR.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "patterns.yaml").write_text("verbs:\n  - {id: x, verbs: [buy], predicate: boughtBy}\n")
    with pytest.raises(ConfigurationError, match=r"patterns\.yaml.*boughtBy"):
        load_resources(tmp_path)
    (tmp_path / "patterns.yaml").write_text("implied:\n  - {from: acquired, predicate: ownedBy, factor: 1}\n")
    with pytest.raises(ConfigurationError, match=r"patterns\.yaml.*ownedBy"):
        load_resources(tmp_path)
    (tmp_path / "patterns.yaml").write_text("implied:\n  - {from: acquired, predicate: owns, factor: 2}\n")
    with pytest.raises(ConfigurationError, match=r"patterns\.yaml.*factor"):
        load_resources(tmp_path)
    (tmp_path / "gazetteer.yaml").write_text("- {name: X, type: Robot}\n")
    with pytest.raises(ConfigurationError, match=r"gazetteer\.yaml.*Robot"):
        load_resources(tmp_path)
    (tmp_path / "gazetteer.yaml").write_text("- {name: [unclosed\n")
    with pytest.raises(ConfigurationError, match="not valid YAML"):
        load_resources(tmp_path)


def _dev_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "extract", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )


def test_dev_cli_prints_jsonl(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "date 2024-11-22\nAmazon will invest $4 billion in Anthropic, the companies said on Friday.\n",
        encoding="utf-8",
    )
    done = _dev_cli(str(path))
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert records and records[0]["predicate"] == "investedIn"
    assert records[0]["qualifiers"]["date"] == "2024-11-22"


def test_dev_cli_missing_file_is_one_line(tmp_path):
    done = _dev_cli(str(tmp_path / "missing.txt"))
    assert done.returncode != 0
    assert "missing.txt" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
