"""The matrix case that costs the most: a 1 MB "sentence" with no punctuation at all.

It is a valid article (the loader takes it), so both ``aigov extract`` and ``aigov add`` must
finish with a correct result: exit 0, no error, evidence spans that point into the text, and
the article stored. The two commands run side by side to keep the suite's wall time down.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tests.robustness.conftest import error_lines, export_nquads, start_aigov

pytestmark = pytest.mark.slow

#: Long words keep the token count (spaCy's cost) near 90 000 for the megabyte; the names let the
#: entity recogniser and the relation search run on the run-on text.
_WORDS = ("shareholders", "administrative", "regulators", "investigation", "announcement", "appointed",
          "executives", "governance", "restructuring", "negotiations", "acquisition", "independent",
          "subsequently", "representatives", "Halvernmoor", "Dynamics", "Miravelle", "Ostrander",
          "Keelanworth", "Networks", "chairwoman", "investment", "controlling", "partnership")


def _run_on(text_bytes: int, tmp_path: Path) -> tuple[Path, str]:
    rng = random.Random(1)
    words: list[str] = []
    size = 0
    while size < text_bytes:
        word = rng.choice(_WORDS)
        words.append(word)
        size += len(word) + 1
    text = " ".join(words)
    assert not set(text) & set(".!?;:\n"), "one sentence: no punctuation, no line break"
    path = tmp_path / "run-on.txt"
    path.write_text(text, encoding="utf-8")
    return path, text


def test_a_one_megabyte_sentence_is_extracted_and_added(tmp_path: Path) -> None:
    from extract import load_article
    from ontology.identifiers import article_iri

    path, text = _run_on(1024 * 1024, tmp_path)
    store = tmp_path / "store"
    extracting = start_aigov("extract", str(path), "--format", "jsonl")
    adding = start_aigov("add", str(path), "--store", str(store))
    extract_out, extract_err = extracting.communicate(timeout=900)
    _, add_err = adding.communicate(timeout=900)

    assert extracting.returncode == 0, extract_err
    assert adding.returncode == 0, add_err
    assert not error_lines(extract_err) and not error_lines(add_err)
    assert "added 1 article(s)" in add_err
    article = load_article(path)
    assert article.text == text
    for line in extract_out.splitlines():
        fact = json.loads(line)
        start, end = fact["span"]
        assert article.text[start:end] == fact["evidence"]
    lines = export_nquads(store)
    assert any(f"<{article_iri(article.id)}> ." in line for line in lines), "the article is stored"
