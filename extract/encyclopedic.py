"""Encyclopedic phrasing: what reference works say about an organisation in passing.

News says "X, which was founded in 2019"; a reference work says "X is a Norwegian record label
founded in 1990 by Y and based in Bergen", "Established in 2003, X is ...", "X, an organisation
created in 1921",. The verb rows of
``data/patterns.yaml`` find the clause's own subject; these rules find the organisation a
participle describes through a copula ("X is a company founded ..."), an apposition, a leading
participle or a coordination, and read the year, founder, place or owner it states.

Two spaCy components, both driven by ``data/encyclopedic.yaml`` (general words, never names):

``aigov_encyclopedic_names``  (before ``aigov_types``) a name the statistical model took for a
    person, or missed, becomes an organisation when the sentence founds it or describes it with
    an organisation noun ("Joy Division was formed in 1976", "Cinema Verity was a film company")
``aigov_encyclopedic``  (after ``aigov_relations``) appends relation records in the shape
    :mod:`extract.relations` makes, so :mod:`extract.extractor` turns them into facts as usual

Work is linear in the tokens: each token is looked at once against prebuilt word sets.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract.coref import ORG_KINDS
from extract.discourse_dates import load_cues as load_discourse_cues
from extract.qualifiers import raw_qualifiers
from extract.relations import MAX_SENTENCE_TOKENS
from extract.resources import DATA_DIR, load_resources
from extract.syntax import agent_of, clause_verb, conjuncts, patient_of, prep_objects, verb_key
from extract.temporal import CALENDAR_WORDS
from ontology.errors import ConfigurationError
from ontology.predicates import PREDICATES

__all__ = ["Cues", "Encyclopedic", "EncyclopedicNames", "load_cues"]

_FILE = "encyclopedic.yaml"
_LISTS = (
    "founding_verbs",
    "location_verbs",
    "owning_verbs",
    "whole_verbs",
    "founding_nouns",
    "org_nouns",
    "person_nouns",
    "unit_nouns",
    "place_nouns",
    "ownership_nouns",
    "name_words",
    "patronymic_endings",
    "membership_nouns",
    "work_nouns",
    "beginning_verbs",
    "activity_words",
    "supervision_nouns",
)
_RULES = (
    "founded_year",
    "founded_by",
    "based_in",
    "seated_in",
    "owned_by",
    "part_of",
    "owners_unit",
    "comprises",
    "studied_under",
)


@dataclass(frozen=True)
class Cues:
    """The word lists of ``encyclopedic.yaml`` as sets, and each rule's precision."""

    founding_verbs: frozenset[str]
    location_verbs: frozenset[str]
    owning_verbs: frozenset[str]
    whole_verbs: frozenset[str]
    founding_nouns: frozenset[str]
    org_nouns: frozenset[str]
    person_nouns: frozenset[str]
    unit_nouns: frozenset[str]
    place_nouns: frozenset[str]
    ownership_nouns: frozenset[str]
    name_words: frozenset[str]
    membership_nouns: frozenset[str]
    patronymic_endings: frozenset[str]
    work_nouns: frozenset[str]
    beginning_verbs: frozenset[str]
    activity_words: frozenset[str]
    supervision_nouns: frozenset[str]
    precision: dict[str, float]


@functools.cache
def _load(path: str) -> Cues:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigurationError(f"{path}: cannot read extractor data file ({exc.strerror})") from None
    except yaml.YAMLError:
        raise ConfigurationError(f"{path}: not valid YAML") from None
    if not isinstance(data, dict):
        raise ConfigurationError(f"{path}: must be a mapping of word lists")
    lists: dict[str, frozenset[str]] = {}
    for key in _LISTS:
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigurationError(f"{path}: {key} must be a list of strings")
        lists[key] = frozenset(v.lower() for v in value)
    precision = data.get("precision") or {}
    if not isinstance(precision, dict):
        raise ConfigurationError(f"{path}: precision must be a mapping of rule -> number")
    out: dict[str, float] = {}
    for rule in _RULES:
        value = precision.get(rule, 0.7)
        if not isinstance(value, int | float) or not 0 < value <= 1:
            raise ConfigurationError(f"{path}: precision of {rule} must be a number in (0, 1]")
        out[rule] = float(value)
    return Cues(**lists, precision=out)


def load_cues(directory: str | Path | None = None) -> Cues:
    """The cues of ``encyclopedic.yaml`` in ``AIGOV_EXTRACT_DATA`` (or ``extract/data``); an
    experiment's data folder without the file falls back to the shipped one."""
    chosen = Path(directory or os.environ.get("AIGOV_EXTRACT_DATA") or DATA_DIR).resolve()
    path = chosen / _FILE
    if not path.exists():
        path = DATA_DIR / _FILE
    return _load(str(path))


#: Statistical labels that an organisation's name is often given by mistake.
_MISREAD = frozenset(("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"))


