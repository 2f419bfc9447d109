"""The extractor's front: article text in, :class:`ontology.Fact` list out.

:class:`Extractor` loads the spaCy pipeline once (the expensive part) and turns the relation
records the components leave on each doc into facts: canonical entities, qualifiers resolved
against the publication date, evidence spans, confidence. Output is deterministic,
de-duplicated and in text order, so the same article always gives the same facts.

Very long texts are cut into chunks at paragraph or sentence boundaries (or, failing those,
at whitespace) before parsing, so a megabyte without punctuation cannot exhaust memory; the
chunks' facts are merged with their character offsets restored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from extract.discourse_dates import inherit_dates
from extract.pipeline import build_pipeline
from extract.relations import implied_records
from extract.resources import load_resources
from extract.temporal import resolve_date
from ontology.model import Article, Entity, Evidence, Fact, Qualifiers

__all__ = ["CHUNK_CHARS", "Extractor"]

#: Texts longer than this are parsed in pieces of at most this many characters.
CHUNK_CHARS = 50_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"[.!?][\"')\]”’]*\s"), re.compile(r"\s"))


def _chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """``(offset, piece)`` pairs covering ``text``; each piece at most ``size`` characters."""
    if len(text) <= size:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            window = text[start + size // 2 : end]
            for pattern in _BREAKS:
                hits = list(pattern.finditer(window))
                if hits:
                    end = start + size // 2 + hits[-1].end()
                    break
        out.append((start, text[start:end]))
        start = end
    return out


def _confidence(record: dict, entities: list[dict]) -> float:
    """The pattern's measured precision, lowered for coreference, unknown names and distance."""
    score = float(record["precision"])
    subject = entities[record["subject"]]
    obj = entities[record["object"]] if isinstance(record["object"], int) else None
    known = subject["gazetteer"] + (obj["gazetteer"] if obj else 1)
    score *= (1.0, 0.93, 0.88)[2 - known] if known <= 2 else 1.0
    if record["coref"]:
        score *= 0.9
    distance = abs(record["trigger"] - record["governor"])
    if distance > 8:
        score *= max(0.75, 1.0 - 0.01 * (distance - 8))
    if record["claimed"]:
        score *= 0.5
    return max(0.0, min(1.0, score))


