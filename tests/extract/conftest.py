"""Fixtures for the extractor tests: one real spaCy pipeline per session, and small helpers.

Loading the model and the data files takes a couple of seconds, so every extractor test shares
one :class:`extract.extractor.Extractor`. Test texts are written for these tests about real,
publicly reported events; none is copied from an article or from the evaluation set.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ontology.identifiers import article_id
from ontology.model import Article, Fact


@pytest.fixture(scope="session")
def extractor():
    from extract.extractor import Extractor

    return Extractor()


def make_article(text: str, published: str | None = "2024-03-22", path: str = "test.txt") -> Article:
    """An in-memory article (the loader is tested elsewhere)."""
    return Article(
        id=article_id(text),
        text=text,
        path=path,
        published=dt.date.fromisoformat(published) if published else None,
    )


@pytest.fixture(scope="session")
def triples(extractor):
    """``triples(text, published=..., claims=False)`` -> set of (subject, predicate, object)."""

    def run(
        text: str, published: str | None = "2024-03-22", claims: bool = False
    ) -> set[tuple[str, str, str]]:
        facts = extractor.extract(make_article(text, published), include_claims=claims)
        return {
            (f.subject.name, f.predicate, f.object_name) for f in facts if claims or f.status == "asserted"
        }

    return run


@pytest.fixture(scope="session")
def facts(extractor):
    """``facts(text, published=..., claims=False)`` -> list of Fact."""

    def run(text: str, published: str | None = "2024-03-22", claims: bool = False) -> list[Fact]:
        return extractor.extract(make_article(text, published), include_claims=claims)

    return run


def find(facts: list[Fact], subject: str, predicate: str, obj: str) -> Fact:
    """The one fact with this triple (fails the test when there is none)."""
    for fact in facts:
        if (fact.subject.name, fact.predicate, fact.object_name) == (subject, predicate, obj):
            return fact
    got = sorted((f.subject.name, f.predicate, f.object_name) for f in facts)
    raise AssertionError(f"no fact {(subject, predicate, obj)}; got {got}")