def _bare(span: Span) -> str:
    """A name's text without a leading article: the key for "same name" across a text."""
    words = span.text.split()
    if len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _head_noun(token: Token) -> str:
    """A description's head lemma, hyphenated compounds rejoined ("start-up")."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_:
        return f"{doc[token.i - 2].lower_}-{token.lower_}"
    return token.lemma_.lower()


def _org_description(token: Token, cues: Cues) -> bool:
    """The noun (or a noun it coordinates with) names a kind of organisation."""
    for tok in conjuncts(token):
        if tok.pos_ == "NOUN" and (_head_noun(tok) in cues.org_nouns or tok.lower_ in cues.org_nouns):
            return True
    return False


# -- names ------------------------------------------------------------------------------------


class EncyclopedicNames:
    """Marks names that the sentence itself shows to be organisations (see the module doc)."""

    def __init__(self, nlp: Language | None = None, cues: Cues | None = None) -> None:
        self.cues = cues or load_cues()
        resources = load_resources()
        self.suffixes = resources.corporate_suffixes
        self.roles = frozenset(resources.roles)
        self.honorifics = frozenset(resources.honorifics)
        self.verb_rows = resources.verb_rows
        self.named_kinds = resources.named_kinds
        self.org_words = resources.org_generic_words | self.suffixes | self.cues.org_nouns

    def _says_organisation(self, root: Token) -> bool:
        cues = self.cues
        head = root.head
        if root.dep_ == "nsubjpass" and head.lemma_.lower() in cues.founding_verbs:
            return True
        if root.dep_ == "nsubj" and head.lemma_ == "be":
            return any(c.dep_ == "attr" and _org_description(c, cues) for c in head.children)
        if any(c.dep_ == "appos" and _org_description(c, cues) for c in root.children):
            return True
        if root.dep_ == "appos" and root.i > head.i and _org_description(head, cues):
            return True  # "formed the political organization Y": the name the noun introduces
        # "the terrorist organization, Y and its leader": the name right after "<org noun>,"
        # whatever the parser hung it on (not the subject of a reporting clause: "the company,
        # Y said")
        start = root.left_edge.i
        doc = root.doc
        return (
            root.dep_ in ("appos", "conj", "dobj", "pobj")
            and start >= 2
            and doc[start - 1].text == ","
            and _org_description(doc[start - 2], cues)
        )

    def _says_person(self, ent: Span) -> bool:
        """ "guitarist Y", "Y, the television producer", "Y is a film director", "Y (born 1953)": a
        name the model took for an organisation that its sentence describes as a person."""
        nouns = self.cues.person_nouns
        root = ent.root
        doc = ent.doc
        before = doc[ent.start - 1] if ent.start > 0 else None
        if (
            before is not None
            and before.dep_ == "compound"
            and before.head.i == root.i
            and before.lower_ in nouns
        ):
            return True
        if any(c.lower_ == "born" and c.dep_ in ("acl", "relcl", "appos") for c in root.children):
            return True  # "Y (born 4 September 1953) is ...": organisations are not born
        described = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if root.dep_ == "nsubj" and root.head.lemma_ == "be":
            described += [c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        return any(t.lemma_.lower() in nouns for d in described for t in conjuncts(d))

    def _says_work(self, ent: Span) -> bool:
        """ "the film Y", "their second album Y": a name in apposition right after a noun for a
        work (`work_nouns`) is the work's title."""
        root = ent.root
        head = root.head
        return (
            root.dep_ == "appos"
            and head.i == ent.start - 1
            and head.pos_ == "NOUN"
            and head.lemma_.lower() in self.cues.work_nouns
        )

    def _supervisor(self, token: Token) -> bool:
        """Whether a name is the "of" phrase of a supervision noun ("under the supervision of Y and
        Z"), or coordinated with one: a person, whatever label the model gave the name."""
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        prep = token.head
        return (
            token.dep_ == "pobj"
            and prep.lower_ == "of"
            and prep.head.lemma_.lower() in self.cues.supervision_nouns
        )

    @staticmethod
    def _proper_run(token: Token) -> Span | None:
        """The capitalised proper-noun run ending at a token ("Cinema Verity"), if all of it is."""
        doc = token.doc
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and start <= doc[start - 1].head.i <= token.i:
            start -= 1
        words = doc[start : token.i + 1]
        if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words):
            return None
        return words

    @staticmethod
    def _subject(ent: Span) -> Token:
        """The clause subject a name sits in ("Machine" in "Rage Against the Machine is ...")."""
        cur = ent.root
        for _ in range(4):
            if cur.dep_ in ("nsubj", "nsubjpass") or cur.dep_ not in ("pobj", "prep", "compound"):
                return cur
            cur = cur.head
        return cur

    def _whole_name(self, ent: Span, subject: Token) -> Span | None:
        """ "Rage Against the Machine is a band": the model tagged only "Machine"; the subject's
        whole capitalised phrase (small function words allowed inside) is the name."""
        doc = ent.doc
        start, end = subject.left_edge.i, subject.right_edge.i + 1
        if doc[start].lower_ in ("the", "a", "an"):
            start += 1
        if not (start <= ent.start and ent.end <= end) or (start, end) == (ent.start, ent.end):
            return None
        words = doc[start:end]
        if not words[0].text[:1].isupper() or not words[0].is_alpha:
            return None
        for tok in words:
            if tok.is_alpha and not tok.text[:1].isupper() and tok.lower_ not in self.cues.name_words:
                return None
            if (
                tok.pos_ in ("VERB", "AUX", "PRON")
                or tok.dep_ in ("appos", "cc", "relcl", "acl")
                or tok.is_punct
            ):
                return None
        return words

    @staticmethod
    def _and_word(ent: Span) -> int:
        """ "the Council for Peace and Order", "the School of Painting, Sculpture and Architecture":
        the model often ends a name of the form "X of/for A, B and C" at A (or at "and") and takes
        the rest for a person or a title; the series is the name's end when the parser coordinates
        its words with A. Returns the name's end (unchanged without such a series)."""
        doc = ent.doc
        if not any(t.lower_ in ("of", "for") for t in ent):
            return ent.end

        # a name the model ended at "and" goes on even into a word it tagged as a name of its own
        open_end = ent[-1].lower_ == "and"

        def member(tok: Token, heads: set[int]) -> bool:
            return (
                tok.pos_ == "PROPN"
                and tok.is_alpha
                and tok.text[:1].isupper()
                and tok.dep_ == "conj"
                and tok.head.i in heads
                and (open_end or tok.ent_type_ not in ("ORG", "GPE", "NORP"))
            )

        conj = ent.end - 1 if open_end else ent.end
        heads = {conj - 1}
        while conj + 1 < len(doc) and doc[conj].text == "," and member(doc[conj + 1], heads):
            heads.add(conj + 1)
            conj += 2
        if conj + 1 >= len(doc) or doc[conj].lower_ != "and":
            return ent.end
        after = doc[conj + 2] if conj + 2 < len(doc) else None
        if member(doc[conj + 1], heads) and (after is None or after.pos_ != "PROPN"):
            return conj + 2
        return ent.end

    @staticmethod
    def _place_word(ent: Span) -> int:
        """ "Zyx Television Productions UK": a one-word place the model tagged apart, written right
        after an organisation's name and heading it (the name's words are its compounds), ends the
        name of a national arm. Returns the name's end (unchanged without such a word)."""
        doc = ent.doc
        if ent.end >= len(doc):
            return ent.end
        word = doc[ent.end]
        if (
            word.ent_type_ == "GPE"
            and word.pos_ == "PROPN"
            and ent.root.dep_ == "compound"
            and ent.root.head.i == word.i
            and (ent.end + 1 == len(doc) or doc[ent.end + 1].pos_ != "PROPN")
        ):
            return ent.end + 1
        return ent.end

    @staticmethod
    def _left_words(ent: Span, covered: set[int]) -> int:
        """ "South Wigston High School": capitalised proper nouns the model left off the front of
        an organisation's name, attached to it as compounds."""
        doc = ent.doc
        start = ent.start
        inside = range(ent.start, ent.end)
        while start > 0:
            tok = doc[start - 1]
            if (
                tok.i in covered
                or tok.pos_ != "PROPN"
                or tok.dep_ not in ("compound", "nmod")
                or tok.head.i not in inside
                or not tok.text[:1].isupper()
                or not tok.is_alpha
            ):
                break
            start -= 1
        return start

    def _first_name(self, ent: Span) -> int:
        """ "Ivan Petrovich Volkov": the model often starts a three-part name at the
        patronymic and takes the first name for something else (a place); a capitalised proper
        noun compounded onto a name that starts with a patronymic is its first name. Returns the
        name's start (unchanged without one)."""
        doc = ent.doc
        if ent.start == 0 or len(ent) < 2 or not ent[0].lower_.endswith(tuple(self.cues.patronymic_endings)):
            return ent.start
        tok = doc[ent.start - 1]
        if (
            tok.pos_ == "PROPN"
            and tok.dep_ == "compound"
            and ent.start <= tok.head.i < ent.end
            and tok.is_alpha
            and tok.text[:1].isupper()
            and tok.lower_ not in self.roles
            and tok.text not in self.honorifics
            and tok.ent_iob_ != "I"  # not the last word of a longer name
        ):
            return tok.i
        return ent.start

    @staticmethod
    def _appositive_start(ent: Span, covered: set[int]) -> int:
        """ "X, the Northern Garde nationale Cadet School, was ...": a name in apposition
        written with a lower-case word inside (a borrowed word order) is cut there by the model;
        the modifiers of its head reach back to the first capitalised word, and each lower-case one
        among them stands between two capitalised words. Returns the name's start."""
        doc = ent.doc
        if ent.root.dep_ != "appos":
            return ent.start
        start, inside = ent.start, set(range(ent.start, ent.end))
        while start > 0:
            tok = doc[start - 1]
            if tok.i in covered and tok.ent_type_ != "NORP":
                break
            if tok.dep_ not in ("compound", "amod", "nmod") or tok.head.i not in inside or not tok.is_alpha:
                break
            start -= 1
            inside.add(start)
        while start < ent.start and not doc[start].text[:1].isupper():
            start += 1
        lower = [t for t in doc[start : ent.start] if not t.text[:1].isupper()]
        if not lower or any(
            not (doc[t.i - 1].text[:1].isupper() and doc[t.i + 1].text[:1].isupper()) for t in lower
        ):
            return ent.start
        return start

    def _untagged_chunk(self, token: Token, covered: set[int]) -> Span | None:
        """The capitalised proper-noun chain a token ends ("Harlow Telecom"), when the model tagged
        none of it and none of it is a calendar word, a title or a legal suffix."""
        doc = token.doc
        if token.pos_ != "PROPN" or token.i in covered:
            return None
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == token.i:
            start -= 1
        words = doc[start : token.i + 1]
        for tok in words:
            if (
                tok.pos_ != "PROPN"
                or tok.i in covered
                or not tok.is_alpha
                or not tok.text[:1].isupper()
                or tok.lower_ in CALENDAR_WORDS
                or tok.lower_ in self.roles
                or tok.text in self.honorifics
                or tok.text in self.suffixes
            ):
                return None
        if words[0].is_sent_start and words[0].is_stop:
            return None
        before = doc[start - 1] if start > 0 else None
        if before is not None and not before.whitespace_ and (not before.is_punct or before.text in "-–"):
            return None  # the end of a word ("Y-Z")
        return words

    def _slot_label(self, words: Span, allowed: tuple[str, ...]) -> str | None:
        """The entity label a relation slot gives an untagged name: a person's slot takes a name of
        one to three words with no organisation word in it; an organisation's slot takes any name."""
        if allowed == ("Person",):
            if len(words) <= 3 and not any(
                t.lower_ in self.org_words or t.text in self.org_words for t in words
            ):
                return "PERSON"
            return None
        if allowed == ("Organization",):
            return "ORG"
        return None

    def _slot_names(self, doc: Doc, covered: set[int]) -> list[Span]:
        """ "Harlow Telecom was acquired by Ostrava": proper nouns the model left untagged in the
        subject or object slot of a relation verb of ``patterns.yaml`` are names, of the kind the
        slot takes (``acquired`` takes organisations, ``founderOf`` a person as founder), when the
        clause names the relation's other side too."""
        found: list[Span] = []
        for verb in doc:
            if verb.pos_ != "VERB":
                continue
            for row in self.verb_rows.get(verb_key(verb), ()):
                if row.patient_is or row.requires:
                    continue
                predicate = PREDICATES[row.predicate]
                if predicate.literal:
                    continue
                sides: list[tuple[bool, list[tuple[Span, str]]]] = []
                for slots, allowed in ((row.subject, predicate.domain), (row.object, predicate.range)):
                    tokens = [t for slot in slots for t in self._simple_slot(verb, slot)]
                    # "founded the X record label": the name compounded onto a noun for its kind
                    if "Organization" in allowed:
                        tokens += [
                            c
                            for t in tokens
                            if t.pos_ == "NOUN" and t.lemma_.lower() in self.named_kinds
                            for c in t.children
                            if c.dep_ == "compound" and c.pos_ == "PROPN"
                        ]
                    named = any(t.i in covered or t.pos_ == "PRON" for t in tokens)
                    chunks = []
                    for tok in tokens:
                        words = self._untagged_chunk(tok, covered)
                        label = self._slot_label(words, allowed) if words is not None else None
                        if words is not None and label is not None:
                            chunks.append((words, label))
                    sides.append((named, chunks))
                for (_, chunks), (named, other) in zip(sides, reversed(sides), strict=True):
                    if not (named or other):
                        continue
                    for words, label in chunks:
                        if any(i in covered for i in range(words.start, words.end)):
                            continue
                        found.append(Span(doc, words.start, words.end, label=label))
                        covered.update(range(words.start, words.end))
        return found

    @staticmethod
    def _simple_slot(verb: Token, slot: str) -> list[Token]:
        """The tokens of a one-step slot (agent, patient, prep:X) and their coordinations."""
        if slot == "agent":
            tokens = agent_of(verb)
        elif slot == "patient":
            tokens = patient_of(verb)
        elif slot.startswith("prep:"):
            tokens = prep_objects(verb, frozenset(slot[5:].split("|")))
        else:
            return []
        return [c for t in tokens for c in conjuncts(t)]

    def _born_names(self, doc: Doc, covered: set[int]) -> list[Span]:
        """ "Hélé Béji (born 1948) is a writer": a clause subject the model left untagged, a run of
        capitalised proper nouns with a bracket right after it that says "born", is a person's
        name (organisations are not born)."""
        found: list[Span] = []
        for token in doc:
            if token.i in covered or token.pos_ != "PROPN" or token.dep_ not in ("nsubj", "nsubjpass"):
                continue
            run = self._proper_run(token)
            if run is None or len(run) > 4 or any(i in covered for i in range(run.start, run.end)):
                continue
            if any(t.lower_ in self.roles or t.text in self.honorifics or not t.is_alpha for t in run):
                continue
            if run.end >= len(doc) or doc[run.end].text != "(":
                continue
            inside = doc[run.end + 1 : min(run.end + 6, len(doc))]
            closing = next((t.i for t in inside if t.text == ")"), inside.end)
            if any(t.lower_ == "born" for t in doc[run.end + 1 : closing]):
                found.append(Span(doc, run.start, run.end, label="PERSON"))
                covered.update(range(run.start, run.end))
        return found

    def _title_owners(self, doc: Doc, covered: set[int]) -> list[Span]:
        """ "Zyx chairperson Ana Lima": proper nouns the model left untagged, compounded onto a
        title that is itself compounded onto a person's name, are the organisation of the title."""
        found: list[Span] = []
        for title in doc:
            if (
                title.pos_ != "NOUN"
                or title.dep_ not in ("compound", "nmod")
                or title.head.ent_type_ != "PERSON"
            ):
                continue
            if title.lemma_.lower() not in self.roles and title.lower_ not in self.roles:
                continue
            start = title.i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
                start -= 1
            run = doc[start : title.i]
            if (
                len(run)
                and all(t.is_alpha and t.text[:1].isupper() and t.i not in covered for t in run)
                and (start == 0 or doc[start - 1].pos_ != "PROPN")
            ):
                found.append(run)
        return found

    def _comma_joined(self, left: Span, right: Span, whole: Span) -> bool:
        """Whether the parse joins the two sides of a comma inside a name: one side's word hangs on
        the other ("City, University of London", "Washington, D.C."). A coordination joins them
        only when the name itself closes the series ("Throat, Nose and Ear Hospital"); "Fear
        Factor, Deal" is two names of a list the model ran together."""
        closes = any(t.dep_ == "cc" and right.start <= t.i < whole.end for t in whole)
        for side, other in ((left, right), (right, left)):
            inside = range(other.start, other.end)
            for tok in side:
                if tok.head.i in inside and (tok.dep_ != "conj" or closes):
                    return True
        return False

    def _comma_parts(self, ent: Span) -> list[Span]:
        """ "Prior to Ridgeway, Marsh founded ...": the model may run two names together
        across a comma that belongs to neither; the span splits there when its two sides are not
        joined inside it (a legal suffix after the comma always stays: "Zyx Robotics, LLC")."""
        doc = ent.doc
        for tok in ent[1:-1]:
            if tok.text != "," or doc[tok.i + 1].text in self.suffixes:
                continue
            left, right = doc[ent.start : tok.i], doc[tok.i + 1 : ent.end]
            if self._comma_joined(left, right, ent):
                continue
            return [
                *self._comma_parts(Span(doc, left.start, left.end, label=ent.label_)),
                *self._comma_parts(Span(doc, right.start, right.end, label=ent.label_)),
            ]
        return [ent]

    def _without_dangling_word(self, ent: Span) -> Span:
        """ "the Faculty of Arts of" (before "Y University"): a name the model ended on a small
        word that only joins it to what follows ends before it ("and" is left to the series rule)."""
        end = ent.end
        while end - ent.start > 1 and ent.doc[end - 1].lower_ in self.cues.name_words - {"and", "&"}:
            if not ent.doc[end - 1].is_lower:
                break
            end -= 1
        return ent if end == ent.end else Span(ent.doc, ent.start, end, label=ent.label_)

    def _without_unit_tail(self, ent: Span) -> Span:
        """ "the Y Institute of Optics of the Northern Branch of the Z Academy": in a chain of
        units the model may end a name inside the chain; an "of the <unit>" phrase after the
        name's own "of" phrase (``unit_nouns``: *branch, division, ...*) names the parent's part,
        so the name ends before it when the chain goes on after the span."""
        doc = ent.doc
        if ent.end >= len(doc) or doc[ent.end].lower_ != "of":
            return ent
        ofs = [t.i for t in ent if t.lower_ == "of"]
        for i in ofs[1:]:
            if any(t.lemma_.lower() in self.cues.unit_nouns for t in doc[i + 1 : ent.end]):
                return Span(doc, ent.start, i, label=ent.label_)
        return ent

    @staticmethod
    def _bracket_parts(ent: Span) -> list[Span]:
        """ "the Council for Y (CY", "Y Association (YA) and": the model may run a name into the
        bracket after it; the name ends at the bracket, and a single word inside it (the name's
        short form) is a name of its own. A bracket the name goes on after ("Y (YS) Summit") stays."""
        doc = ent.doc
        brackets = [t for t in ent if t.text in ("(", ")")]
        if brackets and brackets[0].text == ")":  # "Y (Z) Surname" tagged from inside the bracket
            rest = doc[brackets[0].i + 1 : ent.end]
            return [Span(doc, rest.start, rest.end, label=ent.label_)] if len(rest) else []
        opening = next((t.i for t in ent[1:] if t.text == "("), None)
        if opening is None:
            return [ent]
        closing = next((t.i for t in doc[opening : ent.end] if t.text == ")"), None)
        if closing is not None and any(t.is_alpha and t.text[:1].isupper() for t in doc[closing : ent.end]):
            return [ent]
        parts = [Span(doc, ent.start, opening, label=ent.label_)]
        inner = doc[opening + 1 : closing if closing is not None else ent.end]
        if len(inner) == 1 and inner[0].text[:1].isupper():
            parts.append(Span(doc, inner.start, inner.end, label=ent.label_))
        return parts

    def _acronym_start(self, ent: Span) -> int:
        """ "the Land, Sea and Air Supply Board (LSASB)": the model tagged only the last words
        of a name whose short form follows in brackets; the capitalised run before it (commas and
        small name words allowed inside) whose initials spell the short form is the whole name.
        Returns the name's start (unchanged when no longer run spells it)."""
        doc = ent.doc
        if ent.end + 2 >= len(doc) or doc[ent.end].text != "(" or doc[ent.end + 2].text != ")":
            return ent.start
        short = doc[ent.end + 1].text
        if not (short.isalpha() and short.isupper() and 2 <= len(short) <= 10):
            return ent.start
        joiners = self.cues.name_words | {",", "-"}
        best, initials = ent.start, [t.text[0] for t in ent if t.is_alpha and t.text[:1].isupper()]
        start = ent.start
        while start > 0 and len(initials) < len(short):
            tok = doc[start - 1]
            if tok.is_alpha and tok.text[:1].isupper():
                initials.insert(0, tok.text[0])
                if "".join(initials).upper() == short:
                    best = start - 1
            elif tok.lower_ not in joiners:
                break
            start -= 1
        return best

    def _comma_suffixes(self, doc: Doc, ents: list[Span]) -> list[Span] | None:
        """ "Zyx Robotics, LLC": a legal suffix after a comma belongs to the name before it (the
        model tags the two apart, or the suffix alone). None when the doc has no such name."""
        out: list[Span] = []
        changed = False
        for ent in ents:
            end = ent.end
            if (
                ent.label_ == "ORG"
                and end + 1 < len(doc)
                and doc[end].text == ","
                and doc[end + 1].text in self.suffixes
            ):
                out.append(Span(doc, ent.start, end + 2, label="ORG", span_id=ent.id_))
                changed = True
            elif ent.label_ == "ORG" and len(ent) == 1 and ent.text in self.suffixes and ent.start >= 2:
                changed = True  # the suffix alone: the name before it takes it (above) or it is dropped
            else:
                out.append(ent)
        return out if changed else None

    def _joined_persons(self, ents: list[Span]) -> list[Span]:
        """ "Don Tomás Ignacio Andrés Ruiz-Calvo y Mendoza Salazar": the model
        cuts a long name into several "persons"; consecutive person spans (with only capitalised
        proper nouns or small name words such as "y", "de" between them) whose words all hang
        inside them on one head are one name."""
        out: list[Span] = []
        for ent in ents:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.label_ == ent.label_ == "PERSON"
                and not (prev.id_ or ent.id_)
                and self._one_name(prev.doc[prev.start : ent.end], prev.end, ent.start)
            ):
                out[-1] = Span(ent.doc, prev.start, ent.end, label="PERSON")
                continue
            out.append(ent)
        return out

    def _one_name(self, words: Span, gap_start: int, gap_end: int) -> bool:
        """Whether ``words`` (two names and the words between them) read as one name."""
        doc = words.doc
        for tok in doc[gap_start:gap_end]:
            proper = tok.pos_ == "PROPN" and tok.is_alpha and tok.text[:1].isupper()
            if not (proper or (tok.is_lower and tok.lower_ in self.cues.name_words)):
                return False
        if any(t.text in (",", ";", "(", ")") for t in words):
            return False
        roots = [t for t in words if not words.start <= t.head.i < words.end or t.head.i == t.i]
        # (with no comma in it, an "apposition" inside a name is the parser's reading of its parts)
        inner = ("compound", "flat", "appos")
        return len(roots) == 1 and all(t.dep_ in inner or t in roots for t in words if not t.is_punct)

    def _title_word(self, ent: Span) -> bool:
        """A "name" that is a title of ``roles.yaml``, capitalised, with its organisation on it: an
        "of" phrase ("Dean of the College of Y", "The Dean of the school") or a possessor outside
        the span ("served as Y's Faith and Values Correspondent")."""
        word = ent[-1]
        if word.i != ent.root.i or (word.lower_ not in self.roles and word.lemma_.lower() not in self.roles):
            return False
        if any(t.pos_ != "PROPN" and t.lower_ not in ("the", "a", "an") for t in ent[:-1]):
            return False
        return any(
            (c.dep_ == "prep" and c.lower_ == "of") or (c.dep_ == "poss" and c.i < ent.start)
            for c in word.children
        )

    @staticmethod
    def _honour(ent: Span) -> bool:
        """A "person" in apposition to a name that ends in post-nominal letters (an order or a
        decoration: "OBE", "OSSI") is an honour the name holds, not somebody else."""
        last = ent[-1].text.rstrip(".")
        head = ent.root.head
        return (
            ent.root.dep_ == "appos"
            and head.ent_type_ in ("PERSON", "ORG")  # the model takes some foreign names for firms
            and head.i < ent.start
            and 2 <= len(last) <= 6
            and last.isalpha()
            and last.isupper()
        )

    def __call__(self, doc: Doc) -> Doc:
        ents = []
        for ent in doc.ents:
            if ent.label_ not in _MISREAD or ent.id_:
                ents.append(ent)
                continue
            for part in self._bracket_parts(self._without_unit_tail(self._without_dangling_word(ent))):
                for name in self._comma_parts(part):
                    start = self._acronym_start(name)
                    ents.append(Span(doc, start, name.end, label=name.label_) if start < name.start else name)
        ents = self._joined_persons(ents)
        changed = [(e.start, e.end) for e in ents] != [(e.start, e.end) for e in doc.ents]
        covered = {i for e in ents for i in range(e.start, e.end)}
        out: list[Span] = []
        made: dict[str, str] = {}  # bare name -> the label this component gave it
        for ent in ents:
            if ent.label_ == "PERSON" and not ent.id_ and self._honour(ent):
                changed = True  # "X, Commendatore OSSI, ...": an honour, not a second person
                continue
            if ent.label_ in ("PERSON", "ORG") and not ent.id_ and self._title_word(ent):
                changed = True  # "served as Dean of the College of Y": a title, not a person
                continue
            if ent.label_ == "PERSON" and not ent.id_:
                start = self._first_name(ent)
                if start < ent.start:
                    ent = Span(doc, start, ent.end, label="PERSON")
                    covered.add(start)
                    changed = True
            if ent.label_ in ("PERSON", "ORG") and not ent.id_ and self._says_work(ent):
                changed = True  # "their first film Y": a title, neither a person nor a firm
                continue
            if not ent.id_ and (
                (ent.label_ == "ORG" and self._says_person(ent))
                or (ent.label_ in _MISREAD and ent.label_ != "PERSON" and self._supervisor(ent.root))
            ):
                out.append(Span(doc, ent.start, ent.end, label="PERSON"))
                made[_bare(ent)] = "PERSON"
                changed = True
                continue
            if ent.label_ == "ORG" and not ent.id_:
                end = self._and_word(ent)
                if end > ent.end:
                    ent = Span(doc, ent.start, end, label="ORG")
                    covered.update(range(ent.start, end))
                    changed = True
                end = self._place_word(ent)
                if end > ent.end:
                    ent = Span(doc, ent.start, end, label="ORG")
                    covered.update(range(ent.start, end))
                    changed = True
                start = min(self._left_words(ent, covered), self._appositive_start(ent, covered))
                if start < ent.start:
                    ent = Span(doc, start, ent.end, label="ORG")
                    covered.update(range(start, ent.end))
                    changed = True
            subject = self._subject(ent)
            if ent.id_ or ent.label_ not in _MISREAD:
                out.append(ent)
                continue
            if not self._says_organisation(subject):
                if subject.i == ent.root.i or not self._says_organisation(ent.root):
                    out.append(ent)
                    continue
                subject = ent.root
            whole = self._whole_name(ent, subject)
            if whole is not None or ent.label_ != "ORG":
                whole = whole or ent
                out.append(Span(doc, whole.start, whole.end, label="ORG"))
                covered.update(range(whole.start, whole.end))
                made[_bare(whole)] = "ORG"
                changed = True
            else:
                out.append(ent)
        for token in doc:
            if token.i in covered or token.pos_ != "PROPN" or token.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if not self._says_organisation(token):
                continue
            run = self._proper_run(token)
            if run is not None and not any(i in covered for i in range(run.start, run.end)):
                out.append(Span(doc, run.start, run.end, label="ORG"))
                covered.update(range(run.start, run.end))
                made[_bare(run)] = "ORG"
                changed = True
        for run in self._born_names(doc, covered):
            out.append(run)
            changed = True
        for run in self._slot_names(doc, covered):
            out.append(run)
            changed = True
        for run in self._title_owners(doc, covered):
            out.append(Span(doc, run.start, run.end, label="ORG"))
            covered.update(range(run.start, run.end))
            changed = True
        suffixed = self._comma_suffixes(doc, out)
        if suffixed is not None:
            out, changed = suffixed, True
        if changed:
            # one name, one kind of thing: the text's other mentions of it are organisations too
            out = [
                Span(doc, e.start, e.end, label=made[_bare(e)])
                if e.label_ in _MISREAD and not e.id_ and made.get(_bare(e), e.label_) != e.label_
                else e
                for e in out
            ]
            doc.ents = filter_spans(out)
        return doc


