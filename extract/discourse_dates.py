"""Dates an event takes from the sentences around it, when its own sentence gives none.

News prose dates an event once and then goes on telling it: "X has resigned as chief executive
of Y. The move was announced late on Friday."; "She left on September 25. Hours later, Z said
he was leaving as well."; "On Tuesday, the board fired X. It also named W interim chief." The
relation's own clause (:mod:`extract.qualifiers`) cannot see those dates. Three rules can, and
each is narrow on purpose, because a wrong date costs more than a missing one:

- **relative anchors** — a relation dated "hours later", "the next day", "two days later",
  "days later" is dated from the last date written before it in the same paragraph
  (:func:`extract.temporal.resolve_relative`), at no more precision than both give;
- **same-event anaphora** — an undated event next to a sentence that refers back to it with
  a definite event noun ("the move", "the deal", "the complaint") or a bare time sentence
  ("It happened on Friday.") takes that sentence's single date; and an undated event in a
  sentence that itself refers back ("Under the deal, ...") takes the single date of the
  sentence before it;
- **paragraph time topic** — a paragraph that opens on a fronted date ("On Tuesday, X ...")
  dates the simple-past events of the sentences that continue it, up to the first sentence
  with a date of its own.

Only event predicates (``event_predicates`` in ``data/discourse_dates.yaml``) inherit: a state
(ceoOf, founderOf, boardMemberOf, ...) is dated only by its own text. A sentence with a word
that moves the event in time ("later", "previously", "had" + participle) inherits nothing.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.tokens import Doc, Span, Token

from extract.syntax import clause_verb
from extract.temporal import is_relative, resolve_date, resolve_relative
from ontology.errors import ConfigurationError

__all__ = ["DiscourseCues", "inherit_dates", "load_cues"]

_FILE = "discourse_dates.yaml"
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class DiscourseCues:
    """The word lists of ``data/discourse_dates.yaml``."""

    event_predicates: frozenset[str]
    anaphoric_event_nouns: frozenset[str]
    announce_verbs: frozenset[str]
    anaphoric_determiners: frozenset[str]
    bare_subjects: frozenset[str]
    blocking_adverbs: frozenset[str]
    possessive_event_nouns: dict[str, frozenset[str]]


@functools.lru_cache(maxsize=4)
def _load(path: str) -> DiscourseCues:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigurationError(f"{path}: cannot read extractor data file ({exc.strerror})") from None
    except yaml.YAMLError:
        raise ConfigurationError(f"{path}: not valid YAML") from None
    if not isinstance(data, dict):
        raise ConfigurationError(f"{path}: expected a mapping of word lists")
    lists: dict = {}
    nouns = data.get("possessive_event_nouns") or {}
    if not isinstance(nouns, dict) or not all(
        isinstance(v, list) and all(isinstance(p, str) for p in v) for v in nouns.values()
    ):
        raise ConfigurationError(f"{path}: 'possessive_event_nouns' must map nouns to lists of predicates")
    lists["possessive_event_nouns"] = {str(k).lower(): frozenset(v) for k, v in nouns.items()}
    for name in DiscourseCues.__dataclass_fields__:
        if name == "possessive_event_nouns":
            continue
        value = data.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigurationError(f"{path}: {name!r} must be a list of words")
        lists[name] = frozenset(v.lower() if name != "event_predicates" else v for v in value)
    return DiscourseCues(**lists)


def load_cues(directory: str | Path | None = None) -> DiscourseCues:
    """The cue lists, read once (``AIGOV_EXTRACT_DATA`` when it holds the file, else ``extract/data``)."""
    return _locate(str(directory or os.environ.get("AIGOV_EXTRACT_DATA") or ""))


@functools.lru_cache(maxsize=8)
def _locate(chosen: str) -> DiscourseCues:
    # cached per folder: the qualifier code asks for the cues once per relation
    path = Path(chosen) / _FILE if chosen else None
    if path is None or not path.is_file():
        path = Path(__file__).with_name("data") / _FILE
    return _load(str(path.resolve()))


# -- sentence facts ---------------------------------------------------------------------------------


def _future(ent: Span) -> bool:
    clause = clause_verb(ent.root)
    return any(c.lower_ in ("will", "'ll") and c.dep_ == "aux" for c in clause.children)


def _subordinate(ent: Span) -> bool:
    """A date inside a relative clause or a participle ("X, who joined in 2019, ...")."""
    return clause_verb(ent.root).dep_ in ("relcl", "acl")


_RELATIVE_ENDS = frozenset(
    ("later", "afterwards", "afterward", "day", "morning", "afternoon", "evening", "night", "week", "month",
     "year", "hours", "days", "weeks")
)


def _relative_spans(sent: Span, date_ents: list[Span]) -> list[Span]:
    """Relative expressions the model did not mark as dates ("Hours later, ...")."""
    doc = sent.doc
    taken = {i for e in date_ents for i in range(e.start, e.end)}
    found: list[Span] = []
    for i in range(sent.start, sent.end):
        tok = doc[i]
        if tok.lower_ not in _RELATIVE_ENDS or tok.i in taken:
            continue
        for length in (5, 4, 3, 2, 1):
            start = tok.i - length + 1
            if start < sent.start or any(i in taken for i in range(start, tok.i + 1)):
                continue
            span = doc[start : tok.i + 1]
            if is_relative(span.text):
                found.append(Span(doc, span.start, span.end, label="DATE"))
                taken.update(range(span.start, span.end))
                break
    return found


@dataclass
class _Sentence:
    span: Span
    paragraph: int
    dates: list[tuple[int, str | None, Span]]  # (start_char, resolved ISO or None, ent)
    blocked: bool
    names: int  # entity mentions other than dates and numbers


def _sentences(doc: Doc, published: dt.date | None, cues: DiscourseCues) -> list[_Sentence]:
    breaks = [m.end() for m in _PARAGRAPH.finditer(doc.text)]
    out: list[_Sentence] = []
    last: dict[int, str] = {}  # paragraph -> the last date resolved in it, for relative anchors
    ents = list(doc.ents)  # once: Span.ents walks the whole doc on every call
    starts = [e.start for e in ents]
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        paragraph = bisect.bisect_right(breaks, sent.start_char)
        lo = bisect.bisect_left(starts, sent.start)
        hi = bisect.bisect_left(starts, sent.end, lo)
        own = ents[lo:hi]
        date_ents = [e for e in own if e.label_ == "DATE"]
        names = sum(1 for e in own if e.label_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL"))
        spans = date_ents + _relative_spans(sent, date_ents)
        dates = []
        inside: set[int] = set()
        for ent in sorted(spans, key=lambda e: e.start):
            value = resolve_date(ent.text, published, future=_future(ent))
            if value is None and is_relative(ent.text):
                value = resolve_relative(ent.text, last.get(paragraph))
                inside.update(range(ent.start, ent.end))
            if value is not None:
                last[paragraph] = value
            dates.append((ent.start_char, value, ent))
        blocked = any(
            t.lower_ in cues.blocking_adverbs
            and t.dep_ in ("advmod", "npadvmod", "prep", "mark")
            and t.i not in inside
            for t in sent
        )
        out.append(_Sentence(sent, paragraph, dates, blocked, names))
    return out


def _single_date(sentence: _Sentence, noun: Token | None = None) -> str | None:
    """The sentence's one resolved date; ``None`` when it has none, several, or an unresolved one.

    Dates inside relative clauses and participles belong to something else ("the board, which
    was formed in 2019") and are left out, except a participle on ``noun`` itself ("The
    complaint, filed on Thursday").
    """
    values = {
        value
        for _, value, ent in sentence.dates
        if not _subordinate(ent) or (noun is not None and clause_verb(ent.root).head.i == noun.i)
    }
    if len(values) != 1 or None in values:
        return None
    return next(iter(values))


def _anaphor(sentence: _Sentence, cues: DiscourseCues, subject_only: bool) -> Token | None:
    """A definite event noun referring back ("the move", "his exit"), or a bare time subject."""
    for tok in sentence.span:
        if tok.pos_ != "NOUN" or not {tok.lemma_.lower(), tok.lower_} & cues.anaphoric_event_nouns:
            continue
        if not any(
            c.dep_ in ("det", "poss") and c.lower_ in cues.anaphoric_determiners for c in tok.children
        ):
            continue
        # the sentence is about it: its subject, or the noun phrase it opens on (parsed as a fragment)
        opening = tok.left_edge.i == next(t.i for t in sentence.span if not t.is_space)
        subject = tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT"
        # "The agency announced the probe on Thursday": the main verb reports the event itself
        reported = (
            tok.dep_ == "dobj" and tok.head.dep_ == "ROOT" and tok.head.lemma_.lower() in cues.announce_verbs
        )
        if subject_only and not (subject or reported or (opening and tok.dep_ == "ROOT")):
            continue
        return tok
    if subject_only:
        if sentence.names:
            return None
        for child in sentence.span.root.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in cues.bare_subjects:
                return child
    return None


def _opens_on(sentence: _Sentence, noun: Token) -> bool:
    """Whether the sentence opens on the phrase holding ``noun`` ("As part of the deal, ...")."""
    first = next(t for t in sentence.span if not t.is_space)
    top = noun
    while top.head.i != top.i and top.head.i < top.i and top.head.pos_ in ("ADP", "NOUN", "ADV"):
        top = top.head
    return top.left_edge.i == first.i


def _event_noun(sentence: _Sentence, cues: DiscourseCues) -> Token | None:
    """The sentence's first event noun ("Under an agreement announced on Friday"): a participle on
    it dates the event it names."""
    for tok in sentence.span:
        if tok.pos_ == "NOUN" and {tok.lemma_.lower(), tok.lower_} & cues.anaphoric_event_nouns:
            return tok
    return None


def _own_clause_blocked(doc: Doc, record: dict) -> bool:
    """The relation's clause is anterior ("had joined") or looks back ("later", "previously")."""
    clause = clause_verb(doc[record["governor"]])
    return any(c.lower_ == "had" and c.dep_ == "aux" for c in clause.children)


def _undated_sentence(sentence: _Sentence) -> bool:
    """No date of its own except inside a relative clause or participle."""
    return all(_subordinate(ent) for _, _, ent in sentence.dates)


def _simple_past(doc: Doc, record: dict) -> bool:
    clause = clause_verb(doc[record["governor"]])
    if clause.tag_ == "VBD":
        return True
    return clause.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in clause.children
    )


