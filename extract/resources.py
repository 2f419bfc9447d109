"""The extractor's data files, loaded once, checked, and turned into lookup tables.

Everything that names a company, a person, a title, a trigger word or a hedge lives in
``extract/data/*.yaml`` so that a new pattern is a new row, not new code. A malformed file is a
:class:`~ontology.errors.ConfigurationError` naming the file and the problem, never a traceback.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ontology.errors import ConfigurationError
from ontology.model import ENTITY_TYPES
from ontology.predicates import PREDICATES

__all__ = [
    "DATA_DIR",
    "GazetteerEntry",
    "Implication",
    "NamedPosts",
    "Resources",
    "RoleRow",
    "Row",
    "load_resources",
    "normalise_phrase",
]

#: Where the data files live; ``AIGOV_EXTRACT_DATA`` points elsewhere (tests, experiments).
DATA_DIR = Path(__file__).with_name("data")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One known entity: its canonical name, type and the surface forms that name it."""

    name: str
    type: str
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    weak_aliases: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()
    distinct: bool = False


@dataclass(frozen=True, slots=True)
class RoleRow:
    """A title ("chief executive") and the fact it states about its holder."""

    phrase: str
    predicate: str
    canonical: str | None
    keep_role: bool
    precision: float


@dataclass(frozen=True, slots=True)
class NamedPosts:
    """Academic titles an endowment names ("the Harrow Professor of Law") and the role row
    such a post states (``named_posts`` in roles.yaml)."""

    titles: frozenset[str] = frozenset()
    row: RoleRow | None = None


@dataclass(frozen=True, slots=True)
class Row:
    """One relation pattern row of patterns.yaml (verb, noun, relational or hyphenated)."""

    id: str
    kind: str
    triggers: tuple[str, ...]
    predicate: str
    subject: tuple[str, ...] = ()
    object: tuple[str, ...] = ()
    co_subjects: tuple[str, ...] = ()
    patient_is: tuple[str, ...] = ()
    requires: str | None = None
    year_fact: str | None = None
    holder: str = "org"
    inverse: bool = False
    entity_is: str = "subject"
    pair: bool = False
    target_preps: tuple[str, ...] = ()
    made_by: tuple[str, ...] = ()
    prefix_parent: bool = False
    target_in_view: bool = False
    precision: float = 0.7


@dataclass(frozen=True, slots=True)
class Implication:
    """A fact a completed statement also states ("Y acquired X": Y owns X), at a lower precision."""

    source: str
    predicate: str
    inverse: bool
    factor: float
    patterns: frozenset[str] = frozenset()


@dataclass
class Resources:
    """All data files as lookup tables the components use."""

    gazetteer: list[GazetteerEntry]
    roles: dict[str, RoleRow]
    role_modifiers: frozenset[str]
    suffix_types: dict[str, str]
    descriptor_types: dict[str, str]
    person_cues: frozenset[str]
    org_only_descriptors: frozenset[str]
    institution_suffixes: frozenset[str]
    not_entities: frozenset[str]
    verb_rows: dict[str, list[Row]]
    noun_rows: dict[str, list[Row]]
    relational_rows: dict[str, list[Row]]
    hyphen_rows: dict[str, Row]
    role_events: dict[str, str]
    hedges: dict[str, frozenset[str]]
    pronouns: dict[str, str]
    genders: dict[str, str]
    descriptions: frozenset[str]
    org_generic_words: frozenset[str]
    honorifics: dict[str, str | None]
    corporate_suffixes: frozenset[str]
    whole_words: dict[str, str] = field(default_factory=dict)
    appoint_verbs: frozenset[str] = frozenset()
    org_parts: frozenset[str] = frozenset()
    new_words: frozenset[str] = frozenset()
    plural_people: frozenset[str] = frozenset()
    plural_people_determiners: frozenset[str] = frozenset()
    role_wrappers: frozenset[str] = frozenset()
    joined_bodies: frozenset[str] = frozenset()
    named_posts: NamedPosts = field(default_factory=NamedPosts)
    deputies: frozenset[str] = frozenset()
    past_adverbs: frozenset[str] = frozenset()
    leading_verbs: dict[str, str] = field(default_factory=dict)
    led_units: frozenset[str] = frozenset()
    leading_precision: float = 0.75
    implications: dict[str, tuple[Implication, ...]] = field(default_factory=dict)
    unfinished: frozenset[str] = frozenset()
    partial: frozenset[str] = frozenset()
    named_kinds: frozenset[str] = frozenset()
    prefix_types: dict[str, str] = field(default_factory=dict)
    suit_verbs: frozenset[str] = frozenset()
    suit_parties: frozenset[str] = frozenset()
    suit_nouns: frozenset[str] = frozenset()
    suit_precision: float = 0.8
    gazetteer_by_name: dict[str, GazetteerEntry] = field(default_factory=dict)


