"""Entity types from context: the words a text uses about a name decide what kind of thing it is.

The statistical model only knows PERSON / ORG / GPE; the ontology needs Company, NonProfit,
Investor, GovernmentBody too, and the model is often wrong on short AI names. A name's own
suffix ("Inc.", "Commission"), an honorific ("Mr."), and the description an article gives it
("X, a venture firm", "the regulator X", "X is a start-up") are cues listed in
``data/type_cues.yaml``. The gazetteer's type beats every cue.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract.resources import Resources, load_resources

__all__ = ["BASE_TYPES", "TypeCues", "description_of", "description_tokens", "introduced_type", "span_key"]

#: The type a statistical label implies before any cue is read.
BASE_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "EVENT": "Event",
}


def span_key(span: Span) -> str:
    """The key of a span in ``doc._.aigov_types``: ``"start:end"`` in tokens."""
    return f"{span.start}:{span.end}"


def description_tokens(head: Token) -> list[Token]:
    """The contiguous modifiers (compound / amod / hyphen) left of a noun, then the noun itself."""
    tokens = [head]
    i = head.i - 1
    doc = head.doc
    while i >= 0 and i >= head.left_edge.i:
        tok = doc[i]
        if (
            tok.dep_ in ("compound", "amod", "nmod", "punct")
            and tok.head.i in {t.i for t in tokens} | {head.i}
            and (tok.dep_ != "punct" or tok.text == "-")
        ):
            tokens.insert(0, tok)
            i -= 1
            continue
        if tok.tag_ == "HYPH" or tok.text == "-":
            tokens.insert(0, tok)
            i -= 1
            continue
        break
    while tokens and tokens[0].text == "-":
        tokens.pop(0)
    return tokens


def description_of(head: Token) -> str:
    """A description's words, lower-cased, hyphens rejoined: "the chatbot start-up" -> "chatbot start-up"."""
    words = " ".join(
        t.lower_ if t.i != head.i or t.tag_ not in ("NNS", "NNPS") else t.lemma_.lower()
        for t in description_tokens(head)
    )
    return words.replace(" - ", "-")


def introduced_type(span: Span, resources: Resources) -> str | None:
    """The organisation type a name is introduced with, read from the words written just before it:
    "the artificial intelligence start-up Zyx", "the venture firm Zyx".

    Only descriptors that prove an organisation count (``org_only_descriptors``), so a name the
    model missed, or a short alias no stronger form confirms, is taken only on that evidence. A name
    that is the subject of its own clause is not introduced by the noun before it: in "the start-up
    Jane Doe founded" the noun is the relative clause's head."""
    if span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.i > span.root.i:
        return None
    doc = span.doc
    words: list[str] = []
    i = span.start - 1
    while i >= 0 and len(words) < 6:
        tok = doc[i]
        if tok.text == "-" and not tok.whitespace_ and i > 0 and not doc[i - 1].whitespace_:
            words.insert(0, "-")
            i -= 1
            continue
        if not tok.is_alpha or tok.ent_type_ or tok.lower_ in ("the", "a", "an"):
            break
        words.insert(0, tok.lower_)
        i -= 1
    text = " ".join(words).replace(" - ", "-")
    parts = text.split()
    for k in range(len(parts)):
        key = " ".join(parts[k:])
        if key in resources.org_only_descriptors and key in resources.descriptor_types:
            return resources.descriptor_types[key]
    return None


def _suffix_match(text: str, table: dict[str, str]) -> str | None:
    """The table entry for the longest ending of ``text`` that is a key of ``table``."""
    words = text.split()
    for k in range(len(words)):
        key = " ".join(words[k:])
        if key in table:
            return table[key]
    return None


class TypeCues:
    """Sets ``doc._.aigov_types``: a type for each entity span, keyed by ``span_key(span)``.

    Keys are strings so the doc survives spaCy's msgpack serialisation (``nlp.pipe(n_process=2)``)."""

    def __init__(self, nlp: Language | None = None, resources: Resources | None = None) -> None:
        self.resources = resources or load_resources()

    def descriptions(self, span: Span) -> list[Token]:
        """Nouns the text predicates of the span: appositions, copula attributes, preceding titles."""
        root = span.root
        found: list[Token] = []
        if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN") and root.head.ent_type_ == "":
            found.append(root.head)
        for child in root.children:
            if (child.dep_ == "appos" and child.pos_ == "NOUN") or (
                child.dep_ in ("compound", "amod", "nmod") and child.i < span.start and child.pos_ == "NOUN"
            ):
                found.append(child)
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be":
            found.extend(c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN")
        return found

    def _title_complement(self, span: Span) -> bool:
        """Whether the span is the "of" / "at" complement of a title ("chairman of Zyx")."""
        root = span.root
        prep = root.head
        if root.dep_ != "pobj" or prep.lower_ not in ("of", "at") or prep.head.pos_ != "NOUN":
            return False
        title = prep.head
        words = [t.lower_ for t in title.lefts if t.dep_ in ("compound", "amod")] + [title.lemma_.lower()]
        return any(" ".join(words[k:]) in self.resources.roles for k in range(len(words)))

    def type_of(self, span: Span) -> str | None:
        """The ontology type of one entity span, or None when it is not an entity we track."""
        res = self.resources
        key = span.id_.lstrip("~")
        if key and key in res.gazetteer_by_name:
            return res.gazetteer_by_name[key].type
        base = BASE_TYPES.get(span.label_)
        if base is None:
            return None
        doc = span.doc
        if span.start > 0 and doc[span.start - 1].text in res.person_cues:
            return "Person"
        prefix = res.prefix_types.get(span[0].text) if len(span) > 1 else None
        if prefix:
            return prefix  # "FK Zyx": a club's abbreviation, whatever label the model gave the name
        suffix = res.suffix_types.get(span[-1].text)
        if suffix and (base != "Place" or span[-1].text in res.institution_suffixes):
            return suffix
        introduced = introduced_type(span, res)
        if introduced is not None:
            return introduced  # "the start-up Zyx" even when the model took Zyx for a person
        if base == "Organization" and len(span) > 1 and re.fullmatch(r"(1[89]|20)\d\d", span[-1].text):
            return "Event"  # "Expo 2020", "the 2012 Games": organisations do not end in a year
        if base == "Person" and self._title_complement(span):
            return "Organization"  # "the manager of Zyx": a title is held at an organisation
        for noun in self.descriptions(span):
            text = description_of(noun)
            cue = _suffix_match(text, res.descriptor_types)
            if cue is None:
                continue
            if base == "Person" and _suffix_match(text, {d: d for d in res.org_only_descriptors}) is None:
                continue
            if (
                base == "Place"
                and cue != "Place"
                and _suffix_match(text, {d: d for d in res.org_only_descriptors}) is None
            ):
                continue
            return cue
        return base

    def __call__(self, doc: Doc) -> Doc:
        doc._.aigov_types = {span_key(ent): t for ent in doc.ents if (t := self.type_of(ent))}
        return doc
