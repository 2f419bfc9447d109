"""Canonical entities and coreference within one article.

An article names the same entity many ways: "Jane Roe", "Roe", "Ms. Roe", "she";
"Acme Corp.", "Acme", "the software giant". Facts must land on one entity each, so
this component groups the mentions (gazetteer ids, full-name / surname / honorific matching,
corporate-suffix stripping, dropped generic words such as "AI" in "Stability AI") and then
resolves pronouns and definite descriptions to the most plausible earlier entity.

Output on the doc:
- ``doc._.aigov_entities``: list of dicts ``name, type, aliases, wikidata, gazetteer, descriptors``
- ``doc._.aigov_refs``: token index -> ``(entity index, via_coreference)``
- ``doc._.aigov_mentions``: ``(start, end, entity index)`` for every named mention

Every pass is linear in the number of tokens (recency lists are bounded), so long articles
stay cheap.
"""

from __future__ import annotations

from collections import deque

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract.resources import Resources, load_resources
from extract.typing_cues import description_of, introduced_type, span_key

__all__ = ["ORG_KINDS", "Coreference", "head_word"]

ORG_KINDS = frozenset(("Organization", "Company", "NonProfit", "Investor", "GovernmentBody"))
_SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))
_WINDOW_SENTENCES = 3
_RECENT = 40
#: "The board" resolved by salience alone must lead the next organisation by this factor.
_CLEAR_LEAD = 1.5


def head_word(token: Token) -> str:
    """A noun's head word, hyphenated compounds rejoined: the head of "start-up" is "start-up", not "up"."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_:
        return f"{doc[token.i - 2].lower_}-{token.lower_}"
    return token.lemma_.lower()


def _clause_verb(token: Token) -> Token:
    cur = token
    for _ in range(12):
        if (cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass")) or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _clause_group(token: Token) -> set[int]:
    """The pronoun's clause verb and the verbs coordinated with it ("who co-founded X and served as its")."""
    verb = _clause_verb(token)
    group = {verb.i}
    if verb.dep_ == "conj":
        group.add(verb.head.i)
    group.update(c.i for c in verb.children if c.dep_ == "conj")
    return group


def _description_fits(kind: str | None, etype: str) -> bool:
    """Whether a description of type ``kind`` ("company": Company, "regulator": GovernmentBody) can
    refer to an entity of type ``etype``: "the company" is never the regulator, nor "the regulator"
    the company."""
    if etype not in ORG_KINDS:
        return False
    if kind is None or kind not in ORG_KINDS or etype == "Organization":
        return True
    return (kind == "GovernmentBody") == (etype == "GovernmentBody")


def _clean_tokens(span: Span, honorifics: dict) -> tuple[list[Token], str | None]:
    """The span's words without a leading determiner or honorific, a trailing 's or punctuation."""
    toks = list(span)
    gender = None
    while toks and (toks[0].lower_ in ("the", "a", "an") or toks[0].text in honorifics):
        if toks[0].text in honorifics:
            gender = honorifics[toks[0].text]
        toks.pop(0)
    while toks and (
        toks[-1].text in ("'s", "’s", "'", "’") or (toks[-1].is_punct and toks[-1].text not in (".",))
    ):
        toks.pop()
    if toks and toks[-1].text == "." and len(toks) > 1:
        toks.pop()
    return toks, gender


def _inside_description(doc: Doc, start: int, end: int, names: set[int]) -> bool:
    """Whether the name at ``start:end`` sits inside a description of a name made of the tokens
    ``names``: in an apposition to it ("Zyx Systems, a division of Zyx") or in its copular
    complement ("Zyx Systems is the research arm of Zyx"). The name itself in apposition is an
    alias ("Zyx Systems, or Zyx,"), not a description."""
    root = doc[start]
    while start <= root.head.i < end and root.head.i != root.i:
        root = root.head
    cur = root
    for _ in range(6):
        if cur.i != root.i and cur.dep_ == "appos":
            return cur.head.i in names
        if cur.i != root.i and cur.dep_ in ("attr", "oprd"):
            return any(c.dep_ in ("nsubj", "nsubjpass") and c.i in names for c in cur.head.children)
        if cur.dep_ not in ("pobj", "prep", "poss", "compound", "nmod", "conj") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _described_with(
    doc: Doc, spans: list[tuple[int, int]], mentions: list[tuple[int, int, int]], full: int
) -> bool:
    """Whether the text describes the entity ``full`` with a short form of its name (one of
    ``spans``) or the short form with it: "Zyx Systems, a division of Zyx" speaks of two
    organisations, where "Zyx Systems ... Zyx's co-founder" in one sentence speaks of one."""
    fulls = [(start, end) for start, end, idx in mentions if idx == full]
    full_tokens = {i for start, end in fulls for i in range(start, end)}
    short_tokens = {i for start, end in spans for i in range(start, end)}
    return any(_inside_description(doc, start, end, full_tokens) for start, end in spans) or any(
        _inside_description(doc, start, end, short_tokens) for start, end in fulls
    )


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