def normalise_phrase(text: str) -> str:
    """Lower case, single spaces, hyphens closed up: "Co - Founder" -> "co-founder"."""
    return re.sub(r"\s*-\s*", "-", " ".join(text.lower().split()))


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigurationError(f"{path}: cannot read extractor data file ({exc.strerror})") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ConfigurationError(f"{path}: not valid YAML{where}") from None


def _strings(value: Any, path: Path, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise ConfigurationError(f"{path}: {what} must be a list of strings")
    return tuple(str(v) for v in value)


def _gazetteer(path: Path) -> list[GazetteerEntry]:
    data = _read(path)
    if not isinstance(data, list):
        raise ConfigurationError(f"{path}: must be a list of entities")
    entries: list[GazetteerEntry] = []
    seen: set[str] = set()
    for n, item in enumerate(data, 1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ConfigurationError(f"{path}: entry {n} needs a string 'name'")
        name = item["name"].strip()
        etype = item.get("type")
        if etype not in ENTITY_TYPES:
            raise ConfigurationError(
                f"{path}: entry {name!r} has type {etype!r}, not one of {', '.join(ENTITY_TYPES)}"
            )
        if name in seen:
            raise ConfigurationError(f"{path}: entity {name!r} is listed twice")
        seen.add(name)
        wikidata = item.get("wikidata")
        if wikidata is not None and not (
            isinstance(wikidata, str) and wikidata[:1] == "Q" and wikidata[1:].isdigit()
        ):
            raise ConfigurationError(f"{path}: entry {name!r} has wikidata {wikidata!r}, not a Q-id")
        entries.append(
            GazetteerEntry(
                name=name,
                type=etype,
                wikidata=wikidata,
                aliases=_strings(item.get("aliases"), path, f"{name!r} aliases"),
                weak_aliases=_strings(item.get("weak_aliases"), path, f"{name!r} weak_aliases"),
                descriptions=tuple(
                    d.lower() for d in _strings(item.get("descriptions"), path, f"{name!r} descriptions")
                ),
                distinct=bool(item.get("distinct", False)),
            )
        )
    return entries


def _precision(value: Any, path: Path, what: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ConfigurationError(f"{path}: {what} precision must be a number") from None
    if not 0.0 <= number <= 1.0:
        raise ConfigurationError(f"{path}: {what} precision {number} is outside [0, 1]")
    return number


def _named_posts(path: Path, data: dict, roles: dict[str, RoleRow]) -> NamedPosts:
    """``named_posts: {titles: [...], as: <title>}``: the titles, and the row of the title they count as."""
    spec = data.get("named_posts")
    if not spec:
        return NamedPosts()
    if not isinstance(spec, dict):
        raise ConfigurationError(f"{path}: named_posts must be a mapping with titles and as")
    titles = frozenset(t.lower() for t in _strings(spec.get("titles"), path, "named_posts titles"))
    row = roles.get(str(spec.get("as", "")).lower())
    if row is None:
        raise ConfigurationError(f"{path}: named_posts 'as' must be a title of the roles list")
    return NamedPosts(titles, row)


def _roles(path: Path) -> tuple[dict[str, RoleRow], dict]:
    data = _read(path)
    if not isinstance(data, dict) or not isinstance(data.get("roles"), list):
        raise ConfigurationError(f"{path}: needs a 'roles' list")
    table: dict[str, RoleRow] = {}
    for n, item in enumerate(data["roles"], 1):
        if not isinstance(item, dict):
            raise ConfigurationError(f"{path}: role row {n} is not a mapping")
        predicate = item.get("predicate")
        if predicate not in PREDICATES:
            raise ConfigurationError(f"{path}: role row {n} has unknown predicate {predicate!r}")
        precision = _precision(item.get("precision", 0.8), path, f"role row {n}")
        for phrase in _strings(item.get("phrases"), path, f"role row {n} phrases"):
            key = normalise_phrase(phrase)
            table[key] = RoleRow(
                phrase.lower(), predicate, item.get("canonical"), bool(item.get("role", True)), precision
            )
    return table, data


def _rows(path: Path, section: str, kind: str, items: Any) -> list[Row]:
    if items is None:
        return []
    if not isinstance(items, list):
        raise ConfigurationError(f"{path}: '{section}' must be a list of rows")
    rows = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise ConfigurationError(f"{path}: row {n} of '{section}' needs an 'id'")
        rid = item["id"]
        predicate = item.get("predicate")
        if predicate not in PREDICATES:
            raise ConfigurationError(f"{path}: row {rid!r} has unknown predicate {predicate!r}")
        year_fact = item.get("year_fact")
        if year_fact is not None and (year_fact not in PREDICATES or not PREDICATES[year_fact].literal):
            raise ConfigurationError(
                f"{path}: row {rid!r} year_fact {year_fact!r} is not a literal predicate"
            )
        triggers = _strings(
            item.get("verbs") or item.get("nouns") or item.get("words"), path, f"row {rid!r} triggers"
        )
        if not triggers:
            raise ConfigurationError(f"{path}: row {rid!r} has no trigger words")
        rows.append(
            Row(
                id=rid,
                kind=kind,
                triggers=tuple(t.lower() for t in triggers),
                predicate=predicate,
                subject=_strings(item.get("subject"), path, f"row {rid!r} subject"),
                object=_strings(item.get("object"), path, f"row {rid!r} object"),
                co_subjects=_strings(item.get("co_subjects"), path, f"row {rid!r} co_subjects"),
                patient_is=tuple(
                    p.lower() for p in _strings(item.get("patient_is"), path, f"row {rid!r} patient_is")
                ),
                requires=item.get("requires"),
                year_fact=year_fact,
                holder=str(item.get("holder", "org")),
                inverse=bool(item.get("inverse", False)),
                entity_is=str(item.get("entity_is", "subject")),
                pair=bool(item.get("pair", False)),
                target_preps=tuple(
                    p.lower() for p in _strings(item.get("target_preps"), path, f"row {rid!r} target_preps")
                ),
                made_by=tuple(v.lower() for v in _strings(item.get("made_by"), path, f"row {rid!r} made_by")),
                prefix_parent=bool(item.get("prefix_parent", False)),
                target_in_view=bool(item.get("target_in_view", False)),
                precision=_precision(item.get("precision", 0.7), path, f"row {rid!r}"),
            )
        )
    return rows


def _implications(path: Path, items: Any) -> dict[str, tuple[Implication, ...]]:
    if items is None:
        return {}
    if not isinstance(items, list):
        raise ConfigurationError(f"{path}: 'implied' must be a list of entries")
    table: dict[str, list[Implication]] = {}
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise ConfigurationError(f"{path}: entry {n} of 'implied' is not a mapping")
        source, predicate = item.get("from"), item.get("predicate")
        for name in (source, predicate):
            if name not in PREDICATES or PREDICATES[name].literal:
                raise ConfigurationError(f"{path}: entry {n} of 'implied' has unknown predicate {name!r}")
        factor = _precision(item.get("factor"), path, f"'implied' entry {n} factor")
        patterns = frozenset(_strings(item.get("patterns"), path, f"'implied' entry {n} patterns"))
        table.setdefault(source, []).append(
            Implication(source, predicate, bool(item.get("inverse", False)), factor, patterns)
        )
    return {key: tuple(value) for key, value in table.items()}


def _index(rows: list[Row]) -> dict[str, list[Row]]:
    table: dict[str, list[Row]] = {}
    for row in rows:
        for trigger in row.triggers:
            table.setdefault(trigger, []).append(row)
    return table


def _mapping(data: Any, path: Path, key: str) -> dict:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise ConfigurationError(f"{path}: '{key}' must be a mapping")
    return value


@functools.lru_cache(maxsize=4)
def _load(directory: str) -> Resources:
    base = Path(directory)
    if not base.is_dir():
        raise ConfigurationError(f"{base}: extractor data folder does not exist")
    gazetteer = _gazetteer(base / "gazetteer.yaml")
    roles_path = base / "roles.yaml"
    roles, roles_data = _roles(roles_path)

    def role_words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in _strings(roles_data.get(key), roles_path, key))

    modifiers = role_words("modifiers")

    cues_path = base / "type_cues.yaml"
    cues = _read(cues_path) or {}
    if not isinstance(cues, dict):
        raise ConfigurationError(f"{cues_path}: must be a mapping")
    suffixes = {str(k): str(v) for k, v in _mapping(cues, cues_path, "suffixes").items()}
    prefixes = {str(k): str(v) for k, v in _mapping(cues, cues_path, "prefixes").items()}
    descriptors = {str(k).lower(): str(v) for k, v in _mapping(cues, cues_path, "descriptors").items()}
    for key, value in [*suffixes.items(), *prefixes.items(), *descriptors.items()]:
        if value not in ENTITY_TYPES:
            raise ConfigurationError(f"{cues_path}: cue {key!r} has type {value!r}, not an entity type")

    pat_path = base / "patterns.yaml"
    pats = _read(pat_path)
    if not isinstance(pats, dict):
        raise ConfigurationError(f"{pat_path}: must be a mapping with verbs, nouns, relational, hyphenated")
    verb_rows = _rows(pat_path, "verbs", "verb", pats.get("verbs"))
    noun_rows = _rows(pat_path, "nouns", "noun", pats.get("nouns"))
    relational = _rows(pat_path, "relational", "relational", pats.get("relational"))
    hyphen = _rows(pat_path, "hyphenated", "hyphen", pats.get("hyphenated"))
    role_events: dict[str, str] = {}
    for predicate, verbs in _mapping(pats, pat_path, "role_events").items():
        if predicate not in PREDICATES:
            raise ConfigurationError(f"{pat_path}: role_events has unknown predicate {predicate!r}")
        for verb in _strings(verbs, pat_path, f"role_events {predicate}"):
            role_events[verb.lower()] = predicate

    hedge_path = base / "hedges.yaml"
    hedge_data = _read(hedge_path)
    if not isinstance(hedge_data, dict):
        raise ConfigurationError(f"{hedge_path}: must be a mapping")
    hedges = {
        key: frozenset(w.lower() for w in _strings(value, hedge_path, key))
        for key, value in hedge_data.items()
    }

    coref_path = base / "coref.yaml"
    coref = _read(coref_path)
    if not isinstance(coref, dict):
        raise ConfigurationError(f"{coref_path}: must be a mapping")
    honorifics = {
        str(k): (str(v) if v else None) for k, v in _mapping(coref, coref_path, "honorifics").items()
    }

    resources = Resources(
        gazetteer=gazetteer,
        roles=roles,
        role_modifiers=modifiers,
        suffix_types=suffixes,
        descriptor_types=descriptors,
        person_cues=frozenset(_strings(cues.get("person_cues"), cues_path, "person_cues")),
        not_entities=frozenset(_strings(cues.get("not_entities"), cues_path, "not_entities")),
        institution_suffixes=frozenset(
            _strings(cues.get("institution_suffixes"), cues_path, "institution_suffixes")
        ),
        org_only_descriptors=frozenset(
            d.lower() for d in _strings(cues.get("org_only_descriptors"), cues_path, "org_only_descriptors")
        ),
        verb_rows=_index(verb_rows),
        noun_rows=_index(noun_rows),
        relational_rows=_index(relational),
        hyphen_rows={t: row for row in hyphen for t in row.triggers},
        role_events=role_events,
        hedges=hedges,
        pronouns={str(k).lower(): str(v) for k, v in _mapping(coref, coref_path, "pronouns").items()},
        genders={str(k).lower(): str(v) for k, v in _mapping(coref, coref_path, "genders").items()},
        descriptions=frozenset(_strings(coref.get("descriptions"), coref_path, "descriptions")),
        org_generic_words=frozenset(
            _strings(coref.get("org_generic_words"), coref_path, "org_generic_words")
        ),
        honorifics=honorifics,
        corporate_suffixes=frozenset(
            _strings(coref.get("corporate_suffixes"), coref_path, "corporate_suffixes")
        ),
    )
    resources.gazetteer_by_name = {entry.name: entry for entry in gazetteer}
    resources.prefix_types = prefixes
    resources.plural_people = frozenset(
        w.lower() for w in _strings(coref.get("plural_people"), coref_path, "plural_people")
    )
    resources.plural_people_determiners = frozenset(
        w.lower()
        for w in _strings(coref.get("plural_people_determiners"), coref_path, "plural_people_determiners")
    )
    resources.org_parts = frozenset(
        p.lower() for p in _strings(coref.get("org_parts"), coref_path, "org_parts")
    )
    resources.new_words = frozenset(
        w.lower() for w in _strings(coref.get("new_words"), coref_path, "new_words")
    )
    resources.role_wrappers = role_words("wrappers")
    resources.joined_bodies = role_words("joined_bodies")
    resources.named_posts = _named_posts(roles_path, roles_data, roles)
    resources.deputies = role_words("deputies")
    resources.past_adverbs = role_words("past_adverbs")
    leading = _mapping(roles_data, roles_path, "leading")
    resources.leading_verbs = {
        str(k).lower(): str(v) for k, v in _mapping(leading, roles_path, "verbs").items()
    }
    resources.led_units = frozenset(
        w.lower() for w in _strings(leading.get("units"), roles_path, "leading units")
    )
    resources.leading_precision = _precision(leading.get("precision", 0.75), roles_path, "leading")
    suits = _mapping(pats, pat_path, "suit_parties")

    def suit_words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in _strings(suits.get(key), pat_path, f"suit_parties {key}"))

    resources.suit_verbs = suit_words("verbs")
    resources.suit_parties = suit_words("parties")
    resources.suit_nouns = suit_words("suits")
    resources.suit_precision = _precision(suits.get("precision", 0.8), pat_path, "suit_parties")
    resources.appoint_verbs = frozenset(
        v.lower() for v in _strings(pats.get("appoint_verbs"), pat_path, "appoint_verbs")
    )
    resources.implications = _implications(pat_path, pats.get("implied"))
    resources.unfinished = frozenset(
        w.lower() for w in _strings(pats.get("unfinished"), pat_path, "unfinished")
    )
    resources.partial = frozenset(w.lower() for w in _strings(pats.get("partial"), pat_path, "partial"))
    resources.named_kinds = frozenset(
        w.lower() for w in _strings(pats.get("named_kinds"), pat_path, "named_kinds")
    )
    tokens_path = base / "tokens.yaml"
    tokens = _read(tokens_path) or {}
    if not isinstance(tokens, dict):
        raise ConfigurationError(f"{tokens_path}: must map a lemma to its written forms")
    for lemma, forms in tokens.items():
        for form in _strings(forms, tokens_path, f"{lemma!r} forms"):
            resources.whole_words[form] = str(lemma)
            resources.whole_words.setdefault(form[:1].upper() + form[1:], str(lemma))
    return resources


def load_resources(directory: str | Path | None = None) -> Resources:
    """The data tables, read once per folder (``AIGOV_EXTRACT_DATA`` or ``extract/data``)."""
    chosen = directory or os.environ.get("AIGOV_EXTRACT_DATA") or DATA_DIR
    return _load(str(Path(chosen).resolve()))