def _inherited(
    doc: Doc, record: dict, index: int, sentences: list[_Sentence], cues: DiscourseCues
) -> str | None:
    here = sentences[index]
    if here.blocked or not _undated_sentence(here) or _own_clause_blocked(doc, record):
        return None
    prev = sentences[index - 1] if index > 0 else None
    nxt = sentences[index + 1] if index + 1 < len(sentences) else None
    # the next sentence (in this paragraph or opening the next) refers back to this event and
    # dates it ("The move was announced on Friday.", "The complaint, filed on Thursday, ...")
    noun = _anaphor(nxt, cues, subject_only=True) if nxt is not None else None
    if noun is not None:
        date = _single_date(nxt, noun)
        if date is not None:
            return date
    # this sentence refers back to an event the previous one dated ("Under the deal, ..."); one
    # that opens on the reference ("As part of the arrangement, ...") may start a new paragraph
    back = _anaphor(here, cues, False) if prev is not None else None
    if back is not None and (prev.paragraph == here.paragraph or _opens_on(here, back)):
        date = _single_date(prev, _event_noun(prev, cues))
        if date is not None:
            return date
    # the paragraph opened on a fronted date and this sentence goes on telling it
    if not _simple_past(doc, record) or _opens_paragraph(sentences, index):
        return None
    for k in range(index - 1, -1, -1):
        other = sentences[k]
        if other.blocked:
            return None
        if _opens_paragraph(sentences, k):
            # it goes on telling the same story: one of its parties was in the opening sentence
            refs = doc._.aigov_refs or {}
            opening = {refs[t.i][0] for t in other.span if t.i in refs}
            if record["subject"] not in opening and record.get("object") not in opening:
                return None
            return _fronted_date(other)
        if other.dates:
            return None  # a dated sentence in between starts another time
    return None


