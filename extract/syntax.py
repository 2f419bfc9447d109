"""Small, general walks over a dependency parse that every relation pattern shares.

Patterns in ``data/patterns.yaml`` name slots ("agent", "patient", "prep:in"); these helpers
find the token in each slot for active and passive clauses, relative clauses, participles and
controlled infinitives, and expand coordinations, so the rows stay free of parser details.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = [
    "agent_of",
    "clause_verb",
    "conjuncts",
    "is_passive",
    "patient_of",
    "prep_objects",
    "relative_antecedent",
    "verb_key",
]

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_PARTICLES = frozenset(("down", "up", "out", "over", "aside", "away", "off", "in", "on", "back"))
_RELATIVE = frozenset(("who", "which", "that", "whom", "whose"))


def verb_key(token: Token) -> str:
    """The lemma, with a particle when there is one: "stepped down" -> "step down"."""
    for child in token.children:
        if child.dep_ == "prt" or (
            child.dep_ == "advmod" and child.i == token.i + 1 and child.lower_ in _PARTICLES
        ):
            return f"{token.lemma_.lower()} {child.lower_}"
    return token.lemma_.lower()


def is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("acl", "amod")
        and not any(c.dep_ == "aux" for c in verb.children)
    )


def relative_antecedent(token: Token) -> Token | None:
    """For "who"/"which"/"that" as a relative pronoun, the noun the clause modifies."""
    if token.lower_ not in _RELATIVE:
        return None
    # the word just before "who" (past a comma) is the antecedent when it is a name
    i = token.i - 1
    while i >= 0 and token.doc[i].is_punct:
        i -= 1
    if i >= 0 and token.doc[i].pos_ == "PROPN":
        return token.doc[i]
    if i >= 0 and token.doc[i].pos_ == "NOUN" and token.doc[i].tag_ != "NNS":
        app = token.doc[i]
        for _ in range(3):
            if app.dep_ == "appos" or app.head.i == app.i:
                break
            app = app.head
        if app.dep_ == "appos":
            j = app.left_edge.i - 1
            while j >= 0 and token.doc[j].is_punct:
                j -= 1
            if j >= 0 and token.doc[j].pos_ == "PROPN":
                return token.doc[j]
    verb = token.head
    for _ in range(3):
        if verb.dep_ in ("relcl", "acl"):
            return verb.head
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ("X, Y and Z")."""
    out = [token]
    stack = [token]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ == "conj" and child not in out:
                out.append(child)
                stack.append(child)
    return out


def _control_head(verb: Token) -> Token | None:
    """The verb whose subject an infinitive or conjoined verb shares ("left X to start Y")."""
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return verb.head
    # "founded X after leaving Y": the gerund's subject is the main verb's
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return verb.head.head
    # "quit X to join Y, then left Y": a second finite predicate after a comma, which the parser
    # leaves unlabelled (dep) when the "and" is missing
    if (
        verb.dep_ == "dep"
        and verb.head.pos_ in ("VERB", "AUX")
        and verb.i > verb.head.i
        and verb.tag_ in ("VBD", "VBZ", "VBP")
        and verb.left_edge.i > 0
        and verb.doc[verb.left_edge.i - 1].text == ","
    ):
        return verb.head
    return None


def _misread_appointee(verb: Token, subjects: list[Token], object_control: frozenset[str]) -> list[Token]:
    """ "Acme named X to succeed him" misread as "Acme [named X] to succeed him" (the appointing
    verb taken for a participle on Acme): an infinitive has no subject of its own, so the person the
    appointing verb names is the one who succeeds."""
    if not object_control or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []
    nouns = list(subjects) or ([verb.head] if verb.dep_ == "acl" else [])
    for noun in nouns:
        for acl in noun.children:
            if acl.dep_ == "acl" and acl.i < verb.i and acl.lemma_.lower() in object_control:
                named = [c for c in acl.children if c.dep_ in ("dobj", "oprd") and c.pos_ == "PROPN"]
                if named:
                    return named
    return []


def agent_of(verb: Token, object_control: frozenset[str] = frozenset()) -> list[Token]:
    """The doer: active subject, passive "by" phrase, or a controlling verb's subject (its object for
    verbs of ``object_control``: in "named X to succeed him", X does the succeeding)."""
    if verb.pos_ in ("NOUN", "PROPN"):
        return [c for c in verb.children if c.dep_ == "poss"]
    if is_passive(verb):
        for child in verb.children:
            if child.dep_ == "agent":
                return [g for g in child.children if g.dep_ == "pobj"]
        return []
    subjects = [c for c in verb.children if c.dep_ in ("nsubj",)]
    named = _misread_appointee(verb, subjects, object_control)
    if named:
        return named
    if subjects:
        return subjects
    seen = 0
    head = _control_head(verb)
    while head is not None and seen < 4:
        if verb.dep_ == "xcomp" and head.lemma_.lower() in object_control:
            # the parser may label the person an object predicate: "named X to succeed Y"
            objects = [c for c in head.children if c.dep_ == "dobj"] or [
                c for c in head.children if c.dep_ == "oprd" and c.pos_ == "PROPN"
            ]
            if objects:
                return objects
        if is_passive(head):
            subj = [c for c in head.children if c.dep_ == "nsubjpass"]
        else:
            subj = [c for c in head.children if c.dep_ == "nsubj"]
        if subj:
            return subj
        if head.dep_ in ("relcl",) and verb.dep_ != "conj":
            return [head.head]
        head = _control_head(head)
        seen += 1
    if verb.dep_ == "relcl":
        return []
    return []


def patient_of(verb: Token) -> list[Token]:
    """The undergoer: object, passive subject, or the noun a participle / relative clause modifies."""
    if verb.pos_ in ("NOUN", "PROPN"):
        return [
            g
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
    if is_passive(verb):
        subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if subj:
            return subj
        if verb.dep_ in ("acl", "relcl", "amod"):
            return [verb.head]
        head = _control_head(verb)
        if head is not None and verb.dep_ == "conj":
            return [c for c in head.children if c.dep_ == "nsubjpass"]
        return []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if objects:
        return objects
    # a reduced relative the parser took for a complement: "unveiled the start-up she founded"
    if verb.dep_ == "ccomp" and not any(c.dep_ == "mark" for c in verb.children):
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if subj and subj[0].i > 0:
            before = verb.doc[subj[0].left_edge.i - 1]
            if before.pos_ in ("NOUN", "PROPN") and before.head.i == verb.head.i and before.dep_ == "dobj":
                return [before]
    # the object gap of a relative clause: "the company he helped to found"
    cur, steps = verb, 0
    while cur.dep_ in ("xcomp",) and steps < 3:
        cur = cur.head
        steps += 1
    if (
        cur.dep_ in ("relcl", "acl")
        and not any(c.dep_ == "dobj" for c in cur.children)
        and cur.head.pos_
        in (
            "NOUN",
            "PROPN",
        )
    ):
        subj = [c for c in cur.children if c.dep_ in _SUBJ]
        if subj and subj[0].lower_ not in _RELATIVE:
            return [cur.head]
    return []


def prep_objects(token: Token, preps: frozenset[str] | set[str]) -> list[Token]:
    """Objects of prepositions under ``token`` whose word is in ``preps`` (coordinated preps too)."""
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            for prep in conjuncts(child):
                out.extend(g for g in prep.children if g.dep_ in ("pobj", "pcomp"))
    return out


def clause_verb(token: Token) -> Token:
    """The nearest verb (or auxiliary acting as main verb) at or above a token."""
    cur = token
    for _ in range(40):
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass"):
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur
