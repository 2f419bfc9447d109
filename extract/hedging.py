"""Is a statement asserted, or only claimed, planned, denied, rumoured or asked?

News text reports talks, plans, denials and speculation next to facts, in the same words
("Acme was reported to be in talks to invest in X"). A relation is a claim when a cue of
``data/hedges.yaml`` sits on the path from its trigger word up to the sentence root: a modal
("may"), a negation ("has not acquired", "no seat"), a hedging adverb ("reportedly"), a verb
that does not commit to its complement ("plans to", "denied that"), a passive report
("is said to"), a talk noun ("in talks to"), a conditional ("if", "whether"), or a question mark.

The walk stops at relative clauses and appositions: "Mostaque, who founded Stability, may
leave" still asserts the founding.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.resources import Resources
from extract.syntax import verb_key

__all__ = ["Hedging"]

_BACKGROUND = frozenset(("relcl", "appos", "acl"))


class Hedging:
    """Claim detection over the dependency path; one instance per pipeline."""

    def __init__(self, resources: Resources) -> None:
        h = resources.hedges
        self.modals = h.get("modals", frozenset())
        self.conditional = h.get("conditional_modals", frozenset())
        self.adverbs = h.get("adverbs", frozenset())
        self.negations = h.get("negations", frozenset())
        self.governors = h.get("governors", frozenset())
        self.passive_governors = h.get("passive_governors", frozenset())
        self.nouns = h.get("nouns", frozenset())
        self.marks = h.get("marks", frozenset())
        self.reporting = h.get("reporting", frozenset())
        self.question = next(iter(h.get("question", frozenset({"?"}))), "?")

    def _local(self, tok: Token, reported: bool) -> bool:
        """A cue attached directly to this token."""
        for child in tok.children:
            dep, low = child.dep_, child.lower_
            if (
                dep == "neg"
                or (dep in ("det", "advmod", "preconj", "cc") and low in self.negations and low != "nor")
            ) and (low in self.negations or dep == "neg"):
                return True
            if dep == "aux" and low in self.modals:
                return True
            if dep == "aux" and low in self.conditional and not reported:
                return True
            if dep == "advmod" and low in self.adverbs:
                return True
            if dep == "mark" and low in self.marks:
                return True
        return False

    def _reported(self, path: list[Token]) -> bool:
        return any(t.lemma_.lower() in self.reporting and t.pos_ == "VERB" for t in path[1:])

    def is_claim(self, trigger: Token, sentence: Span, extra: tuple[Token, ...] = ()) -> bool:
        """True when the statement made at ``trigger`` is hedged, negated or asked, not asserted."""
        if sentence.text.rstrip().rstrip("\"'”’)").endswith(self.question):
            return True
        path: list[Token] = []
        cur = trigger
        for _ in range(30):
            path.append(cur)
            if cur.dep_ in _BACKGROUND or cur.head.i == cur.i:
                break
            cur = cur.head
        reported = self._reported(path)
        for n, tok in enumerate(path):
            if self._local(tok, reported):
                return True
            if n == 0:
                continue
            lemma = tok.lemma_.lower()
            below = path[n - 1]
            if (
                tok.pos_ in ("VERB", "AUX")
                and lemma in self.governors
                and below.dep_ in ("xcomp", "ccomp", "advcl", "prep", "pcomp", "pobj", "dobj", "acl")
            ):
                return True
            if (
                tok.pos_ == "VERB"
                and verb_key(tok) in self.passive_governors  # "is set to", not "was set up"
                and any(c.dep_ == "auxpass" for c in tok.children)
            ):
                return True
            if tok.pos_ == "NOUN" and lemma in self.nouns and below.dep_ in ("acl", "prep", "relcl", "xcomp"):
                return True
        for tok in extra:
            for child in tok.children:
                if child.dep_ == "det" and child.lower_ in self.negations:
                    return True
        return False
