"""The relation component: one general interpreter of the pattern rows in ``data/``.

Four row kinds share the slot machinery of :mod:`extract.syntax`:

- **verbs** ("X acquired Y", "Y was bought by X", "the lab X acquired", "X left Y to start Z")
- **nouns** naming events ("X's dismissal from Y", "the ouster of X", "X's backing of Y")
- **titles and relational nouns** ("X, the chief executive of Y", "Y CEO X", "X is Y's rival",
  "its parent company X", "X was named CEO of Y", "X resigned as chief executive of Y"), from
  ``roles.yaml`` and the ``relational`` rows
- **hyphenated participles** ("London-based X", "Acme-backed X")

Each match becomes a plain dict on ``doc._.aigov_relations`` with entity indexes into
``doc._.aigov_entities`` and the raw qualifier material (date / amount / percent spans, role);
:mod:`extract.extractor` turns them into :class:`ontology.Fact`. Work per sentence is linear
in its tokens: every token is looked up in prebuilt tables once.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract.coref import ORG_KINDS, head_word
from extract.hedging import Hedging
from extract.qualifiers import MONEY_PREDICATES, raw_qualifiers
from extract.resources import Resources, RoleRow, Row, load_resources, normalise_phrase
from extract.syntax import (
    agent_of,
    clause_verb,
    conjuncts,
    is_passive,
    patient_of,
    prep_objects,
    relative_antecedent,
    verb_key,
)
from extract.typing_cues import introduced_type
from ontology.predicates import PREDICATES

__all__ = ["MAX_SENTENCE_TOKENS", "Relations", "implied_records", "type_fits"]

#: Longer "sentences" (run-on text without punctuation) are not searched: news sentences are far
#: shorter, and the parse of a run-on is not worth trusting.
MAX_SENTENCE_TOKENS = 250

_MAX_PHRASE = 6
_COPULAR_DEPS = ("attr", "oprd", "acomp")
_TARGET_PREPS = frozenset(("of", "at", "for", "in"))
#: Exits that name no organisation borrow the one a title in the same sentence gives.
_EXITS = frozenset(("resignedFrom", "dismissedFrom"))
#: Facts that name a person's position at an organisation (``employeeOf`` names none).
_NAMED_POSITIONS = frozenset(("ceoOf", "chairOf", "holdsPositionAt"))
#: The organisation "in view" must lead the next one by this factor to stand in for a missing one.
_CLEAR_LEAD = 1.5
#: Auxiliaries that put an event in the future, an infinitive or progress ("will acquire", "agreed to
#: acquire", "is being acquired"): the event is not done yet.
_NOT_DONE_AUX = frozenset(("to", "will", "'ll", "would", "shall", "being"))
_MODIFIER_DEPS = frozenset(("amod", "compound", "nmod", "advmod", "npadvmod"))
#: Prepositions through which a noun names what happened to an event ("the collapse of the takeover").
_GOVERNING_PREPS = frozenset(("of", "to", "for", "against"))


def implied_records(doc: Doc, records: list[dict], res: Resources) -> list[dict]:
    """Records for the facts that completed statements imply (``implied`` in patterns.yaml: "Y
    acquired X" -> Y owns X, X subsidiaryOf Y): same sentence, same date, the source's precision
    lowered by the entry's factor. Called once dates are settled (:mod:`extract.discourse_dates`),
    so an implied fact carries the date its source inherited. A claim implies nothing."""
    out: list[dict] = []
    entities = doc._.aigov_entities or []
    for record in records:
        implications = res.implications.get(record["predicate"])
        if not implications or record["claimed"] or record.get("future") or record["object"] is None:
            continue
        if not _completed(doc[record["trigger"]], res):
            continue
        for implication in implications:
            if implication.patterns and record["pattern"] not in implication.patterns:
                continue
            subj, obj = record["subject"], record["object"]
            if implication.inverse:
                subj, obj = obj, subj
            predicate = PREDICATES[implication.predicate]
            if not (
                type_fits(entities[subj]["type"], predicate.domain)
                and type_fits(entities[obj]["type"], predicate.range)
            ):
                continue
            out.append(
                {
                    **record,
                    "subject": subj,
                    "object": obj,
                    "predicate": implication.predicate,
                    "precision": record["precision"] * implication.factor,
                    "pattern": f"{record['pattern']}=>{implication.predicate}",
                    "amount": None,  # the price of a purchase is not the value of the holding
                    "percent": None,
                }
            )
    return out


def _completed(trigger: Token, res: Resources) -> bool:
    """Whether an event's trigger tells of a thing done and whole: not "will/would/to acquire", not
    "is acquiring", not "the planned acquisition", not "regulators blocked the takeover", not
    "jointly owns". Only such a statement implies further facts (see :func:`implied_records`)."""
    stop = res.unfinished | res.partial
    children = list(trigger.children)
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _NOT_DONE_AUX for c in children):
        return False
    if trigger.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in children):
        return False
    modifiers = [c for c in children if c.dep_ in _MODIFIER_DEPS]
    if any(c.lower_ in stop or c.lemma_.lower() in stop for c in modifiers):
        return False
    if trigger.pos_ in ("NOUN", "PROPN"):
        # "blocked the takeover", "the collapse of the takeover", "opposition to the acquisition"
        gov = trigger.head
        if trigger.dep_ == "pobj" and gov.lower_ in _GOVERNING_PREPS:
            gov = gov.head
        if gov.i != trigger.i and (gov.lower_ in res.unfinished or gov.lemma_.lower() in res.unfinished):
            return False
    return True


def type_fits(etype: str, allowed: tuple[str, ...]) -> bool:
    """Whether an entity type is one a predicate allows (an organisation's kinds count as one)."""
    for want in allowed:
        if want == etype:
            return True
        if want == "Organization" and etype in ORG_KINDS:
            return True
        if want == "GovernmentBody" and etype in ("GovernmentBody", "Organization"):
            return True
    return False


def _unique(items: list[tuple[int, bool]]) -> list[tuple[int, bool]]:
    out: list[tuple[int, bool]] = []
    for item in items:
        if item[0] not in {o[0] for o in out}:
            out.append(item)
    return out


class Relations:
    """Finds relations in a doc already carrying entities and coreference (see extract.coref)."""

    def __init__(self, nlp: Language | None = None, resources: Resources | None = None) -> None:
        self.res = res = resources or load_resources()
        self.hedging = Hedging(res)
        # Phrase table for titles and relational nouns: normalised phrase -> (kind, row).
        self.phrases: dict[str, tuple[str, RoleRow | Row]] = {}
        for rows in res.relational_rows.values():
            for row in rows:
                for trig in row.triggers:
                    self.phrases[normalise_phrase(trig)] = ("rel", row)
        for key, role in res.roles.items():
            self.phrases[key] = ("role", role)
        self.last_parts = {re.split(r"[- ]", key)[-1] for key in self.phrases}

    # -- entity lookup -----------------------------------------------------------------------------

    def _ents(self, doc: Doc, token: Token, depth: int = 0) -> list[tuple[int, bool]]:
        """Entities a token stands for: its own mention, a relative pronoun's antecedent, an
        apposition, or a "called X" name; with coordinated tokens."""
        refs = doc._.aigov_refs
        out: list[tuple[int, bool]] = []
        if depth > 3:
            return out
        tokens = conjuncts(token)
        for tok in list(tokens):
            if tok.pos_ == "PRON":
                continue  # a pronoun has no apposition ("It ... brothers: X, Y and Z" is a list)
            # "X, the COO, and Y, the CTO": the parser may hang Y on X's apposition
            for app in tok.children:
                if app.dep_ == "appos":
                    tokens.extend(c for c in conjuncts(app)[1:] if c.i in refs and c not in tokens)
        for tok in tokens:
            found = self._one(doc, tok, refs, depth)
            for item in found:
                if item[0] not in {o[0] for o in out}:
                    out.append(item)
        return out

    def _one(self, doc: Doc, tok: Token, refs: dict, depth: int) -> list[tuple[int, bool]]:
        if tok.i in refs:
            return [refs[tok.i]]
        ante = relative_antecedent(tok)
        if ante is not None:
            verb = tok.head
            plural = verb.tag_ == "VBP" or any(
                c.lower_ in ("both", "all", "are", "were", "have") for c in verb.children
            )
            if plural or ante.tag_ in ("NNS", "NNPS"):
                while ante.dep_ in ("conj", "compound") and ante.head.i != ante.i:
                    ante = ante.head  # "Dario and Daniela Amodei, who both ...": from the first name
                return self._ents(doc, ante, depth + 1)
            return self._one(doc, ante, refs, depth + 1)
        if tok.tag_ == "WP$":
            cur = tok.head
            for _ in range(4):
                if cur.dep_ == "relcl":
                    return self._ents(doc, cur.head, depth + 1)
                if cur.head.i == cur.i:
                    break
                cur = cur.head
            return []
        if tok.tag_ == "NNS" and tok.lemma_.lower() in self.res.plural_people:
            dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet", "amod")}
            if dets & self.res.plural_people_determiners:
                return self._last_two_people(doc, tok)
        if tok.lower_ in self.res.plural_people and any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children
        ):
            return self._last_two_people(doc, tok)  # "the pair", "the duo"
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.res.org_parts:
            # "the board of Acme", "Acme's directors": the organisation acts through them
            for child in tok.children:
                if child.dep_ == "poss" and child.i in refs:
                    return [refs[child.i]]
            for obj in prep_objects(tok, frozenset(("of",))):
                if obj.i in refs:
                    return [refs[obj.i]]
        if tok.pos_ == "NOUN" and tok.lower_ in self.last_parts:
            holder = self._appos_on_complement(doc, tok, refs)
            if holder is not None:
                return [holder]
        own = self._compounded_name(doc, tok, refs)
        if tok.pos_ in ("NOUN", "PROPN", "NUM"):
            for child in tok.children:
                if child.dep_ == "appos" and not any(
                    obj.i not in refs and obj.pos_ == "NOUN" and child.left_edge.i == obj.i + 1
                    for obj in prep_objects(tok, frozenset(("of",)))
                ):
                    # (a name written right onto the noun's "of" phrase is that phrase's: "the
                    # daughter of politician X" is not X)
                    got = [r for r in (self._one(doc, child, refs, depth + 1)) if r]
                    if got:
                        if own is not None and self._introduces_name(child):
                            # "the X record label, a jazz label called Y": a noun with a name of
                            # its own is not the one a "called" phrase names; it is a list
                            return [own, *(g for g in self._ents(doc, child, depth + 1) if g[0] != own[0])]
                        return self._ents(doc, child, depth + 1)
                if child.dep_ == "acl" and child.lemma_ in ("call", "name", "dub", "know"):
                    for g in child.children:
                        if g.dep_ in ("oprd", "attr", "dobj") and (g.i in refs):
                            return [refs[g.i]]
            if tok.dep_ == "appos" and tok.head.i in refs:
                if tok.tag_ in ("NNS", "NNPS"):  # "X and Y, the two engineers who ..."
                    return self._ents(doc, tok.head, depth + 1)
                return [refs[tok.head.i]]
            # "one of the founders", "two of its engineers"
            if tok.lower_ in ("one", "both", "all"):
                return []
        return [own] if own is not None else []

    def _compounded_name(self, doc: Doc, tok: Token, refs: dict) -> tuple[int, bool] | None:
        """ "the X record label": the organisation named onto a noun for its kind (`named_kinds`)."""
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in self.res.named_kinds:
            return None
        named = {
            refs[c.i]
            for c in tok.children
            if c.dep_ == "compound" and c.i in refs and self._entity_type(doc, refs[c.i][0]) in ORG_KINDS
        }
        return named.pop() if len(named) == 1 else None

    @staticmethod
    def _introduces_name(noun: Token) -> bool:
        """ "a label called Y", "a band named Y": the noun brings in a name of its own."""
        return any(c.dep_ == "acl" and c.lemma_ in ("call", "name", "dub") for c in noun.children)

    def _appos_on_complement(self, doc: Doc, title: Token, refs: dict) -> tuple[int, bool] | None:
        """ "The chief executive of Y, X, ...": the parser hangs the name X on Y, but a person is
        never an organisation's apposition, so X is the title's holder."""
        for obj in prep_objects(title, frozenset(("of", "at"))):
            if obj.i not in refs or self._entity_type(doc, refs[obj.i][0]) not in ORG_KINDS:
                continue
            for child in obj.children:
                if (
                    child.dep_ == "appos"
                    and child.i in refs
                    and self._entity_type(doc, refs[child.i][0]) == "Person"
                ):
                    return refs[child.i]
        return None

    @staticmethod
    def _last_two_people(doc: Doc, tok: Token) -> list[tuple[int, bool]]:
        """ "Both men", "the pair": the last two people named (or referred to) before the phrase."""
        refs = doc._.aigov_refs
        entities = doc._.aigov_entities
        sent = tok.sent
        first = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        found: list[int] = []
        for i in range(tok.i - 1, first - 1, -1):
            if i in refs and entities[refs[i][0]]["type"] == "Person" and refs[i][0] not in found:
                found.append(refs[i][0])
                if len(found) == 2:
                    return [(found[1], True), (found[0], True)]
        return []

    def _entity_type(self, doc: Doc, idx: int) -> str:
        return doc._.aigov_entities[idx]["type"]

    def _fits(self, doc: Doc, idx: int, allowed: tuple[str, ...]) -> bool:
        return type_fits(self._entity_type(doc, idx), allowed)

    # -- slots ---------------------------------------------------------------------------------------

    def _slot(self, doc: Doc, trigger: Token, slot: str) -> tuple[list[Token], bool]:
        """Tokens in a slot; the flag says "every entity in these tokens' phrases" (all:)."""
        every = slot.startswith("all:")
        if every:
            slot = slot[4:]
        tokens = [trigger]
        for step in slot.split(">"):
            nxt: list[Token] = []
            for tok in tokens:
                if step == "agent":
                    nxt.extend(agent_of(tok, self.res.appoint_verbs))
                    if tok.pos_ in ("NOUN", "PROPN"):
                        # "the Acme-Globex partnership": names compounded onto the noun
                        stack = [c for c in tok.children if c.dep_ == "compound"]
                        named = []
                        while stack:
                            c = stack.pop()
                            if c.i in doc._.aigov_refs:
                                named.append(c)
                            stack.extend(g for g in c.children if g.dep_ == "compound")
                        nxt.extend(sorted(named, key=lambda t: t.i))
                elif step == "patient":
                    nxt.extend(patient_of(tok))
                elif step.startswith("prep:"):
                    nxt.extend(prep_objects(tok, frozenset(step[5:].split("|"))))
                elif step == "host":
                    # "a round led by Y" in "X was valued ... after a round led by Y": X
                    verb = clause_verb(tok.head if tok.dep_ in ("acl", "relcl") else tok)
                    if verb.i == tok.i and verb.head.i != verb.i:
                        verb = clause_verb(verb.head)
                    nxt.extend(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
                elif step == "poss":
                    # the possessor: "licensed Acme's models" -> Acme
                    nxt.extend(c for c in tok.children if c.dep_ == "poss")
                elif step == "name":
                    # only a written name: "left Acme for Globex" hangs "for" on the name
                    if tok.i in doc._.aigov_refs and not doc._.aigov_refs[tok.i][1]:
                        nxt.append(tok)
                elif step.startswith("xcomp:"):
                    lemmas = set(step[6:].split("|"))
                    nxt.extend(c for c in tok.children if c.dep_ in ("xcomp", "advcl") and c.lemma_ in lemmas)
            tokens = nxt
        return tokens, every

    def _slot_entities(
        self, doc: Doc, trigger: Token, slots: tuple[str, ...]
    ) -> tuple[list[tuple[int, bool]], Token | None]:
        for slot in slots:
            tokens, every = self._slot(doc, trigger, slot)
            found: list[tuple[int, bool]] = []
            for tok in tokens:
                if every:
                    for sub in tok.subtree:
                        if sub.i in doc._.aigov_refs and not doc._.aigov_refs[sub.i][1]:
                            item = doc._.aigov_refs[sub.i]
                            if item[0] not in {f[0] for f in found}:
                                found.append(item)
                else:
                    found.extend(self._ents(doc, tok))
            if found:
                return found, tokens[0] if tokens else None
        return [], None

    # -- the component ---------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        out: list[dict] = []
        for sent in doc.sents:
            self._sentence(doc, sent, out)
        doc._.aigov_relations = self._drop_unlinked_exits(doc, self._drop_unnamed_jobs(out))
        return doc

    @staticmethod
    def _drop_unnamed_jobs(out: list[dict]) -> list[dict]:
        """ "X worked at Y as chief executive", "took a position at Y as its president": employment
        is stated "without a named position" (``employeeOf``, ontology/aigov.ttl), so where the
        sentence names the person's position at that organisation, the position is the fact."""
        named = {
            (r["sent"], r["subject"], r["object"])
            for r in out
            if r["predicate"] in _NAMED_POSITIONS and not r["claimed"]
        }
        return [
            r
            for r in out
            if r["predicate"] != "employeeOf" or (r["sent"], r["subject"], r["object"]) not in named
        ]

    @staticmethod
    def _drop_unlinked_exits(doc: Doc, out: list[dict]) -> list[dict]:
        """An exit whose organisation was only inferred ("whom the board had removed", "he quit")
        stands when that organisation is the one the article names most, or when the text ties the
        person to it some other way; an exit from an organisation the person is never otherwise
        linked with is more likely a wrong antecedent than news."""
        inferred = [r for r in out if r["predicate"] in _EXITS and r.get("object_coref")]
        if not inferred:
            return out
        counts: dict[int, int] = {}
        entities = doc._.aigov_entities
        for _, _, idx in doc._.aigov_mentions:
            if entities[idx]["type"] in ORG_KINDS:
                counts[idx] = counts.get(idx, 0) + 1
        ranked = sorted(counts.values(), reverse=True)
        top = {idx for idx, n in counts.items() if n == ranked[0]} if ranked else set()
        dominant = top if len(top) == 1 else set()
        linked = {
            frozenset((r["subject"], r["object"]))
            for r in out
            if isinstance(r["object"], int) and not (r["predicate"] in _EXITS and r.get("object_coref"))
        }
        return [
            r
            for r in out
            if not (r["predicate"] in _EXITS and r.get("object_coref"))
            or r["object"] in dominant
            or frozenset((r["subject"], r["object"])) in linked
        ]

    def _sentence(self, doc: Doc, sent: Span, out: list[dict]) -> None:
        if len(sent) > MAX_SENTENCE_TOKENS:
            return
        consumed: set[int] = set()
        mark = len(out)
        phrase_hits = self._phrases(sent)
        role_facts: list[dict] = []
        for start, end, kind, row in phrase_hits:
            consumed.update(range(start, end))
            head = doc[start:end].root
            if head.pos_ == "VERB":
                head = doc[end - 1]  # "was managing director": the participle read as the verb
            if kind == "role":
                role_facts.extend(self._role(doc, sent, start, end, head, row, out))
            else:
                self._relational(doc, sent, head, row, out)
        orphans: list[tuple[list[tuple[int, bool]], Token, Row]] = []
        for token in sent:
            if token.i in consumed:
                continue
            rows = None
            if token.pos_ in ("VERB", "AUX"):
                key = verb_key(token)
                rows = self.res.verb_rows.get(key) or (
                    self.res.verb_rows.get(token.lemma_.lower()) if " " in key else None
                )
                if not rows and (token.tag_ == "VB" or any(c.lower_ == "to" for c in token.children)):
                    # the lemmatizer reads the base form "to found" as "find"
                    rows = self.res.verb_rows.get(token.lower_)
            elif token.pos_ in ("NOUN", "PROPN"):
                rows = self.res.noun_rows.get(token.lemma_.lower())
            for row in rows or ():
                orphan = self._verb(doc, sent, token, row, out)
                if orphan:
                    orphans.append((orphan, token, row))
            if token.pos_ == "VERB" and token.lemma_.lower() in self.res.leading_verbs:
                self._leading(doc, sent, token, out)
            if token.lower_ in self.res.hyphen_rows and token.i >= sent.start + 2:
                self._hyphen(doc, sent, token, self.res.hyphen_rows[token.lower_], out)
        self._borrow_targets(doc, sent, role_facts, orphans, out)
        self._suit_parties(doc, sent, out)
        out[mark:] = self._drop_titled_employment(out[mark:], role_facts)

    def _leading(self, doc: Doc, sent: Span, verb: Token, out: list[dict]) -> None:
        """ "X co-led Acme's safety team", "X heads the research division at Acme": leading a part of
        an organisation is a named position there (holdsPositionAt, role "co-lead of the safety
        team"). The part must be a described `leading` unit noun, not itself a named organisation;
        "with Y" names a second leader."""
        refs = doc._.aigov_refs
        for unit in patient_of(verb):
            if unit.lemma_.lower() not in self.res.led_units or unit.i in refs:
                continue
            owners = [c for c in unit.children if c.dep_ == "poss"]
            owners += prep_objects(unit, frozenset(("at", "of"))) or prep_objects(verb, frozenset(("at",)))
            orgs = [e for o in owners for e in self._ents(doc, o) if self._fits(doc, e[0], ("Organization",))]
            if not orgs:
                continue
            doers = agent_of(verb, self.res.appoint_verbs) + prep_objects(verb, frozenset(("with",)))
            people = [e for d in doers for e in self._ents(doc, d) if self._fits(doc, e[0], ("Person",))]
            words = [
                t.text
                for t in unit.lefts
                if t.dep_ in ("compound", "amod", "nmod") and not any(w.i in refs for w in t.subtree)
            ]
            if not words:
                continue
            role = f"{self.res.leading_verbs[verb.lemma_.lower()]} of the {' '.join([*words, unit.text])}"
            base = {"sent": (sent.start_char, sent.end_char), "claimed": self.hedging.is_claim(verb, sent)}
            precision = self.res.leading_precision
            for person in _unique(people):
                record = self._record(
                    doc, base, person, "holdsPositionAt", orgs[0], precision, verb, verb, "lead:unit", role
                )
                out.append(record)

    @staticmethod
    def _drop_titled_employment(records: list[dict], role_facts: list[dict]) -> list[dict]:
        """ "returned to Acme as chief executive", "worked at Acme as vice president": the verb
        gives a title, and employeeOf means working there without a named position, so the verb's
        own employeeOf gives way to the title's fact."""
        titled = {
            (p["holder"][0], p["trigger"].i) for p in role_facts if p["trigger"].i != p["head"].i
        }
        return [
            r
            for r in records
            if not (
                r["predicate"] == "employeeOf"
                and r["pattern"].startswith("verb:")
                and (r["subject"], r["trigger"]) in titled
            )
        ]

    def _suit_parties(self, doc: Doc, sent: Span, out: list[dict]) -> None:
        """ "The complaint names X, its chief executive, and Y as defendants": X and Y were sued.

        Read on the written words between the naming verb and "as <party>", because the small
        parser often takes "names" for a noun; possessors ("Y's chief executive") and pronouns in
        the descriptions are not parties."""
        res, refs = self.res, doc._.aigov_refs
        words = [t.lower_ for t in sent]
        for n, token in enumerate(sent):
            if token.lower_ not in res.suit_verbs:
                continue
            end = next(
                (
                    m
                    for m in range(n + 1, min(n + 60, len(sent) - 1))
                    if words[m] == "as"
                    and any(words[k] in res.suit_parties for k in range(m + 1, min(m + 4, len(sent))))
                ),
                None,
            )
            if end is None:
                continue
            parties: list[tuple[int, bool]] = []
            for tok in sent[n + 1 : end]:
                if tok.i not in refs or tok.pos_ == "PRON" or tok.dep_ == "poss":
                    continue
                if tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "POS":
                    continue
                if refs[tok.i][0] not in {p[0] for p in parties}:
                    parties.append(refs[tok.i])
            plaintiff = self._plaintiff(doc, sent, token, out)
            if plaintiff is None:
                continue
            base = {"sent": (sent.start_char, sent.end_char), "claimed": self.hedging.is_claim(token, sent)}
            for party in parties:
                if party[0] == plaintiff[0] or not self._fits(doc, party[0], PREDICATES["sued"].range):
                    continue
                suit = self._suit_noun(sent, token)
                out.append(self._suit_record(doc, base, plaintiff, party, suit, token))
            return

    def _suit_record(
        self,
        doc: Doc,
        base: dict,
        plaintiff: tuple[int, bool],
        party: tuple[int, bool],
        suit: Token | None,
        verb: Token,
    ) -> dict:
        """The record, with its qualifiers read on the suit's own participle when it has one ("The
        complaint, filed on Thursday, names ...": the date is the filing's)."""
        governor = verb
        if suit is not None:
            filed = [c for c in suit.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
            governor = filed[0] if filed else suit
        precision, pattern = self.res.suit_precision, "suit:parties"
        return self._record(doc, base, plaintiff, "sued", party, precision, verb, governor, pattern, None)

    def _suit_noun(self, sent: Span, verb: Token) -> Token | None:
        """The noun for the suit in the clause before the naming verb ("The complaint ... names")."""
        for tok in sent[: verb.i - sent.start]:
            if tok.lemma_.lower() in self.res.suit_nouns and tok.pos_ == "NOUN":
                return tok
        return None

    def _plaintiff(self, doc: Doc, sent: Span, verb: Token, out: list[dict]) -> tuple[int, bool] | None:
        """Who brings the suit the naming verb belongs to: its subject if that is a party, else
        the suit's "by" phrase or possessor, else the plaintiff of the suit the text reported last."""
        refs, entities = doc._.aigov_refs, doc._.aigov_entities
        allowed = PREDICATES["sued"].domain
        suit = self._suit_noun(sent, verb)
        for tok in sent[: (suit or verb).i - sent.start]:
            subject = tok.dep_ in ("nsubj", "nsubjpass") and tok.i in refs
            if subject and self._fits(doc, refs[tok.i][0], allowed):
                return refs[tok.i]
        if suit is None:
            return None
        for tok in sent[: verb.i - sent.start]:
            # "Y's lawsuit", "the suit, filed by Y,": read on the words, the parse of such a
            # subject is unreliable when "names" is taken for a noun
            owner = 1 < suit.i - tok.i <= 4 and doc[tok.i + 1].tag_ == "POS"
            filer = tok.i > suit.i and doc[tok.i - 1].lower_ == "by"
            if (
                tok.i in refs
                and (owner or filer)
                and entities[refs[tok.i][0]]["type"] != "Place"
                and self._fits(doc, refs[tok.i][0], allowed)
            ):
                return refs[tok.i]
        for record in reversed(out):
            if record["predicate"] == "sued" and not record["claimed"]:
                return (record["subject"], True)
        return None

    # -- phrases (titles and relational nouns) ----------------------------------------------------------

    def _phrases(self, sent: Span) -> list[tuple[int, int, str, RoleRow | Row]]:
        """Titles and relational nouns in a sentence; the longest phrase wins where they overlap."""
        doc = sent.doc
        hits = []
        for token in sent:
            if token.pos_ not in ("NOUN", "PROPN", "ADJ"):
                continue
            lemma = token.lemma_.lower()
            if (
                token.lower_.split("-")[-1] not in self.last_parts
                and lemma.split("-")[-1] not in self.last_parts
            ):
                continue
            best = None
            words: list[str] = []
            for n in range(1, _MAX_PHRASE + 1):
                start = token.i - n + 1
                if start < sent.start:
                    break
                if n > 1:
                    words.insert(0, doc[start].lower_)
                for last in (token.lower_, lemma):
                    key = normalise_phrase(" ".join([*words, last]))
                    if key in self.phrases:
                        best = (start, token.i + 1, *self.phrases[key])
                        break
            if best is not None:
                hits.append(best)
        hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
        chosen, taken = [], set()
        for hit in hits:
            span = set(range(hit[0], hit[1]))
            if span & taken:
                continue
            last = hit[1] - 1
            if last in doc._.aigov_refs and not doc._.aigov_refs[last][1]:
                continue  # the words are part of a name ("Chief Executive Magazine")
            taken |= span
            chosen.append(hit)
        chosen.sort()
        return chosen

    @staticmethod
    def _adjacent(doc: Doc, tok: Token) -> tuple[int, bool] | None:
        """The name written just before an apposition ("..., Y and Z, the LinkedIn co-founder"): the
        parser often hangs the apposition on the first of coordinated names instead."""
        refs = doc._.aigov_refs
        i = tok.left_edge.i - 1
        while i >= 0 and doc[i].is_punct:
            i -= 1
        if i >= 0 and i in refs and not refs[i][1]:
            return refs[i]
        return None

    def _anchor(self, head: Token) -> Token:
        """The first of coordinated titles ("co-founder and managing partner" -> "co-founder")."""
        cur = head
        refs = head.doc._.aigov_refs
        for _ in range(5):
            if cur.dep_ == "conj" and cur.head.pos_ in ("NOUN", "PROPN", "ADJ"):
                if cur.head.i in refs and not refs[cur.head.i][1]:
                    title = cur.head.head.head
                    if cur.head.dep_ == "pobj" and title.pos_ == "NOUN" and title.i not in refs:
                        # "an academician at X and a professor at Y": the parser hangs the second
                        # title on X; it shares the first title's holder
                        cur = title
                        continue
                    break  # "X, Y's co-founder and CEO" with the title parsed as X's conjunct
                cur = cur.head
            else:
                break
        return cur

    def _holders(self, doc: Doc, anchor: Token) -> tuple[list[tuple[int, bool]], Token | None, Token | None]:
        """Who holds a title: (entities, governing verb or event noun, how the title attaches)."""
        refs = doc._.aigov_refs
        tok = anchor
        if (
            tok.dep_ == "pobj"
            and tok.head.lower_ in ("of", "among")
            and tok.head.head.lower_ in ("one", "some", "two", "among")
        ):
            tok = tok.head.head
        if tok.dep_ == "pobj" and tok.head.lower_ == "among":
            verb = tok.head.head
            return [e for o in verb.children if o.dep_ == "dobj" for e in self._ents(doc, o)], None, None
        if tok.dep_ == "appos":
            if tok.tag_ in ("NNS", "NNPS"):
                return self._ents(doc, tok.head), None, None
            adjacent = self._adjacent(doc, tok)
            if adjacent is not None:
                return [adjacent], None, None
            return self._one(doc, tok.head, doc._.aigov_refs, 0), None, None
        for child in tok.children:
            if child.dep_ == "appos":
                got = self._ents(doc, child)
                if got:
                    return got, None, None
        misplaced = self._appos_on_complement(doc, tok, refs)
        if misplaced is not None:
            return [misplaced], None, None
        if tok.dep_ in ("dobj", "nsubjpass") and tok.lemma_.lower() in self.res.role_wrappers:
            verb = tok.head
            subj = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj") and c.i != tok.i]
            return [e for s in subj for e in self._ents(doc, s)], verb, tok
        if tok.dep_ == "nsubj" and tok.head.lemma_ in ("be", "include"):
            # "The chairman of Y is X", "his teachers there included X and Z": the title as subject
            verb = tok.head
            named = [
                e
                for c in verb.children
                if c.dep_ in ("attr", "dobj")
                for e in self._ents(doc, c)
                if self._entity_type(doc, e[0]) == "Person"
            ]
            if named:
                return named, verb, None
        if tok.dep_ in ("dobj", "oprd") and tok.head.lemma_.lower() in self.res.appoint_verbs:
            # "Acme appointed X chief executive" read as "appointed [X chief executive]": the person
            # glued onto the title is its holder
            verb = tok.head
            glued = self._people(doc, [c for c in tok.lefts if c.dep_ in ("nmod", "compound")])
            other_object = any(c.dep_ == "dobj" and c.i != tok.i for c in verb.children)
            if glued and not is_passive(verb) and not other_object:
                return glued, verb, tok
        if tok.dep_ in _COPULAR_DEPS or (
            tok.dep_ == "dobj"
            and (
                tok.head.lemma_ == "become"
                or (tok.head.lemma_ in ("join", "rejoin") and tok.lemma_ in self.res.joined_bodies)
                or self._progressive_title(tok)
            )
        ):
            verb = tok.head
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subj:
                subj = agent_of(verb) if not is_passive(verb) else patient_of(verb)
            if verb.lemma_ in ("name", "appoint", "make", "elect") and not is_passive(verb):
                subj = [c for c in verb.children if c.dep_ == "dobj"] or subj
            return [e for s in subj for e in self._ents(doc, s)], verb, tok
        if tok.dep_ == "pobj" and tok.head.lower_ == "as":
            gov = tok.head.head
            for _ in range(4):
                # "appointed X, the COO, as interim CEO" parsed with "as" on the apposition
                if gov.pos_ in ("NOUN", "PROPN") and gov.lemma_.lower() not in self.res.role_events:
                    if gov.head.i == gov.i:
                        break
                    gov = gov.head
                else:
                    break
            if gov.pos_ in ("NOUN", "PROPN"):
                for acl in gov.children:
                    # "Acme named X as its CEO" misread as "Acme [named X] as its CEO"
                    if acl.dep_ == "acl" and acl.lemma_.lower() in self.res.appoint_verbs and acl.i < tok.i:
                        people = self._people(doc, [c for c in acl.children if c.dep_ in ("dobj", "oprd")])
                        if people:
                            return people, acl, tok
                return [e for c in gov.children if c.dep_ == "poss" for e in self._ents(doc, c)], gov, tok
            objs = [c for c in gov.children if c.dep_ in ("dobj", "oprd")]  # "named X, ..., as its CEO"
            named = [e for o in objs for e in self._ents(doc, o)]  # also "picked Acme as its cloud provider"
            if named and gov.lemma_.lower() in self.res.appoint_verbs:
                return named, gov, tok
            subj = patient_of(gov) if is_passive(gov) else agent_of(gov, self.res.appoint_verbs)
            return [e for s in subj for e in self._ents(doc, s)], gov, tok
        if tok.dep_ == "pobj" and tok.head.lower_ in ("on", "from", "off", "to"):
            gov = tok.head.head
            if gov.pos_ == "NOUN" and gov.head.pos_ in ("VERB", "AUX"):
                gov = gov.head
            appointing = gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in self.res.appoint_verbs
            if appointing and not is_passive(gov):
                # "Acme appointed X to its board", "added X to the board"
                people = self._people(doc, [c for c in gov.children if c.dep_ == "dobj"])
                if people:
                    return people, gov, tok
            if gov.pos_ in ("VERB", "AUX"):
                subj = patient_of(gov) if is_passive(gov) else agent_of(gov)
                return [e for s in subj for e in self._ents(doc, s)], gov, tok
        if tok.dep_ in ("compound", "nmod", "amod"):
            cur = tok.head
            for _ in range(4):
                if cur.i in refs:
                    return self._ents(doc, cur), None, None
                if cur.dep_ in ("compound", "nmod"):
                    cur = cur.head
                else:
                    break
        # "Acme, Globex's largest backer, denied ...": apposition-shaped but misparsed
        left, right = tok.left_edge.i, tok.right_edge.i
        if left >= 2 and doc[left - 1].text == "," and right + 1 < len(doc) and doc[right + 1].text == ",":
            adjacent = self._adjacent(doc, tok)
            if adjacent is not None:
                return [adjacent], None, None
        return [], None, None

    @staticmethod
    def _progressive_title(title: Token) -> bool:
        """ "He was visiting professor at Y", "she was managing director of Y": the parser reads the
        participle of a title as a progressive verb and the bare title as its object."""
        verb = title.head
        return (
            verb.tag_ == "VBG"
            and title.tag_ not in ("NNS", "NNPS")  # "was visiting professors": a visit
            and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)
            and not any(c.dep_ in ("det", "poss") for c in title.children)
        )

    def _people(self, doc: Doc, tokens: list[Token]) -> list[tuple[int, bool]]:
        """The people among the entities these tokens stand for."""
        return [e for t in tokens for e in self._ents(doc, t) if self._entity_type(doc, e[0]) == "Person"]

    def _own_targets(
        self, doc: Doc, tok: Token, start: int, deep: bool = False, preps: frozenset[str] = _TARGET_PREPS
    ) -> list[tuple[int, bool]]:
        """Organisations attached to one title word: "of/at Y", "Y's", "its", "Y CEO". ``deep``
        (for employees) also looks through a phrase naming no organisation ("a professor in the
        Faculty of Law at Y": whoever works in a part of Y works for Y); ``preps``: the
        prepositions that introduce the organisation ("a rival to Y" adds "to")."""
        refs = doc._.aigov_refs
        found: list[tuple[int, bool]] = []
        owners = list(tok.children)
        if tok.dep_ in ("compound", "amod"):
            # "its parent company Alphabet", "its rival Zyx": the possessive sits on the name
            owners += [c for c in tok.head.children if c.dep_ == "poss"]
        named: list[tuple[int, bool]] = []
        post = self._post_name(tok)
        for child in owners:
            if child.dep_ == "poss" or (
                child.dep_ in ("compound", "nmod") and child.i < start and child.i in refs
            ):
                # the name of an endowed post is no employer, unless nothing else is
                (named if post is not None and child.i >= post else found).extend(self._ents(doc, child))
        for obj in prep_objects(tok, preps) + self._repeated_prep_objects(doc, tok, preps):
            got = self._ents(doc, obj) or self._introduced_after(doc, obj)
            if deep:
                got = [t for t in got if self._entity_type(doc, t[0]) in ORG_KINDS]
                got += self._listed_with(doc, tok)
            if got:
                found.extend(got)
            else:
                for inner in prep_objects(obj, frozenset(("at", "of", "for"))):
                    found.extend(self._ents(doc, inner))
        orgs = [t for t in found if self._entity_type(doc, t[0]) in ORG_KINDS]
        return orgs or [t for t in named if self._entity_type(doc, t[0]) in ORG_KINDS]

    def _listed_with(self, doc: Doc, title: Token) -> list[tuple[int, bool]]:
        """ "a professor at A (2007), B (2011) and C": the parser may coordinate the later names of
        the list with the title itself; organisations so coordinated continue its "at" phrase."""
        refs = doc._.aigov_refs
        return [
            refs[t.i]
            for t in conjuncts(title)[1:]
            if t.pos_ == "PROPN" and t.i in refs and self._entity_type(doc, refs[t.i][0]) in ORG_KINDS
        ]

    @staticmethod
    def _repeated_prep_objects(doc: Doc, tok: Token, preps: frozenset[str]) -> list[Token]:
        """ "chief executive of Y and of its parent Z": a preposition repeated after "and" shares the
        title, but the parser tends to hang the second phrase elsewhere; read on the written words."""
        out: list[Token] = []
        for child in tok.children:
            if child.dep_ != "prep" or child.lower_ not in preps:
                continue
            nxt = child.right_edge.i + 1
            if nxt + 1 >= len(doc):
                continue
            if doc[nxt].lower_ in ("and", "or") and doc[nxt + 1].lower_ == child.lower_:
                second = doc[nxt + 1]
                if second.head.i != child.i and second not in conjuncts(child):
                    out.extend(g for g in second.children if g.dep_ == "pobj")
        return out

    def _introduced_after(self, doc: Doc, obj: Token) -> list[tuple[int, bool]]:
        """ "of the software start-up Zyx" parsed with the name outside the phrase: the organisation
        named right after the descriptor words, when those words prove an organisation."""
        refs = doc._.aigov_refs
        j = obj.i + 1
        while j < len(doc) and j - obj.i <= 4 and j not in refs and (doc[j].is_lower or doc[j].text == "-"):
            j += 1
        if j >= len(doc) or j not in refs or refs[j][1]:
            return []
        if self._entity_type(doc, refs[j][0]) not in ORG_KINDS:
            return []
        if introduced_type(doc[j : j + 1], self.res) is None:
            return []
        return [refs[j]]

    def _gov_targets(self, doc: Doc, gov: Token | None) -> list[tuple[int, bool]]:
        """The organisation of the verb a title hangs on ("joined X as ...", "the board named Y ...")."""
        if gov is None or gov.pos_ not in ("VERB", "AUX"):
            return []
        found: list[tuple[int, bool]] = []
        if gov.dep_ == "acl" and gov.lemma_.lower() in self.res.appoint_verbs:
            # "Acme named X as CEO" misread as "Acme [named X]": the noun the verb hangs on appoints
            found.extend(self._ents(doc, gov.head))
        if gov.dep_ == "relcl" and any(c.lower_ == "where" for c in gov.children):
            # "worked at Acme, where he was vice president": the place the clause hangs on
            found.extend(self._ents(doc, gov.head))
        for child in gov.children:
            if child.dep_ == "dobj" or child.dep_ == "nsubj":
                found.extend(self._ents(doc, child))
            elif child.dep_ == "prep" and child.lower_ in ("at", "to", "from"):
                found.extend(e for g in child.children for e in self._ents(doc, g))
        return [t for t in found if self._entity_type(doc, t[0]) in ORG_KINDS]

    def _targets(
        self,
        doc: Doc,
        head: Token,
        anchor: Token,
        start: int,
        gov: Token | None,
        wrapper: Token | None = None,
        deep: bool = False,
        preps: frozenset[str] = _TARGET_PREPS,
    ) -> list[tuple[int, bool]]:
        """A title's organisation: its own, else (for a later conjunct) the first title's, else the
        governing verb's, else (for the first title) a later conjunct's. ``deep``: see
        :meth:`_own_targets`; ``preps``: the prepositions that introduce the organisation ("a rival
        to Y" adds "to")."""
        own = self._own_targets(doc, head, start, deep, preps)
        if not own and wrapper is not None:
            own = self._own_targets(doc, wrapper, start, deep, preps)
        if own:
            return _unique(own)
        if head.i != anchor.i:
            got = self._own_targets(doc, anchor, start, deep, preps) or self._gov_targets(doc, gov)
            return _unique(got)
        got = self._gov_targets(doc, gov)
        if not got:
            for conj in conjuncts(anchor)[1:]:
                got.extend(self._own_targets(doc, conj, conj.i, deep, preps))
        return _unique(got)

    def _role_text(self, doc: Doc, start: int, end: int, head: Token, row: RoleRow) -> tuple[str, bool]:
        """The role as written: modifiers kept ("interim", "former", "co-"), a canonical title, and an
        "of <field>" complement ("vice president of research"). The flag says a complement was kept."""
        mods: list[str] = []
        refs = doc._.aigov_refs
        i = start - 1
        while i >= 0 and i in refs and doc[i].head.i >= start:
            i -= 1  # "former Twitch boss": the modifier sits before the organisation's name
        while i >= 0 and (doc[i].lower_ in self.res.role_modifiers or doc[i].text == "-"):
            mods.insert(0, doc[i].lower_)
            i -= 1
        text = " ".join(mods).replace("co -", "co-").replace(" -", "-")
        title = row.canonical or " ".join(
            t.text if t.i != end - 1 or t.tag_ not in ("NNS", "NNPS") else t.lemma_ for t in doc[start:end]
        ).replace(" - ", "-")
        complement = ""
        refs = doc._.aigov_refs
        for obj in prep_objects(head, frozenset(("of",))):
            if start <= obj.i < end or head_word(obj) in self.res.descriptions:
                continue
            if obj.i in refs or not (obj.pos_ == "NOUN" or (obj.pos_ == "PROPN" and obj.is_lower)):
                continue  # (a lower-case word the tagger took for a name is a common noun)
            words = [
                t
                for t in obj.subtree
                if not any(a.dep_ == "prep" and a.i != obj.i and t in a.subtree for a in obj.children)
            ]
            # "chair of the cello department at Y": the organisation in the complement's own
            # prepositional phrase leaves it a field; a name inside the words themselves ("of
            # the bank Acme") makes it the organisation
            if any(t.i in refs for t in words):
                continue
            complement = " of " + " ".join(t.text for t in words)
        role = (f"{text} {title}" if text and not text.endswith("-") else f"{text}{title}").strip()
        return role + complement, bool(complement)

    def _role(
        self, doc: Doc, sent: Span, start: int, end: int, head: Token, row: RoleRow, out: list[dict]
    ) -> list[dict]:
        anchor = self._anchor(head)
        holders, gov, attach = self._holders(doc, anchor)
        wrapper = None
        if not holders and anchor.dep_ == "pobj" and anchor.head.lower_ == "of":
            # "the role of chief scientist", "the post of chair"
            noun = anchor.head.head
            if noun.lemma_.lower() in self.res.role_wrappers:
                wrapper = noun
                holders, gov, attach = self._holders(doc, noun)
        holders = [h for h in holders if self._entity_type(doc, h[0]) == "Person"]
        if not holders:
            return []
        if row.phrase in self.res.named_posts.titles and self._post_name(head) is not None:
            row = self.res.named_posts.row or row
        targets = self._targets(doc, head, anchor, start, gov, wrapper, row.predicate == "employeeOf")
        targets += [t for t in self._elliptic_possessors(doc, head) if t[0] not in {x[0] for x in targets}]
        if not targets and any(
            self._names_an_organisation(obj) and not start <= obj.i < end
            for title in dict.fromkeys((head, *conjuncts(anchor)))  # "co-founder and CEO of Zyx"
            for obj in prep_objects(title, frozenset(("of", "at")))
        ):
            # "chief scientist of the new group", "co-founder and chief executive of the start-up
            # Zyx": an organisation we could not resolve is never replaced by another one in view
            return []
        role, has_complement = self._role_text(doc, start, end, head, row)
        predicate = row.predicate
        if has_complement and predicate in ("boardMemberOf", "ceoOf", "chairOf"):
            predicate = "holdsPositionAt"
        event = None
        if gov is not None and attach is not None:
            event = self.res.role_events.get(verb_key(gov)) or self.res.role_events.get(gov.lemma_.lower())
            if attach.lemma_ in self.res.joined_bodies and gov.lemma_ in ("join", "rejoin"):
                event = "joined"
        made: list[dict] = []
        trigger = gov if gov is not None else head
        for holder in holders:
            pending = {
                "holder": holder,
                "row": row,
                "role": role,
                "predicate": predicate,
                "event": event,
                "head": head,
                "trigger": trigger,
                "targets": targets,
            }
            made.append(pending)
            for target in targets:
                self._emit_role(doc, sent, pending, target, out)
        self._superiors(doc, sent, start, head, row, targets, out)
        return made

    def _superiors(
        self,
        doc: Doc,
        sent: Span,
        start: int,
        head: Token,
        row: RoleRow,
        targets: list[tuple[int, bool]],
        out: list[dict],
    ) -> None:
        """ "She was deputy leader of Y under X", "vice president of Y under X": a deputy's title with
        an "under" phrase names the holder of the title deputised for (``deputies`` in roles.yaml)."""
        deputies = self.res.deputies
        words = row.phrase.split()
        if words[0] in deputies:
            base = self.res.roles.get(" ".join(words[1:]))
        else:
            base = row if start > 0 and doc[start - 1].lower_ in deputies else None
        if base is None or not targets:
            return
        refs = doc._.aigov_refs
        people = [
            refs[t.i]
            for obj in prep_objects(head, frozenset(("under",)))
            for t in conjuncts(obj)
            if t.i in refs and self._entity_type(doc, refs[t.i][0]) == "Person"
        ]
        for person in people:
            pending = {
                "holder": person,
                "row": base,
                "role": base.canonical or base.phrase,
                "predicate": base.predicate,
                "event": None,
                "head": head,
                "trigger": head,
                "targets": targets,
            }
            for target in targets:
                self._emit_role(doc, sent, pending, target, out)

    def _post_name(self, title: Token) -> int | None:
        """ "the Harrow Professor of Commercial Law", "the Anna Berg Endowed Chair in Cello": an
        academic title (``named_posts`` in roles.yaml) written capitalised after a name and before
        its field names an endowed post. Returns where the name starts, else None."""
        if title.lower_ not in self.res.named_posts.titles or not title.text[:1].isupper():
            return None
        doc, refs = title.doc, title.doc._.aigov_refs
        fields = [
            obj
            for prep in title.children
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in")
            for obj in prep.children
            if obj.dep_ == "pobj"
            and head_word(obj) not in self.res.descriptions
            and not (obj.i in refs and self._entity_type(doc, refs[obj.i][0]) in ORG_KINDS)
        ]
        left = title.i
        while left > 0:
            tok = doc[left - 1]
            if not (tok.text[:1].isupper() and tok.is_alpha and left - 1 < tok.head.i <= title.i):
                break
            left -= 1
        return left if fields and left < title.i else None
    def _elliptic_possessors(self, doc: Doc, title: Token) -> list[tuple[int, bool]]:
        """ "sits on Acme's board and is staying on Zyx's": a later possessive with its noun left out,
        after the same preposition as the title, shares the title."""
        if title.dep_ != "pobj" or not any(c.dep_ == "poss" for c in title.children):
            return []
        prep, refs = title.head, doc._.aigov_refs
        found: list[tuple[int, bool]] = []
        for tok in doc[title.i + 1 : title.sent.end]:
            elided = tok.dep_ == "pobj" and tok.head.lower_ == prep.lower_ and tok.head.i != prep.i
            if elided and tok.i in refs and any(c.tag_ == "POS" for c in tok.children):
                found.extend(e for e in self._ents(doc, tok) if self._entity_type(doc, e[0]) in ORG_KINDS)
        return found

    def _names_an_organisation(self, obj: Token) -> bool:
        """Whether a title's "of"/"at" complement points at some organisation ("of Zyx", "of the
        new group", "of the payments service Zyx") rather than a field ("of research")."""
        if obj.pos_ == "PROPN" or head_word(obj) in self.res.descriptions:
            return True
        return any(
            t.pos_ == "PROPN" or (t.dep_ == "det" and t.lower_ in ("the", "a", "an")) for t in obj.subtree
        )

    def _emit_role(
        self, doc: Doc, sent: Span, pending: dict, target: tuple[int, bool], out: list[dict]
    ) -> None:
        row: RoleRow = pending["row"]
        holder = pending["holder"]
        role = pending["role"] if row.keep_role else None
        head = pending["head"]
        # a title written onto a name ("Zyx chairperson Ana Lima", "Ana Lima, Zyx's CEO,") is
        # presupposed: a hedge over the clause the name sits in does not reach it
        presupposed = pending["trigger"].i == head.i and (
            head.dep_ == "appos" or (head.dep_ in ("compound", "nmod") and head.head.ent_type_ == "PERSON")
        )
        claimed = not presupposed and (
            self.hedging.is_claim(head, sent)
            or (pending["trigger"].i != head.i and self.hedging.is_claim(pending["trigger"], sent))
        )
        base = {"sent": (sent.start_char, sent.end_char), "claimed": claimed}
        out.append(
            self._record(
                doc,
                base,
                holder,
                pending["predicate"],
                target,
                row.precision,
                pending["head"],
                pending["trigger"],
                f"role:{row.phrase}",
                role,
            )
        )
        if pending["event"]:
            out.append(
                self._record(
                    doc,
                    base,
                    holder,
                    pending["event"],
                    target,
                    row.precision * 0.95,
                    pending["head"],
                    pending["trigger"],
                    f"role-event:{row.phrase}",
                    pending["role"],
                )
            )
        if row.predicate == "founderOf":
            self._year_fact(doc, sent, pending["trigger"], target, "foundedIn", row.precision, out, claimed)

    def _borrow_targets(
        self, doc: Doc, sent: Span, pendings: list[dict], orphans: list, out: list[dict]
    ) -> None:
        """Statements that name a person but no organisation take the one the same sentence ties to
        that person by a title ("X, the start-up's general counsel, takes over as interim chief
        executive"; "X, Acme's chief scientist, announced his resignation"). A title given by an
        appointment or exit verb with no organisation at all takes the organisation last named."""
        by_holder: dict[int, set[int]] = {}
        former: dict[int, set[int]] = {}
        with_event = {p["holder"][0] for p in pendings if p["event"]}
        for p in pendings:
            if p["targets"] and self._former(p):
                former.setdefault(p["holder"][0], set()).update(t[0] for t in p["targets"])
            if p["targets"] and not self._former(p):
                # a former title's organisation is not where today's event happens
                by_holder.setdefault(p["holder"][0], set()).update(t[0] for t in p["targets"])
        for p in pendings:
            if p["targets"]:
                continue
            targets = by_holder.get(p["holder"][0], set())
            head = p["head"]
            if any(c.lower_ == "there" for c in (*head.children, *p["trigger"].children)):
                # "X, Y's president, was vice president there": the place named before, not Y
                salient = self._salient_org(doc, sent, head, exclude=targets)
                if salient is not None:
                    self._emit_role(doc, sent, p, (salient, True), out)
            elif len(targets) == 1 and p["holder"][0] in with_event:
                self._emit_role(doc, sent, p, (next(iter(targets)), True), out)
            elif not targets and (p["event"] or self._definite_apposition(head) or self._holds_now(p)):
                # "X was named chief executive", "X, the chief executive, ...": the organisation in view
                salient = self._topic_org(doc, sent, head, exclude=former.get(p["holder"][0], set()))
                if salient is not None:
                    self._emit_role(doc, sent, p, (salient, True), out)
        for subjects, trigger, row in orphans:
            claimed = self.hedging.is_claim(trigger, sent, self._patients(trigger, row))
            base = {"sent": (sent.start_char, sent.end_char), "claimed": claimed}
            for subj in subjects:
                targets = by_holder.get(subj[0], set())
                obj = None
                if len(targets) == 1:
                    obj = (next(iter(targets)), True)
                elif not targets and row.predicate == "resignedFrom" and row.kind == "verb":
                    # "Leike resigned within days": a departure from the organisation in view
                    salient = self._topic_org(doc, sent, trigger)
                    obj = (salient, True) if salient is not None else None
                elif not targets and row.target_in_view:
                    # "Acme holds a minority stake (and no seat on Zyx's board)": a stake in the one
                    # other organisation the sentence names (by name), else in the one in view
                    refs = doc._.aigov_refs
                    named = {
                        refs[t.i][0]
                        for t in sent
                        if t.i in refs and not refs[t.i][1] and refs[t.i][0] != subj[0]
                    }
                    named = {n for n in named if self._entity_type(doc, n) in ORG_KINDS}
                    salient = (
                        next(iter(named))
                        if len(named) == 1
                        else self._topic_org(doc, sent, trigger, exclude={subj[0]})
                    )
                    obj = (salient, True) if salient is not None else None
                if obj is not None:
                    out.append(
                        self._record(
                            doc,
                            base,
                            subj,
                            row.predicate,
                            obj,
                            row.precision * 0.9,
                            trigger,
                            trigger,
                            f"{row.kind}:{row.id}+title",
                            None,
                        )
                    )

    def _holds_now(self, pending: dict) -> bool:
        """ "X is chief scientist", "X serves as chief technology officer": a bare or definite title
        stated of its holder with no organisation presumes the one in view, as a definite apposition
        does; an indefinite one ("is a vice president") or a past one does not."""
        gov, head = pending["trigger"], pending["head"]
        if gov.i == head.i or self._former(pending):
            return False
        if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
            return False  # "X is a vice president": of some organisation, not necessarily this one
        return gov.lemma_ in ("be", "serve") and not any(c.dep_ == "neg" for c in gov.children)

    def _former(self, pending: dict) -> bool:
        """Whether a title is a past one: "former CEO", "formerly a vice president", "was previously
        vice president" (`past_adverbs` in roles.yaml on the title or on its copula)."""
        if (pending["role"] or "").startswith("former"):
            return True
        head = pending["head"]
        words = [*head.children, *(pending["trigger"].children if pending["trigger"].i != head.i else ())]
        if head.dep_ in _COPULAR_DEPS:
            words.extend(head.head.children)
        return any(w.dep_ == "advmod" and w.lower_ in self.res.past_adverbs for w in words)

    def _clause_subject_org(self, doc: Doc, anchor: Token, exclude: set[int]) -> int | None:
        """The organisation subject of the clause a title sits in ("It counts Acme among its backers")."""
        verb = clause_verb(anchor)
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i in doc._.aigov_refs:
                idx = doc._.aigov_refs[child.i][0]
                if idx not in exclude and self._entity_type(doc, idx) in ORG_KINDS:
                    return idx
        return None

    @staticmethod
    def _definite_apposition(head: Token) -> bool:
        """ "X, the chief executive, ...": a definite title in apposition presumes a known organisation."""
        anchor = head
        while anchor.dep_ == "conj" and anchor.head.pos_ in ("NOUN", "PROPN", "ADJ"):
            anchor = anchor.head
        return anchor.dep_ == "appos" and any(c.dep_ == "det" and c.lower_ == "the" for c in anchor.children)

    def _topic_org(
        self, doc: Doc, sent: Span, before: Token, exclude: set[int] | frozenset = frozenset()
    ) -> int | None:
        """The organisation the text is about at a point: mentions in the last three sentences weighted
        by subjecthood and distance, plus every earlier mention in the article (the topic prior).
        ``exclude``: organisations that cannot be meant (a former employer's, for a new title)."""
        refs = doc._.aigov_refs
        entities = doc._.aigov_entities
        sentences = [sent]
        while len(sentences) < 4 and sentences[0].start > 0:
            sentences.insert(0, doc[sentences[0].start - 1].sent)
        window = {s.start: len(sentences) - 1 - n for n, s in enumerate(sentences)}
        scores: dict[int, float] = {}
        latest: dict[int, int] = {}
        for i in range(0, before.i):
            if i not in refs:
                continue
            idx = refs[i][0]
            if entities[idx]["type"] not in ORG_KINDS or (i > 0 and i - 1 in refs and refs[i - 1][0] == idx):
                continue
            if idx in exclude:
                continue
            score = 0.3
            distance = window.get(doc[i].sent.start)
            if distance is not None:
                subject = doc[i].dep_ in ("nsubj", "nsubjpass") or (
                    doc[i].dep_ in ("compound", "poss") and doc[i].head.dep_ in ("nsubj", "nsubjpass")
                )
                score += (2.0 if subject else 1.0) * 0.6**distance
            scores[idx] = scores.get(idx, 0.0) + score
            latest[idx] = i
        if not scores:
            return None
        ranked = sorted(scores, key=lambda idx: (round(scores[idx], 6), latest[idx]), reverse=True)
        best = ranked[0]
        if len(ranked) > 1 and scores[best] < _CLEAR_LEAD * scores[ranked[1]]:
            return None  # no organisation clearly in view: better no fact than the wrong one
        return best if scores[best] >= 0.6 else None

    def _salient_org(
        self, doc: Doc, sent: Span, before: Token, exclude: set[int] | frozenset = frozenset()
    ) -> int | None:
        """The organisation named (or referred to) last before a token, in its sentence or the one before."""
        refs = doc._.aigov_refs
        entities = doc._.aigov_entities
        first = sent.start
        if sent.start > 0:
            first = doc[sent.start - 1].sent.start
        for i in range(before.i - 1, first - 1, -1):
            if i in refs and entities[refs[i][0]]["type"] in ORG_KINDS and refs[i][0] not in exclude:
                return refs[i][0]
        return None

    def _relational(self, doc: Doc, sent: Span, head: Token, row: Row, out: list[dict]) -> None:
        anchor = self._anchor(head)
        holders, gov, _ = self._holders(doc, anchor)
        if not holders and (row.made_by or row.prefix_parent) and anchor.i not in doc._.aigov_refs:
            # "formed a new unit called X", "a new unit, X,": the name written on the noun (not the
            # organisation "the new unit" refers back to)
            holders = self._ents(doc, anchor)
        if not holders and row.target_in_view and anchor.dep_ == "amod" and anchor.head.pos_ == "NOUN":
            holders = self._ents(doc, anchor.head)  # "launched a rival AI company, X"
        holders = [h for h in holders if self._entity_type(doc, h[0]) in ORG_KINDS]
        if not holders:
            return
        start = head.i
        while (
            start > 0
            and doc[start - 1].dep_ in ("compound",)
            and doc[start - 1].head == head
            and doc[start - 1].i not in doc._.aigov_refs
        ):
            start -= 1
        targets = self._targets(doc, head, anchor, start, None, preps=_TARGET_PREPS | set(row.target_preps))
        claimed = self.hedging.is_claim(head, sent, (head,))
        base = {"sent": (sent.start_char, sent.end_char), "claimed": claimed}
        for holder in holders:
            found = (
                targets
                or self._unstated_parent(doc, anchor, holder, row, gov is None)
                or self._other_side_in_view(doc, sent, head, anchor, holder, row)
            )
            for target in found:
                if target[0] == holder[0] and target[1]:
                    # "X has become one of its rivals": "its" cannot be X itself here
                    other = self._clause_subject_org(doc, anchor, exclude={holder[0]})
                    if other is None:
                        other = self._salient_org(doc, sent, head, exclude={holder[0]})
                    if other is None:
                        continue
                    target = (other, True)
                subj, obj = (target, holder) if row.inverse else (holder, target)
                out.append(
                    self._record(
                        doc,
                        base,
                        subj,
                        row.predicate,
                        obj,
                        row.precision,
                        head,
                        gov or head,
                        f"rel:{row.id}",
                        None,
                    )
                )

    def _other_side_in_view(
        self, doc: Doc, sent: Span, head: Token, anchor: Token, holder: tuple[int, bool], row: Row
    ) -> list[tuple[int, bool]]:
        """ "launched a rival AI company, X", "sold it to rival X" (`target_in_view`): a rival of the
        clause's organisation subject, else of the organisation in view. A regulator competes with
        no one; a noun that names another side we could not resolve ("a rival to the market
        leader") takes none."""
        if not row.target_in_view or any(c.dep_ == "poss" for c in head.children):
            return []
        complements = prep_objects(head, _TARGET_PREPS | set(row.target_preps))
        if any(self._names_an_organisation(obj) for obj in complements):
            return []
        exclude = {holder[0]} | {
            i for i, e in enumerate(doc._.aigov_entities) if e["type"] == "GovernmentBody"
        }
        other = self._clause_subject_org(doc, anchor, exclude=exclude)
        if other is None:
            other = self._topic_org(doc, sent, head, exclude=exclude)
        return [(other, True)] if other is not None else []

    def _maker(self, doc: Doc, noun: Token, row: Row) -> Token | None:
        """The clause subject (or "by" phrase) of a `made_by` verb whose object is the noun: "Acme
        formed a new unit", "a new unit was set up by Acme". Only a subject the verb itself has: one
        inherited through "combined ... to form a unit" is not the unit's maker."""
        if not row.made_by or noun.dep_ not in ("dobj", "nsubjpass"):
            return None
        verb = noun.head
        if verb_key(verb) not in row.made_by and verb.lemma_.lower() not in row.made_by:
            return None
        if noun.dep_ == "dobj":
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        else:
            subjects = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return subjects[0] if subjects else None

    def _unstated_parent(
        self, doc: Doc, noun: Token, holder: tuple[int, bool], row: Row, named_on_noun: bool
    ) -> list[tuple[int, bool]]:
        """The organisation a unit noun with no "of Y" belongs to: the maker of a `made_by` verb, else
        (`prefix_parent`) the organisation whose name begins the unit's ("Acme AI, a new division",
        "a unit called Acme Research"). Only for a name written on the noun (apposition, "called"):
        "Villanova Preparatory School is a school" says what kind of thing it is, and "Villanova" is
        as likely its own short name as a parent."""
        maker = self._maker(doc, noun, row)
        if maker is not None:
            found = [e for e in self._ents(doc, maker) if e[0] != holder[0]]
            found = [e for e in found if self._entity_type(doc, e[0]) in ORG_KINDS]
            if found:
                return found[:1]
        if not row.prefix_parent or not named_on_noun:
            return []
        entities = doc._.aigov_entities
        words = entities[holder[0]]["name"].split()
        best: tuple[int, bool] | None = None
        for idx, entity in enumerate(entities):
            other = entity["name"].split()
            if idx == holder[0] or entity["type"] not in ORG_KINDS or not 0 < len(other) < len(words):
                continue
            longer = best is None or len(other) > len(entities[best[0]]["name"].split())
            if words[: len(other)] == other and longer:
                best = (idx, True)
        return [best] if best is not None else []

    # -- verbs and event nouns --------------------------------------------------------------------------

    @staticmethod
    def _patients(trigger: Token, row: Row) -> tuple[Token, ...]:
        """The nouns a `patient_is` row reads through ("holds no stake", "signed no deal"): a
        negating determiner on them denies the statement."""
        if not row.patient_is:
            return ()
        return tuple(p for p in patient_of(trigger) if p.lemma_.lower() in row.patient_is)

    def _verb(self, doc: Doc, sent: Span, trigger: Token, row: Row, out: list[dict]) -> list | None:
        if row.patient_is:
            patients = patient_of(trigger)
            if not any(p.lemma_.lower() in row.patient_is for p in patients) and not any(
                p.lemma_.lower() in row.patient_is
                for c in trigger.children
                if c.dep_ == "prep"
                for p in c.children
                if p.dep_ == "pobj"
            ):
                return
        if row.requires == "money" and not any(t.ent_type_ == "MONEY" for t in trigger.subtree):
            return
        if row.requires == "no_object" and any(c.dep_ == "dobj" for c in trigger.children):
            return  # "returned the shares to X" is no return to X
        predicate = PREDICATES[row.predicate]
        subjects, _ = self._slot_entities(doc, trigger, row.subject)
        objects, _obj_tok = self._slot_entities(doc, trigger, row.object)
        if row.co_subjects:
            extra, _ = self._slot_entities(doc, trigger, row.co_subjects)
            subjects = subjects + [e for e in extra if e[0] not in {s[0] for s in subjects}]
        claimed = self.hedging.is_claim(trigger, sent, self._patients(trigger, row))
        base = {"sent": (sent.start_char, sent.end_char), "claimed": claimed}
        if row.year_fact:
            for obj in objects:
                if self._entity_type(doc, obj[0]) in ORG_KINDS:
                    self._year_fact(doc, sent, trigger, obj, row.year_fact, row.precision, out, claimed)
        if predicate.literal:
            # "since its incorporation in 2019", "the founding of X in 2015"
            orgs = [x for x in subjects if self._entity_type(doc, x[0]) in ORG_KINDS]
            if not orgs and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in trigger.children):
                salient = self._salient_org(doc, sent, trigger)
                orgs = [(salient, True)] if salient is not None else []
            for org in orgs[:1]:
                self._year_fact(doc, sent, trigger, org, row.predicate, row.precision, out, claimed)
            return None
        subjects = [s for s in subjects if self._fits(doc, s[0], predicate.domain)]
        objects = [o for o in objects if self._fits(doc, o[0], predicate.range)]
        if subjects and not objects and (row.predicate in _EXITS or row.target_in_view):
            return subjects
        if row.pair and not objects and len(subjects) >= 2:
            # "the Acme-Globex partnership": the two named together
            subjects, objects = subjects[:1], subjects[1:2]
        for subj in subjects:
            for obj in objects:
                if subj[0] == obj[0]:
                    continue
                out.append(
                    self._record(
                        doc,
                        base,
                        subj,
                        row.predicate,
                        obj,
                        row.precision,
                        trigger,
                        trigger,
                        f"{row.kind}:{row.id}",
                        None,
                    )
                )

    def _year_fact(
        self,
        doc: Doc,
        sent: Span,
        trigger: Token,
        obj: tuple[int, bool],
        predicate: str,
        precision: float,
        out: list[dict],
        claimed: bool,
    ) -> None:
        """ "X was founded in 2019": a founding trigger with a year in its own clause."""
        clause = clause_verb(trigger)
        for ent in sent.ents:
            if ent.label_ != "DATE":
                continue
            years = [t.text for t in ent if t.like_num and len(t.text) == 4 and t.text[:2] in ("19", "20")]
            relative = (
                not years
                and any(t.lower_ == "year" for t in ent)
                and any(t.lower_ in ("last", "this") for t in ent)
            )
            if len(years) != 1 and not relative:
                continue
            if trigger.pos_ == "NOUN" and not trigger.is_ancestor(ent.root):
                continue  # a founding noun: the year must be its own ("its incorporation in 2019")
            if trigger.pos_ != "NOUN" and clause_verb(ent.root).i != clause.i:
                continue
            base = {"sent": (sent.start_char, sent.end_char), "claimed": claimed}
            rec = self._record(doc, base, obj, predicate, None, precision, trigger, trigger, "year", None)
            rec["object"] = years[0] if years else None
            rec["year_text"] = None if years else ent.text  # "last year": resolved against publication
            rec["date"] = None
            out.append(rec)
            return

    # -- hyphenated participles ------------------------------------------------------------------------------

    def _hyphen(self, doc: Doc, sent: Span, token: Token, row: Row, out: list[dict]) -> None:
        hyphen = doc[token.i - 1]
        if hyphen.text != "-" or hyphen.whitespace_ or doc[token.i - 2].whitespace_:
            return
        refs = doc._.aigov_refs
        if token.i - 2 not in refs:
            return
        named = refs[token.i - 2]
        cur = token
        for _ in range(4):
            if (
                cur.dep_ in ("amod", "compound", "npadvmod", "punct", "nmod", "advmod")
                and cur.head.i > token.i
            ):
                cur = cur.head
            else:
                break
        if cur.i in range(token.i - 2, token.i + 1):
            return
        modified = self._ents(doc, cur)
        if not modified:
            return
        claimed = self.hedging.is_claim(cur, sent)
        base = {"sent": (sent.start_char, sent.end_char), "claimed": claimed}
        predicate = PREDICATES[row.predicate]
        for mod in modified:
            subj, obj = (named, mod) if row.entity_is == "subject" else (mod, named)
            if subj[0] == obj[0]:
                continue
            if self._fits(doc, subj[0], predicate.domain) and self._fits(doc, obj[0], predicate.range):
                out.append(
                    self._record(
                        doc,
                        base,
                        subj,
                        row.predicate,
                        obj,
                        row.precision,
                        token,
                        cur,
                        f"hyphen:{row.id}",
                        None,
                    )
                )

    # -- records ---------------------------------------------------------------------------------------------

    def _record(
        self,
        doc: Doc,
        base: dict,
        subj: tuple[int, bool],
        predicate: str,
        obj: tuple[int, bool] | None,
        precision: float,
        trigger: Token,
        governor: Token,
        pattern: str,
        role: str | None,
    ) -> dict:
        state_only = pattern.startswith("hyphen:") or (
            governor.i == trigger.i and pattern.startswith(("role:", "rel:"))
        )
        quals = raw_qualifiers(doc, trigger.sent, trigger, governor, state_only)
        if predicate not in MONEY_PREDICATES:
            quals["amount"] = quals["percent"] = None
        return {
            **quals,
            **base,
            "subject": subj[0],
            "predicate": predicate,
            "object": obj[0] if obj is not None else None,
            "coref": bool(subj[1] or (obj[1] if obj is not None else False)),
            "object_coref": bool(obj[1]) if obj is not None else False,
            "trigger": trigger.i,
            "governor": governor.i,
            "pattern": pattern,
            "precision": precision,
            "role": role,
        }
