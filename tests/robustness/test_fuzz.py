"""Hypothesis throws arbitrary Unicode (and bytes) at the article loader and the extractor.

The loader (``extract.load_article`` on a file written from the text) may refuse an input only
with ``ArticleError``; what it accepts is normalised text with an id. The extractor (loaded
once) must take whatever the loader accepts without raising, give facts whose evidence is
the span it claims, and give the same facts for the same text every time.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontology.errors import ArticleError

pytestmark = pytest.mark.slow

#: Pieces that steer random text into the loader's and the extractor's interesting paths.
_HEADERS = ("", "---\n", "---\ntitle: x\n---\n", "---\npublished: 2022-02-30\n---\n", "date 2021-03-04\n",
            "---\n: [\n---\n", "<html><body><p>", "<script>", "\ufeff", "<!-- -->")
_SENTENCES = (
    "Orlen Vasko was named chief executive of Tarsel Dynamics on Monday. ",
    "The board of Pellucid Systems dismissed its chairman, Ama Osei, in March 2021. ",
    "Brightmoor Capital invested $120 million in Quillon Labs, people familiar said. ",
    "Ines Varga, who co-founded Nembra Analytics in 2019, resigned as president. ",
    "Regulators in Lisbon opened an investigation into Calder Robotics last year. ",
    "He said the company ",
    "Mr. Vasko ",
    "\n\n",
)
_TEXT = st.text(max_size=400)
_ARTICLE_LIKE = st.builds(
    lambda header, parts: header + "".join(parts),
    st.sampled_from(_HEADERS),
    st.lists(st.one_of(st.sampled_from(_SENTENCES), st.text(max_size=40)), max_size=12),
)
_SUFFIXES = (".txt", ".md", ".html", "")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _load(folder: Path, data: bytes, suffix: str):
    """The article, or ``None`` when the loader refused it (with an ArticleError, nothing else)."""
    from extract import load_article

    path = folder / f"input{suffix}"
    path.write_bytes(data)
    try:
        article = load_article(path)
    except ArticleError as error:
        assert str(error).startswith(f"{path}: ") and "\n" not in str(error)
        return None
    assert article.text.strip()
    assert "\r" not in article.text
    return article


_LOADER = settings(max_examples=200, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])
_EXTRACTOR = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@_LOADER
@given(text=st.one_of(_TEXT, _ARTICLE_LIKE), suffix=st.sampled_from(_SUFFIXES))
def test_the_loader_takes_any_text_or_refuses_it_with_an_article_error(scratch: Path, text: str,
                                                                        suffix: str) -> None:
    from ontology.identifiers import article_id

    article = _load(scratch, text.encode("utf-8"), suffix)
    if article is not None:
        assert article.id == article_id(article.text)


@_LOADER
@given(data=st.binary(max_size=300), suffix=st.sampled_from(_SUFFIXES))
def test_the_loader_takes_any_bytes_or_refuses_them_with_an_article_error(scratch: Path, data: bytes,
                                                                          suffix: str) -> None:
    _load(scratch, data, suffix)


@_EXTRACTOR
@given(text=st.one_of(_TEXT, _ARTICLE_LIKE), suffix=st.sampled_from(_SUFFIXES))
def test_extraction_never_raises_and_is_deterministic(scratch: Path, extractor, text: str,
                                                       suffix: str) -> None:
    article = _load(scratch, text.encode("utf-8"), suffix)
    if article is None:
        return
    first = extractor.extract(article, include_claims=True)
    second = extractor.extract(article, include_claims=True)
    assert first == second
    for fact in first:
        assert article.text[fact.evidence.start:fact.evidence.end] == fact.evidence.text
        assert 0.0 <= fact.confidence <= 1.0