class Extractor:
    """Text -> facts with the spaCy pipeline and the data-driven components, loaded once."""

    def __init__(self, model: str | None = None) -> None:
        self.nlp: Language = build_pipeline(model)
        self.resources = load_resources()

    # -- public API --------------------------------------------------------------------------------

    def extract(self, article: Article, include_claims: bool = False) -> list[Fact]:
        """The facts an article states (and, with ``include_claims``, its hedged claims)."""
        pieces = _chunks(article.text)
        docs = [(offset, self.nlp(piece)) for offset, piece in pieces]
        return self._facts(article, docs, include_claims)

    def extract_many(
        self,
        articles: Iterable[Article],
        n_process: int = 1,
        include_claims: bool = False,
        batch_size: int = 16,
    ) -> Iterator[tuple[Article, list[Fact]]]:
        """``(article, facts)`` for each article in input order, parsed with ``nlp.pipe``
        (``n_process`` > 1 uses worker processes). Articles are read lazily from the iterable."""
        waiting: dict[int, Article] = {}

        def pieces() -> Iterator[tuple[str, tuple[int, int, bool]]]:
            for n, article in enumerate(articles):
                waiting[n] = article
                chunks = _chunks(article.text)
                for k, (offset, piece) in enumerate(chunks):
                    yield piece, (n, offset, k == len(chunks) - 1)

        collected: list[tuple[int, Doc]] = []
        stream = self.nlp.pipe(pieces(), as_tuples=True, n_process=n_process, batch_size=batch_size)
        for doc, (n, offset, last) in stream:
            collected.append((offset, doc))
            if last:
                article = waiting.pop(n)
                docs, collected = collected, []
                yield article, self._facts(article, docs, include_claims)

    # -- records -> facts --------------------------------------------------------------------------------

    def _facts(self, article: Article, docs: list[tuple[int, Doc]], include_claims: bool) -> list[Fact]:
        best: dict[tuple, dict[str | None, tuple[tuple, Fact]]] = {}
        for offset, doc in docs:
            entities = [
                Entity(
                    name=e["name"],
                    type=e["type"],
                    aliases=tuple(sorted(set(e["aliases"]) - {e["name"]})),
                    wikidata=e["wikidata"],
                )
                for e in doc._.aigov_entities or []
            ]
            raw = doc._.aigov_entities or []
            records = doc._.aigov_relations or []
            inherit_dates(doc, records, article.published)
            for record in records + implied_records(doc, records, self.resources):
                if record["claimed"] and not include_claims:
                    continue
                fact = self._fact(article, record, entities, raw, offset)
                if fact is None:
                    continue
                base = (fact.subject.name, fact.predicate, fact.object_name, fact.evidence.start, fact.status)
                order = (fact.evidence.start, record["trigger"] + offset, fact.predicate, fact.object_name)
                roles = best.setdefault(base, {})
                role = fact.qualifiers.role
                if role is None and roles:
                    role = next(iter(roles))  # a role-less match of the same statement adds to it
                elif role is not None and None in roles:
                    old_order, old = roles.pop(None)
                    fact, order = self._merge(fact, old), min(old_order, order)
                if role in roles:
                    old_order, old = roles[role]
                    fact, order = self._merge(old, fact), min(old_order, order)
                roles[role] = (order, fact)
        merged = [item for roles in best.values() for item in roles.values()]
        facts = [
            fact for _, fact in sorted(merged, key=lambda item: (item[0], item[1].qualifiers.role or ""))
        ]
        asserted = {(f.subject.name, f.predicate, f.object_name) for f in facts if f.status == "asserted"}
        return [
            f
            for f in facts
            if f.status == "asserted" or (f.subject.name, f.predicate, f.object_name) not in asserted
        ]

    @staticmethod
    def _merge(old: Fact, new: Fact) -> Fact:
        """Two matches of one statement in one sentence: keep every qualifier either found."""
        q_old, q_new = old.qualifiers, new.qualifiers
        merged = Qualifiers(
            date=q_old.date or q_new.date,
            role=q_old.role or q_new.role,
            amount=q_old.amount or q_new.amount,
            percent=q_old.percent or q_new.percent,
        )
        keep = old if old.confidence >= new.confidence else new
        return Fact(
            keep.subject, keep.predicate, keep.obj, keep.evidence, keep.confidence, merged, keep.status
        )

    def _fact(
        self, article: Article, record: dict, entities: list[Entity], raw: list[dict], offset: int
    ) -> Fact | None:
        subject = entities[record["subject"]]
        obj: Entity | str
        if isinstance(record["object"], int):
            obj = entities[record["object"]]
            if obj.name == subject.name:
                return None
        elif isinstance(record["object"], str):
            obj = record["object"]
        elif record.get("year_text"):
            year = resolve_date(record["year_text"], article.published)
            if not year:
                return None
            obj = year[:4]
        else:
            return None
        start, end = record["sent"]
        start, end = start + offset, end + offset
        text = article.text[start:end]
        stripped = text.strip()
        if stripped != text:
            start += len(text) - len(text.lstrip())
            end = start + len(stripped)
        date = None
        if record.get("date"):
            date = resolve_date(record["date"], article.published, future=bool(record.get("future")))
        if record.get("override_date") or not date:  # a neighbouring sentence's (extract.discourse_dates)
            date = record.get("inherited_date") or date
        qualifiers = Qualifiers(
            date=date, role=record.get("role"), amount=record.get("amount"), percent=record.get("percent")
        )
        return Fact(
            subject=subject,
            predicate=record["predicate"],
            obj=obj,
            evidence=Evidence(text=stripped, start=start, end=end),
            confidence=round(_confidence(record, raw), 3),
            qualifiers=qualifiers,
            status="claimed" if record["claimed"] else "asserted",
        )