def _opens_paragraph(sentences: list[_Sentence], index: int) -> bool:
    return index == 0 or sentences[index - 1].paragraph != sentences[index].paragraph


def _fronted_date(sentence: _Sentence) -> str | None:
    """The date a sentence opens on ("On Tuesday, ...", "In March 2023, ..."), when it has only that one."""
    date = _single_date(sentence)
    if date is None:
        return None
    first = sentence.dates[0][2]
    words = [t for t in sentence.span if not t.is_space]
    lead = words.index(first[0]) if first[0] in words else 99
    if lead > 1 or (lead == 1 and words[0].lower_ not in ("on", "in", "at", "by", "late", "early")):
        return None
    after = first.end
    return date if after < len(first.doc) and first.doc[after].text == "," else None


def _sentence_relative(doc: Doc, record: dict, sentence: _Sentence) -> str | None:
    """A relative expression the sentence opens on ("Hours later, X said Y was leaving") or that
    sits in the relation's own clause, resolved from the date before it."""
    clause = clause_verb(doc[record["governor"]])
    words = [t for t in sentence.span if not t.is_space]
    for _, value, span in sentence.dates:
        if value is None or not is_relative(span.text):
            continue
        fronted = words and span.start <= words[0].i + 1 and span.end < len(doc) and doc[span.end].text == ","
        if fronted or clause_verb(span.root).i == clause.i:
            return value
    return None


