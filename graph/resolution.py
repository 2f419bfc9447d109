"""Cross-article entity resolution: a new mention lands on the IRI the store already uses.

The extractor resolves names inside one article ("Ms. Roe" -> "Jane Roe"); this module
does the same across articles, against what the store holds, without spaCy. A mention
resolves, in order of trust, by

1. Wikidata id (the gazetteer knows both spellings are one item);
2. the canonical name or an alias, compared after folding case, accents, punctuation, legal
   suffixes of organisations (``Corp.``, ``Inc.``) and honorifics of people (``Mr.``);
3. a surname alone (``"Roe"``, ``"Ms. Roe"``) or a full name for a stored surname, only
   when exactly one person fits, using the organisations mentioned alongside to choose;
4. a cautious fuzzy match (near-identical spelling, same type family, and at least one
   co-mentioned organisation in common).

Anything else stays a new entity. Two different people who share a surname never merge: full
names differ, and a bare surname that fits both is left alone.

The index is built from the store with one query and then grows as articles are added, so a
batch resolves against itself too.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ontology.identifiers import ENTITY_BASE, entity_iri
from ontology.model import ORGANIZATION_TYPES, Entity, Fact

if TYPE_CHECKING:
    from graph.store import KnowledgeStore

__all__ = ["EntityIndex", "Resolution", "name_key", "resolve_facts"]

_AIGOV = "https://w3id.org/aigov/ontology#"
_WIKIDATA = "http://www.wikidata.org/entity/"

#: Generic words, not names: legal forms an organisation's name may carry or drop.
_ORG_SUFFIXES = frozenset({
    "inc", "incorporated", "corp", "corporation", "co", "ltd", "limited", "llc", "plc", "lp", "llp",
    "gmbh", "ag", "sa", "sas", "srl", "bv", "nv", "pbc", "com", "group", "holdings",
})
#: Titles that may precede a person's name and are not part of it.
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord",
                         "lady", "rep", "sen", "senator", "gov", "judge", "justice"})
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_FUZZY_ORG = 0.9
_FUZZY_PERSON_SURNAME = 0.85
_ENTITIES_QUERY = f"""
SELECT ?e ?label ?alias ?type ?same ?g WHERE {{
  GRAPH ?g {{ ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label }}
  FILTER(STRSTARTS(STR(?e), "{ENTITY_BASE}"))
  OPTIONAL {{ GRAPH ?g {{ ?e a ?type }} }}
  OPTIONAL {{ GRAPH ?g {{ ?e <http://www.w3.org/2004/02/skos/core#altLabel> ?alias }} }}
  OPTIONAL {{ GRAPH ?g {{ ?e <http://www.w3.org/2002/07/owl#sameAs> ?same }} }}
}}"""


def _tokens(name: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").casefold()
    folded = folded.replace("&", " and ")
    return re.findall(r"[a-z0-9]+", folded)


def name_key(name: str, kind: str | None = None) -> str:
    """The form two spellings of one name share: ``"Acme Corp."`` and ``"acme"`` -> ``"acme"``.

    For organisations trailing legal forms are dropped; for people leading honorifics and
    trailing generational suffixes. Case, accents and punctuation never count.
    """
    words = _tokens(name)
    if kind in ORGANIZATION_TYPES:
        while len(words) > 1 and words[-1] in _ORG_SUFFIXES:
            words.pop()
    elif kind == "Person":
        while len(words) > 1 and words[0] in _HONORIFICS:
            words.pop(0)
        while len(words) > 1 and words[-1] in _NAME_SUFFIXES:
            words.pop()
    return " ".join(words)


@lru_cache(maxsize=65536)
def _cached_key(name: str, kind: str | None) -> str:
    return name_key(name, kind)


def _family(kind: str | None) -> str | None:
    """Types that may be one entity: any organisation type with any other, else the same type."""
    if kind is None:
        return None
    return "Organization" if kind in ORGANIZATION_TYPES else kind


@dataclass
class _Known:
    """One entity IRI as the store (and this batch) knows it."""

    iri: str
    labels: dict[str, set[str]] = field(default_factory=dict)  # label -> graphs that use it
    aliases: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)
    wikidata: set[str] = field(default_factory=set)
    graphs: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        """The label whose slug is the IRI's, so ``entity_iri(name)`` gives this IRI back."""
        own = [label for label in self.labels if entity_iri(label) == self.iri]
        pool = own or list(self.labels)
        return min(pool, key=lambda label: (-len(self.labels[label]), label)) if pool else self.iri

    @property
    def family(self) -> str | None:
        families = {_family(t) for t in self.types}
        return families.pop() if len(families) == 1 else ("Organization" if "Organization" in families
                                                         else None)

    @property
    def type(self) -> str | None:
        specific = sorted(t for t in self.types if t != "Organization")
        return specific[0] if specific else (next(iter(self.types)) if self.types else None)

    def names(self) -> set[str]:
        return set(self.labels) | self.aliases


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where a mention landed: the IRI, the canonical name that yields it, and the rule that decided."""

    iri: str
    name: str
    rule: str  # "wikidata", "name", "surname", "fuzzy" or "new"

    @property
    def matched(self) -> bool:
        return self.rule != "new"


class EntityIndex:
    """The entities of a store, looked up by the ways a new mention may name them."""

    def __init__(self) -> None:
        self._known: dict[str, _Known] = {}
        self._by_key: dict[tuple[str | None, str], set[str]] = defaultdict(set)
        self._by_wikidata: dict[str, set[str]] = defaultdict(set)
        self._by_surname: dict[str, set[str]] = defaultdict(set)
        self._graph_members: dict[str, set[str]] = defaultdict(set)
        self._contexts: dict[str, set[str]] = {}  # cache of context(); emptied by add()

    # -- building ---------------------------------------------------------------------------------
    @classmethod
    def from_store(cls, store: KnowledgeStore) -> EntityIndex:
        """All entities of the store, with one query."""
        index = cls()
        # gather per (entity, graph) first: the query repeats a row for each alias and type
        seen: dict[tuple[str, str], tuple[set, set, set, set]] = {}
        for e, label, alias, kind, same, g in store.query(_ENTITIES_QUERY).rows:
            labels, aliases, types, wikidata = seen.setdefault((str(e), str(g)), (set(), set(), set(), set()))
            labels.add(str(label))
            if alias is not None:
                aliases.add(str(alias))
            if kind is not None and str(kind).startswith(_AIGOV):
                types.add(str(kind)[len(_AIGOV):])
            if same is not None and str(same).startswith(_WIKIDATA):
                wikidata.add(str(same)[len(_WIKIDATA):])
        for (e, g), (labels, aliases, types, wikidata) in seen.items():
            index.add(e, labels=labels, aliases=aliases, types=types, wikidata=wikidata, graph=g)
        return index

    def add(self, iri: str, *, labels: Iterable[str] = (), aliases: Iterable[str] = (),
            types: Iterable[str] = (), wikidata: Iterable[str] = (), graph: str | None = None) -> None:
        """Record what one source says about one IRI (labels, aliases, types, Wikidata ids)."""
        known = self._known.setdefault(iri, _Known(iri))
        self._contexts.clear()
        for label in labels:
            known.labels.setdefault(label, set()).update([graph] if graph else [])
        known.aliases.update(aliases)
        known.types.update(types)
        known.wikidata.update(wikidata)
        if graph is not None:
            known.graphs.add(graph)
            self._graph_members[graph].add(iri)
        family = known.family
        for name in known.names():
            for kind in {*known.types, None}:
                self._by_key[(_family(kind), _cached_key(name, kind))].add(iri)
            if family == "Person":
                words = _cached_key(name, "Person").split()
                if words:
                    self._by_surname[words[-1]].add(iri)
        for qid in known.wikidata:
            self._by_wikidata[qid].add(iri)

    def add_entity(self, entity: Entity, graph: str | None = None) -> None:
        """Record an entity as an article states it (after resolution)."""
        self.add(entity_iri(entity.name), labels=[entity.name], aliases=entity.aliases, types=[entity.type],
                 wikidata=[entity.wikidata] if entity.wikidata else [], graph=graph)

    def __len__(self) -> int:
        return len(self._known)

    def known(self, iri: str) -> _Known | None:
        """What the index knows of one IRI (labels, aliases, types, Wikidata ids, graphs), if anything."""
        return self._known.get(iri)

    def __contains__(self, iri: object) -> bool:
        return iri in self._known

    # -- looking up -------------------------------------------------------------------------------
    def context(self, iri: str) -> set[str]:
        """The organisations mentioned in the same articles as ``iri`` (its company, so to speak)."""
        if iri in self._contexts:
            return self._contexts[iri]
        known = self._known.get(iri)
        if known is None:
            return set()
        around: set[str] = set()
        for graph in known.graphs:
            around |= self._graph_members[graph]
        found = {other for other in around - {iri} if self._known[other].family == "Organization"}
        self._contexts[iri] = found
        return found

    def lookup(self, text: str) -> list[str]:
        """IRIs an exact reference names: the IRI itself, or a name or alias (case, accents, punctuation,
        legal suffixes and honorifics aside)."""
        if text.startswith("ent:"):
            text = ENTITY_BASE + text[len("ent:"):]
        if text in self._known:
            return [text]
        found = set()
        for iri, known in self._known.items():
            for name in known.names():
                if any(name_key(name, kind) == name_key(text, kind) for kind in {*known.types, None}):
                    found.add(iri)
                    break
        return sorted(found)

    def entities(self) -> list[tuple[str, str, str | None]]:
        """``(iri, canonical name, type)`` of every known entity."""
        return [(k.iri, k.name, k.type) for k in self._known.values()]

    def _compatible(self, iri: str, family: str | None) -> bool:
        known_family = self._known[iri].family
        return family is None or known_family is None or known_family == family

    def _pick(self, candidates: set[str], context: set[str]) -> str | None:
        """One candidate: the only one, else the only one sharing context, else none (ambiguous)."""
        if len(candidates) == 1:
            return next(iter(candidates))
        if not candidates:
            return None
        sharing = {c for c in candidates if self.context(c) & context}
        if len(sharing) == 1:
            return next(iter(sharing))
        return None

    def resolve(self, entity: Entity, context: Iterable[str] = ()) -> Resolution:
        """The IRI a mention should use; ``context`` holds IRIs of organisations in the same article."""
        context = set(context)
        family = _family(entity.type)
        iri, rule = self._match(entity, family, context)
        if iri is None:
            return Resolution(entity_iri(entity.name), entity.name, "new")
        return Resolution(iri, self._known[iri].name, rule)

    def _match(self, entity: Entity, family: str | None, context: set[str]) -> tuple[str | None, str]:
        if entity.wikidata:
            found = {i for i in self._by_wikidata.get(entity.wikidata, ()) if self._compatible(i, family)}
            if picked := self._pick(found, context):
                return picked, "wikidata"
        names = [entity.name, *entity.aliases]
        found = set()
        for name in names:
            found |= {i for i in self._by_key.get((family, name_key(name, entity.type)), ())
                      if self._compatible(i, family)}
        if found:
            picked = self._pick(found, context)
            if picked is None:  # several exact matches: the best-attested one, if it stands out
                ranked = sorted(found, key=lambda i: -len(self._known[i].graphs))
                if len(self._known[ranked[0]].graphs) > len(self._known[ranked[1]].graphs):
                    picked = ranked[0]
            if picked is not None:
                return picked, "name"
        if family == "Person":
            picked = self._match_surname(entity, context)
            if picked is not None:
                return picked, "surname"
        picked = self._match_fuzzy(entity, family, context)
        return (picked, "fuzzy") if picked else (None, "new")

    def _match_surname(self, entity: Entity, context: set[str]) -> str | None:
        words = name_key(entity.name, "Person").split()
        if not words:
            return None
        persons = {i for i in self._by_surname.get(words[-1], ()) if self._known[i].family == "Person"}
        if len(words) == 1:
            # "Roe" / "Ms. Roe": only a full name with that surname, and only one.
            full = {i for i in persons if any(len(name_key(n, "Person").split()) > 1
                                              for n in self._known[i].names())}
            return self._pick(full, context)
        # A full name whose person the store knows only by surname: needs shared context too.
        bare = {i for i in persons if all(len(name_key(n, "Person").split()) == 1
                                          for n in self._known[i].names())}
        bare = {i for i in bare if self.context(i) & context}
        return next(iter(bare)) if len(bare) == 1 else None

    def _match_fuzzy(self, entity: Entity, family: str | None, context: set[str]) -> str | None:
        if not context:
            return None
        key = name_key(entity.name, entity.type)
        if len(key) < 5:
            return None
        hits = set()
        # only entities seen in an article beside one of this article's organisations
        nearby: set[str] = set()
        for org in context:
            for graph in self._known[org].graphs if org in self._known else ():
                nearby |= self._graph_members[graph]
        for iri in sorted(nearby):
            known = self._known[iri]
            if known.family != family or not (self.context(iri) & context):
                continue
            if any(self._close(key, _cached_key(name, entity.type), family) for name in known.names()):
                hits.add(known.iri)
        return next(iter(hits)) if len(hits) == 1 else None

    @staticmethod
    def _close(key: str, other: str, family: str | None) -> bool:
        """Nearly the same spelling; for people, the same first name and a nearly identical surname."""
        if family == "Person":
            a, b = key.split(), other.split()
            if len(a) < 2 or len(b) < 2 or a[0] != b[0]:
                return False
            key, other, threshold = a[-1], b[-1], _FUZZY_PERSON_SURNAME
        else:
            threshold = _FUZZY_ORG
        total = len(key) + len(other)
        if not total or 2 * min(len(key), len(other)) / total < threshold:  # lengths alone rule it out
            return False
        matcher = difflib.SequenceMatcher(None, key, other)
        return matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


def _order(entity: Entity) -> tuple[int, int, str]:
    """Organisations first (people, and later organisations, use them as context); longer names first."""
    return (0 if entity.is_organization else 1, -len(_tokens(entity.name)), entity.name)


def resolve_facts(facts: list[Fact], index: EntityIndex, *, graph: str | None = None) -> list[Fact]:
    """The facts with every entity replaced by its resolved form, and the index updated.

    A resolved entity keeps the mention's type (unless it was the generic ``Organization`` and
    the store knows better) and Wikidata id, takes the canonical name of the IRI it landed on,
    and records the mention's own spelling as an alias. ``graph`` is the article's graph IRI:
    the article's entities are added to the index under it, so later articles see them.
    """
    mentions: dict[tuple[str, str], Entity] = {}
    for fact in facts:
        for entity in (fact.subject, fact.obj):
            if isinstance(entity, Entity):
                key = (entity.name, entity.type)
                if key in mentions:
                    entity = Entity(entity.name, entity.type,
                                    tuple(sorted({*mentions[key].aliases, *entity.aliases})),
                                    mentions[key].wikidata or entity.wikidata)
                mentions[key] = entity
    resolved: dict[tuple[str, str], Entity] = {}
    context: set[str] = set()

    def settle(key: tuple[str, str], result: Resolution) -> None:
        mention = mentions[key]
        known = index.known(result.iri)
        kind = mention.type
        if kind == "Organization" and known is not None and known.type in ORGANIZATION_TYPES:
            kind = known.type
        wikidata = mention.wikidata or (min(known.wikidata) if known is not None and known.wikidata else None)
        aliases = {*mention.aliases, mention.name} - {result.name}
        entity = Entity(result.name, kind, tuple(sorted(a for a in aliases if a.strip())), wikidata)
        resolved[key] = entity
        index.add_entity(entity, graph)
        if entity.is_organization:
            context.add(result.iri)

    ordered = sorted(mentions, key=lambda k: _order(mentions[k]))
    organisations = [k for k in ordered if mentions[k].is_organization]
    deferred = []
    for key in organisations:  # first the organisations the store knows outright...
        result = index.resolve(mentions[key], context)
        if result.matched:
            settle(key, result)
        else:
            deferred.append(key)
    for key in deferred:  # ...then the others, with all of those as context
        settle(key, index.resolve(mentions[key], context))
    for key in ordered:
        if key not in resolved:
            settle(key, index.resolve(mentions[key], context))
    out = []
    for fact in facts:
        subject = resolved[(fact.subject.name, fact.subject.type)]
        obj = fact.obj if isinstance(fact.obj, str) else resolved[(fact.obj.name, fact.obj.type)]
        out.append(replace(fact, subject=subject, obj=obj))
    return out