# -- relations --------------------------------------------------------------------------------


class Encyclopedic:
    """Appends founding years, founders, places, owners and parent units to ``doc._.aigov_relations``."""

    def __init__(self, nlp: Language | None = None, cues: Cues | None = None) -> None:
        self.cues = cues or load_cues()
        self.seats = load_resources().institution_suffixes
        self.blocking = load_discourse_cues().blocking_adverbs
        self._topics: dict[str, int] = {}

    # -- which entity a phrase stands for ---------------------------------------------------------

    def _described(self, doc: Doc, token: Token, depth: int = 0) -> list[tuple[int, bool]]:
        """Entities a noun names or describes: its own mention, the subject of "X is a <noun>",
        the name it is in apposition to, or (for a coordinated noun) its first conjunct's."""
        refs = doc._.aigov_refs
        if depth > 3:
            return []
        if token.i in refs:
            return [refs[token.i]]
        if token.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl":
            # "X is a financial hub that launched in 2018": the relative pronoun stands for the
            # noun its clause modifies, and through it for what that noun describes
            return self._described(doc, token.head.head, depth + 1)
        if token.pos_ not in ("NOUN", "PROPN"):
            return []
        for child in token.children:
            if child.dep_ == "appos" and child.i in refs and not self._place_after_place(doc, child):
                return [refs[child.i]]
        if token.dep_ == "appos":
            return self._described(doc, token.head, depth + 1)
        if token.dep_ == "attr" and token.head.lemma_ == "be":
            return [refs[c.i] for c in token.head.children if c.dep_ == "nsubj" and c.i in refs]
        if token.dep_ == "nsubj" and token.head.lemma_ == "be":
            # "The oldest school in the county, founded in 1820, is X"
            return [refs[c.i] for c in token.head.children if c.dep_ == "attr" and c.i in refs]
        if token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN"):
            return self._described(doc, token.head, depth + 1)
        copula = token.head.head
        if (
            token.dep_ == "nsubj"
            and token.head.dep_ == "ccomp"
            and copula.lemma_ == "be"
            and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
            and not any(c.dep_ == "attr" for c in copula.children)
        ):
            # "X is a start-up based in Z specialised in maps": the parser may read the copula's
            # indefinite complement as the subject of a clause (the second participle's)
            return [refs[c.i] for c in copula.children if c.dep_ == "nsubj" and c.i in refs]
        if token.pos_ == "NOUN" and _head_noun(token) in self.cues.org_nouns:
            # "the INI industrial holding", "the Korvan record label": the name on the noun
            named = [refs[c.i] for c in token.children if c.dep_ in ("compound", "nmod") and c.i in refs]
            if len({n[0] for n in named}) == 1:
                return named[:1]
        return self._topic(token)

    @staticmethod
    def _place_after_place(doc: Doc, appos: Token) -> bool:
        """ "a hub in Tartu, Estonia": the parser may hang the country on the described noun
        as its apposition; a place right after a comma that follows a place names where, not what."""
        entities, refs = doc._.aigov_entities, doc._.aigov_refs
        before = appos.left_edge.i - 1
        if before < 1 or doc[before].text != "," or (before - 1) not in refs:
            return False
        kinds = {entities[refs[appos.i][0]]["type"], entities[refs[before - 1][0]]["type"]}
        return kinds == {"Place"}

    def _topic(self, token: Token) -> list[tuple[int, bool]]:
        """ "The newspaper was established in 1844": a definite organisation noun the coreference
        component left open means the organisation the text described with that noun, or else
        the one its first sentence is about."""
        if token.pos_ != "NOUN" or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children
        ):
            return []
        noun = _head_noun(token)
        if noun not in self.cues.org_nouns or any(
            c.dep_ in ("prep", "poss", "compound") for c in token.children
        ):
            return []
        idx = self._topics.get(noun, self._topics.get(""))
        return [] if idx is None else [(idx, True)]

    def _learn_topics(self, doc: Doc) -> None:
        """Which organisation each organisation noun described ("X is a weekly newspaper",
        "X, a rock band"), and which the first sentence is about ("" key)."""
        refs, entities = doc._.aigov_refs, doc._.aigov_entities
        self._topics = {}
        for n, sent in enumerate(doc.sents):
            for token in sent:
                if token.pos_ != "NOUN" or _head_noun(token) not in self.cues.org_nouns:
                    continue
                holder = None
                if token.dep_ == "attr" and token.head.lemma_ == "be":
                    subj = [c for c in token.head.children if c.dep_ == "nsubj" and c.i in refs]
                    holder = refs[subj[0].i] if subj else None
                elif token.dep_ == "appos" and token.head.i in refs:
                    holder = refs[token.head.i]
                if holder is None or holder[1] or entities[holder[0]]["type"] not in ORG_KINDS:
                    continue
                self._topics.setdefault(_head_noun(token), holder[0])
                if n == 0:
                    self._topics.setdefault("", holder[0])
            if n == 0 and "" not in self._topics:
                return  # the text does not open by describing an organisation

    def _targets(self, doc: Doc, verb: Token, depth: int = 0) -> list[tuple[int, bool]]:
        """The entity a participle is about: passive subject, modified noun, the main clause's
        subject for a leading participle, or what the verb it is coordinated with is about."""
        refs = doc._.aigov_refs
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if subjects:
            return [e for s in subjects for t in conjuncts(s) for e in self._described(doc, t)]
        if any(c.dep_ == "nsubj" for c in verb.children) or verb.tag_ != "VBN" or depth > 2:
            return []
        if verb.dep_ in ("acl", "amod", "relcl"):
            return self._described(doc, verb.head)
        if verb.dep_ == "advcl" and verb.i < verb.head.i:
            head = verb.head
            return [
                e
                for c in head.children
                if c.dep_ in ("nsubj", "nsubjpass")
                for e in (self._described(doc, c) if c.i not in refs else [refs[c.i]])
            ]
        if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            return self._targets(doc, verb.head, depth + 1)
        return []

    def _types(self, doc: Doc, items: list[tuple[int, bool]], allowed) -> list[tuple[int, bool]]:
        entities = doc._.aigov_entities
        seen: set[int] = set()
        out = []
        for item in items:
            if item[0] not in seen and entities[item[0]]["type"] in allowed:
                seen.add(item[0])
                out.append(item)
        return out

    @staticmethod
    def _single_year(ent: Span) -> str | None:
        found = {t.text for t in ent if t.like_num and len(t.text) == 4 and t.text.isdigit()}
        found = {y for y in found if 1000 <= int(y) <= 2100}
        return found.pop() if len(found) == 1 else None

    def _own_year(self, sent: Span, verb: Token, fronted: bool = False) -> str | None:
        """The one four-digit year a date on the verb itself states ("founded in 1990", "formed
        on 6 June 1946", "founded 1990"); a year inside a noun ("for the 2012 election") is not.
        ``fronted``: only a date written before the verb's subject ("On 17 March 2009, X ...")."""
        subjects = [c.left_edge.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        for ent in sent.ents:
            if ent.label_ != "DATE" or clause_verb(ent.root).i != verb.i:
                continue
            root = ent.root
            if root.dep_ == "pobj" and root.head.dep_ == "prep":
                root = root.head
            if root.head.i != verb.i:
                continue
            if fronted and ent.start > min(subjects, default=verb.i):
                continue
            year = self._single_year(ent)
            if year is not None:
                return year
        return None

    def _year(self, sent: Span, verb: Token) -> str | None:
        """The founding verb's own year; else, for "Since 1773, when X was founded", the date the
        "when" clause hangs on; else, for a clause coordinated with an earlier one ("On 17 March
        2009, A was removed and B was formed"), the date fronted on that one, which both share
        unless the second moves in time ("and later founded B": `blocking_adverbs`)."""
        year = self._own_year(sent, verb)
        if year is not None:
            return year
        when = any(c.dep_ == "advmod" and c.lower_ == "when" for c in verb.children)
        if when and verb.dep_ in ("relcl", "advcl"):
            # the date the clause hangs on, or the one written just before it ("In 1902, when ...")
            before = verb.left_edge.i - 1
            if before >= 0 and verb.doc[before].text == ",":
                before -= 1
            for ent in sent.ents:
                if ent.label_ == "DATE" and (ent.start <= verb.head.i < ent.end or ent.end - 1 == before):
                    return self._single_year(ent)
        if (
            verb.dep_ == "conj"
            and verb.head.pos_ in ("VERB", "AUX")
            and not any(c.lower_ in self.blocking for c in verb.children if c.dep_ in ("advmod", "npadvmod"))
        ):
            return self._own_year(sent, verb.head, fronted=True)
        return None

    # -- the component ------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        if doc._.aigov_entities is None or doc._.aigov_refs is None:
            return doc
        out: list[dict] = list(doc._.aigov_relations or [])
        added: list[dict] = []
        self._learn_topics(doc)
        for sent in doc.sents:
            if len(sent) > MAX_SENTENCE_TOKENS:
                continue
            for token in sent:
                if token.pos_ in ("VERB", "AUX"):
                    key = verb_key(token)
                    lemma = token.lemma_.lower()
                    if lemma in self.cues.beginning_verbs and self._activity(token) is not None:
                        self._began(doc, sent, token, added)
                    elif key in self.cues.founding_verbs or lemma in self.cues.founding_verbs:
                        self._founding(doc, sent, token, added)
                    elif lemma in self.cues.location_verbs or token.lower_ == "headquartered":
                        self._location(doc, sent, token, added)
                    elif lemma in self.cues.owning_verbs:
                        self._owned(doc, sent, token, added)
                    elif lemma == "belong":
                        self._belongs(doc, sent, token, added)
                    elif key in self.cues.whole_verbs:
                        self._comprises(doc, sent, token, added)
                elif token.pos_ == "NOUN" and token.lemma_.lower() in ("headquarters", "headquarter"):
                    self._headquarters(doc, sent, token, added)
                elif token.lower_ == "part" and token.pos_ == "NOUN":
                    self._part_of(doc, sent, token, added)
                elif token.pos_ == "NOUN" and token.lemma_.lower() in self.cues.founding_nouns:
                    self._founding_noun(doc, sent, token, added)
                elif token.lower_ == "active" and token.pos_ == "ADJ":
                    self._active_since(doc, sent, token, added)
                if token.pos_ == "NOUN" and token.lemma_.lower() in self.cues.unit_nouns:
                    self._owners_unit(doc, sent, token, added)
                if token.pos_ == "NOUN" and token.lower_ == "home":
                    self._home_to(doc, sent, token, added)
                elif token.pos_ == "NOUN" and _head_noun(token) in self.cues.org_nouns:
                    self._from_place(doc, sent, token, added)
                elif token.pos_ == "PROPN" and token.i in doc._.aigov_refs:
                    self._seated_name(doc, sent, token, added)
                if token.lower_ == "under" and token.dep_ == "prep":
                    self._studied_under(doc, sent, token, added)
            self._bracketed_years(doc, sent, added)
        for record in out:
            if record["predicate"] == "subsidiaryOf" and isinstance(record["object"], int):
                words = {doc[record["trigger"]].lemma_.lower(), doc[record["governor"]].lemma_.lower()}
                if words & self.cues.ownership_nouns:
                    added.append(
                        {
                            **record,
                            "subject": record["object"],
                            "object": record["subject"],
                            "predicate": "owns",
                            "pattern": f"{record['pattern']}+owns",
                        }
                    )
        doc._.aigov_relations = out + added
        return doc

    def _record(
        self,
        doc: Doc,
        sent: Span,
        subj: tuple[int, bool],
        predicate: str,
        obj: tuple[int, bool] | str,
        trigger: Token,
        rule: str,
    ) -> dict:
        quals = raw_qualifiers(doc, sent, trigger, trigger, False)
        quals["amount"] = quals["percent"] = None
        literal = isinstance(obj, str)
        return {
            **quals,
            "date": None if literal else quals["date"],
            "sent": (sent.start_char, sent.end_char),
            "claimed": False,
            "subject": subj[0],
            "predicate": predicate,
            "object": obj if literal else obj[0],
            "coref": bool(subj[1] or (not literal and obj[1])),
            "trigger": trigger.i,
            "governor": trigger.i,
            "pattern": f"encyclopedic:{rule}",
            "precision": self.cues.precision[rule],
            "role": None,
        }

    def _studied_under(self, doc: Doc, sent: Span, under: Token, out: list[dict]) -> None:
        """ "received his degree under X at Y", "earned his doctorate from Y under the supervision of
        X": whoever one studies (or works) under at an organisation works there."""
        verb = under.head
        if verb.pos_ not in ("VERB", "AUX"):
            return
        refs = doc._.aigov_refs
        people: list[tuple[int, bool]] = []
        for obj in prep_objects(verb, frozenset(("under",))):
            if obj.lemma_.lower() in self.cues.supervision_nouns:
                named = [t for o in prep_objects(obj, frozenset(("of",))) for t in conjuncts(o)]
            else:
                named = conjuncts(obj)
            people.extend(refs[t.i] for t in named if t.i in refs)
        # "at Y" on the verb, on its object ("his doctorate at Y") or on the supervisor ("under X at Y")
        places = [
            verb,
            *(c for c in verb.children if c.dep_ == "dobj"),
            *prep_objects(verb, frozenset(("under",))),
        ]
        orgs = [
            refs[t.i]
            for word in places
            for obj in prep_objects(word, frozenset(("at", "from")))
            for t in conjuncts(obj)
            if t.i in refs
        ]
        for person in self._types(doc, people, ("Person",)):
            for org in self._types(doc, orgs, ORG_KINDS):
                out.append(self._record(doc, sent, person, "employeeOf", org, under, "studied_under"))

    def _founding(self, doc: Doc, sent: Span, verb: Token, out: list[dict]) -> None:
        orgs = self._types(doc, self._targets(doc, verb), ORG_KINDS)
        if (
            not orgs
            and verb.tag_ in ("VBD", "VBZ", "VBP")
            and not any(c.dep_ in ("dobj", "xcomp", "ccomp", "attr", "oprd") for c in verb.children)
        ):
            # "the band formed in 1976": an intransitive founding verb dates its subject
            orgs = self._types(
                doc,
                [e for c in verb.children if c.dep_ == "nsubj" for e in self._described(doc, c)],
                ORG_KINDS,
            )
        if not orgs:
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            if verb.tag_ == "VBN" and not any(c.dep_ in ("aux",) for c in verb.children):
                objects = []
            orgs = self._types(
                doc, [e for o in objects for t in conjuncts(o) for e in self._described(doc, t)], ORG_KINDS
            )
        if not orgs:
            return
        year = self._year(sent, verb)
        if year is not None:
            for org in orgs:
                out.append(self._record(doc, sent, org, "foundedIn", year, verb, "founded_year"))
        if verb.tag_ == "VBN":
            founders = [
                e
                for agent in verb.children
                if agent.dep_ == "agent"
                for pobj in agent.children
                if pobj.dep_ == "pobj"
                for t in conjuncts(pobj)
                for e in self._described(doc, t)
            ]
            for person in self._types(doc, founders, ("Person",)):
                for org in orgs:
                    out.append(self._record(doc, sent, person, "founderOf", org, verb, "founded_by"))

    def _activity(self, verb: Token) -> Token | None:
        """ "began broadcasting", "started operations": the activity an organisation began, when
        it is one that an organisation's existence consists of (`activity_words`)."""
        for child in verb.children:
            if child.dep_ in ("xcomp", "dobj") and child.lower_ in self.cues.activity_words:
                return child
        return None

    def _began(self, doc: Doc, sent: Span, verb: Token, out: list[dict]) -> None:
        """ "The station began broadcasting on 20 June 1962": an organisation that began what it
        exists to do was founded then; beginning it somewhere ("began operations in Brazil") is
        an expansion and gives nothing."""
        activity = self._activity(verb)
        if activity is None or verb.tag_ not in ("VBD", "VBZ", "VBP"):
            return
        if self._places(doc, verb, {"in"}) or self._places(doc, activity, {"in"}):
            return
        orgs = self._types(
            doc, [e for c in verb.children if c.dep_ == "nsubj" for e in self._described(doc, c)], ORG_KINDS
        )
        year = self._year(sent, verb) or self._own_year(sent, activity)
        if year is None:
            return
        for org in orgs:
            out.append(self._record(doc, sent, org, "foundedIn", year, verb, "founded_year"))

    @staticmethod
    def _years_under(sent: Span, head: Token, preps: tuple[str, ...]) -> list[str]:
        """Years of the dates attached to ``head`` by one of ``preps`` ("creation ... in 1963")."""
        years: list[str] = []
        for ent in sent.ents:
            if ent.label_ != "DATE":
                continue
            root = ent.root
            if root.dep_ == "pobj" and root.head.lower_ in preps:
                root = root.head
            if not (root.lower_ in preps and (root.head.i == head.i or root.i == head.i + 1)):
                continue
            years.extend(
                t.text
                for t in ent
                if t.like_num and len(t.text) == 4 and t.text.isdigit() and 1000 <= int(t.text) <= 2100
            )
        return years

    def _bracketed_years(self, doc: Doc, sent: Span, out: list[dict]) -> None:
        """ "Party X (1990-1995)", "X (founded 1990)": a bracket right after an organisation's name
        that gives its years of existence, or a founding word and a year."""
        refs = doc._.aigov_refs
        for ent in sent.ents:
            if ent.label_ != "DATE" or ent.end >= len(doc) or doc[ent.end].text != ")":
                continue
            i = ent.start - 1
            founding = i > 0 and doc[i].lemma_.lower() in self.cues.founding_verbs | {"est", "est."}
            if founding:
                i -= 1
            if i < 1 or doc[i].text != "(" or (i - 1) not in refs or refs[i - 1][1]:
                continue
            years = [t.text for t in ent if t.like_num and len(t.text) == 4 and t.text.isdigit()]
            years = [y for y in years if 1000 <= int(y) <= 2100]
            if not years or (not founding and len(years) != 2):
                continue
            org = refs[i - 1]
            if self._tenure_place(doc[i - 1]):
                continue
            if self._types(doc, [org], ORG_KINDS):
                out.append(self._record(doc, sent, org, "foundedIn", min(years), doc[i], "founded_year"))

    @staticmethod
    def _tenure_place(name: Token) -> bool:
        """ "a visiting professor at X (2009-2014)": a bracket on where someone worked or studied
        dates their stay, not the organisation."""
        while name.dep_ in ("conj", "compound", "appos") and name.head.i != name.i:
            if name.dep_ == "conj" and name.head.pos_ == "NOUN":
                return True  # a list of places the parser hung on the title itself
            name = name.head
        return name.dep_ == "pobj" and name.head.lower_ in ("at", "for", "with", "under", "from")

    def _founding_noun(self, doc: Doc, sent: Span, noun: Token, out: list[dict]) -> None:
        """ "the creation of X in 1963", "since its inception in 1985"."""
        refs = doc._.aigov_refs
        years = self._years_under(sent, noun, ("in",))
        if len(set(years)) != 1:
            return
        owners = [refs[c.i] for c in noun.children if c.dep_ == "poss" and c.i in refs]
        owners += [refs[p.i] for p in prep_objects(noun, {"of"}) if p.i in refs]
        for org in self._types(doc, owners, ORG_KINDS):
            out.append(self._record(doc, sent, org, "foundedIn", years[0], noun, "founded_year"))

    def _active_since(self, doc: Doc, sent: Span, adj: Token, out: list[dict]) -> None:
        """ "X was a manufacturer active between 1937 and 1984": the first year is the start."""
        years = self._years_under(sent, adj, ("from", "between", "since"))
        if not years:
            return
        if adj.dep_ in ("amod", "acl", "appos"):
            noun = adj.head
            while noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
                noun = noun.head
            # "a manufacturer of scooters active between ...": the parser may hang "active" on the
            # complement; the described noun is the one the "of" phrase belongs to
            while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
                noun = noun.head.head
            orgs = self._described(doc, noun)
        elif adj.dep_ == "acomp" and adj.head.lemma_ == "be":
            orgs = [e for c in adj.head.children if c.dep_ == "nsubj" for e in self._described(doc, c)]
        else:
            return
        for org in self._types(doc, orgs, ORG_KINDS):
            out.append(self._record(doc, sent, org, "foundedIn", min(years), adj, "founded_year"))

    def _places(self, doc: Doc, head: Token, preps: set[str]) -> list[tuple[int, bool]]:
        """Places a preposition under ``head`` names, directly or through a place noun ("in the
        central province of Ankara")."""
        refs = doc._.aigov_refs
        found = []
        for obj in prep_objects(head, preps):
            if obj.i in refs:
                found.append(refs[obj.i])
            elif obj.pos_ == "NOUN" and obj.lemma_.lower() in self.cues.place_nouns:
                found.extend(refs[p.i] for p in prep_objects(obj, {"of"}) if p.i in refs)
        return self._types(doc, found, ("Place",))

    def _location(self, doc: Doc, sent: Span, verb: Token, out: list[dict]) -> None:
        places = self._places(doc, verb, {"in", "at"})
        if not places:
            return
        for org in self._types(doc, self._targets(doc, verb), ORG_KINDS):
            out.append(self._record(doc, sent, org, "headquarteredIn", places[0], verb, "based_in"))

    def _owned(self, doc: Doc, sent: Span, verb: Token, out: list[dict]) -> None:
        if verb.tag_ != "VBN":
            return
        owners = [
            e
            for agent in verb.children
            if agent.dep_ == "agent"
            for pobj in agent.children
            if pobj.dep_ == "pobj"
            for t in conjuncts(pobj)
            for e in self._described(doc, t)
        ]
        owners = self._types(doc, owners, ORG_KINDS)
        if not owners:
            return
        for owned in self._types(doc, self._targets(doc, verb), ORG_KINDS):
            for owner in owners:
                if owner[0] != owned[0]:
                    out.append(self._record(doc, sent, owner, "owns", owned, verb, "owned_by"))

    def _owners_unit(self, doc: Doc, sent: Span, noun: Token, out: list[dict]) -> None:
        """ "Sega's Sonic Team division", "X's research unit Y": a unit noun with an organisation as
        its possessor and another named on it (compound or apposition)."""
        refs = doc._.aigov_refs
        parents = [refs[c.i] for c in noun.children if c.dep_ == "poss" and c.i in refs]
        units = [refs[c.i] for c in noun.children if c.dep_ in ("compound", "appos") and c.i in refs]
        parents, units = self._types(doc, parents, ORG_KINDS), self._types(doc, units, ORG_KINDS)
        for unit in units:
            for parent in parents:
                if unit[0] != parent[0]:
                    out.append(self._record(doc, sent, unit, "subsidiaryOf", parent, noun, "owners_unit"))
                    if noun.lemma_.lower() in self.cues.ownership_nouns:
                        out.append(self._record(doc, sent, parent, "owns", unit, noun, "owners_unit"))

    def _belongs(self, doc: Doc, sent: Span, verb: Token, out: list[dict]) -> None:
        """ "X belonged to the Y holding": a unit of, and owned by, Y."""
        owners = self._types(
            doc, [e for p in prep_objects(verb, {"to"}) for e in self._described(doc, p)], ORG_KINDS
        )
        subjects = [e for c in verb.children if c.dep_ == "nsubj" for e in self._described(doc, c)]
        for unit in self._types(doc, subjects, ORG_KINDS):
            for owner in owners[:1]:
                if unit[0] != owner[0]:
                    out.append(self._record(doc, sent, unit, "subsidiaryOf", owner, verb, "part_of"))
                    out.append(self._record(doc, sent, owner, "owns", unit, verb, "part_of"))

    def _listed_parts(self, doc: Doc, first: Token) -> list[tuple[int, bool]]:
        """The names of a list that starts at ``first``: coordinated tokens, and tokens coordinated
        with a word inside a name ("the Hospital for X and the Y Hospital": the parser hangs the
        second name on the first one's last word)."""
        refs = doc._.aigov_refs
        found: list[tuple[int, bool]] = []
        seen = {first.i}
        stack = [first]
        while stack:
            tok = stack.pop()
            ref = refs.get(tok.i)
            if ref is not None and ref[0] not in {f[0] for f in found}:
                found.append(ref)
            for child in tok.children:
                inside = ref is not None and child.i in refs and refs[child.i][0] == ref[0]
                if child.i not in seen and (child.dep_ == "conj" or inside):
                    seen.add(child.i)
                    stack.append(child)
        return found

    def _comprises(self, doc: Doc, sent: Span, verb: Token, out: list[dict]) -> None:
        """ "The trust comprises the X Hospital, the Y Hospital and ...", "X consists of ...": named
        institutions (a name with an institution word: *Hospital, College, School*) an
        organisation is made of are its units. A league, association or consortium (`membership_nouns`)
        is made of members, not units, and gives nothing."""
        entities = doc._.aigov_entities
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            subjects = [verb.head]  # "the trust, comprising X and Y"
        else:
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        members = self.cues.membership_nouns
        if any(t.pos_ == "NOUN" and t.lemma_.lower() in members for t in subjects):
            return
        wholes = self._types(doc, [e for s in subjects for e in self._described(doc, s)], ORG_KINDS)
        wholes = [w for w in wholes if not {x.lower() for x in entities[w[0]]["name"].split()} & members]
        if len(wholes) != 1:
            return
        firsts = [c for c in verb.children if c.dep_ == "dobj"] + prep_objects(verb, {"of"})
        parts = [
            p
            for first in firsts
            for p in self._types(doc, self._listed_parts(doc, first), ORG_KINDS)
            if set(entities[p[0]]["name"].split()) & self.seats and p[0] != wholes[0][0]
        ]
        for part in parts:
            out.append(self._record(doc, sent, part, "subsidiaryOf", wholes[0], verb, "comprises"))

    def _part_of(self, doc: Doc, sent: Span, noun: Token, out: list[dict]) -> None:
        """ "X is (became) part of Y", "X, part of Y"."""
        refs = doc._.aigov_refs
        parents = self._types(
            doc,
            [refs[p.i] for p in prep_objects(noun, {"of"}) if p.i in refs and not refs[p.i][1]],
            ORG_KINDS,
        )
        if not parents:
            return
        holders: list[tuple[int, bool]] = []
        if noun.dep_ in ("attr", "oprd", "acomp") and noun.head.lemma_ in ("be", "become", "remain"):
            holders = [refs[c.i] for c in noun.head.children if c.dep_ == "nsubj" and c.i in refs]
        elif noun.dep_ == "appos" and noun.head.i in refs:
            holders = [refs[noun.head.i]]
        for holder in self._types(doc, holders, ORG_KINDS):
            if holder[0] != parents[0][0]:
                out.append(self._record(doc, sent, holder, "subsidiaryOf", parents[0], noun, "part_of"))

    def _seated_name(self, doc: Doc, sent: Span, name: Token, out: list[dict]) -> None:
        """ "the Carver University in Leeds": an institution's name with "in <place>" on it says
        where it sits (names of other organisations take "in" for a market or a deal)."""
        ref = doc._.aigov_refs[name.i]
        entity = doc._.aigov_entities[ref[0]]
        if ref[1] or entity["type"] not in ORG_KINDS or entity["name"].split()[-1] not in self.seats:
            return
        if name.head.i in doc._.aigov_refs and doc._.aigov_refs[name.head.i][0] == ref[0]:
            return  # not the name's last word
        places = self._places(doc, name, {"in"})
        if places:
            out.append(self._record(doc, sent, ref, "headquarteredIn", places[0], name, "seated_in"))

    def _home_to(self, doc: Doc, sent: Span, noun: Token, out: list[dict]) -> None:
        """ "Z is home to X": the place is where the organisation sits."""
        if noun.dep_ != "attr" or noun.head.lemma_ != "be":
            return
        refs = doc._.aigov_refs
        places = self._types(
            doc, [refs[c.i] for c in noun.head.children if c.dep_ == "nsubj" and c.i in refs], ("Place",)
        )
        if not places:
            return
        hosted = [
            e for obj in prep_objects(noun, {"to"}) for t in conjuncts(obj) for e in self._described(doc, t)
        ]
        for org in self._types(doc, hosted, ORG_KINDS):
            out.append(self._record(doc, sent, org, "headquarteredIn", places[0], noun, "seated_in"))

    def _from_place(self, doc: Doc, sent: Span, noun: Token, out: list[dict]) -> None:
        """ "X is a football club from Z", "X, a band from Z": the place a description gives."""
        if noun.dep_ not in ("attr", "appos"):
            return
        places = self._places(doc, noun, {"from"})
        if not places:
            return
        for org in self._types(doc, self._described(doc, noun), ORG_KINDS):
            out.append(self._record(doc, sent, org, "headquarteredIn", places[0], noun, "seated_in"))

    def _headquarters(self, doc: Doc, sent: Span, noun: Token, out: list[dict]) -> None:
        """ "X's headquarters are in Z", "X has its headquarters in Z", "with headquarters in Z"."""
        refs = doc._.aigov_refs
        spots = prep_objects(noun, {"in", "at"})
        if not spots and noun.dep_ in ("nsubj",) and noun.head.lemma_ == "be":
            spots = prep_objects(noun.head, {"in", "at"})
        places = self._types(doc, [refs[p.i] for p in spots if p.i in refs], ("Place",))
        if not places:
            return
        orgs = [refs[c.i] for c in noun.children if c.dep_ in ("poss", "compound") and c.i in refs]
        if not orgs and noun.dep_ == "pobj" and noun.head.lower_ == "with":
            holder = noun.head.head
            if holder.pos_ in ("NOUN", "PROPN"):
                orgs = self._described(doc, holder)
            elif holder.pos_ in ("VERB", "AUX"):
                # "the company is known as Y with headquarters in Z": a passive subject too
                subjects = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
                orgs = [refs[c.i] for c in subjects if c.i in refs]
        for org in self._types(doc, orgs, ORG_KINDS):
            out.append(self._record(doc, sent, org, "headquarteredIn", places[0], noun, "based_in"))


@Language.factory("aigov_encyclopedic_names", requires=["doc.ents", "token.dep"], assigns=["doc.ents"])
def _make_names(nlp: Language, name: str) -> EncyclopedicNames:
    return EncyclopedicNames(nlp)


@Language.factory(
    "aigov_encyclopedic",
    requires=["doc._.aigov_entities", "doc._.aigov_refs", "doc._.aigov_relations"],
    assigns=["doc._.aigov_relations"],
)
def _make_encyclopedic(nlp: Language, name: str) -> Encyclopedic:
    return Encyclopedic(nlp)