def _tense(doc: Doc, record: dict) -> str:
    """``past`` ("joined", "was named"), ``perfect`` ("has joined") or ``ahead`` ("will join",
    "are returning"); ``other`` for anything else."""
    clause = clause_verb(doc[record["governor"]])
    aux = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "'ll", "shall"} or (clause.tag_ == "VBG" and aux & {"is", "are", "'s", "'re"}):
        return "ahead"
    if aux & {"has", "have", "'ve"}:
        return "perfect"
    if _simple_past(doc, record):
        return "past"
    return "other"


def _related(a: str, b: str) -> bool:
    """Two names of one organisation or of a part and its whole ("Y", "Y Research")."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _elaborated(
    doc: Doc, record: dict, index: int, sentences: list[_Sentence], dated: dict[int, list[tuple[dict, str]]]
) -> str | None:
    """An adjacent sentence of the paragraph tells the same event and dates it: the same subject
    and predicate, the same object (or a part of it) and a compatible tense ("X has resigned from
    Y. ... X resigned on Friday"; "X is returning to Y. ... X will join Y's lab, under a deal
    announced on Friday")."""
    names = [e["name"] for e in doc._.aigov_entities or []]
    obj = record.get("object")
    if not isinstance(obj, int):
        return None
    tense = _tense(doc, record)
    found = set()
    for k in (index - 1, index + 1):
        if not 0 <= k < len(sentences) or sentences[k].paragraph != sentences[index].paragraph:
            continue
        if sentences[k].blocked:
            continue
        for other, value in dated.get(k, []):
            if other["subject"] != record["subject"] or other["predicate"] != record["predicate"]:
                continue
            if not isinstance(other["object"], int) or not _related(names[obj], names[other["object"]]):
                continue
            same_object = other["object"] == obj
            other_tense = _tense(doc, other)
            if other_tense == tense or (same_object and {tense, other_tense} == {"perfect", "past"}):
                found.add(value)
    return found.pop() if len(found) == 1 else None


def _possessive_refinements(
    doc: Doc, records: list[dict], sentences: list[_Sentence], cues: DiscourseCues
) -> None:
    """ "She announced her departure on September 25": the one resignation the article gives her
    takes that date when its own is missing or is a coarser prefix of it ("last autumn")."""
    refs = doc._.aigov_refs or {}
    for sentence in sentences:
        date = _single_date(sentence)
        if date is None:
            continue
        for tok in sentence.span:
            predicates = cues.possessive_event_nouns.get(tok.lemma_.lower())
            if not predicates or tok.pos_ != "NOUN":
                continue
            owners = [c for c in tok.children if c.dep_ == "poss" and c.i in refs]
            if len(owners) != 1 or any(c.dep_ == "prep" for c in tok.children):
                continue  # "her departure from Y" names the organisation: its own relation
            if not any(clause_verb(e.root).i == clause_verb(tok).i for _, _, e in sentence.dates):
                continue
            person = refs[owners[0].i][0]
            mine = [r for r in records if r["subject"] == person and r["predicate"] in predicates]
            if len({(r["predicate"], r["object"]) for r in mine}) != 1:
                continue
            for r in mine:
                current = r.get("inherited_date") or r.get("resolved_date")
                if current is None or (date.startswith(current) and len(date) > len(current)):
                    r["inherited_date"] = date
                    r["override_date"] = True


def _anchor(sentences: list[_Sentence], index: int, start: int | None) -> str | None:
    """The last date resolved before character ``start`` in sentence ``index``'s paragraph."""
    if start is None:
        return None
    paragraph = sentences[index].paragraph
    for k in range(index, -1, -1):
        if sentences[k].paragraph != paragraph:
            return None
        for _, value, ent in reversed(sentences[k].dates):
            if ent.end_char <= start and value is not None:
                return value
    return None


def inherit_dates(
    doc: Doc, records: list[dict], published: dt.date | None, cues: DiscourseCues | None = None
) -> None:
    """Give each undated event record the date its neighbours give it, as ``record["inherited_date"]``.

    Records whose own date text is relative ("hours later") get it resolved from the last date
    of their paragraph. Records are the relation component's dicts (``doc._.aigov_relations``).
    """
    cues = cues or load_cues()
    if not any(r.get("predicate") in cues.event_predicates for r in records):
        return
    sentences = _sentences(doc, published, cues)
    by_start = {s.span.start_char: i for i, s in enumerate(sentences)}
    events = []
    dated: dict[int, list[tuple[dict, str]]] = {}
    for record in records:
        index = by_start.get(record["sent"][0])
        own = record.get("date")
        value = resolve_date(own, published, future=bool(record.get("future"))) if own else None
        record["resolved_date"] = value
        if index is None or record.get("predicate") not in cues.event_predicates:
            continue
        events.append((record, index))
        if value is not None:
            dated.setdefault(index, []).append((record, value))
    for record, index in events:
        own = record.get("date")
        if own:
            if record["resolved_date"] is None and is_relative(own):
                value = resolve_relative(own, _anchor(sentences, index, record.get("date_start")))
                if value is not None:
                    record["inherited_date"] = value
            continue
        if _own_clause_blocked(doc, record):
            continue  # "had resigned": before whatever its neighbours date
        value = _sentence_relative(doc, record, sentences[index])
        if value is None:
            value = _inherited(doc, record, index, sentences, cues)
        if value is None and not sentences[index].blocked and not _own_clause_blocked(doc, record):
            value = _elaborated(doc, record, index, sentences, dated)
        if value is not None:
            record["inherited_date"] = value
    _possessive_refinements(doc, [r for r, _ in events], sentences, cues)