class Coreference:
    """Groups entity mentions into canonical entities and resolves pronouns and descriptions."""

    def __init__(self, nlp: Language | None = None, resources: Resources | None = None) -> None:
        self.resources = res = resources or load_resources()
        self.gaz_lookup: dict[str, str] = {}
        self.gaz_descriptions: dict[str, list[str]] = {}
        for entry in res.gazetteer:
            for form in (entry.name, *entry.aliases):
                self.gaz_lookup.setdefault(form.casefold(), entry.name)
            for desc in entry.descriptions:
                self.gaz_descriptions.setdefault(desc, []).append(entry.name)
        for entry in res.gazetteer:
            if not entry.distinct:
                stripped = self._strip_suffix(entry.name)
                self.gaz_lookup.setdefault(stripped.casefold(), entry.name)

    # -- names ---------------------------------------------------------------------------------

    def _strip_suffix(self, name: str) -> str:
        words = name.replace(",", " ").split()
        while len(words) > 1 and words[-1] in self.resources.corporate_suffixes:
            words.pop()
        return " ".join(words)

    def _org_base(self, name: str) -> str:
        words = self._strip_suffix(name).split()
        while len(words) > 1 and words[-1] in self.resources.org_generic_words:
            words.pop()
        return " ".join(words).casefold()

    # -- the component ---------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        res = self.resources
        types: dict = doc._.aigov_types or {}
        entities: list[dict] = []
        by_key: dict[str, int] = {}
        mentions: list[tuple[int, int, int]] = []
        deferred: list[tuple[str, list[Token], str, str | None]] = []
        weak: list[tuple[Span, str]] = []

        def entity(key: str, name: str, etype: str, gazetteer: bool) -> int:
            if key not in by_key:
                entry = res.gazetteer_by_name.get(name) if gazetteer else None
                by_key[key] = len(entities)
                entities.append(
                    {
                        "name": name,
                        "type": etype,
                        "aliases": [],
                        "wikidata": entry.wikidata if entry else None,
                        "gazetteer": gazetteer,
                        "descriptors": set(entry.descriptions) if entry else set(),
                        "gender": None,
                        "types": [],
                    }
                )
            return by_key[key]

        def place(toks: list[Token], text: str, gender: str | None, etype: str, gid: str) -> int:
            if gid:
                idx = entity("g:" + gid, gid, res.gazetteer_by_name[gid].type, True)
            elif etype == "Person":
                known = self.gaz_lookup.get(text.casefold())
                if known:
                    idx = entity("g:" + known, known, res.gazetteer_by_name[known].type, True)
                else:
                    # "Mr. de Wit" after "Pieter de Wit": a surname of several words
                    longer = (
                        [
                            by_key[k]
                            for k in by_key
                            if k.startswith("p:") and k.endswith(" " + text) and len(k) > len(text) + 3
                        ]
                        if " " in text
                        else []
                    )
                    idx = longer[0] if len(longer) == 1 else entity("p:" + text, text, "Person", False)
            elif etype in ORG_KINDS:
                stripped = self._strip_suffix(text)
                known = self.gaz_lookup.get(text.casefold()) or self.gaz_lookup.get(stripped.casefold())
                if known:
                    idx = entity("g:" + known, known, res.gazetteer_by_name[known].type, True)
                else:
                    idx = entity("o:" + stripped.casefold(), stripped, etype, False)
            else:
                known = self.gaz_lookup.get(text.casefold())
                if known:
                    idx = entity("g:" + known, known, res.gazetteer_by_name[known].type, True)
                else:
                    idx = entity("x:" + text.casefold(), text, etype, False)
            record = entities[idx]
            record["types"].append(etype)
            if gender:
                record["gender"] = gender
            if text != record["name"] and text not in record["aliases"]:
                record["aliases"].append(text)
            mentions.append((toks[0].i, toks[-1].i + 1, idx))
            return idx

        for ent in doc.ents:
            etype = types.get(span_key(ent))
            if etype is None or (not ent.id_ and ent.text in res.not_entities):
                continue
            toks, gender = _clean_tokens(ent, res.honorifics)
            if not toks:
                continue
            text = _text(toks)
            gid = ent.id_
            if gid.startswith("~"):
                weak.append((ent, gid[1:]))
                continue
            # one written word, even one the tokenizer split at a hyphen ("Roe-Smith"), is a single name
            if not gid and " " not in text and not self.gaz_lookup.get(text.casefold()):
                deferred.append((etype, toks, text, gender))
                continue
            place(toks, text, gender, etype, gid)

        # "the start-up Adept": a short alias no stronger form confirms is confirmed by an
        # organisation descriptor written just before it
        for ent, name in weak:
            if "g:" + name not in by_key and introduced_type(ent, res) in ORG_KINDS:
                toks, _ = _clean_tokens(ent, res.honorifics)
                if toks:
                    place(toks, _text(toks), None, res.gazetteer_by_name[name].type, name)
                    mentions.pop()  # the loop below records every weak mention once
        short_forms: dict[str, list[tuple[int, int]]] = {}
        for ent, name in weak:
            toks, _ = _clean_tokens(ent, res.honorifics)
            if toks and "g:" + name in by_key:
                short_forms.setdefault(name, []).append((toks[0].i, toks[-1].i + 1))
        apart = {
            name
            for name, spans in short_forms.items()
            if _described_with(doc, spans, mentions, by_key["g:" + name])
        }
        for ent, name in weak:
            key = "g:" + name
            toks, _ = _clean_tokens(ent, res.honorifics)
            if not toks or key not in by_key:
                continue
            if name in apart:
                # "Zyx Electronics, a division of Zyx": the short form is the other organisation
                place(toks, _text(toks), None, res.gazetteer_by_name[name].type, "")
                continue
            record = entities[by_key[key]]
            if _text(toks) not in record["aliases"] and _text(toks) != record["name"]:
                record["aliases"].append(_text(toks))
            mentions.append((toks[0].i, toks[-1].i + 1, by_key[key]))

        self._introduced_names(doc, mentions, place)
        self._merge_short_orgs(doc, entities, mentions)
        self._resolve_single_names(doc, deferred, entities, by_key, mentions, place)
        # one-word names are placed only now ("Norvik")
        self._merge_short_orgs(doc, entities, mentions)
        for record in entities:
            if not record["gazetteer"]:
                record["type"] = self._best_type(record["types"])
                longest = max([record["name"], *record["aliases"]], key=lambda s: (len(s.split()), len(s)))
                if longest != record["name"]:
                    record["aliases"] = [a for a in record["aliases"] if a != longest] + [record["name"]]
                    record["name"] = longest
        self._bare_surnames(doc, entities, mentions)
        mentions.sort()
        refs: dict[int, tuple[int, bool]] = {}
        for start, end, idx in mentions:
            for i in range(start, end):
                refs[i] = (idx, False)
        self._learn_descriptors(doc, entities, refs)
        self._resolve_references(doc, entities, refs, mentions)
        for record in entities:
            record.pop("types", None)
            record["descriptors"] = sorted(record["descriptors"])
        doc._.aigov_entities = entities
        doc._.aigov_refs = refs
        doc._.aigov_mentions = mentions
        return doc

    def _introduced_names(self, doc: Doc, mentions: list[tuple[int, int, int]], place) -> None:
        """ "the start-up Zyx": a capitalised name the model missed, introduced by a descriptor that
        proves an organisation, becomes an organisation of the descriptor's type; a title whose
        "of" complement names it then attaches to it instead of to some other organisation."""
        covered = {i for start, end, _ in mentions for i in range(start, end)}
        i = 0
        while i < len(doc):
            tok = doc[i]
            if tok.pos_ != "PROPN" or tok.ent_type_ or i in covered or not tok.text[:1].isupper():
                i += 1
                continue
            end = i
            while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_:
                if end in covered:
                    break
                end += 1
            if i == 0 or doc[i - 1].pos_ != "PROPN":
                etype = introduced_type(doc[i:end], self.resources)
                if etype in ORG_KINDS:
                    toks = list(doc[i:end])
                    place(toks, _text(toks), None, etype, "")
            i = end

    @staticmethod
    def _best_type(types: list[str]) -> str:
        """The most specific type any mention got (a cue beats the bare "Organization")."""
        counts: dict[str, int] = {}
        for t in types:
            counts[t] = counts.get(t, 0) + (1 if t != "Organization" else 0)
        if not counts:
            return "Organization"
        return max(counts, key=lambda t: (counts[t], t != "Organization"))

    def _merge_short_orgs(self, doc: Doc, entities: list[dict], mentions: list[tuple[int, int, int]]) -> None:
        """ "Coatue" after "Coatue Management": a shorter unknown name that drops generic words,
        unless the text describes one name with the other ("X Systems, a division of X")."""
        bases: dict[str, int] = {}
        for idx, record in enumerate(entities):
            if record["type"] in ORG_KINDS and len(record["name"].split()) > 1:
                bases.setdefault(self._org_base(record["name"]), idx)
        remap: dict[int, int] = {}
        for idx, record in enumerate(entities):
            if record["gazetteer"] or record["type"] not in ORG_KINDS or record.get("dead"):
                continue
            target = bases.get(record["name"].casefold())
            if target is not None and target != idx:
                spans = [(start, end) for start, end, i in mentions if i == idx]
                if _described_with(doc, spans, mentions, target):
                    continue
                remap[idx] = target
                entities[target]["aliases"].append(record["name"])
                entities[target]["types"].extend(record["types"])
        if remap:
            for n, (start, end, idx) in enumerate(mentions):
                if idx in remap:
                    mentions[n] = (start, end, remap[idx])
            for idx in remap:
                entities[idx]["types"] = []
                entities[idx]["dead"] = True

    def _resolve_single_names(
        self, doc: Doc, deferred: list, entities: list[dict], by_key: dict[str, int], mentions: list, place
    ) -> None:
        """A lone "Roe" or "Ms. Roe" is the person whose full name ends (or starts) with it."""
        persons = [(i, e) for i, e in enumerate(entities) if e["type"] == "Person" and not e.get("dead")]
        first_seen = {idx: start for start, _, idx in sorted(mentions)}
        for etype, toks, text, gender in deferred:
            word = text
            nxt = doc[toks[-1].i + 1] if toks[-1].i + 1 < len(doc) else None
            # "Dario and Daniela Amodei": the first name borrows the shared surname.
            matches_known = any(
                word in record["name"].split()[:1] + record["name"].split()[-1:]
                for _, record in persons
                if len(record["name"].split()) > 1
            )
            if etype == "Person" and not matches_known and nxt is not None and nxt.lower_ == "and":
                for start, end, idx in mentions:
                    if start == nxt.i + 1 and entities[idx]["type"] == "Person" and end - start >= 2:
                        full = f"{word} {doc[end - 1].text}"
                        known = self.gaz_lookup.get(full.casefold())
                        key = "g:" + known if known else "p:" + full
                        if key not in by_key:
                            by_key[key] = len(entities)
                            entities.append(
                                {
                                    "name": known or full,
                                    "type": "Person",
                                    "aliases": [],
                                    "wikidata": None,
                                    "gazetteer": bool(known),
                                    "descriptors": set(),
                                    "gender": None,
                                    "types": ["Person"],
                                }
                            )
                        target = by_key[key]
                        if word not in entities[target]["aliases"]:
                            entities[target]["aliases"].append(word)
                        mentions.append((toks[0].i, toks[-1].i + 1, target))
                        break
                else:
                    nxt = None
                if nxt is not None:
                    continue
            candidates = []
            for idx, record in persons:
                words = record["name"].split()
                if len(words) < 2:
                    continue
                if words[-1] == word or (words[0] == word and etype == "Person"):
                    candidates.append((first_seen.get(idx, len(doc)), idx, words[-1] == word))
            if not candidates and etype != "Person":
                place(toks, text, gender, etype, "")
                continue
            if candidates:
                before = [c for c in candidates if c[0] < toks[0].i] or candidates
                surname = [c for c in before if c[2]] or before
                if gender:  # "Ms. X" cannot be a man already called "Mr. X"
                    surname = [c for c in surname if entities[c[1]]["gender"] in (None, gender)]
                if len({c[1] for c in surname if c[2]}) > 1 or not surname:
                    # "Mr. Amodei" after "Dario Amodei and Daniela Amodei": the text does not say
                    # which one, and guessing puts one sibling's deeds on the other
                    continue
                idx = max(surname)[1]
            else:
                idx = by_key.setdefault("p:" + word, len(entities))
                if idx == len(entities):
                    entities.append(
                        {
                            "name": word,
                            "type": "Person",
                            "aliases": [],
                            "wikidata": None,
                            "gazetteer": False,
                            "descriptors": set(),
                            "gender": None,
                            "types": ["Person"],
                        }
                    )
            record = entities[idx]
            if gender:
                record["gender"] = gender
            if word != record["name"] and word not in record["aliases"]:
                record["aliases"].append(word)
            mentions.append((toks[0].i, toks[-1].i + 1, idx))

    @staticmethod
    def _bare_surnames(doc: Doc, entities: list[dict], mentions: list[tuple[int, int, int]]) -> None:
        """A surname the model did not tag ("Musk was one of ...") still names the person."""
        surnames: dict[str, int | None] = {}
        for idx, record in enumerate(entities):
            words = record["name"].split()
            if record["type"] == "Person" and len(words) > 1 and not record.get("dead"):
                surnames[words[-1]] = None if words[-1] in surnames else idx
        if not surnames:
            return
        covered = {i for start, end, _ in mentions for i in range(start, end)}
        for token in doc:
            idx = surnames.get(token.text)
            if idx is None or token.i in covered or token.pos_ not in ("PROPN", "NOUN"):
                continue
            before = doc[token.i - 1] if token.i else None
            after = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if (
                before is not None
                and before.pos_ == "PROPN"
                and before.text not in ("Mr.", "Ms.", "Mrs.", "Dr.")
            ) or (after is not None and after.pos_ == "PROPN"):
                continue
            start = (
                token.i - 1
                if before is not None and before.text in ("Mr.", "Ms.", "Mrs.", "Dr.")
                else token.i
            )
            mentions.append((start, token.i + 1, idx))

    def _learn_descriptors(self, doc: Doc, entities: list[dict], refs: dict) -> None:
        """ "Acme Labs, the San Francisco-based developer": remember "developer" for "the developer".
        "Acme AI, a newly formed division", "a new unit called Acme AI": remember that the text
        introduced it as new, for "the new group"."""
        descriptions = self.resources.descriptions
        for token in doc:
            named = self._named_by_description(token, refs)
            if named is not None and self._says_new(token):
                entities[named]["introduced_new"] = True
            if token.dep_ == "appos" and token.pos_ == "NOUN" and token.head.i in refs:
                target = token
            elif token.pos_ == "NOUN" and token.i in refs:
                continue
            else:
                continue
            if head_word(target) in descriptions:
                entities[refs[token.head.i][0]]["descriptors"].add(description_of(target))
                entities[refs[token.head.i][0]]["descriptors"].add(head_word(target))

    @staticmethod
    def _named_by_description(token: Token, refs: dict) -> int | None:
        """The entity a common noun names: its apposition's head ("X, a new unit") or the name a
        "called"/"named" participle gives it ("a new unit called X")."""
        if token.pos_ != "NOUN" or token.i in refs:
            return None
        if token.dep_ == "appos" and token.head.i in refs:
            return refs[token.head.i][0]
        for acl in token.children:
            if acl.dep_ == "acl" and acl.lemma_ in ("call", "name", "dub"):
                for child in acl.children:
                    if child.dep_ in ("oprd", "attr", "dobj") and child.i in refs:
                        return refs[child.i][0]
        return None

    def _says_new(self, noun: Token) -> bool:
        """Whether a noun's modifiers call it new ("a new unit", "a newly formed division")."""
        new = self.resources.new_words
        return any(
            c.dep_ in ("amod", "compound") and (c.lower_ in new or any(g.lower_ in new for g in c.children))
            for c in noun.children
        )

    def _resolve_references(self, doc: Doc, entities: list[dict], refs: dict, mentions: list) -> None:
        """Pronouns and definite descriptions, left to right, against a bounded recency list."""
        res = self.resources
        counts: dict[int, int] = {}
        recent: deque[tuple[int, int, bool, int]] = deque(
            maxlen=_RECENT
        )  # (token, entity, subject, sentence)
        starts = {start: idx for start, _, idx in mentions}
        in_article = {idx for _, _, idx in mentions}
        for s_index, sent in enumerate(doc.sents):
            for token in sent:
                if token.i in starts and token.i in refs and not refs[token.i][1]:
                    idx = starts[token.i]
                    root = token
                    while root.head.i != root.i and root.head.i in refs and refs[root.head.i][0] == idx:
                        root = root.head
                    recent.append((token.i, idx, root.dep_ in _SUBJECT_DEPS, s_index))
                    counts[idx] = counts.get(idx, 0) + 1
                    continue
                lower = token.lower_
                kind = res.pronouns.get(lower) if token.pos_ == "PRON" else None
                if kind is not None:
                    idx = self._antecedent(
                        token, kind, res.genders.get(lower), recent, entities, s_index, refs
                    )
                    if idx is not None:
                        refs[token.i] = (idx, True)
                        if res.genders.get(lower) and entities[idx]["gender"] is None:
                            entities[idx]["gender"] = res.genders[lower]
                        recent.append((token.i, idx, token.dep_ in _SUBJECT_DEPS, s_index))
                        counts[idx] = counts.get(idx, 0) + 1
                    continue
                if token.pos_ == "NOUN" and token.i not in refs and head_word(token) in res.descriptions:
                    idx = self._description(token, recent, entities, s_index, refs, in_article, counts)
                    if idx is not None:
                        refs[token.i] = (idx, True)
                        recent.append((token.i, idx, token.dep_ in _SUBJECT_DEPS, s_index))
                        counts[idx] = counts.get(idx, 0) + 1

    @staticmethod
    def _excluded(token: Token, refs: dict) -> set[int]:
        """Entities a pronoun cannot mean: the noun it sits inside, its own clause's subject (for objects),
        and the head noun of the relative clause it is in."""
        out: set[int] = set()
        head = token.head
        if token.dep_ == "poss" and head.i in refs:
            out.add(refs[head.i][0])
        for child in head.children:
            if child.dep_ == "appos" and child.i in refs:
                out.add(refs[child.i][0])
        if head.dep_ == "appos" and head.head.i in refs and token.dep_ == "poss":
            out.add(refs[head.head.i][0])
        verb = token.head
        for _ in range(12):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        if token.dep_ in ("dobj", "pobj", "iobj") or (token.dep_ == "poss" and token.head.dep_ in ("dobj",)):
            for child in verb.children:
                if child.dep_ in _SUBJECT_DEPS and child.i in refs and token.dep_ != "poss":
                    out.add(refs[child.i][0])
        if verb.dep_ in ("relcl", "acl") and verb.head.i in refs:
            out.add(refs[verb.head.i][0])
        if token.dep_ in _SUBJECT_DEPS:
            # "The daughter of X, she was born ...": a fronted description of the subject is about
            # the subject, so the names inside it are someone else
            for child in verb.children:
                if (
                    child.i < token.i
                    and child.pos_ == "NOUN"
                    and child.dep_ in (*_SUBJECT_DEPS, "npadvmod", "dep")
                ):
                    out.update(refs[t.i][0] for t in child.subtree if t.i in refs)
        return out

    def _antecedent(
        self,
        token: Token,
        kind: str,
        gender: str | None,
        recent,
        entities: list[dict],
        s_index: int,
        refs: dict,
    ) -> int | None:
        excluded = self._excluded(token, refs)

        def fits(idx: int) -> bool:
            record = entities[idx]
            if idx in excluded:
                return False
            if kind == "person":
                if record["type"] != "Person":
                    return False
                return not (gender and record["gender"] and record["gender"] != gender)
            return record["type"] in ORG_KINDS

        same, previous, other = [], [], []
        group = _clause_group(token)
        doc = token.doc
        nested: int | None = None
        for tok_i, idx, subject, sent_i in reversed(recent):
            if s_index - sent_i > _WINDOW_SENTENCES or not fits(idx):
                continue
            if sent_i == s_index and token.dep_ == "poss" and _clause_verb(doc[tok_i]).i in group:
                # "Acme named X, a co-founder of Globex, as its CEO": the clause's own arguments
                # come before a name nested in one of them (an apposition, an "of" phrase)
                if self._argument_of(doc[tok_i], idx, group, refs):
                    return idx
                if nested is None:
                    nested = idx
                continue
            if sent_i == s_index:
                same.append((tok_i, idx, subject))
            elif sent_i == s_index - 1 or not previous:
                previous.append((tok_i, idx, subject, sent_i))
            other.append(idx)
        if nested is not None:
            return nested
        for _, idx, subject in same:
            if subject:
                return idx
        if same:
            return same[0][1]
        if previous:
            latest = previous[0][3]
            in_latest = [p for p in previous if p[3] == latest]
            subjects = [p for p in in_latest if p[2]]
            for tok_i, idx, _, _ in subjects:  # the main clause's subject first
                head = _clause_verb(doc[tok_i])
                if head.dep_ == "ROOT" or head.head.i == head.i:
                    return idx
            if subjects:
                return subjects[0][1]  # else the latest subject
            if same:
                return same[0][1]
            return in_latest[0][1]
        if same:
            return same[0][1]
        return other[0] if other else None

    @staticmethod
    def _argument_of(token: Token, idx: int, group: set[int], refs: dict) -> bool:
        """Whether the mention starting at ``token`` is a direct argument of a verb in ``group``
        (its subject, object, or a noun coordinated with one), not a name nested deeper."""
        root = token
        while root.head.i != root.i and root.head.i in refs and refs[root.head.i][0] == idx:
            root = root.head
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        return root.head.i in group

    def _description(
        self,
        token: Token,
        recent,
        entities: list[dict],
        s_index: int,
        refs: dict,
        in_article,
        counts: dict[int, int],
    ) -> int | None:
        """ "the company", "the software giant", "the start-up": an organisation named before."""
        if token.tag_ in ("NNS", "NNPS") and token.lemma_.lower() != "director":
            return None
        if self._says_new(token):
            # "the new group" repeats the organisation the text last introduced as new ("Acme AI, a
            # newly formed division"); with none, it introduces an entity rather than repeating one
            for _, idx, _, _ in reversed(recent):
                if entities[idx].get("introduced_new"):
                    return idx
            return None
        dets = [c for c in token.children if c.dep_ == "det"]
        if not dets or dets[0].lower_ not in ("the", "this"):
            return None
        for child in token.children:
            if child.dep_ in ("appos", "poss", "nummod") or (child.dep_ == "compound" and child.i in refs):
                return None
            if child.dep_ == "acl" and child.lemma_ in ("call", "name", "know"):
                return None
            if child.dep_ == "prep" and child.lower_ == "of" and token.lemma_.lower() not in ("board",):
                return None
        if token.dep_ == "appos" or (token.head.i in refs and token.dep_ in ("appos", "compound")):
            return None
        nxt = token.i + 1
        if nxt < len(token.doc) and nxt in refs and not refs[nxt][1]:
            return None  # "the software start-up Adept": the noun introduces the name after it
        phrase = description_of(token)
        head = head_word(token)
        names = self.gaz_descriptions.get(phrase) or []
        wanted = {
            i for i, e in enumerate(entities) if e["gazetteer"] and e["name"] in names and i in in_article
        }
        excluded = self._excluded(token, refs)
        learned = {i for i, e in enumerate(entities) if (phrase in e["descriptors"]) and i in in_article}
        kind = self.resources.descriptor_types.get(head)
        orgs = {i for i, e in enumerate(entities) if _description_fits(kind, e["type"])}
        for pool in (wanted, learned):
            pool &= orgs
            pool -= excluded
            if pool:
                for _, idx, _, _ in reversed(recent):
                    if idx in pool:
                        return idx
                return min(pool)
        generic = head in (
            "company",
            "firm",
            "group",
            "business",
            "organisation",
            "organization",
            "board",
            "director",
            "outfit",
        )
        if not generic:
            head_pool = ({i for i, e in enumerate(entities) if head in e["descriptors"]} & orgs) - excluded
            if head_pool:
                for _, idx, _, _ in reversed(recent):
                    if idx in head_pool:
                        return idx
        # the most salient organisation: mentions weighted by role (subjects count double) and by
        # how many sentences back they are; the latest mention breaks ties
        scores: dict[int, float] = {}
        latest: dict[int, int] = {}
        for tok_i, idx, subject, sent_i in recent:
            if idx not in orgs or idx in excluded or s_index - sent_i > _WINDOW_SENTENCES:
                continue
            scores[idx] = scores.get(idx, 0.0) + (2.0 if subject else 1.0) * 0.7 ** (s_index - sent_i)
            latest[idx] = max(latest.get(idx, -1), tok_i)
        for idx in scores:  # the article's topic: every earlier mention counts a little
            scores[idx] += 0.3 * counts.get(idx, 0)
        if not scores:
            return None
        ranked = sorted(scores, key=lambda idx: (round(scores[idx], 6), latest[idx]), reverse=True)
        if (
            head in self.resources.org_parts
            and len(ranked) > 1
            and scores[ranked[0]] < _CLEAR_LEAD * scores[ranked[1]]
        ):
            # two organisations about equally in view: "the board" could be either's, and a wrong
            # board turns into a wrong dismissal or appointment
            return None
        return ranked[0]
